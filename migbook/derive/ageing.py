"""Population by five-year age group for the replacement-migration model (UN WPP 2022, from gdiviz).

The 2020 and 2021 groups come from ``wpp2022_pop_5yr_age_sex_2020_2021.csv``; 1990 and 2000
are not in that file, so they are summed from the single ages of gdiviz's ``raw/wpp.rda``
(the same WPP 2022 estimates), read by :func:`read_wpp_rda`, a reader for the few R types that
file holds (no R package is needed). Both sexes together, thousands, ages 0-99: WPP's open
group 100+ is missing from both files (gdiviz's build script dropped it), so the last
group, 95-99, stands for 95 and over here and totals are slightly below WPP's published ones.
"""

from __future__ import annotations

import bz2
import struct
from pathlib import Path

import numpy as np
import pandas as pd

from migbook.derive.common import GDIVIZ, ReconciliationError, read_csv

COUNTRIES = ("DEU", "ITA", "JPN")  # the countries Chapter 9 and Lesson 9 project
YEARS_FROM_RDA = (1990, 2000)  # base years before the CSV's coverage
CSV_YEARS = (2020, 2021)
GROUP = 5
FIVE_YEAR_FILE = "wpp2022_pop_5yr_age_sex_2020_2021.csv"
RDA_FILE = ("raw", "wpp.rda")

# R serialisation (XDR) type codes this reader understands.
_STRSXP, _INTSXP, _LGLSXP, _REALSXP, _VECSXP = 0x10, 0x0D, 0x0A, 0x0E, 0x13


def read_wpp_rda(path: Path) -> pd.DataFrame:
    """The data frame ``wpp`` in gdiviz's ``wpp.rda``: columns iso, t, sex, age, v (thousands).

    A bzip2-compressed R save file (format RDX2, XDR) holding one data frame, a list
    of five columns of strings, integers or doubles; anything else is refused.
    """
    raw = bz2.decompress(path.read_bytes())
    if raw[:7] != b"RDX2\nX\n":
        raise ReconciliationError(f"{path}: not an XDR R save file")
    pos = 7 + 12  # header, then the serialisation version, writer and reader versions

    def i32() -> int:
        nonlocal pos
        value = struct.unpack(">i", raw[pos:pos + 4])[0]
        pos += 4
        return value

    i32()  # a pair list with a tag
    i32()  # the tag is a symbol
    i32()  # its name, a string
    size = i32()
    pos += size
    flags, n = i32(), i32()
    if flags & 0xFF != _VECSXP or n != 5:
        raise ReconciliationError(f"{path}: expected a data frame of 5 columns")
    columns: list[object] = []
    for _ in range(n):
        kind, length = i32() & 0xFF, i32()
        if kind == _STRSXP:
            values: list[str | None] = []
            for _ in range(length):
                i32()
                size = i32()
                values.append(None if size < 0 else raw[pos:pos + size].decode())
                pos += max(size, 0)
            columns.append(values)
        elif kind in (_INTSXP, _LGLSXP):
            columns.append(np.frombuffer(raw[pos:pos + 4 * length], ">i4").astype(np.int64))
            pos += 4 * length
        elif kind == _REALSXP:
            columns.append(np.frombuffer(raw[pos:pos + 8 * length], ">f8").astype(float))
            pos += 8 * length
        else:
            raise ReconciliationError(f"{path}: a column of R type {kind} is not supported")
    return pd.DataFrame(dict(zip(["iso", "t", "sex", "age", "v"], columns, strict=True)))


def _label(lo: int) -> str:
    return f"{lo}-{lo + GROUP - 1}"


def population_age(sources: Path) -> pd.DataFrame:
    """Both sexes by five-year group, thousands: DEU, ITA, JPN in 1990, 2000, 2020 and 2021."""
    single = read_wpp_rda(sources / GDIVIZ / Path(*RDA_FILE))
    single = single[single["iso"].isin(COUNTRIES) & (single["sex"] == "Total")]
    early = single[single["t"].isin(YEARS_FROM_RDA)].assign(age_lo=lambda t: t["age"] // GROUP * GROUP)
    early = early.groupby(["iso", "t", "age_lo"], as_index=False)["v"].sum()
    five = read_csv(sources / GDIVIZ / FIVE_YEAR_FILE)
    late = five[five["iso"].isin(COUNTRIES) & (five["sex"] == "Total") & five["t"].isin(CSV_YEARS)]
    late = late[["iso", "t", "age_lo", "v"]]
    # The two files must agree where both hold the same year.
    check = single[single["t"].isin(CSV_YEARS)].assign(age_lo=lambda t: t["age"] // GROUP * GROUP)
    check = check.groupby(["iso", "t", "age_lo"])["v"].sum()
    gap = (late.set_index(["iso", "t", "age_lo"])["v"] - check).abs().max()
    if not gap < 0.01:
        raise ReconciliationError(f"population_age: wpp.rda and {FIVE_YEAR_FILE} differ by {gap} thousand")
    out = pd.concat([early, late], ignore_index=True).rename(
        columns={"iso": "iso3", "t": "year", "v": "population"})
    out["population"] = out["population"].round(3)
    out.insert(3, "age_group", out["age_lo"].map(_label))
    out = out.sort_values(["iso3", "year", "age_lo"]).reset_index(drop=True)
    groups = out.groupby(["iso3", "year"]).size()
    if len(groups) != len(COUNTRIES) * 4 or set(groups) != {20}:
        raise ReconciliationError("population_age: every country and year needs the 20 groups 0-4 ... 95-99")
    return out


TABLES = {"population_age.csv": population_age}


HANDMADE = Path(__file__).parent / "handmade"


def un_replacement(sources: Path) -> pd.DataFrame:
    """The UN Population Division's replacement-migration scenarios (2000): net migrants 1995-2050, persons.

    Hand-entered, in thousands as printed, from the report's annex tables (each row names
    its table), and multiplied by 1,000; ``sources`` is not read. Checked: six scenarios
    per country, and the constant support ratio needs the most migrants, as the report finds.
    """
    table = read_csv(HANDMADE / "un_replacement_2000.csv")
    table.insert(3, "migrants", table.pop("migrants_thousands") * 1000)
    for iso3, rows in table.groupby("iso3"):
        if list(rows["scenario"]) != ["I", "II", "III", "IV", "V", "VI"]:
            raise ReconciliationError(f"un_replacement: {iso3} needs scenarios I to VI in order")
        if rows["migrants"].idxmax() != rows.index[-1]:
            raise ReconciliationError(f"un_replacement: {iso3}'s constant support ratio is not the largest")
    return table


TABLES["un_replacement.csv"] = un_replacement

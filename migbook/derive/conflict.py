"""Armed conflict by country and year for the book's cases (UCDP/PRIO Armed Conflict Dataset v25.1).

The ACD lists one row per conflict and year in which it caused at least 25
battle-related deaths. ``conflict_years`` keeps the country-years in which a
conflict was fought on the territory of one of the cases Chapter 10 discusses
(a case's Gleditsch-Ward code is among the row's ``gwno_loc`` codes), with how
many conflicts were active there and the higher of their intensities (1: 25 to
999 deaths in the year; 2: 1,000 or more).

Input is ``ucdp_prio_acd_v25_1.csv``, the comma-separated copy of the raw file
made in the sources folder, which also repairs the one record the raw copy
garbles (conflict 11349, China 2008; see that folder's SOURCE.md). No case is
affected by that record; the tests reconcile this table with the raw copy too.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv

UCDP = "ucdp-conflict"
ACD_FILE = "ucdp_prio_acd_v25_1.csv"

# The chapter's cases: UNHCR's code for the country of origin -> UCDP's Gleditsch-Ward location code.
# Serbia (345) is "Serbia (Yugoslavia)" in UCDP: it holds the 1998-99 Kosovo war (UNHCR counts refugees
# from Kosovo under SRB); Turkey (640) holds the PKK insurgency; Iraq (645) its Kurdish and other wars.
CASES = {"AFG": 700, "IRQ": 645, "LKA": 780, "RWA": 517, "SRB": 345, "TUR": 640}
COLUMNS = ["iso3", "gwno", "year", "conflicts", "intensity", "opponents"]


def acd(sources: Path) -> pd.DataFrame:
    """The ACD v25.1, one row per conflict-year, with its location codes as a list of integers."""
    raw = read_csv(sources / UCDP / ACD_FILE, dtype={"gwno_loc": str, "side_b": str})
    return raw.assign(locations=raw["gwno_loc"].map(lambda codes: [int(c) for c in str(codes).split(",")]))


def located(raw: pd.DataFrame, gwno: int) -> pd.DataFrame:
    """The conflict-years fought (at least in part) on the territory of ``gwno``."""
    return raw[raw["locations"].map(lambda codes: gwno in codes)]


def _opponents(sides: pd.Series) -> str:
    """The distinct opposing sides of the year's conflicts, in order, joined by "; "."""
    return "; ".join(dict.fromkeys(side.strip() for side in sides))


def conflict_years(sources: Path) -> pd.DataFrame:
    """One row per case and year with armed conflict on its territory: count, highest intensity, opponents."""
    raw = acd(sources)
    frames = []
    for iso3, gwno in CASES.items():
        rows = located(raw, gwno)
        if rows.empty:
            raise ReconciliationError(f"conflict_years: no ACD conflict located in {iso3} (gwno {gwno})")
        by_year = rows.groupby("year").agg(conflicts=("conflict_id", "nunique"),
                                           intensity=("intensity_level", "max"),
                                           opponents=("side_b", _opponents)).reset_index()
        frames.append(by_year.assign(iso3=iso3, gwno=gwno))
    out = pd.concat(frames, ignore_index=True)[COLUMNS].sort_values(["iso3", "year"]).reset_index(drop=True)
    _check(raw, out)
    return out


def _check(raw: pd.DataFrame, out: pd.DataFrame) -> None:
    """Each case's conflict-years and highest intensities equal the raw rows located there."""
    for iso3, gwno in CASES.items():
        rows = located(raw, gwno)
        mine = out[out["iso3"] == iso3].set_index("year")
        if int(mine["conflicts"].sum()) != len(rows.drop_duplicates(["conflict_id", "year"])):
            raise ReconciliationError(f"conflict_years: {iso3} conflict-years differ from the ACD")
        if not rows.groupby("year")["intensity_level"].max().equals(mine["intensity"].rename("intensity_level")):
            raise ReconciliationError(f"conflict_years: {iso3} intensities differ from the ACD")


TABLES = {"conflict_years.csv": conflict_years}

"""Refugees and armed conflict for Chapter 10's cases: UNHCR's refugees by origin beside UCDP/PRIO's conflict years.

One rule lives here: how a case's refugee series and its years of armed conflict are put on one
axis (every year from ``FIRST_YEAR`` to the last UNHCR year; a year with no UCDP/PRIO row had no
armed conflict on the case's territory; a year with no UNHCR row has no refugee figure).
"""

from __future__ import annotations

import functools

import pandas as pd

from migbook.data.coverage import PARTIAL_YEARS
from migbook.data.loader import load

CASES = ("RWA", "AFG", "LKA", "IRQ", "TUR", "SRB")  # the order the chapter discusses them in
CASE_NAMES = {"SRB": "Serbia (incl. Kosovo)"}  # UNHCR counts refugees from Kosovo under Serbia
FIRST_YEAR = 1975
INTENSITY = {0: "No armed conflict", 1: "Minor armed conflict (25-999 deaths)", 2: "War (1,000+ deaths)"}


def case_name(iso3: str) -> str:
    """The case as the chapter names it (Serbia includes Kosovo in UNHCR's counts)."""
    names = dict(zip(load("countries")["iso3"], load("countries")["name"], strict=True))
    return CASE_NAMES.get(iso3, names[iso3])


def conflict_years(iso3: str | None = None) -> pd.DataFrame:
    """UCDP/PRIO conflict-years on a case's territory (all cases if ``iso3`` is None).

    >>> conflict_years("LKA")["year"].agg(["min", "max"]).tolist()
    [1971, 2009]
    """
    table = load("conflict_years")
    if iso3 is not None:
        if iso3 not in set(table["iso3"]):
            raise ValueError(f"no conflict years for {iso3!r}: the cases are {sorted(set(table['iso3']))}")
        table = table[table["iso3"] == iso3]
    return table.reset_index(drop=True)


@functools.cache
def _refugees_and_conflict() -> pd.DataFrame:
    refugees = load("refugees_by_origin")[["iso3", "year", "refugees"]]
    conflict = load("conflict_years")[["iso3", "year", "intensity", "opponents"]]
    last = int(refugees["year"].max())
    frames = []
    for iso3 in CASES:
        years = pd.DataFrame({"iso3": iso3, "year": range(FIRST_YEAR, last + 1)})
        frames.append(years.assign(case=case_name(iso3)))
    rows = pd.concat(frames, ignore_index=True)
    rows = rows.merge(refugees, on=["iso3", "year"], how="left").merge(conflict, on=["iso3", "year"], how="left")
    rows["intensity"] = rows["intensity"].fillna(0).astype(int)
    rows["conflict"] = rows["intensity"].map(INTENSITY)
    rows["opponents"] = rows["opponents"].fillna("")
    rows["refugees_thousands"] = (rows["refugees"] / 1000).round(1)
    rows["partial"] = rows["year"].isin(list(PARTIAL_YEARS.get("refugees_by_origin", {})))
    return rows[["case", "iso3", "year", "refugees", "refugees_thousands", "intensity", "conflict", "opponents",
                 "partial"]]


def refugees_and_conflict() -> pd.DataFrame:
    """Refugees by origin (UNHCR, end of year) and armed conflict on the territory (UCDP/PRIO), case by year.

    Columns: case, iso3, year, refugees (persons; blank where UNHCR has no row), refugees_thousands,
    intensity (0 none, 1 minor, 2 war), conflict (its words), opponents, partial (a mid-year UNHCR figure).

    >>> rows = refugees_and_conflict().set_index(["iso3", "year"])
    >>> int(rows.loc[("RWA", 1994), "intensity"]), int(rows.loc[("RWA", 1994), "refugees"])
    (2, 2257570)
    """
    return _refugees_and_conflict().copy()

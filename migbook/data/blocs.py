"""Regional blocs: the status of free movement in a year, and how far apart their members' incomes are.

Meyers (2002) argues that labour-mobility agreements hold among states at similar levels of
development. These views put the two sides of that claim in one table: the free-movement status
of each bloc in ``mobility_regimes`` in a year, and the spread of GDP per capita (PPP, WDI) among
the bloc's members that year (members by the one membership rule, :func:`migbook.data.is_member`).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from migbook.data.loader import load
from migbook.data.memberships import _spells, is_member

STATUS_WORDS = {
    "implemented": "free movement in force",
    "partial": "partial mobility only",
    "skilled_only": "skilled or business mobility only",
    "agreed": "agreed, not in force",
    "none": "no mobility agreement",
}


def mobility_status(organisation: str, year: int) -> str:
    """The bloc's free-movement status in ``year``: a key of :data:`STATUS_WORDS`.

    An implemented regime counts from its ``from_year``; between the year it was agreed and then it is
    ``agreed``; any regime counts only from the year it was agreed.

    >>> mobility_status("MERCOSUR", 2005), mobility_status("MERCOSUR", 2010), mobility_status("AU", 2015)
    ('agreed', 'implemented', 'none')
    """
    regimes = _regimes()
    if organisation not in regimes:
        raise KeyError(f"no regime for {organisation!r} in mobility_regimes; see data.load('mobility_regimes')")
    status, agreed, from_year = regimes[organisation]
    if year < agreed:
        return "none"
    if status == "implemented":
        return "implemented" if year >= from_year else "agreed"
    return status


@functools.cache
def _regimes() -> dict[str, tuple[str, int, int | None]]:
    table = load("mobility_regimes")
    return {row.organisation: (row.status, int(row.agreed), None if pd.isna(row.from_year) else int(row.from_year))
            for row in table.itertuples()}


@functools.cache
def _income_dispersion(years: tuple[int, ...]) -> pd.DataFrame:
    economy = load("economy").dropna(subset=["gdp_pc_ppp"])
    income = economy.set_index(["year", "iso3"])["gdp_pc_ppp"]
    rows = []
    spells = _spells()
    for code in load("mobility_regimes")["organisation"]:
        own = spells[spells["organisation"] == code]
        for year in years:
            members = sorted(set(own.loc[is_member(own, year), "iso3"]))  # as members_in(code, year)
            if not members:
                continue
            values = income.reindex([(year, m) for m in members]).dropna().to_numpy()
            if values.size < 2:
                continue
            rows.append({"organisation": code, "year": year, "members": len(members), "with_data": values.size,
                         "ratio": float(values.max() / values.min()),
                         "cv": float(values.std() / values.mean()),
                         "status": mobility_status(code, year)})
    return pd.DataFrame(rows)


def income_dispersion(first: int = 1990, last: int = 2022, years: tuple[int, ...] | None = None) -> pd.DataFrame:
    """For each bloc in ``mobility_regimes`` and year: members, the spread of their GDP per capita, status.

    Columns: ``organisation``, ``year``, ``members`` (all members that year), ``with_data`` (members
    with a GDP per capita figure), ``ratio`` (richest member's GDP per capita over the poorest's),
    ``cv`` (coefficient of variation: standard deviation over mean, members unweighted) and ``status``
    (:func:`mobility_status`). Years with fewer than two members with data are left out. ``years``, if
    given, replaces the range from ``first`` to ``last`` (a figure that needs a few years computes only those).

    >>> t = income_dispersion(2019, 2019).set_index("organisation")
    >>> [round(float(t.loc[code, "ratio"]), 1) for code in ("ANZ_CER", "EU", "AU")]
    [1.1, 5.0, 40.0]
    """
    chosen = tuple(sorted(set(years))) if years is not None else tuple(range(first, last + 1))
    return _income_dispersion(chosen).copy()


def ratio_of(values: object) -> float:
    """Richest over poorest of some incomes (the ``ratio`` column), for a page's worked example.

    >>> ratio_of([10_000, 25_000, 40_000])
    4.0
    """
    arr = np.asarray(values, dtype=float)
    return float(arr.max() / arr.min())

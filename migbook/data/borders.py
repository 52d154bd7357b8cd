"""The US south-west border: the Border Patrol series a chapter compares, and the operations that changed it."""

from __future__ import annotations

import pandas as pd

from migbook.data.loader import load

SOUTHWEST = ("agents_southwest", "apprehensions_southwest", "deaths_southwest")
# The concentrated-enforcement operations that began the build-up (Cornelius 2001; Nevins 2002), with the US
# fiscal year in which each began: Hold the Line in El Paso on 19 September 1993 (the last weeks of FY1993)
# and Gatekeeper in San Diego on 1 October 1994 (the first day of FY1995).
OPERATIONS = pd.DataFrame({
    "operation": ["Hold the Line (El Paso)", "Gatekeeper (San Diego)"],
    "began": ["1993-09-19", "1994-10-01"],
    "fiscal_year": [1993, 1995],
    "source": ["cornelius2001", "cornelius2001"],
})


def southwest_border(start: int = 1992, end: int = 2019) -> pd.DataFrame:
    """Border Patrol agents, apprehensions and recorded deaths on the south-west border, by fiscal year.

    A long table (fiscal_year, measure, value) over ``start`` to ``end``, one row per
    year a series covers: agents and apprehensions from FY1992, deaths from FY1998
    (the years the three series can be set side by side).

    >>> sw = southwest_border(); sorted(sw.groupby("measure")["fiscal_year"].min().items())
    [('agents_southwest', 1992), ('apprehensions_southwest', 1992), ('deaths_southwest', 1998)]
    """
    table = load("border_patrol").query("@start <= fiscal_year <= @end")
    long = table.melt(id_vars="fiscal_year", value_vars=list(SOUTHWEST), var_name="measure", value_name="value")
    long = long.dropna(subset=["value"]).astype({"value": int})
    order = {m: i for i, m in enumerate(SOUTHWEST)}
    return long.sort_values(["measure", "fiscal_year"], key=lambda c: c.map(order) if c.name == "measure" else c)\
        .reset_index(drop=True)

"""Chapter 5's data figure: regional blocs, how far apart their members' incomes are, and free movement.

The rows are :func:`migbook.data.income_dispersion` (memberships by year and WDI GDP per capita, PPP)
with each bloc's free-movement status that year from the ``mobility_regimes`` table.
"""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart
from migbook.figures.theme import PALETTE, WIDTH

YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020, 2022)
DEFAULT_YEAR = "2019"
MEASURES = {
    "ratio": "Richest member's GDP per capita over the poorest's (times)",
    "cv": "Coefficient of variation of members' GDP per capita",
    "members": "Member states",
}
NAMES = {
    "ANZ_CER": "Australia-New Zealand (CER)", "APEC": "APEC", "ASEAN": "ASEAN", "AU": "African Union",
    "BENELUX": "Benelux", "CAN": "Andean Community", "CARICOM": "CARICOM", "EAC": "East African Community",
    "ECOWAS": "ECOWAS", "EU": "European Union", "GCC": "Gulf Cooperation Council", "MERCOSUR": "Mercosur",
    "NAFTA": "NAFTA", "NORDIC_PASSPORT_UNION": "Nordic countries",
    "SADC": "Southern Africa (SADC)", "SICA": "Central America (SICA)", "USMCA": "USMCA",
}
STATUSES = list(data.STATUS_WORDS.values())
BAR, ROW = 16, 24  # px: a bar and the row it sits in


@functools.cache
def _table() -> pd.DataFrame:
    """One row per bloc, year and measure, with the bloc's free-movement status that year in words."""
    spread = data.income_dispersion(years=(*YEARS, int(DEFAULT_YEAR)))
    long = spread.melt(id_vars=["organisation", "year", "status", "with_data"], value_vars=list(MEASURES),
                       var_name="measure", value_name="value")
    long["value"] = long["value"].round(2)
    long["bloc"] = long["organisation"].map(NAMES)
    long["status"] = long["status"].map(data.STATUS_WORDS)
    long["year"] = long["year"].astype(str)
    order = {m: i for i, m in enumerate(MEASURES)}
    long = long.sort_values(["measure", "year", "bloc"], key=lambda c: c.map(order) if c.name == "measure" else c)
    return long.reset_index(drop=True)[["measure", "year", "bloc", "value", "status", "with_data"]]


def table() -> pd.DataFrame:
    """One row per bloc, year and measure, with the bloc's free-movement status that year in words."""
    return _table().copy()


def draw(base: alt.Chart, picked: object, description: str) -> alt.Chart:
    """Horizontal bars, one per bloc, longest at the top, coloured by the status of free movement that year."""
    most = int(table().groupby(["measure", "year"])["bloc"].nunique().max())
    return base.transform_filter(picked).mark_bar(size=BAR).encode(
        y=alt.Y("bloc:N", title="Regional bloc", sort="-x"),
        x=alt.X("value:Q", title="Value of the measure chosen in the menu", scale=alt.Scale(zero=True)),
        color=alt.Color("status:N", title="Free movement", sort=STATUSES,
                        scale=alt.Scale(domain=STATUSES, range=PALETTE[:len(STATUSES)])),
        tooltip=[alt.Tooltip("bloc:N", title="Bloc"), alt.Tooltip("value:Q", title="Value", format=",.2f"),
                 alt.Tooltip("status:N", title="Free movement"),
                 alt.Tooltip("with_data:Q", title="Members with GDP data")],
    ).properties(width=WIDTH, height=ROW * most, description=description)


def _extremes(rows: pd.DataFrame) -> str:
    low, high = rows.loc[rows["value"].idxmin()], rows.loc[rows["value"].idxmax()]
    if len(rows) == 1:
        return f"{low['value']:g} ({low['bloc']})"
    return f"from {low['value']:g} ({low['bloc']}) to {high['value']:g} ({high['bloc']})"


def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """The range of the measure among blocs with free movement in force, and among the others."""
    if rows.empty:
        return f"No bloc has data for {choice['measure']} in {choice['year']}."
    free = rows[rows["status"] == data.STATUS_WORDS["implemented"]]
    other = rows[rows["status"] != data.STATUS_WORDS["implemented"]]
    parts = [f"{choice['measure']}, {choice['year']}: among the {len(free)} blocs with free movement in force, "
             f"{_extremes(free)}" if len(free) else f"{choice['measure']}, {choice['year']}: no bloc has free "
             "movement in force"]
    if len(other):
        parts.append(f"among the {len(other)} others, {_extremes(other)}")
    return "; ".join(parts) + "."


@catalogued("mobility_regimes", "economy", "memberships")
def bloc_incomes() -> SelectorChart:
    """Regional blocs by the spread of their members' GDP per capita, coloured by the status of free movement."""
    rows = table()

    def table_of(chosen: pd.DataFrame) -> pd.DataFrame:
        return chosen.sort_values("value")[["bloc", "value", "status", "with_data"]].rename(columns={
            "bloc": "Bloc", "value": "Value", "status": "Free movement", "with_data": "Members with GDP data"})

    return SelectorChart(
        table=rows, x="bloc", y="value", x_type="N", mark="bar",
        selectors={"measure": "Measure", "year": "Year"},
        labels={"measure": MEASURES}, defaults={"measure": "ratio", "year": DEFAULT_YEAR},
        title="How far apart are the members of each bloc?",
        caption=("For each regional bloc and year: the spread of its members' GDP per capita (PPP, constant 2017 "
                 "international dollars; World Bank WDI) or its number of members, coloured by whether its "
                 "nationals could live and work in each other's countries that year."),
        summary=summary, x_title="Regional bloc", y_title=None, draw=draw,
        columns=["measure", "year", "bloc", "value", "status", "with_data"], table_of=table_of,
        table_caption="Blocs at the starting choice (the richest-to-poorest ratio in 2019)",
    )

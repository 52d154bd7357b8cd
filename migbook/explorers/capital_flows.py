"""Chapter 9's data figure: remittances against foreign investment and official aid, 1990-2022 (WDI)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.data.power import FLOW_NAMES
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart
from migbook.figures.theme import DASHES, HEIGHT, PALETTE, RULE, WIDTH, line_legend

FLOWS = list(FLOW_NAMES.values())
SEED_YEAR = 2000  # the year of the seed's examples of remittances above a tenth of GDP
LAST_YEAR = 2022


def _value(rows: pd.DataFrame, flow: str, year: int) -> str:
    hit = rows[(rows["flow"] == flow) & (rows["year"] == year)]["billions"]
    if hit.empty:
        return "not reported"
    value = hit.iloc[0]
    return f"{value:,.2f} billion" if abs(value) >= 1 else f"{1000 * value:,.0f} million"


def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """The three flows in 2000 and 2022."""
    parts = []
    for year in (SEED_YEAR, LAST_YEAR):
        values = ", ".join(f"{name.split(' (')[0].lower()} {_value(rows, name, year)}" for name in FLOWS)
        parts.append(f"in {year}: {values}")
    return f"{choice['place']}, US dollars {parts[0]}; {parts[1]}."


def draw(base: alt.Chart, picked: Any, description: str) -> alt.TopLevelMixin:
    """One line per flow for the chosen place, and a rule at 2000."""
    lines = base.transform_filter(picked).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[1990, LAST_YEAR])),
        y=alt.Y("billions:Q", title="US$ billions (current)"),
        color=alt.Color("flow:N", title=None, sort=FLOWS, scale=alt.Scale(domain=FLOWS, range=PALETTE[:3]),
                        legend=line_legend()),
        strokeDash=alt.StrokeDash("flow:N", title=None, sort=FLOWS,
                                  scale=alt.Scale(domain=FLOWS, range=[DASHES[0], DASHES[1], DASHES[2]])),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("flow:N", title="Flow"),
                 alt.Tooltip("billions:Q", title="US$ billions", format=",.3f")],
    )
    rule = alt.Chart(alt.Data(values=[{"year": SEED_YEAR}])).mark_rule(**RULE, strokeDash=[4, 4]).encode(
        x="year:Q")
    return alt.layer(lines, rule).properties(width=WIDTH, height=HEIGHT, description=description)


def table_of(rows: pd.DataFrame) -> pd.DataFrame:
    """The three flows by year, US$ billions."""
    wide = rows.pivot(index="year", columns="flow", values="billions").reindex(columns=FLOWS)
    return wide.reset_index().rename(columns={"year": "Year", **{f: f"{f} (US$ bn)" for f in FLOWS}})


@catalogued("capital_flows")
def capital_flows() -> SelectorChart:
    """Remittances received against foreign direct investment and net official aid, 1990-2022 (WDI)."""
    table = data.flows_long()
    return SelectorChart(
        table=table, x="year", y="billions", selectors={"place": "Country"},
        defaults={"place": "El Salvador"}, draw=draw, columns=["year", "billions", "place", "flow"],
        title="Remittances, investment and aid received, 1990-2022",
        caption=("Personal remittances received, net inflows of foreign direct investment and net official "
                 "development assistance received, in current US dollars (World Bank, World Development "
                 "Indicators, January 2025). The first six countries in the menu are those the seed text names "
                 "for 2000 (dashed rule). Gaps are years not reported."),
        summary=summary, x_title="Year", y_title="US$ billions (current)", table_of=table_of,
        table_caption="The three flows by year for the starting choice, US$ billions",
    )

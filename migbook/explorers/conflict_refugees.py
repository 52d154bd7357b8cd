"""Chapter 10's data figure: refugees from each case by year (UNHCR), with its years of armed conflict (UCDP/PRIO)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.data.conflict import FIRST_YEAR, INTENSITY
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH

BANDS = [INTENSITY[1], INTENSITY[2]]
BAND_COLOURS = ["#E69F00", "#D55E00"]
DEFAULT_CASE = "Sri Lanka"


def draw(base: alt.Chart, picked: Any, description: str) -> alt.LayerChart:
    """Shaded bands over the years of armed conflict, and the refugee line on top."""
    chosen = base.transform_filter(picked)
    x = alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[1974.5, 2025.5]))
    bands = chosen.transform_filter(alt.datum.intensity > 0).transform_calculate(
        start="datum.year - 0.5", end="datum.year + 0.5").mark_rect(opacity=0.35).encode(
        x=alt.X("start:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[1974.5, 2025.5])),
        x2="end:Q",
        color=alt.Color("conflict:N", title="Armed conflict",
                        scale=alt.Scale(domain=BANDS, range=BAND_COLOURS), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("year:Q", title="Year"), alt.Tooltip("conflict:N", title="Conflict"),
                 alt.Tooltip("opponents:N", title="Fighting the government")],
    )
    line = chosen.mark_line(point=True, color=PALETTE[0], strokeWidth=2.5).encode(
        x=x, y=alt.Y("refugees_thousands:Q", title="Refugees from the country (thousands)"),
        opacity=alt.condition(alt.datum.partial, alt.value(0.45), alt.value(1.0)),
        tooltip=[alt.Tooltip("case:N", title="Country of origin"), alt.Tooltip("year:Q", title="Year"),
                 alt.Tooltip("refugees_thousands:Q", title="Refugees (thousands)", format=",.1f")],
    )
    return alt.layer(bands, line).properties(width=WIDTH, height=HEIGHT, description=description)


def _spans(years: list[int]) -> str:
    """Years as runs: [1990, 1991, 1992, 1996] -> '1990-1992, 1996'."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """The refugee peak and the conflict years of the chosen case."""
    known = rows.dropna(subset=["refugees"])
    peak = known.loc[known["refugees"].idxmax()]
    last = known.iloc[-1]
    war = rows.loc[rows["intensity"] == 2, "year"].tolist()
    minor = rows.loc[rows["intensity"] == 1, "year"].tolist()
    words = f"war (1,000 or more battle deaths) in {_spans(war)}" if war else "no war-level year"
    if minor:
        words += f" and minor armed conflict in {_spans(minor)}"
    return (f"{choice['case']}: refugees from the country peaked at {peak['refugees_thousands']:,.1f} thousand at "
            f"the end of {int(peak['year'])} and stood at {last['refugees_thousands']:,.1f} thousand in "
            f"{int(last['year'])}{' (mid-year)' if bool(last['partial']) else ''} (UNHCR). UCDP/PRIO records "
            f"{words} on its territory since {FIRST_YEAR}.")


def table_of(rows: pd.DataFrame) -> pd.DataFrame:
    """Year by year: refugees and the conflict recorded."""
    return pd.DataFrame({"Year": rows["year"].to_numpy(),
                         "Refugees (thousands)": rows["refugees_thousands"].to_numpy(),
                         "Armed conflict (UCDP/PRIO)": rows["conflict"].to_numpy()})


@catalogued("refugees_by_origin", "conflict_years")
def conflict_refugees() -> SelectorChart:
    """Refugees by country of origin (UNHCR) and the years of armed conflict there (UCDP/PRIO), Chapter 10's cases."""
    return SelectorChart(
        table=data.refugees_and_conflict(), x="year", y="refugees_thousands", selectors={"case": "Country of origin"},
        defaults={"case": DEFAULT_CASE}, draw=draw,
        columns=["case", "year", "refugees_thousands", "intensity", "conflict", "opponents", "partial"],
        title="Refugees and armed conflict, 1975-2025",
        caption=("Refugees from the chosen country at the end of each year (UNHCR; 2025 is mid-year, drawn faint), "
                 "with the years in which the UCDP/PRIO Armed Conflict Dataset v25.1 records armed conflict on its "
                 "territory shaded (to 2024). Serbia includes refugees from Kosovo."),
        summary=summary, x_title="Year", y_title="Refugees (thousands)", table_of=table_of,
        table_caption="Refugees (thousands, end of year) and armed conflict, year by year, for the chosen country",
    )

"""Chapter 6's data figure: membership of the European Community and Union and of Schengen, year by year."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart
from migbook.figures.theme import PALETTE, WIDTH

LAST_YEAR = 2025
VIEWS = {"EEC": "EEC and EU", "EU": "EEC and EU", "SCHENGEN": "Schengen area"}
PHASES = ["European Economic Community", "European Union", "Schengen area (full)", "Schengen area (air and sea only)"]
ROW = 14  # px per state


def spells() -> pd.DataFrame:
    """The spells as the figure draws them: the view (menu), the phase (colour), start and end years."""
    table = data.integration_spells(LAST_YEAR)
    phase = table["label"].where(table["organisation"] != "SCHENGEN",
                                 table["status"].map({"full": PHASES[2], "partial": PHASES[3]}))
    out = table.assign(view=table["organisation"].map(VIEWS), phase=phase)
    out["first"] = out.groupby(["view", "iso3"])["start"].transform("min")
    return out.sort_values(["view", "first", "country", "start"]).reset_index(drop=True)


def members(rows: pd.DataFrame, year: int) -> set[str]:
    """The states with a spell that counts in ``year`` (from its start up to, not including, its end)."""
    return set(rows.loc[(rows["start"] <= year) & (rows["end"] > year), "iso3"])


def departures(rows: pd.DataFrame) -> pd.DataFrame:
    """Each state whose last spell ended before today: its row of that spell (the year it left is ``end``)."""
    last = rows.loc[rows.groupby("iso3")["end"].idxmax()]
    return last[last["end"] <= LAST_YEAR].sort_values(["end", "country"])


def draw(base: alt.Chart, picked: Any, description: str) -> alt.Chart:
    """One row per state, a bar for each spell from the year it joined to the year it left (or today)."""
    return base.transform_filter(picked).mark_bar(height=ROW - 4).encode(
        x=alt.X("start:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(domain=[1955, LAST_YEAR + 1])),
        x2="end:Q",
        y=alt.Y("country:N", title=None, sort=alt.EncodingSortField("first", op="min"),
                axis=alt.Axis(labelLimit=140)),
        color=alt.Color("phase:N", title="Membership", sort=PHASES,
                        scale=alt.Scale(domain=PHASES, range=[PALETTE[4], PALETTE[0], PALETTE[2], PALETTE[3]]),
                        legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=[alt.Tooltip("country:N", title="State"), alt.Tooltip("phase:N", title="Membership"),
                 alt.Tooltip("start:Q", title="From", format="d"), alt.Tooltip("end:Q", title="Until", format="d")],
    ).properties(width=WIDTH - 120, height=ROW * 32, description=description)


def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """Founders, the largest membership and its years, the membership today, and who left."""
    first = int(rows["start"].min())
    counts = {year: len(members(rows, year)) for year in range(first, LAST_YEAR + 1)}
    most = max(counts.values())
    peak = [year for year, n in counts.items() if n == most]
    left = departures(rows)
    exits = "; no member has left" if left.empty else "; " + ", ".join(
        f"{r.country} left in {r.end}" for r in left.itertuples())
    return (f"{choice['view']}: {counts[first]} members in {first}, most members {most} ({peak[0]} to {peak[-1]}), "
            f"{counts[LAST_YEAR]} in {LAST_YEAR}{exits}.")


def rounds(rows: pd.DataFrame) -> pd.DataFrame:
    """The text alternative: each year in which states joined or left, and which."""
    joined = rows[rows["start"] == rows["first"]].groupby("start")["country"].agg(lambda c: ", ".join(sorted(c)))
    left = departures(rows).groupby("end")["country"].agg(lambda c: ", ".join(sorted(c)))
    years = sorted(set(joined.index) | set(left.index))
    return pd.DataFrame({"Year": years, "Joined": [joined.get(y, "") for y in years],
                         "Left": [left.get(y, "") for y in years],
                         "Members": [len(members(rows, y)) for y in years]})


@catalogued("memberships", "countries")
def european_integration() -> SelectorChart:
    """Membership of the European Community and Union, and of the Schengen area, year by year."""
    return SelectorChart(
        table=spells(), x="start", y="end", selectors={"view": "Show"}, defaults={"view": "EEC and EU"},
        columns=["view", "iso3", "country", "phase", "start", "end", "first"], draw=draw,
        title="Who was in: the European Community and Union, and the Schengen area",
        caption=("Each bar runs from the year a state joined to the year it left (or to today). Pick the "
                 "European Economic Community and the European Union, or the Schengen area."),
        summary=summary, x_title="Year", y_title="State", table_of=rounds,
        table_caption="Years in which states joined or left, and the members that year",
    )

"""Chapter 11's data figures: the 2018 votes on the two global compacts, and who hosts the world's refugees.

The tables are :func:`migbook.data.compact_votes` (UN General Assembly roll calls, Voeten's data,
beside UN DESA 2020 migrant shares) and :func:`migbook.data.refugee_hosting` (UNHCR end-of-year
figures with the World Bank's income groups of 1 July 2024).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.data.compacts import (
    FIRST_HOSTING_YEAR,
    HOSTING_MEASURES,
    LAST_HOSTING_YEAR,
    RESOLUTIONS,
    VOTE_WORDS,
)
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart
from migbook.figures.theme import DASHES, HEIGHT, INK, PALETTE, WIDTH, line_legend

VOTES = list(VOTE_WORDS.values())
VOTE_COLOURS = [PALETTE[0], PALETTE[4], PALETTE[1], "#777777"]
MEASURES = list(HOSTING_MEASURES.values())


def draw_votes(base: alt.Chart, picked: Any, description: str) -> alt.LayerChart:
    """One dot per member on a log scale of migrant share, a row per vote, and a tick at each row's median."""
    chosen = base.transform_filter(picked)
    y = alt.Y("vote_words:N", title=None, sort=VOTES)
    x = alt.X("share_pct:Q", title="International migrants, % of the population (2020, log scale)",
              scale=alt.Scale(type="log", domain=[0.05, 100], nice=False),
              axis=alt.Axis(values=[0.1, 0.3, 1, 3, 10, 30, 100], format="~g"))
    dots = chosen.transform_filter(alt.datum.share_pct > 0).mark_circle(size=70, opacity=0.6).encode(
        x=x, y=y,
        color=alt.Color("vote_words:N", title="Vote", sort=VOTES, scale=alt.Scale(domain=VOTES, range=VOTE_COLOURS),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("country:N", title="Member"), alt.Tooltip("vote_words:N", title="Vote"),
                 alt.Tooltip("share_pct:Q", title="Migrants, % of population", format=".1f")],
    )
    medians = chosen.transform_aggregate(median="median(share_pct)", groupby=["vote_words"]).mark_tick(
        color=INK, thickness=3, size=34).encode(
        x=alt.X("median:Q", scale=alt.Scale(type="log", domain=[0.05, 100], nice=False)), y=y,
        tooltip=[alt.Tooltip("vote_words:N", title="Vote"),
                 alt.Tooltip("median:Q", title="Median migrant share (%)", format=".1f")])
    return alt.layer(dots, medians).properties(width=WIDTH, height=HEIGHT, description=description)


def summary_votes(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """How many members voted each way, and their median migrant share."""
    parts = []
    for vote, words in VOTE_WORDS.items():
        of_vote = rows[rows["vote"] == vote]
        parts.append(f"{words.lower()} {len(of_vote)} (median migrant share {of_vote['share_pct'].median():.1f} %)")
    return f"{choice['resolution_words']}: " + "; ".join(parts) + f", of {len(rows)} UN members."


def table_votes(rows: pd.DataFrame) -> pd.DataFrame:
    """Members by vote, their median migrant share, and the names of those against, abstaining or absent."""
    out = []
    for vote, words in VOTE_WORDS.items():
        of_vote = rows[rows["vote"] == vote].sort_values("country")
        names = "" if vote == "yes" else ", ".join(of_vote["country"])
        out.append({"Vote": words, "Members": len(of_vote),
                    "Median migrant share (%)": round(float(of_vote["share_pct"].median()), 1), "Who": names})
    return pd.DataFrame(out)


@catalogued("un_votes_2018", "migrant_stock", "economy")
def compact_votes() -> SelectorChart:
    """Each UN member's vote on the 2018 compacts against its migrant share (Voeten's UN votes; UN DESA 2020)."""
    return SelectorChart(
        table=data.compact_votes(), x="share_pct", y="vote_words", selectors={"resolution_words": "Resolution"},
        defaults={"resolution_words": RESOLUTIONS["A/RES/73/195"]}, draw=draw_votes,
        columns=["resolution_words", "country", "vote", "vote_words", "share_pct"],
        title="The 2018 votes on the global compacts, by migrant share",
        caption=("How each of the 193 UN members voted in the General Assembly on the resolution endorsing the "
                 "Global Compact for Migration (73/195) or the resolution that affirmed the Global Compact on "
                 "Refugees (73/151), against the international migrant stock as a share of its population in "
                 "2020 (UN DESA 2020 revision over World Bank population). Ticks mark each group's median. "
                 "Votes from Voeten's UN General Assembly voting data; members with no recorded vote were absent "
                 "or did not vote."),
        summary=summary_votes, x_title="Migrant share (%)", y_title=None, table_of=table_votes,
        table_caption="Members by vote on the chosen resolution, with their median migrant share",
    )


def draw_hosting(base: alt.Chart, picked: Any, description: str) -> alt.Chart:
    """Two lines: the share hosted by the year's ten largest hosts, and by low- and middle-income countries."""
    return base.transform_filter(picked).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("year:Q", title="Year (end of year)", axis=alt.Axis(format="d"),
                scale=alt.Scale(domain=[FIRST_HOSTING_YEAR, LAST_HOSTING_YEAR])),
        y=alt.Y("share_pct:Q", title="Share of the world total (%)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("measure_words:N", title=None, sort=MEASURES,
                        scale=alt.Scale(domain=MEASURES, range=PALETTE[:2]), legend=line_legend(columns=1)),
        strokeDash=alt.StrokeDash("measure_words:N", title=None, sort=MEASURES,
                                  scale=alt.Scale(domain=MEASURES, range=[DASHES[0], DASHES[1]])),
        tooltip=[alt.Tooltip("year:Q", title="Year", format="d"), alt.Tooltip("measure_words:N", title="Measure"),
                 alt.Tooltip("share_pct:Q", title="Per cent", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def _share(rows: pd.DataFrame, measure: str, year: int) -> float:
    return float(rows.loc[(rows["measure"] == measure) & (rows["year"] == year), "share_pct"].iloc[0])


def summary_hosting(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """Both shares at the start, in 2021 and at the end."""
    first, last = int(rows["year"].min()), int(rows["year"].max())
    years = (first, 2021, 2022, last)
    parts = [f"{HOSTING_MEASURES[m].lower()}: " + ", ".join(f"{_share(rows, m, y):.1f} % in {y}" for y in years)
             for m in HOSTING_MEASURES]
    return f"{choice['population_words']}, " + "; ".join(parts) + "."


def table_hosting(rows: pd.DataFrame) -> pd.DataFrame:
    """Both shares by year."""
    wide = rows.pivot(index="year", columns="measure", values="share_pct")[list(HOSTING_MEASURES)]
    return wide.reset_index().rename(columns={"year": "Year", **{m: f"{w} (%)" for m, w in HOSTING_MEASURES.items()}})


@catalogued("refugees_by_asylum", "income_groups")
def refugee_hosting() -> SelectorChart:
    """Who hosts the world's refugees: the share in the ten largest hosts and in low- and middle-income countries."""
    return SelectorChart(
        table=data.refugee_hosting(), x="year", y="share_pct", selectors={"population_words": "Who is counted"},
        draw=draw_hosting, columns=["population_words", "year", "share_pct", "measure", "measure_words"],
        title="Who hosts the world's refugees, 1993-2024",
        caption=("Share of the refugees (or refugees and asylum-seekers) in UNHCR's statistics at the end of each "
                 "year who were in the ten largest host countries of that year, and in countries the World Bank "
                 "classed as low or middle income on 1 July 2024 (the same groups for every year). Refugees under "
                 "UNHCR's mandate only: Palestine refugees under UNRWA and other people in need of international "
                 "protection are not counted. UNHCR Refugee Population Statistics, package 2025.12.1."),
        summary=summary_hosting, x_title="Year", y_title="Share of the world total (%)", table_of=table_hosting,
        table_caption="Shares of the world total by year (%), for the chosen population",
    )

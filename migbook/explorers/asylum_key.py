"""Chapter 6's model figure: a responsibility-sharing key against where asylum seekers applied."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import PALETTE, WIDTH
from migbook.models import asylum_key as model
from migbook.models.asylum_key import DEFAULTS

SERIES = ["Share under the key", "Share of applications lodged"]
SIZE_WEIGHTS = (10, 40, 70)  # per cent, before the four weights are divided by their sum
CORRECTION_WEIGHTS = (0, 10, 20)
YEARS = (2015, 2022)  # the relocation decisions; the last year with population and GDP in data/
SCOPES = (0, 1)
SCOPE_LABELS = ("EU members that year", "EU members plus the UK, Norway and Switzerland")
ROW = 15  # px per state


def pct(share: float) -> int:
    """A default weight as the slider shows it (per cent)."""
    return round(100 * share)


def shares(w_pop: int, w_gdp: int, w_unemp: int, w_past: int, year: int, plus: int) -> pd.DataFrame:
    """For one setting: each state's inputs, key share and actual share of applications (per cent)."""
    inputs = data.key_inputs(year, bool(plus))
    key = model.key_shares(inputs["population"], inputs["gdp"], inputs["unemployment_pct"],
                           inputs["past_per_million"], (w_pop, w_gdp, w_unemp, w_past), DEFAULTS.cap)
    gap = model.fair_share_gap(key, inputs["applications"])
    actual = inputs["applications"] / inputs["applications"].sum()
    out = inputs.assign(key_pct=100 * key, actual_pct=100 * actual, gap_pp=100 * gap,
                        accepts=model.would_accept(key, inputs["applications"]))
    return out.sort_values("key_pct", ascending=False).reset_index(drop=True)


def run(w_pop: int, w_gdp: int, w_unemp: int, w_past: int, year: int, plus: int) -> pd.DataFrame:
    """Long form: the state (x), its share in per cent (y), and which share (series)."""
    table = shares(w_pop, w_gdp, w_unemp, w_past, year, plus)
    return pd.DataFrame({
        "x": np.tile(table["country"].to_numpy(), 2),
        "y": np.concatenate([table["key_pct"].round(2), table["actual_pct"].round(2)]),
        "series": np.repeat(SERIES, len(table)),
    })


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """A dot plot: for each state (rows, largest key share first), its key share and its actual share."""
    return base.mark_point(size=70, filled=True, opacity=0.9).encode(
        y=alt.Y("x:N", title=None, sort=None, axis=alt.Axis(labelLimit=140)),
        x=alt.X("y:Q", title="Share of asylum seekers (%)", scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", title="Share", sort=SERIES,
                        scale=alt.Scale(domain=SERIES, range=PALETTE[:2]), legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("series:N", title="Share", sort=SERIES,
                        scale=alt.Scale(domain=SERIES, range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("x:N", title="State"), alt.Tooltip("series:N", title="Share"),
                 alt.Tooltip("y:Q", title="Per cent", format=".1f")],
    ).properties(width=WIDTH - 120, height=ROW * 30, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """The weights, the largest key share and the states that would accept the key."""
    table = shares(**params)
    top = table.iloc[0]
    biggest = table.loc[table["actual_pct"].idxmax()]
    accepting = int(table["accepts"].sum())
    who = SCOPE_LABELS[params["plus"]]
    return (f"Weights {params['w_pop']} population, {params['w_gdp']} GDP, {params['w_unemp']} unemployment and "
            f"{params['w_past']} past applications, {params['year']}, {who}: the key gives {top['country']} "
            f"the largest share, {top['key_pct']:.1f} %, and {biggest['country']} received the largest share of "
            f"applications, {biggest['actual_pct']:.1f} %. {accepting} of {len(table)} states received at least "
            "their key share and would accept the key; the rest would take more under it.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Each state's key share, actual share and the gap, in per cent, at the starting setting."""
    wide = run.pivot(index="x", columns="series", values="y")[SERIES]
    wide["Gap (points)"] = (wide[SERIES[1]] - wide[SERIES[0]]).round(1)
    wide = wide.round(1).sort_values(SERIES[0], ascending=False).reset_index()
    return wide.rename(columns={"x": "State", SERIES[0]: "Key share (%)", SERIES[1]: "Actual share (%)"})


@catalogued("economy", "unemployment", "asylum_applications", "memberships", "eu_asylum_measures")
def asylum_key() -> GridExplorer:
    """A responsibility-sharing key for asylum seekers against the applications each state received."""
    published = data.published_key()
    start = {"w_pop": pct(DEFAULTS.w_population), "w_gdp": pct(DEFAULTS.w_gdp),
             "w_unemp": pct(DEFAULTS.w_unemployment), "w_past": pct(DEFAULTS.w_past)}
    return GridExplorer(
        title="A fair share? A distribution key against where asylum seekers applied",
        caption=("Each state's share of asylum seekers under a key weighing population, GDP, unemployment and "
                 "past applications (the last two count against a state), beside its share of "
                 "the applications actually lodged that year (UNHCR; WDI). Weights are relative; the Commission's "
                 f"2015 key used {pct(published['population'])}, {pct(published['gdp'])}, "
                 f"{pct(published['unemployment'])} and {pct(published['past'])}, with a "
                 f"{pct(published['cap'])} % cap."),
        controls=[
            Control("w_pop", "Weight on population", SIZE_WEIGHTS, start["w_pop"]),
            Control("w_gdp", "Weight on GDP", SIZE_WEIGHTS, start["w_gdp"]),
            Control("w_unemp", "Weight on unemployment", CORRECTION_WEIGHTS, start["w_unemp"]),
            Control("w_past", "Weight on past applications", CORRECTION_WEIGHTS, start["w_past"]),
            Control("year", "Year", YEARS, DEFAULTS.year, kind="radio"),
            Control("plus", "States taking part", SCOPES, int(DEFAULTS.associates), kind="radio",
                    labels=SCOPE_LABELS),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=(f"Key share and actual share of applications, {DEFAULTS.year}, "
                       "the Commission's weights (per cent; gap in percentage points)"),
    )

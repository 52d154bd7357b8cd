"""Chapter 7's model figure: border enforcement against a smuggling market (:mod:`migbook.models.border_market`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, line_legend, series_style
from migbook.models import border_market as model
from migbook.models.border_market import DEFAULTS

ENFORCEMENT = np.round(np.arange(0, 4.01, 0.25), 2)  # the x axis: multiples of the base effort
MEASURES = {  # outcome -> (menu words with unit, how one value is written)
    "crossings": ("Crossing attempts (thousand a year)", "{:,.0f} thousand attempts"),
    "fee": ("Smuggler's fee (US dollars)", "a fee of ${:,.0f}"),
    "apprehensions": ("Apprehensions (thousand a year)", "{:,.0f} thousand apprehensions"),
    "dangerous_share": ("Share of attempts on the dangerous route (%)", "{:.0f} % on the dangerous route"),
    "deaths": ("Expected deaths (persons a year)", "{:,.0f} expected deaths"),
}
HARD, EASY = 3000.0, DEFAULTS.hardship  # the most the dangerous route's hardship costs a crosser (dollars)
ROUTES = {  # series -> model settings
    "Dangerous route shut": {"dangerous_open": False},
    f"Switching hard (hardship up to ${HARD:,.0f})": {"hardship": HARD},
    f"Switching easy (hardship up to ${EASY:,.0f})": {"hardship": EASY},
}
RISKS = (2.5, 5.0, 7.5, 10.0)  # deaths per 10,000 attempts on the dangerous route (evenly spaced: a slider)
COSTS = (0, 200, 400, 600)  # dollars added to the smuggler's cost per unit of enforcement


def outcomes(risk: float, cost: float, enforcement: np.ndarray = ENFORCEMENT) -> dict[str, pd.DataFrame]:
    """The market at each enforcement level for each route setting (``risk`` per 10,000, ``cost`` in dollars)."""
    return {name: model.market(enforcement, risk=risk / 10_000, enforcement_cost=cost, **kw)
            for name, kw in ROUTES.items()}


def run(measure: str, risk: float, cost: float) -> pd.DataFrame:
    """The chosen outcome (y) against enforcement (x), one series per route setting."""
    scale = 100 if measure == "dangerous_share" else 1
    return pd.concat([pd.DataFrame({"x": m["enforcement"], "y": (scale * m[measure]).round(1), "series": name})
                      for name, m in outcomes(risk, cost).items()], ignore_index=True)


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """A line for each route setting."""
    names = list(ROUTES)
    return base.mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Enforcement on the easy route (multiples of the base effort)"),
        y=alt.Y("y:Q", title="The outcome chosen in the menu", scale=alt.Scale(zero=True)),
        **series_style(names, title="Routes", legend=line_legend(columns=1)),
        tooltip=[alt.Tooltip("x:Q", title="Enforcement"), alt.Tooltip("series:N", title="Routes"),
                 alt.Tooltip("y:Q", title="Value", format=",.1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """What doubling enforcement from the starting level does to the chosen outcome, route by route."""
    words, form = MEASURES[params["measure"]]
    start, double = DEFAULTS.enforcement, 2 * DEFAULTS.enforcement
    parts = []
    for name in ROUTES:
        rows = run[run["series"] == name].set_index("x")["y"]
        parts.append(f"{name.lower()}, from {form.format(rows[start])} to {form.format(rows[double])}")
    return (f"{words}, with {params['risk']:g} deaths per 10,000 attempts on the dangerous route and smugglers' "
            f"costs rising ${params['cost']:,.0f} per unit of enforcement: doubling enforcement from {start:g} to "
            f"{double:g} moves it, " + "; ".join(parts) + ".")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The outcome at whole levels of enforcement, one column per route setting."""
    wide = run.pivot(index="x", columns="series", values="y")[list(ROUTES)]
    return wide.loc[wide.index % 1 == 0].reset_index().rename(columns={"x": "Enforcement"})


@catalogued()
def border_market() -> GridExplorer:
    """Crossings, fees, apprehensions, the dangerous route's share and deaths as border enforcement rises."""
    return GridExplorer(
        title="Border enforcement against a smuggling market",
        caption=("A linear market for smuggled crossings with an easy route, where enforcement raises the chance "
                 "of apprehension, and a dangerous one. Each line follows the outcome chosen in the menu as "
                 "enforcement on the easy route rises: with the dangerous route shut, and with switching to it "
                 "hard or easy. Illustrative numbers, not estimates."),
        controls=[
            # The sliders come first: the risk moves only deaths, which the menu shows at the start.
            Control("risk", "Deaths per 10,000 attempts on the dangerous route", RISKS,
                    DEFAULTS.risk * 10_000, live_step=0.5),
            Control("cost", "Smugglers' cost per unit of enforcement ($)", COSTS,
                    int(DEFAULTS.enforcement_cost), live_step=50),
            Control("measure", "Outcome", tuple(MEASURES), "deaths", kind="select",
                    labels=tuple(words for words, _ in MEASURES.values())),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption="Expected deaths a year at whole levels of enforcement, at the starting settings",
    )

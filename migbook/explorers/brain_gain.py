"""Chapter 9's second model figure: brain drain or brain gain as the chance to emigrate rises.

The model is :mod:`migbook.models.brain_gain` (after Mountford 1997; Stark, Helmenstein and
Prskawetz 1997; Beine, Docquier and Rapoport 2001).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import DASHES, HEIGHT, WIDTH, series_style
from migbook.models import brain_gain as model
from migbook.models.brain_gain import DEFAULTS

RATIOS = (1.5, 2.0, 3.0, 4.0, 6.0, 10.0)  # the premium abroad, times the home premium
PREMIUMS = (0.1, 0.2, 0.3)
PROBABILITIES = np.round(np.linspace(0, 1, 21), 2)
NAMES = ["Educated", "Educated and staying", "Educated, no migration"]


def run(ratio: float, premium: float) -> pd.DataFrame:
    """Shares of a cohort (y, per cent) against the chance of emigrating (x, per cent), three series."""
    p = PROBABILITIES
    values = {
        NAMES[0]: model.educated_share(p, premium, ratio),
        NAMES[1]: model.skilled_residents(p, premium, ratio),
        NAMES[2]: np.full(p.size, premium),
    }
    return pd.concat([pd.DataFrame({"x": np.round(100 * p).astype(int), "y": np.round(100 * v, 1), "series": k})
                      for k, v in values.items()], ignore_index=True)


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """Three lines: the educated, the educated who stay, and the no-migration level."""
    return base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Chance that a skilled person emigrates (%)"),
        y=alt.Y("y:Q", title="Share of the cohort (%)", scale=alt.Scale(domain=[0, 100])),
        **series_style(NAMES, dashes=[DASHES[0], DASHES[0], DASHES[1]]),
        tooltip=[alt.Tooltip("x:Q", title="Chance of emigrating (%)"), alt.Tooltip("series:N", title="Share"),
                 alt.Tooltip("y:Q", title="Per cent", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """Where the brain gain ends, and where the skilled who stay peak."""
    ratio, premium = params["ratio"], params["premium"]
    stay = run[run["series"] == NAMES[1]]
    peak = stay.loc[stay["y"].idxmax()]
    if float(model.threshold(ratio)) == 0:
        return (f"With a premium abroad {ratio:g} times the home premium of {premium:g}, any chance of emigrating "
                f"leaves fewer skilled people at home than the {100 * premium:.0f} % without migration: "
                "a pure brain drain.")
    return (f"With a premium abroad {ratio:g} times the home premium of {premium:g}, more skilled people stay "
            f"than the {100 * premium:.0f} % without migration as long as the chance of emigrating is below "
            f"{100 * float(model.threshold(ratio, premium)):.0f} %; on this grid they peak at {peak['y']:.1f} % "
            f"when the chance is {int(peak['x'])} %.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The three shares every 10 points of probability."""
    wide = run.pivot(index="x", columns="series", values="y")[NAMES]
    return wide.loc[wide.index % 10 == 0].reset_index().rename(columns={"x": "Chance of emigrating (%)"})


@catalogued()
def brain_gain() -> GridExplorer:
    """Brain drain or gain: the skilled who stay as the chance of emigrating rises."""
    return GridExplorer(
        title="Can a brain drain leave more skilled people at home?",
        caption=("Education chosen in view of the chance to emigrate: the share of a cohort that gets educated, "
                 "the share educated and still at home, and the share educated with no migration at all, "
                 "as the chance that a skilled person emigrates rises."),
        controls=[Control("ratio", "Premium abroad (times the home premium)", RATIOS, DEFAULTS.ratio, kind="select"),
                  Control("premium", "Home premium (share of the highest cost)", PREMIUMS, DEFAULTS.premium,
                          kind="radio")],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=(f"Shares of the cohort (%) with a premium abroad {DEFAULTS.ratio:g} times a home premium "
                       f"of {DEFAULTS.premium:g}"),
    )

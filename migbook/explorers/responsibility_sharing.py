"""The model figure of :mod:`migbook.models.responsibility_sharing` (TODO: say which chapter shows it)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH
from migbook.models import responsibility_sharing as model
from migbook.models.responsibility_sharing import DEFAULTS

RATES = tuple(range(11))  # the static twin's choices, in per cent a year
TABLE_EVERY_YEARS = 5


def run(rate: int) -> pd.DataFrame:
    """One run in long form: year (x), level in thousands (y) and the series label."""
    levels = model.path(DEFAULTS.level, rate / 100, DEFAULTS.years)[0]
    return pd.DataFrame({"x": np.arange(levels.size), "y": levels.round(1), "series": "level"})


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """One line: the level over the years."""
    return base.mark_line(point=True, strokeWidth=2.5, color=PALETTE[0]).encode(
        x=alt.X("x:Q", title="Years from the start", axis=alt.Axis(format="d")),
        y=alt.Y("y:Q", title="Level (thousand people)", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("x:Q", title="Year", format="d"),
                 alt.Tooltip("y:Q", title="Thousands", format=",.1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """The sentence a screen reader hears: where the level starts and where it ends."""
    first, last = run["y"].iloc[0], run["y"].iloc[-1]
    return (f"Growing by {params['rate']} % a year, the level goes from {first:,.1f} thousand to "
            f"{last:,.1f} thousand in {int(run['x'].iloc[-1])} years.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The level every five years."""
    every = run[run["x"] % TABLE_EVERY_YEARS == 0]
    return pd.DataFrame({"Year": every["x"].to_numpy(), "Level (thousands)": every["y"].to_numpy()})


@catalogued()
def responsibility_sharing() -> GridExplorer:
    """TODO: one line on what the figure shows (the catalogue and the data pages list it)."""
    rate = round(100 * DEFAULTS.rate)
    return GridExplorer(
        title="TODO: the figure's title",
        caption="TODO: the caption: what the model is and what the line shows.",
        controls=[Control("rate", "Growth rate (% a year)", RATES, rate)],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=f"The level every {TABLE_EVERY_YEARS} years at {rate} % a year",
    )

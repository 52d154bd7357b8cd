"""Chapter 3's model figure: the win-sets of a global agreement (:mod:`migbook.models.win_sets`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.explorers._positions import positions
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, series_style
from migbook.models import win_sets as model
from migbook.models.win_sets import DEFAULTS

DESIGNS = np.arange(0, 101, 5)
GROUPS = ["sending", "receiving"]
TOP = 10  # the zone of agreement is reported for this many countries with the highest net immigration


def run(w: int) -> pd.DataFrame:
    """For each design (x), the sending and receiving countries (series) that would ratify it (y)."""
    states = positions()
    support = model.support_by_design(states["ideal"], states["receiving"], w, DESIGNS)
    return support.rename(columns={"design": "x", "states": "y", "group": "series"})


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """A line for the sending and one for the receiving countries."""
    return base.mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Design of the agreement (0 = asks nothing; 100 = all sending states ask)"),
        y=alt.Y("y:Q", title="Countries that would ratify"),
        **series_style(GROUPS, title="Countries"),
        tooltip=[alt.Tooltip("x:Q", title="Design"), alt.Tooltip("series:N", title="Countries"),
                 alt.Tooltip("y:Q", title="Would ratify")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """The design most receiving countries accept, its support among senders, and the zone of agreement."""
    states = positions()
    lows, highs = model.win_sets(states["ideal"], params["w"])
    top = states.assign(low=lows, high=highs).nlargest(TOP, "net_migration_rate")
    zone = model.agreement_zone(top["low"], top["high"])
    wide = run.pivot(index="x", columns="series", values="y")
    best = wide["receiving"].idxmax()
    zone_text = ("no design that all ten countries with the highest net immigration would ratify" if zone is None
                 else f"designs from {zone[0]:.0f} to {zone[1]:.0f} that the ten countries with the highest net "
                      "immigration would all ratify")
    return (f"With win-sets {params['w']} points wide on each side, the design most receiving countries "
            f"accept is {best:.0f}, which {int(wide.loc[best, 'sending'])} sending countries would ratify; "
            f"there are {zone_text}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Support every 20 points of the design scale."""
    wide = run.pivot(index="x", columns="series", values="y")[GROUPS]
    wide = wide.loc[wide.index % 20 == 0].reset_index()
    return wide.rename(columns={"x": "Design", "sending": "Sending countries", "receiving": "Receiving countries"})


@catalogued("economy")
def win_sets() -> GridExplorer:
    """How many sending and receiving countries would ratify each design of a global agreement."""
    width = int(DEFAULTS.width)
    return GridExplorer(
        title="Win-sets and the designs that could pass",
        caption=("Two-level game: every country ratifies designs close enough to its ideal. For each design of a "
                 "global agreement, the lines count the sending and the receiving countries that would ratify it."),
        controls=[Control("w", "Win-set width w (points each side)", tuple(range(5, 51, 5)), width, live_step=1)],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=f"Countries that would ratify each design, win-sets {width} points wide",
    )

"""Chapter 4's second model figure: views converging over the consultative-process network.

The model is DeGroot averaging (:mod:`migbook.models.convergence`).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook import data
from migbook.explorers import _rcp
from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import DASHES, HEIGHT, WIDTH, series_style
from migbook.models import convergence as model
from migbook.models import win_sets
from migbook.models.convergence import DEFAULTS

KINDS = ["Highest", "Average", "Lowest"]
NO_RATE_VIEW = 50.0  # the starting view of a state with no net migration rate


def starting_views(codes: list[str]) -> np.ndarray:
    """Each state's starting view (0 to 100: how far migration is a security problem).

    Receiving states start high, sending states low: 100 minus the ideal point of
    the win-set model, which ranks states by net migration. States with no rate: 50.
    """
    rates = data.net_migration_rate().set_index("iso3")["net_migration_rate"]
    known = [c for c in codes if c in rates.index]
    ideal = dict(zip(known, win_sets.ideal_points(rates.loc[known].to_numpy()), strict=True))
    return np.array([100 - ideal[c] if c in ideal else NO_RATE_VIEW for c in codes])


def run(s: float, network: str) -> pd.DataFrame:
    """The highest, average and lowest view (series, y) after each round (x)."""
    codes, ties = _rcp.network(network)
    views = model.averaging(starting_views(codes), ties, s, DEFAULTS.rounds)
    rounds = np.arange(DEFAULTS.rounds + 1)
    series = {"Highest": views.max(axis=1), "Average": views.mean(axis=1), "Lowest": views.min(axis=1)}
    return pd.concat([pd.DataFrame({"x": rounds, "y": np.round(v, 2), "series": k}) for k, v in series.items()],
                     ignore_index=True)


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """Three lines: the highest, average and lowest view."""
    return base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Round of meetings"),
        y=alt.Y("y:Q", title="View (0 = not a security issue, 100 = a grave one)", scale=alt.Scale(domain=[0, 100])),
        **series_style(KINDS, dashes=[DASHES[1], DASHES[0], DASHES[2]]),
        tooltip=[alt.Tooltip("x:Q", title="Round"), alt.Tooltip("series:N", title="View"),
                 alt.Tooltip("y:Q", title="Value", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """How far the gap between the highest and lowest view closes, and whether the network is connected."""
    first = run[run["x"] == 0].set_index("series")["y"]
    last = run[run["x"] == run["x"].max()].set_index("series")["y"]
    codes, ties = _rcp.network(params["network"])
    groups = len(set(model.components(ties)))
    linked = ("all its states are linked, so views head for one consensus" if groups == 1 else
              f"the network falls into {groups} separate groups, and views converge only within each")
    return (f"With stubbornness {params['s']:g}, the gap between the highest and lowest view among the "
            f"{len(codes)} states in the network shrinks from {first['Highest'] - first['Lowest']:.0f} to "
            f"{last['Highest'] - last['Lowest']:.0f} points in {DEFAULTS.rounds} rounds; {linked}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Views every five rounds."""
    wide = run.pivot(index="x", columns="series", values="y")[["Lowest", "Average", "Highest"]]
    return wide.loc[wide.index % 5 == 0].round(1).reset_index().rename(columns={"x": "Round"})


@catalogued("memberships", "economy")
def convergence() -> GridExplorer:
    """DeGroot averaging of views over the consultative-process network."""
    return GridExplorer(
        title="Converging perceptions in consultative processes",
        caption=("Averaging model on the consultative-process network: each round, every state moves its view "
                 "towards its partners'. Lines show the highest, average and lowest view. " + _rcp.list_dates()),
        controls=[Control("s", "Stubbornness s (weight on one's own view)",
                          tuple(np.round(np.arange(0, 0.91, 0.1), 1)), DEFAULTS.stubbornness, live_step=0.05),
                  _rcp.network_control()],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=f"Views every five rounds, at the starting stubbornness ({DEFAULTS.stubbornness:g})",
    )

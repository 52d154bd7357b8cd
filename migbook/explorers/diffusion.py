"""Chapter 4's first model figure: a policy idea spreading over the consultative-process network.

The model is the threshold cascade of :mod:`migbook.models.diffusion`.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook import data
from migbook.explorers import _rcp
from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH
from migbook.models import diffusion as model
from migbook.models.diffusion import DEFAULTS

DEFAULT_SEED = "COLOMBO"
THRESHOLDS = tuple(np.round(np.arange(0.05, 0.51, 0.05), 2))
MAX_ROUNDS = 100  # ticks at whole rounds only: a cascade over n states stops within n rounds


def run(seed: str, theta: float, network: str) -> pd.DataFrame:
    """Adopters (y) after each round (x), starting from the members of ``seed``; ``states`` is the network's size."""
    codes, ties = _rcp.network(network)
    linked = (ties > 0).astype(float)  # a link for any shared process: the share counts partners, not meetings
    seeds = np.isin(codes, data.members_in(seed, _rcp.NETWORK_YEAR))
    counts = model.cascade(np.full(len(codes), theta), linked, seeds=seeds, fractional=True)
    return pd.DataFrame({"x": np.arange(len(counts)), "y": counts, "series": "States that have adopted",
                         "states": len(codes)})



def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """A step line of adopters, and a dashed rule at the number of states in the network."""
    line = base.mark_line(point=True, strokeWidth=2.5, color=PALETTE[0], interpolate="step-after").encode(
        x=alt.X("x:Q", title="Round of meetings", axis=alt.Axis(values=list(range(MAX_ROUNDS + 1)), format="d")),
        y=alt.Y("y:Q", title="States that have adopted the idea", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("x:Q", title="Round"), alt.Tooltip("y:Q", title="Adopters")],
    )
    cap = base.mark_rule(strokeDash=[4, 3], aria=False).encode(y="mean(states):Q")
    return alt.layer(line, cap).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """How many states the idea reaches, and in how many rounds."""
    names = dict(_rcp.processes())
    start, end, total = int(run["y"].iloc[0]), int(run["y"].iloc[-1]), int(run["states"].iloc[0])
    rounds = len(run) - 1
    which = _rcp.NETWORKS[params["network"]].lower()
    return (f"Starting from the {start} members of the {names[params['seed']]} in the network ({which}) with "
            f"threshold share {params['theta']:g}, the idea reaches {end} of its {total} states after {rounds} "
            f"round{'s' if rounds != 1 else ''}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Adopters round by round."""
    return run[["x", "y"]].rename(columns={"x": "Round", "y": "States that have adopted"})


@catalogued("memberships", "organisations")
def diffusion() -> GridExplorer:
    """Threshold cascade of a policy idea over the network of regional consultative processes."""
    named = _rcp.processes()
    return GridExplorer(
        title="A policy idea spreading through consultative processes",
        caption=("Threshold cascade on the network of states linked by shared regional consultative processes. "
                 "The dashed rule is the number of states in the network. " + _rcp.list_dates()),
        controls=[
            Control("seed", "First adopters: members of", tuple(code for code, _ in named), DEFAULT_SEED,
                    kind="select", labels=tuple(name for _, name in named)),
            Control("theta", "Threshold share θ", THRESHOLDS, DEFAULTS.threshold, live_step=0.01),
            _rcp.network_control(),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption="Adopters round by round, at the starting settings",
    )


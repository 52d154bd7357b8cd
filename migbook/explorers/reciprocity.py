"""Chapter 2's first model figure: reciprocity in a repeated prisoner's dilemma (:mod:`migbook.models.reciprocity`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, line_legend, series_style
from migbook.models import reciprocity as model
from migbook.models.reciprocity import DEFAULTS

DELTAS = np.round(np.arange(0, 1, 0.02), 2)
STRATEGY_LABELS = {
    "tit_for_tat": "Keep cooperating (tit for tat)",
    "always_defect": "Defect for ever",
    "alternate": "Alternate: defect, cooperate, ...",
}
TABLE_DELTAS = [0.0, 0.5, 0.6, 0.7, 0.9]


def run(T: float, S: float) -> pd.DataFrame:
    """Per-round payoffs of each way of playing against tit for tat, for every δ; R and P stay at the defaults."""
    payoffs = model.Payoffs(T=T, R=DEFAULTS.R, P=DEFAULTS.P, S=S)
    table = model.reciprocity_table(DELTAS, payoffs).rename(columns={"delta": "x", "payoff": "y"})
    table["series"] = table["strategy"].map(STRATEGY_LABELS)
    table["threshold"] = round(model.tit_for_tat_threshold(payoffs), 4)
    return table.drop(columns="strategy").assign(y=lambda t: t["y"].round(4))


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """A line per strategy and a dashed rule at the threshold."""
    labels = list(STRATEGY_LABELS.values())
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Discount factor δ (weight of the next round)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("y:Q", title="Payoff per round", scale=alt.Scale(zero=True)),
        **series_style(labels, legend=line_legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("series:N", title="Against tit for tat"), alt.Tooltip("x:Q", title="δ"),
                 alt.Tooltip("y:Q", title="Per round", format=".2f")],
    )
    rule = base.mark_rule(strokeDash=[3, 3], aria=False).encode(x="mean(threshold):Q")
    return alt.layer(lines, rule).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """Where tit for tat becomes stable."""
    threshold = float(run["threshold"].iloc[0])
    where = (f"tit for tat is stable once δ reaches {threshold:.2f}" if threshold < 1
             else "no discount factor below 1 makes tit for tat stable")
    return (f"With temptation T = {params['T']:g}, reward R = {DEFAULTS.R:g}, punishment P = "
            f"{DEFAULTS.P:g} and sucker's payoff S = {params['S']:g}, {where}: above it, neither defecting "
            "for ever nor alternating earns more per round than keeping up cooperation.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The payoffs at a few discount factors."""
    wide = run[run["x"].isin(TABLE_DELTAS)].pivot(index="x", columns="series", values="y")
    wide = wide[list(STRATEGY_LABELS.values())].round(2).reset_index()
    return wide.rename(columns={"x": "δ"})


@catalogued()
def reciprocity() -> GridExplorer:
    """Payoffs per round against tit for tat as the shadow of the future lengthens."""
    d = DEFAULTS
    return GridExplorer(
        title="Reciprocity in a repeated prisoner's dilemma",
        caption=("Repeated prisoner's dilemma between two states. Each line is a way of playing against a partner "
                 "who plays tit for tat; the dashed rule marks the discount factor above which cooperating pays."),
        controls=[
            Control("T", "Temptation T (defect on a cooperator)", (3.5, 4.0, 4.5, 5.0, 5.5), d.T, live_step=0.1),
            Control("S", "Sucker's payoff S (cooperate with a defector)", (0.0, 0.2, 0.4), d.S, kind="radio"),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=(f"Payoff per round against tit for tat, at the starting payoffs "
                       f"(T = {d.T:g}, R = {d.R:g}, P = {d.P:g}, S = {d.S:g})"),
    )

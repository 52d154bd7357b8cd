"""Chapter 2's figures: reciprocity in a repeated prisoner's dilemma, and a public-goods regime."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.charts.base import HEIGHT, PALETTE, WIDTH
from migbook.grid import Control, GridExplorer
from migbook.models import cooperation as coop
from migbook.twin import Twin

DELTAS = np.round(np.arange(0, 1, 0.02), 2)
STRATEGY_LABELS = {
    "tit_for_tat": "Keep cooperating (tit for tat)",
    "always_defect": "Defect for ever",
    "alternate": "Alternate: defect, cooperate, ...",
}


def _reciprocity_run(T: float, S: float) -> pd.DataFrame:
    payoffs = coop.Payoffs(T=T, R=coop.AXELROD.R, P=coop.AXELROD.P, S=S)
    table = coop.reciprocity_table(DELTAS, payoffs).rename(columns={"delta": "x", "payoff": "y"})
    table["series"] = table["strategy"].map(STRATEGY_LABELS)
    table["threshold"] = round(coop.tit_for_tat_threshold(payoffs), 4)
    return table.drop(columns="strategy").assign(y=lambda t: t["y"].round(4))


def _reciprocity_draw(base: alt.Chart, description: str) -> alt.LayerChart:
    labels = list(STRATEGY_LABELS.values())
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Discount factor δ (weight of the next round)", scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("y:Q", title="Payoff per round", scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=labels, range=PALETTE[:3]),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=labels, range=[[1, 0], [6, 3], [2, 2]]),
                                  legend=None),
        tooltip=[alt.Tooltip("series:N", title="Against tit for tat"), alt.Tooltip("x:Q", title="δ"),
                 alt.Tooltip("y:Q", title="Per round", format=".2f")],
    )
    rule = base.mark_rule(color="#777", strokeDash=[3, 3], aria=False).encode(x="mean(threshold):Q")
    return alt.layer(lines, rule).properties(width=WIDTH, height=HEIGHT, description=description)


def _reciprocity_summary(run: pd.DataFrame, params: dict) -> str:
    threshold = float(run["threshold"].iloc[0])
    where = (f"tit for tat is stable once δ reaches {threshold:.2f}" if threshold < 1
             else "no discount factor below 1 makes tit for tat stable")
    return (f"With temptation T = {params['T']:g}, reward R = {coop.AXELROD.R:g}, punishment P = "
            f"{coop.AXELROD.P:g} and sucker's payoff S = {params['S']:g}, {where}: above it, neither defecting "
            "for ever nor alternating earns more per round than keeping up cooperation.")


def _reciprocity_table(run: pd.DataFrame) -> pd.DataFrame:
    wide = run[run["x"].isin([0.0, 0.5, 0.6, 0.7, 0.9])].pivot(index="x", columns="series", values="y")
    wide = wide[list(STRATEGY_LABELS.values())].round(2).reset_index()
    return wide.rename(columns={"x": "δ"})


def reciprocity() -> Twin:
    """Payoffs per round against tit for tat as the shadow of the future lengthens."""
    return GridExplorer(
        title="Reciprocity in a repeated prisoner's dilemma",
        caption=("Repeated prisoner's dilemma between two states. Each line is a way of playing against a partner "
                 "who plays tit for tat; the dashed rule marks the discount factor above which cooperating pays."),
        controls=[
            Control("T", "Temptation T (defect on a cooperator)", (3.5, 4.0, 4.5, 5.0, 5.5), 5.0, live_step=0.1),
            Control("S", "Sucker's payoff S (cooperate with a defector)", (0.0, 0.2, 0.4), 0.0, kind="radio"),
        ],
        run=_reciprocity_run, draw=_reciprocity_draw, summary=_reciprocity_summary, table=_reciprocity_table,
        table_caption="Payoff per round against tit for tat, at the starting payoffs (T = 5, R = 3, P = 1, S = 0)",
    ).twin()


# --- public goods ------------------------------------------------------------------------------

SCENARIOS = ["Nobody", "Sending states only", "Everybody"]
_SCENARIO_NAMES = dict(zip(["nobody contributes", "only sending states contribute", "everybody contributes"],
                           SCENARIOS, strict=True))
STATES = ["sending", "receiving"]


def _goods_run(r: int, n_s: int, n_r: int, rho: float) -> pd.DataFrame:
    table = coop.scenario_payoffs(r, n_s, n_r, rho).rename(
        columns={"scenario": "x", "payoff": "y", "state": "series"})
    returns = coop.marginal_returns(r, n_s, n_r, rho)
    table["x"] = table["x"].map(_SCENARIO_NAMES)
    table["marginal_return"] = table["series"].map(returns).round(2)
    return table.assign(y=lambda t: t["y"].round(2))


def _goods_draw(base: alt.Chart, description: str) -> alt.LayerChart:
    bars = base.mark_bar().encode(
        x=alt.X("x:N", title="Who contributes", sort=SCENARIOS, axis=alt.Axis(labelAngle=0, labelLimit=160)),
        xOffset=alt.XOffset("series:N", sort=STATES),
        y=alt.Y("y:Q", title="Payoff to one state"),
        color=alt.Color("series:N", title="State", sort=STATES,
                        scale=alt.Scale(domain=STATES, range=PALETTE[:2])),
        tooltip=[alt.Tooltip("x:N", title="Scenario"), alt.Tooltip("series:N", title="State"),
                 alt.Tooltip("y:Q", title="Payoff", format=".2f"),
                 alt.Tooltip("marginal_return:Q", title="Return on its own unit", format=".2f")],
    )
    zero = alt.Chart().mark_rule(color="#777", aria=False).encode(y=alt.datum(0))
    return alt.layer(bars, zero, data=base.data).properties(width=WIDTH, height=HEIGHT,
                                                            description=description)


def _goods_summary(run: pd.DataFrame, params: dict) -> str:
    returns = coop.marginal_returns(params["r"], params["n_s"], params["n_r"], params["rho"])
    verdict = {kind: ("contributes" if ret > 1 else "free rides") for kind, ret in returns.items()}
    return (f"With {params['n_s']} sending and {params['n_r']} receiving states, multiplier {params['r']:g} and "
            f"receiving states' weight {params['rho']:g}, a sending state gets back {returns['sending']:.2f} for "
            f"each unit it puts in, so it {verdict['sending']}; a receiving state gets back "
            f"{returns['receiving']:.2f}, so it {verdict['receiving']}.")


def _goods_table(run: pd.DataFrame) -> pd.DataFrame:
    wide = run.pivot(index="x", columns="series", values="y").reindex(SCENARIOS)[STATES].round(2)
    return wide.reset_index().rename(columns={"x": "Scenario", "sending": "Sending state",
                                              "receiving": "Receiving state"})


def public_goods() -> Twin:
    """Who gains from a multilateral labour-mobility regime, and who has a reason to join it."""
    return GridExplorer(
        title="A labour-mobility regime as a public good",
        caption=("Public-goods game between sending and receiving states. Bars show one state's payoff when "
                 "nobody, only the sending states, or everybody contributes to the regime."),
        controls=[
            Control("r", "Multiplier r (benefit per unit contributed)", tuple(range(4, 21, 4)), 12, live_step=1),
            Control("n_s", "Sending states", (2, 4, 6, 8, 10), 6, live_step=1),
            Control("n_r", "Receiving states", (2, 4, 6, 8, 10), 4, live_step=1),
            Control("rho", "Receiving states' weight ρ", (0.25, 0.5, 0.75, 1.0), 0.25, kind="radio"),
        ],
        run=_goods_run, draw=_goods_draw, summary=_goods_summary, table=_goods_table,
        table_caption="Payoff to one state in each scenario, at the starting settings",
    ).twin()

"""Chapter 2's second model figure: a labour-mobility regime as a public good (:mod:`migbook.models.public_goods`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH
from migbook.models import public_goods as model
from migbook.models.public_goods import DEFAULTS

SCENARIOS = ["Nobody", "Sending states only", "Everybody"]
_SCENARIO_NAMES = dict(zip(["nobody contributes", "only sending states contribute", "everybody contributes"],
                           SCENARIOS, strict=True))
STATES = ["sending", "receiving"]


def run(r: int, n_s: int, n_r: int, rho: float) -> pd.DataFrame:
    """One state's payoff of each kind in each scenario, with its return on its own unit."""
    table = model.scenario_payoffs(r, n_s, n_r, rho).rename(
        columns={"scenario": "x", "payoff": "y", "state": "series"})
    returns = model.marginal_returns(r, n_s, n_r, rho)
    table["x"] = table["x"].map(_SCENARIO_NAMES)
    table["marginal_return"] = table["series"].map(returns).round(2)
    return table.assign(y=lambda t: t["y"].round(2))


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """Grouped bars: a sending and a receiving state in each scenario."""
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
    zero = alt.Chart().mark_rule(aria=False).encode(y=alt.datum(0))
    return alt.layer(bars, zero, data=base.data).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """What each kind of state gets back from its own unit, and so whether it contributes."""
    returns = model.marginal_returns(params["r"], params["n_s"], params["n_r"], params["rho"])
    verdict = {kind: ("contributes" if ret > 1 else "free rides") for kind, ret in returns.items()}
    return (f"With {params['n_s']} sending and {params['n_r']} receiving states, multiplier {params['r']:g} and "
            f"receiving states' weight {params['rho']:g}, a sending state gets back {returns['sending']:.2f} for "
            f"each unit it puts in, so it {verdict['sending']}; a receiving state gets back "
            f"{returns['receiving']:.2f}, so it {verdict['receiving']}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Payoffs by scenario and kind of state."""
    wide = run.pivot(index="x", columns="series", values="y").reindex(SCENARIOS)[STATES].round(2)
    return wide.reset_index().rename(columns={"x": "Scenario", "sending": "Sending state",
                                              "receiving": "Receiving state"})


@catalogued()
def public_goods() -> GridExplorer:
    """Who gains from a multilateral labour-mobility regime, and who has a reason to join it."""
    d = DEFAULTS
    return GridExplorer(
        title="A labour-mobility regime as a public good",
        caption=("Public-goods game between sending and receiving states. Bars show one state's payoff when "
                 "nobody, only the sending states, or everybody contributes to the regime."),
        controls=[
            Control("r", "Multiplier r (benefit per unit contributed)", tuple(range(4, 21, 4)), int(d.multiplier),
                    live_step=1),
            Control("n_s", "Sending states", (2, 4, 6, 8, 10), d.n_sending, live_step=1),
            Control("n_r", "Receiving states", (2, 4, 6, 8, 10), d.n_receiving, live_step=1),
            Control("rho", "Receiving states' weight ρ", (0.25, 0.5, 0.75, 1.0), d.rho, kind="radio"),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption="Payoff to one state in each scenario, at the starting settings",
    )

"""Chapter 2's second model figure: a regime only receivers can supply (:mod:`migbook.models.mobility_regime`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, line_legend, series_style
from migbook.models import mobility_regime as model
from migbook.models.mobility_regime import DEFAULTS

LINKAGES = np.round(np.arange(0, 2.01, 0.25), 2)
SERIES = {"sending": "One sending state", "receiving": "One receiving state"}
TABLE_LINKAGES = [0.0, 0.5, 1.0, 1.5, 2.0]


def run(need: float, cost: float, n_s: int) -> pd.DataFrame:
    """Each kind of state's payoff in equilibrium for every linkage offer, with the opening threshold."""
    pay = model.equilibrium_payoffs(need, cost, LINKAGES, gain=DEFAULTS.gain, n_sending=n_s,
                                    n_receiving=DEFAULTS.n_receiving)
    low, high = model.linkage_window(need, cost, DEFAULTS.gain, n_s)
    frames = [pd.DataFrame({"x": LINKAGES, "y": np.round(pay[kind], 4), "series": label,
                            "opens": np.where(pay["open"], "open", "stay closed")})
              for kind, label in SERIES.items()]
    return pd.concat(frames, ignore_index=True).assign(threshold=round(low, 4), most=round(high, 4))


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """A line per kind of state against the linkage offered, and a dashed rule where receiving states open."""
    labels = list(SERIES.values())
    lines = base.mark_line(strokeWidth=2.5, point=True).encode(
        x=alt.X("x:Q", title="Linkage offered per opened market (payoff units)", scale=alt.Scale(domain=[0, 2])),
        y=alt.Y("y:Q", title="Payoff to one state in equilibrium", scale=alt.Scale(zero=True)),
        **series_style(labels, legend=line_legend(orient="bottom", direction="vertical")),
        tooltip=[alt.Tooltip("series:N", title="State"), alt.Tooltip("x:Q", title="Linkage", format=".2f"),
                 alt.Tooltip("y:Q", title="Payoff", format=".2f"),
                 alt.Tooltip("opens:N", title="Receiving states")],
    )
    rule = base.mark_rule(strokeDash=[3, 3], aria=False).encode(x="mean(threshold):Q")
    return alt.layer(lines, rule).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """Whether receiving states open without linkage, and what linkage would make them open."""
    low, high = float(run["threshold"].iloc[0]), float(run["most"].iloc[0])
    opens_alone = model.opens(params["need"], params["cost"])
    start = (f"With a receiving state's own gain {params['need']:g} and cost {params['cost']:g}, "
             f"and {params['n_s']} sending states")
    if opens_alone:
        return (f"{start}, receiving states open their markets without any linkage, since their own gain "
                "exceeds the cost; the sending states gain without paying.")
    deal = (f"the sending states, who gain {high:g} together from each opened market, can afford that, so a "
            "deal exists, but they must pay for it" if low < high else
            f"the sending states gain only {high:g} together from each opened market, so no deal pays")
    return (f"{start}, no receiving state opens on its own, whatever the others do. It opens only if offered "
            f"more than {low:g} per market; {deal}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The payoffs at a few linkage offers."""
    wide = run[run["x"].isin(TABLE_LINKAGES)].pivot(index="x", columns="series", values="y")
    return wide[list(SERIES.values())].round(2).reset_index().rename(columns={"x": "Linkage offered"})


@catalogued()
def mobility_regime() -> GridExplorer:
    """Who gains from a multilateral labour-mobility regime, and what it takes for receiving states to open."""
    d = DEFAULTS
    return GridExplorer(
        title="A mobility regime only receiving states can supply",
        caption=(f"{d.n_sending} sending states gain {d.gain:g} each from every labour market that one of "
                 f"{d.n_receiving} receiving states opens. A receiving state opens only if its own gain plus "
                 "what the sending states offer exceeds its cost; the dashed rule marks that offer."),
        controls=[
            Control("need", "Receiving state's own gain from opening", (0.0, 0.25, 0.5, 0.75, 1.0), d.need,
                    live_step=0.05),
            Control("cost", "Receiving state's cost of opening", (0.5, 1.0, 1.5, 2.0), d.cost, live_step=0.1),
            Control("n_s", "Sending states", (2, 4, 6, 8, 10), d.n_sending, live_step=1),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=f"Payoff to one state by linkage offered, at the starting settings ({d.n_receiving} "
                      "receiving states)",
    )

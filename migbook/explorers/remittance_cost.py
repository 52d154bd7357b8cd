"""Lesson 11's remittance panel: what a cut in the cost of sending money brings (:mod:`migbook.models.remittance_cost`).

The recorded inflow is the World Bank's (WDI, personal remittances received, through
:func:`migbook.data.flows_long`); the costs are the model's.
"""

from __future__ import annotations

import functools

import altair as alt
import numpy as np
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, INK, WIDTH, series_style
from migbook.models import remittance_cost as model
from migbook.models.remittance_cost import DEFAULTS

FLOW = "Remittances received"
COSTS = np.round(np.arange(1.0, 10.01, 0.5), 1)  # the x axis: cost of sending, % of the amount sent
ELASTICITIES = (0.0, 0.5, 1.0, 2.0)  # response of formal sending (no unit)
SERIES = ["Received by families", "Paid in fees"]
MARKS = {"2023 average": 100 * DEFAULTS.cost_now, "SDG target": 100 * DEFAULTS.cost_target}


@functools.cache
def inflows(year: int = DEFAULTS.year) -> pd.Series:
    """Remittances received in ``year`` (US$ billions, WDI) by place, in the table's order; countries only."""
    rows = data.flows_long()
    rows = rows[(rows["flow"] == FLOW) & (rows["year"] == year) & (rows["iso3"].str.len() == 3)]
    rows = rows[~rows["place"].str.contains("countries")]  # aggregates are not a government's choice
    return rows.set_index("place")["billions"]


PLACES = tuple(inflows().index)


def run(place: str, elasticity: float) -> pd.DataFrame:
    """Received and fees (US$ billions a year, y) against the cost of sending (x), from today's average cost."""
    out = model.cut(inflows()[place], DEFAULTS.cost_now, COSTS / 100, elasticity)
    return pd.DataFrame({"x": np.tile(COSTS, 2),
                         "y": np.round(np.concatenate([out["received_new"], out["fees_new"]]), 3),
                         "series": np.repeat(SERIES, COSTS.size)})


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """Two lines, and dashed rules at today's average cost and at the SDG target."""
    lines = base.mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Cost of sending (% of the amount sent)", scale=alt.Scale(domain=[0, 10])),
        y=alt.Y("y:Q", title="US$ billions a year", scale=alt.Scale(zero=True)),
        **series_style(SERIES, title="Money"),
        tooltip=[alt.Tooltip("x:Q", title="Cost (%)"), alt.Tooltip("series:N", title="Money"),
                 alt.Tooltip("y:Q", title="US$ billions", format=",.3f")],
    )
    marks = alt.Chart(alt.Data(values=[{"cost": v, "mark": k} for k, v in MARKS.items()]))
    rules = marks.mark_rule(strokeDash=[4, 3], color=INK, aria=False).encode(x="cost:Q")
    return alt.layer(lines, rules).properties(width=WIDTH, height=HEIGHT, description=description)


def outcome(place: str, elasticity: float) -> dict[str, float]:
    """The cut from today's average cost to the SDG target for one place, as plain numbers (US$ billions)."""
    out = model.cut(inflows()[place], DEFAULTS.cost_now, DEFAULTS.cost_target, elasticity)
    return {k: float(v) for k, v in out.items()}


def summary(run: pd.DataFrame, params: dict) -> str:
    """What the cut to the SDG target brings the chosen country."""
    place, e = params["place"], params["elasticity"]
    out = outcome(place, e)
    return (f"{place} received US$ {inflows()[place]:,.2f} billion in {DEFAULTS.year}. At the 2023 average cost "
            f"of {MARKS['2023 average']:.2f} % its senders paid about US$ {1000 * out['fees']:,.0f} million in fees; "
            f"at the SDG target of {MARKS['SDG target']:g} %, with a response of sending of {e:g}, families would "
            f"receive US$ {1000 * out['gain']:,.0f} million more a year.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Received and fees at whole per cents of cost."""
    wide = run.pivot(index="x", columns="series", values="y")[SERIES]
    wide = wide.loc[wide.index % 1 == 0].reset_index()
    return wide.rename(columns={"x": "Cost (%)", **{s: f"{s} (US$ bn)" for s in SERIES}})


@catalogued("capital_flows")
def remittance_cost() -> GridExplorer:
    """Money families receive and fees paid as the cost of sending remittances falls, by country."""
    return GridExplorer(
        title="A cut in the cost of sending money home",
        caption=(f"Remittances a country received in {DEFAULTS.year} (World Bank, World Development Indicators), "
                 "taken as what families receive at the 2023 global average cost of sending "
                 f"({MARKS['2023 average']:.2f} % of the amount sent, World Bank Remittance Prices Worldwide), and "
                 "what they would receive, and pay in fees, at other costs. Dashed rules: the 2023 average and the "
                 f"SDG 10.c target of {MARKS['SDG target']:g} %. The response of sending is the model's assumption, "
                 "not an estimate."),
        controls=[
            Control("place", "Country", PLACES, DEFAULTS.place, kind="select"),
            Control("elasticity", "Response of formal sending to the cost", ELASTICITIES, DEFAULTS.elasticity,
                    kind="radio", labels=("none (0)", "weak (0.5)", "proportional (1)", "strong (2)")),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=f"Received and fees at whole per cents of cost, {DEFAULTS.place}, no response of sending",
    )

"""Charts for the stock-flow model (:mod:`migbook.models.stock_flow`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from migbook.charts.base import HEIGHT, PALETTE, WIDTH, configure, records
from migbook.models.stock_flow import SERIES

_KEYS = list(SERIES)
_LABELS = "{" + ", ".join(f"'{k}': '{v}'" for k, v in SERIES.items()) + "}"


def _lines(base: alt.Chart, description: str) -> alt.Chart:
    """The encoding both twins share: one line per stock over the years."""
    return base.mark_line(interpolate="monotone", strokeWidth=2.5).encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d", tickCount=6)),
        y=alt.Y("thousands:Q", title="People (thousands)", scale=alt.Scale(zero=True)),
        color=alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=_KEYS, range=PALETTE[: len(_KEYS)]),
            legend=alt.Legend(labelExpr=f"{_LABELS}[datum.label]", direction="vertical"),
        ),
        strokeDash=alt.StrokeDash(
            "series:N", scale=alt.Scale(domain=_KEYS, range=[[1, 0], [6, 3], [2, 2]]), legend=None
        ),
        tooltip=[
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("label:N", title="Stock"),
            alt.Tooltip("thousands:Q", title="Thousands", format=",.0f"),
        ],
    ).transform_calculate(label=f"{_LABELS}[datum.series]").properties(
        width=WIDTH, height=HEIGHT, description=description
    )


def live_chart(run: pd.DataFrame, description: str) -> alt.Chart:
    """One model run (a :func:`~migbook.models.stock_flow.simulate` table) as lines."""
    long = run.melt(id_vars="year", value_vars=_KEYS, var_name="series", value_name="thousands")
    return configure(_lines(alt.Chart(long), description))


def static_chart(grid: pd.DataFrame, controls: dict[str, dict], description: str) -> alt.Chart:
    """Precomputed runs filtered by parameters bound to sliders.

    ``grid`` has one row per run: the parameter values (as the controls show
    them) and list columns ``year`` plus one per stock. ``controls`` maps each
    parameter column to ``{"value", "bind"}``.
    """
    params = [
        alt.param(name=name, value=spec["value"], bind=spec["bind"]) for name, spec in controls.items()
    ]
    chosen = " && ".join(f"datum.{name} == {name}" for name in controls)
    base = (
        alt.Chart(alt.Data(values=records(grid)))
        .transform_filter(chosen)
        .transform_flatten(["year", *_KEYS])
        .transform_fold(_KEYS, as_=["series", "thousands"])
    )
    return configure(_lines(base, description).add_params(*params))

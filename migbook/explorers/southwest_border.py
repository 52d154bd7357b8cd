"""Chapter 7's data figure: the build-up at the US south-west border, FY1992-2019, with the 1993-94 operations."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.explorers.datasets import measure_labels
from migbook.figures import SelectorChart
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH


def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """The chosen series in its first year, at its peak and in its last year."""
    series = rows.set_index("fiscal_year")["value"]
    first, last, peak = series.index[0], series.index[-1], series.idxmax()
    return (f"{choice['measure']}: {series[first]:,} in fiscal {first}, most ({series[peak]:,}) in fiscal {peak}, "
            f"{series[last]:,} in fiscal {last}. Rules mark Operation Hold the Line (fiscal 1993) and Operation "
            "Gatekeeper (fiscal 1995).")


def draw(base: alt.Chart, picked: Any, description: str) -> alt.LayerChart:
    """The chosen series as a line, and a labelled rule at the fiscal year each operation began."""
    x = alt.X("fiscal_year:Q", title="Fiscal year (October to September)", axis=alt.Axis(format="d"),
              scale=alt.Scale(domain=[1992, 2019]))
    line = base.transform_filter(picked).mark_line(point=True, color=PALETTE[0], strokeWidth=2.5).encode(
        x=x, y=alt.Y("value:Q", title="Agents, apprehensions or deaths (see menu)", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("fiscal_year:Q", title="Fiscal year", format="d"),
                 alt.Tooltip("value:Q", title="Value", format=",")],
    )
    operations = data.OPERATIONS[["operation", "fiscal_year"]].to_dict(orient="records")
    rules = alt.Chart(alt.Data(values=operations)).mark_rule(strokeDash=[4, 3]).encode(x=alt.X("fiscal_year:Q"))
    labels = [alt.Chart(alt.Data(values=[op])).mark_text(align="left", dx=4, dy=4 + 16 * i, baseline="top",
                                                       fontSize=11).encode(x=alt.X("fiscal_year:Q"), y=alt.value(0),
                                                                           text="operation:N")
              for i, op in enumerate(operations)]
    return alt.layer(line, rules, *labels).properties(width=WIDTH, height=HEIGHT, description=description)


@catalogued("border_patrol")
def southwest_border() -> SelectorChart:
    """Border Patrol agents, apprehensions and deaths on the US south-west border, FY1992-2019."""
    table = data.southwest_border()
    return SelectorChart(
        table=table, x="fiscal_year", y="value", selectors={"measure": "Series"},
        labels={"measure": measure_labels("border_patrol")}, draw=draw,
        title="The US south-west border, fiscal 1992 to 2019",
        caption=("US Border Patrol figures for the south-west border sectors: agents and apprehensions from fiscal "
                 "1992, deaths recorded by the Border Patrol from fiscal 1998 (the series begins then). Dashed "
                 "rules: Operation Hold the Line in El Paso began on 19 September 1993 (fiscal 1993) and Operation "
                 "Gatekeeper in San Diego on 1 October 1994 (fiscal 1995). Apprehensions count events, not people."),
        summary=summary, x_title="Fiscal year", y_title="Value",
        table_caption="The chosen series by fiscal year, at the starting choice",
    )

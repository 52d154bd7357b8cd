"""Charts of the international migrant stock by place and year (UN DESA 2020)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from migbook.charts.base import PALETTE, configure, records

WORLD = "World"


def _panels(base: alt.Chart, place: str | alt.Parameter, description: str) -> alt.HConcatChart:
    """Left: the stock in millions; right: its share of the population, against the world's."""
    picked = f"datum.place == {place.name}" if isinstance(place, alt.Parameter) else f"datum.place == '{place}'"
    x = alt.X("year:O", title="Year")
    stock = base.transform_filter(picked).mark_bar(color=PALETTE[0]).encode(
        x=x,
        y=alt.Y("stock_millions:Q", title="Migrants (millions)"),
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("stock_millions:Q", title="Millions", format=",.3f")],
    ).properties(width=260, height=240, title="Number of international migrants")
    share = base.transform_filter(f"{picked} || datum.place == '{WORLD}'").transform_calculate(
        who=f"datum.place == '{WORLD}' ? 'World' : 'Selected place'"
    ).mark_line(point=True, strokeWidth=2.5).encode(
        x=x,
        y=alt.Y("share_pct:Q", title="Share of population (%)"),
        color=alt.Color("who:N", title=None, scale=alt.Scale(domain=["Selected place", "World"],
                                                             range=[PALETTE[0], PALETTE[1]])),
        strokeDash=alt.StrokeDash("who:N", scale=alt.Scale(domain=["Selected place", "World"],
                                                          range=[[1, 0], [5, 3]]), legend=None),
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("share_pct:Q", title="Per cent", format=".2f")],
    ).properties(width=260, height=240, title="Migrants as a share of the population")
    return alt.hconcat(stock, share).properties(description=description)


def static_chart(table: pd.DataFrame, places: list[str], initial: str, description: str) -> alt.HConcatChart:
    """All places' series, with a dropdown that picks one (no kernel needed)."""
    place = alt.param(
        name="place", value=initial,
        bind=alt.binding_select(options=places, name="Country or region "),
    )
    data = alt.Data(values=records(table[["place", "year", "stock_millions", "share_pct"]]))
    return configure(_panels(alt.Chart(data), place, description).add_params(place))


def live_chart(table: pd.DataFrame, place: str, description: str) -> alt.HConcatChart:
    """One place against the world, drawn from the rows of ``table`` it needs."""
    rows = table.loc[table["place"].isin([place, WORLD]), ["place", "year", "stock_millions", "share_pct"]]
    return configure(_panels(alt.Chart(alt.Data(values=records(rows))), place, description))

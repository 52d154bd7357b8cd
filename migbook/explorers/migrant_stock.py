"""Chapter 1's data figure: the international migrant stock by place, 1990 to 2020 (UN DESA 2020)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart
from migbook.figures.theme import DASHES, PALETTE, line_legend

DEFAULT_PLACE = data.WORLD
WHO = ["Selected place", data.WORLD]


def draw(base: alt.Chart, picked: Any, description: str) -> alt.HConcatChart:
    """Left: the stock in millions; right: its share of the population, against the world's."""
    x = alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0))
    stock = base.transform_filter(picked).mark_bar(color=PALETTE[0]).encode(
        x=x,
        y=alt.Y("stock_millions:Q", title="Migrants (millions)"),
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("stock_millions:Q", title="Millions", format=",.3f")],
    ).properties(width=260, height=240, title="Number of international migrants")
    world = alt.datum.place == data.WORLD
    share = base.transform_filter(picked | world).transform_calculate(
        who=alt.expr.if_(world, WHO[1], WHO[0])
    ).mark_line(point=True, strokeWidth=2.5).encode(
        x=x,
        y=alt.Y("share_pct:Q", title="Share of population (%)"),
        color=alt.Color("who:N", title=None, scale=alt.Scale(domain=WHO, range=PALETTE[:2]), legend=line_legend()),
        strokeDash=alt.StrokeDash("who:N", scale=alt.Scale(domain=WHO, range=DASHES[:2])),
        tooltip=[alt.Tooltip("place:N", title="Place"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("share_pct:Q", title="Per cent", format=".2f")],
    ).properties(width=260, height=240, title="Migrants as a share of the population")
    return alt.hconcat(stock, share).properties(description=description)


def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """The place's stock in the first and last year, and its share of the population."""
    rows = rows.sort_values("year")
    first, last = rows.iloc[0], rows.iloc[-1]
    share = f", {last['share_pct']:.1f} % of its population" if pd.notna(last["share_pct"]) else ""
    return (f"{choice['place']}: {first['stock_millions']:,.2f} million international migrants in "
            f"{int(first['year'])} and {last['stock_millions']:,.2f} million in {int(last['year'])}{share} "
            "(UN DESA International Migrant Stock 2020).")


def by_region(_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The text alternative's table, whatever the choice: the world and the UN regions, millions, by year."""
    table = data.stock_by_place()
    top = table[table["kind"].isin(["world", "region"])]
    wide = top.pivot(index="place", columns="year", values="stock_millions")
    wide = wide.reindex(list(dict.fromkeys(top["place"]))).round(1).reset_index()
    wide.columns = ["Place", *[str(c) for c in wide.columns[1:]]]
    return wide


@catalogued("migrant_stock", "economy")
def migrant_stock() -> SelectorChart:
    """Explorer of the international migrant stock by place, 1990 to 2020 (UN DESA)."""
    return SelectorChart(
        table=data.stock_by_place(), x="year", y="stock_millions", selectors={"place": "Country or region"},
        defaults={"place": DEFAULT_PLACE}, draw=draw, columns=["place", "year", "stock_millions", "share_pct"],
        title="International migrant stock, 1990-2020",
        caption=("International migrant stock, 1990 to 2020. Pick the world, a UN region or sub-region, "
                 "or a country; the right panel compares its share of the population with the world's."),
        summary=summary, x_title="Year", y_title="Migrants (millions)",
        table_of=by_region, table_caption="International migrants by UN region, millions (UN DESA 2020)",
    )

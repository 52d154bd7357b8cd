"""Chapter 1's figures: the international migrant stock, and the stock-flow model of a migrant population."""

from __future__ import annotations

import itertools

import altair as alt
import ipywidgets as widgets
import numpy as np
import pandas as pd

from migbook import live, stocks
from migbook.charts import migrant_stock as stock_charts
from migbook.charts import stock_flow as flow_charts
from migbook.models import stock_flow as flow_model
from migbook.twin import StaticFigure, Twin

# --- stock-flow model --------------------------------------------------------------

# The static twin's grid: every combination is precomputed at build time.
# Rates are in per cent here because that is what the controls show.
FLOW_GRID = {
    "inflow": [0, 50, 100, 150, 200],
    "emigration": [0, 2, 4, 6, 8],
    "naturalisation": [0, 1, 2, 3, 4, 5, 6, 7, 8],
    "death": [0.5, 1, 2],
}
FLOW_STEP_YEARS = 5  # the static twin stores every fifth year; the live twin every year

_FLOW_LABELS = {
    "inflow": "Inflow (thousand people a year)",
    "emigration": "Emigration rate (% a year)",
    "naturalisation": "Naturalisation rate (% a year)",
    "death": "Death rate (% a year)",
}


def _flow_defaults() -> dict[str, float]:
    d = flow_model.DEFAULTS
    return {"inflow": d.inflow, "emigration": 100 * d.emigration,
            "naturalisation": 100 * d.naturalisation, "death": 100 * d.death}


def _flow_summary(run: pd.DataFrame, inflow: float, e: float, n: float, d: float) -> str:
    eq = flow_model.equilibrium(inflow, e, n, d)
    last = run.iloc[-1]

    def thousands(x: float) -> str:
        return "without limit" if np.isinf(x) else f"{x:,.0f} thousand"

    return (
        f"With {inflow:,.0f} thousand arrivals a year, emigration {100 * e:g} %, naturalisation "
        f"{100 * n:g} % and deaths {100 * d:g} % a year, the foreign-born population goes from "
        f"{run['foreign_born'].iloc[0]:,.0f} thousand in {int(run['year'].iloc[0])} to "
        f"{last['foreign_born']:,.0f} thousand in {int(last['year'])}, of whom {last['foreign_citizens']:,.0f} "
        f"thousand are foreign citizens. In the long run the foreign-born population tends to "
        f"{thousands(eq['foreign_born'])} and foreign citizens to {thousands(eq['foreign_citizens'])}."
    )


def stock_flow_grid() -> pd.DataFrame:
    """Every run of the static twin: one row per parameter combination, stocks as lists.

    Computed in one vectorised call of :func:`migbook.models.stock_flow.project`.
    """
    combos = pd.DataFrame(list(itertools.product(*FLOW_GRID.values())), columns=list(FLOW_GRID))
    d = flow_model.DEFAULTS
    foreign, natural = flow_model.project(
        combos["inflow"].to_numpy(), combos["emigration"].to_numpy() / 100,
        combos["naturalisation"].to_numpy() / 100, combos["death"].to_numpy() / 100,
        years=d.years,
    )
    keep = slice(None, None, FLOW_STEP_YEARS)
    years = list(range(d.start_year, d.start_year + d.years + 1))[keep]
    grid = combos.copy()
    grid["year"] = [years] * len(grid)
    grid["foreign_citizens"] = np.rint(foreign[:, keep]).astype(int).tolist()
    grid["naturalised"] = np.rint(natural[:, keep]).astype(int).tolist()
    grid["foreign_born"] = np.rint(foreign[:, keep] + natural[:, keep]).astype(int).tolist()
    return grid


def _flow_static() -> StaticFigure:
    defaults = _flow_defaults()
    run = flow_model.simulate()
    d = flow_model.DEFAULTS
    summary = _flow_summary(run, d.inflow, d.emigration, d.naturalisation, d.death)
    controls = {}
    for name, values in FLOW_GRID.items():
        label = _FLOW_LABELS[name] + " "
        if name == "death":
            bind = alt.binding_radio(options=values, labels=[f"{v:g} %" for v in values], name=label)
        else:
            bind = alt.binding_range(min=values[0], max=values[-1], step=values[1] - values[0], name=label)
        controls[name] = {"value": defaults[name], "bind": bind}
    chart = flow_charts.static_chart(stock_flow_grid(), controls, description=summary)
    decade = run[run["year"] % 10 == 0]
    table = pd.DataFrame({
        "Year": decade["year"].astype(int),
        "Foreign citizens (thousands)": decade["foreign_citizens"].round(0).astype(int),
        "Naturalised citizens (thousands)": decade["naturalised"].round(0).astype(int),
        "Foreign-born population (thousands)": decade["foreign_born"].round(0).astype(int),
    })
    return StaticFigure(
        chart=chart,
        caption=("Stock-flow model of a migrant population. Move the controls to change the yearly "
                 "inflow and the shares that emigrate, naturalise and die."),
        summary=summary,
        table=table,
        table_caption="Stocks at the default settings, every ten years (thousands of people)",
    )


def _flow_live() -> widgets.Widget:
    defaults = _flow_defaults()
    controls = {
        "inflow": widgets.IntSlider(value=int(defaults["inflow"]), min=0, max=300, step=10),
        "emigration": widgets.FloatSlider(value=defaults["emigration"], min=0, max=10, step=0.5),
        "naturalisation": widgets.FloatSlider(value=defaults["naturalisation"], min=0, max=10, step=0.5),
        "death": widgets.FloatSlider(value=defaults["death"], min=0.5, max=3, step=0.5),
    }
    for name, control in controls.items():
        control.description = _FLOW_LABELS[name]
        control.style = live.CONTROL_STYLE
        control.layout = live.control_layout()
        control.continuous_update = False

    def render(v: dict) -> tuple[alt.TopLevelMixin | None, str]:
        e, n, d = v["emigration"] / 100, v["naturalisation"] / 100, v["death"] / 100
        if e + n + d > 1:  # cannot happen with these slider ranges, but say so if it does
            return None, "The three rates add up to more than 100 % a year."
        run = flow_model.simulate(v["inflow"], e, n, d)
        summary = _flow_summary(run, v["inflow"], e, n, d)
        return flow_charts.live_chart(run, description=summary), summary

    return live.panel(controls, render)


def stock_flow() -> Twin:
    """Explorer of the stock-flow model: inflow, emigration, naturalisation and death as controls."""
    return Twin(title="Stock-flow model of a migrant population", static=_flow_static, live=_flow_live)


# --- migrant stock by place -----------------------------------------------------

STOCK_DEFAULT_PLACE = "World"


def _stock_summary(table: pd.DataFrame, place: str) -> str:
    rows = table[table["place"] == place].sort_values("year")
    first, last = rows.iloc[0], rows.iloc[-1]
    share = (f", {last['share_pct']:.1f} % of its population" if pd.notna(last["share_pct"]) else "")
    return (
        f"{place}: {first['stock_millions']:,.2f} million international migrants in {int(first['year'])} and "
        f"{last['stock_millions']:,.2f} million in {int(last['year'])}{share} "
        "(UN DESA International Migrant Stock 2020)."
    )


def _stock_static() -> StaticFigure:
    table = stocks.by_place()
    summary = _stock_summary(table, STOCK_DEFAULT_PLACE)
    chart = stock_charts.static_chart(table, stocks.places(), STOCK_DEFAULT_PLACE, description=summary)
    top = table[table["kind"].isin(["world", "region"])]
    wide = top.pivot(index="place", columns="year", values="stock_millions")
    wide = wide.reindex(list(dict.fromkeys(top["place"]))).round(1).reset_index()
    wide.columns = ["Place", *[str(c) for c in wide.columns[1:]]]
    return StaticFigure(
        chart=chart,
        caption=("International migrant stock, 1990 to 2020. Pick the world, a UN region or sub-region, "
                 "or a country; the right panel compares its share of the population with the world's."),
        summary=summary,
        table=wide,
        table_caption="International migrants by UN region, millions (UN DESA 2020)",
    )


def _stock_live() -> widgets.Widget:
    table = stocks.by_place()
    picker = widgets.Dropdown(options=stocks.places(), value=STOCK_DEFAULT_PLACE,
                              description="Country or region", style=live.CONTROL_STYLE,
                              layout=live.control_layout())

    def render(v: dict) -> tuple[alt.TopLevelMixin, str]:
        summary = _stock_summary(table, v["place"])
        return stock_charts.live_chart(table, v["place"], description=summary), summary

    return live.panel({"place": picker}, render)


def migrant_stock() -> Twin:
    """Explorer of the international migrant stock by place, 1990 to 2020 (UN DESA)."""
    return Twin(title="International migrant stock, 1990-2020", static=_stock_static, live=_stock_live)

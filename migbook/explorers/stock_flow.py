"""Chapter 1's model figure: the stock-flow model of a migrant population (:mod:`migbook.models.stock_flow`)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, line_legend, series_style
from migbook.models import stock_flow as model
from migbook.models.stock_flow import DEFAULTS, SERIES

STATIC_EVERY_YEARS = 5  # the static twin keeps every fifth year of each run; the live twin every year
LABELS = list(SERIES.values())


def controls() -> list[Control]:
    """Inflow in thousands a year, and the three rates in per cent a year (as the controls show them)."""
    return [
        Control("inflow", "Inflow (thousand people a year)", (0, 50, 100, 150, 200), int(DEFAULTS.inflow),
                live_step=10),
        Control("emigration", "Emigration rate (% a year)", (0, 2, 4, 6, 8), round(100 * DEFAULTS.emigration),
                live_step=0.5),
        Control("naturalisation", "Naturalisation rate (% a year)", tuple(range(9)),
                round(100 * DEFAULTS.naturalisation), live_step=0.5),
        Control("death", "Death rate (% a year)", (0.5, 1, 2), 100 * DEFAULTS.death, kind="radio",
                labels=("0.5 %", "1 %", "2 %")),
    ]


def run(inflow: float, emigration: float, naturalisation: float, death: float) -> pd.DataFrame:
    """One run in long form: year (x), thousands (y) and the stock's label (series)."""
    foreign, natural = model.project(inflow, emigration / 100, naturalisation / 100, death / 100)
    stocks = {"foreign_citizens": foreign[0], "naturalised": natural[0], "foreign_born": foreign[0] + natural[0]}
    years = np.arange(DEFAULTS.start_year, DEFAULTS.start_year + DEFAULTS.years + 1)
    return pd.DataFrame({"x": np.tile(years, len(SERIES)), "y": np.rint(np.concatenate([stocks[k] for k in SERIES])),
                         "series": np.repeat(LABELS, len(years))})


def _every_fifth_year(table: pd.DataFrame) -> pd.DataFrame:
    return table[(table["x"] - DEFAULTS.start_year) % STATIC_EVERY_YEARS == 0]


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """One line per stock over the years."""
    return base.mark_line(interpolate="monotone", strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Year", axis=alt.Axis(format="d", tickCount=6)),
        y=alt.Y("y:Q", title="People (thousands)", scale=alt.Scale(zero=True)),
        **series_style(LABELS, legend=line_legend(direction="vertical")),
        tooltip=[alt.Tooltip("x:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Stock"),
                 alt.Tooltip("y:Q", title="Thousands", format=",.0f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """Where the stocks start, where they are after fifty years, and where they tend."""
    e, n, d = (params[k] / 100 for k in ("emigration", "naturalisation", "death"))
    eq = model.equilibrium(params["inflow"], e, n, d)
    years, labels, people = run["x"].to_numpy(), run["series"].to_numpy(), run["y"].to_numpy()
    born, citizens = labels == SERIES["foreign_born"], labels == SERIES["foreign_citizens"]
    start, end = years[born].min(), years[born].max()
    # One row per series and year: selecting is what a redraw of the live lesson spends least on (a pivot took
    # a third of a move's time in the kernel).
    first_born, last_born = people[born & (years == start)][0], people[born & (years == end)][0]
    last_citizens = people[citizens & (years == end)][0]

    def thousands(x: float) -> str:
        return "without limit" if np.isinf(x) else f"{x:,.0f} thousand"

    return (
        f"With {params['inflow']:,.0f} thousand arrivals a year, emigration {100 * e:g} %, naturalisation "
        f"{100 * n:g} % and deaths {100 * d:g} % a year, the foreign-born population goes from "
        f"{first_born:,.0f} thousand in {int(start)} to {last_born:,.0f} thousand in "
        f"{int(end)}, of whom {last_citizens:,.0f} thousand are foreign citizens. In the long run "
        f"the foreign-born population tends to {thousands(eq['foreign_born'])} and foreign citizens to "
        f"{thousands(eq['foreign_citizens'])}."
    )


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The stocks every ten years."""
    wide = run.pivot(index="x", columns="series", values="y")
    wide = wide.loc[wide.index % 10 == 0, [SERIES["foreign_citizens"], SERIES["naturalised"], SERIES["foreign_born"]]]
    wide.columns = ["Foreign citizens (thousands)", "Naturalised citizens (thousands)",
                    "Foreign-born population (thousands)"]
    return wide.astype(int).reset_index().rename(columns={"x": "Year"})


@catalogued()
def stock_flow() -> GridExplorer:
    """Explorer of the stock-flow model: inflow, emigration, naturalisation and death as controls."""
    return GridExplorer(
        title="Stock-flow model of a migrant population",
        caption=("Stock-flow model of a migrant population. Move the controls to change the yearly "
                 "inflow and the shares that emigrate, naturalise and die."),
        controls=controls(), run=run, draw=draw, summary=summary, table=table, thin=_every_fifth_year,
        table_caption="Stocks at the default settings, every ten years (thousands of people)",
    )

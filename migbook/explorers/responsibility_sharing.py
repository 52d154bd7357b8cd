"""Chapter 11's model figure: who provides refugee protection, and how much, when states share it.

The model is :mod:`migbook.models.responsibility_sharing` (an impure public good: Olson and
Zeckhauser 1966; Bergstrom, Blume and Varian 1986; Betts 2003), with one large state and
``n - 1`` small ones.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, line_legend, series_style
from migbook.models import responsibility_sharing as model
from migbook.models.responsibility_sharing import DEFAULTS

STATES = (2, 3, 4, 5, 6, 8, 10, 12, 15, 20)  # the x axis: number of states sharing the good
PRIVATE_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
INCOME_GAPS = (1.0, 2.0, 4.0, 8.0)
NAMES = ["Nash provision, % of the optimum", "Large state's share of all contributions (%)",
         "Large state's share of all income (%)"]


def run(private_share: float, income_gap: float) -> pd.DataFrame:
    """Three percentages (y) against the number of states (x), for one private share and income gap."""
    rows = []
    for n in STATES:
        r = model.large_and_small(n, income_gap, private_share, DEFAULTS.beta)
        values = (r["efficiency"], r["large_paid_share"], r["large_income_share"])
        rows += [{"x": n, "y": round(100 * v, 1), "series": name} for name, v in zip(NAMES, values, strict=True)]
    return pd.DataFrame(rows)


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """Three lines: provision against the optimum, and the large state's shares of cost and of income."""
    return base.mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Number of states sharing protection", scale=alt.Scale(domain=[2, 20]),
                axis=alt.Axis(values=list(STATES), format="d")),
        y=alt.Y("y:Q", title="Per cent", scale=alt.Scale(domain=[0, 100])),
        **series_style(NAMES, legend=line_legend(columns=1)),
        tooltip=[alt.Tooltip("x:Q", title="States"), alt.Tooltip("series:N", title="Measure"),
                 alt.Tooltip("y:Q", title="Per cent", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def _at(run: pd.DataFrame, name: str, n: int) -> float:
    return float(run.loc[(run["series"] == name) & (run["x"] == n), "y"].iloc[0])


def summary(run: pd.DataFrame, params: dict) -> str:
    """Provision against the optimum with 2 and 20 states, and what the large state pays at 10."""
    n = DEFAULTS.states
    first, last = _at(run, NAMES[0], STATES[0]), _at(run, NAMES[0], STATES[-1])
    paid, income = _at(run, NAMES[1], n), _at(run, NAMES[2], n)
    return (f"With {100 * params['private_share']:.0f} % of the benefit private and a large state "
            f"{params['income_gap']:g} times as rich as each small one, Nash provision is {first:.1f} % of the "
            f"optimum with {STATES[0]} states and {last:.1f} % with {STATES[-1]}; with {n} states the large state "
            f"pays {paid:.1f} % of all contributions and has {income:.1f} % of all income.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The three percentages for each number of states."""
    wide = run.pivot(index="x", columns="series", values="y")[NAMES]
    return wide.reset_index().rename(columns={"x": "States"})


@catalogued()
def responsibility_sharing() -> GridExplorer:
    """Responsibility-sharing as an impure public good: provision against the optimum, and who pays."""
    return GridExplorer(
        title="Who provides refugee protection when states share it?",
        caption=("An impure public good: each state gives to protection for the benefit all states share and for "
                 "a private benefit of its own. One large state and the rest small ones; the lines show total "
                 "provision in the Nash equilibrium as a percentage of the cooperative optimum, and the large "
                 f"state's shares of all contributions and of all income (weight of protection {DEFAULTS.beta:g})."),
        controls=[Control("private_share", "Private share of the benefit", PRIVATE_SHARES, DEFAULTS.private_share,
                          live_step=0.05),
                  Control("income_gap", "Large state's income (times a small state's)", INCOME_GAPS,
                          DEFAULTS.income_gap, kind="radio")],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=(f"Per cent, with {100 * DEFAULTS.private_share:.0f} % of the benefit private and a large "
                       f"state {DEFAULTS.income_gap:g} times as rich"),
    )

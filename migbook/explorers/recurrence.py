"""Chapter 10's second model figure: how diaspora funding raises the chance that a war returns.

The model is the two-state (peace, war) chain of :mod:`migbook.models.recurrence`.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, WIDTH, series_style
from migbook.models import recurrence as model
from migbook.models.recurrence import DEFAULTS

DIASPORA = (0.0, 0.25, 0.5, 0.75, 1.0)
MULTIPLIERS = (2, 4, 6, 8, 10)
ENDINGS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
SERIES = ["With diaspora funding", "Without diaspora funding"]
TABLE_EVERY_YEARS = 5


def run(diaspora: float, multiplier: int, ending: float) -> pd.DataFrame:
    """The chance of being at war (y, per cent) each year after a war ends (x), with and without diaspora funding."""
    funded = model.relapse_probability(DEFAULTS.base_relapse, diaspora, multiplier)
    paths = [model.war_path(funded, ending, DEFAULTS.years), model.war_path(DEFAULTS.base_relapse, ending,
                                                                             DEFAULTS.years)]
    years = np.arange(DEFAULTS.years + 1)
    return pd.DataFrame({"x": np.tile(years, 2), "y": (100 * np.concatenate(paths)).round(2),
                         "series": np.repeat(SERIES, years.size)})


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """Two lines: with and without diaspora funding."""
    return base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Years since the war ended", axis=alt.Axis(format="d")),
        y=alt.Y("y:Q", title="Chance of being at war (%)", scale=alt.Scale(domain=[0, 100])),
        **series_style(SERIES),
        tooltip=[alt.Tooltip("series:N", title="Case"), alt.Tooltip("x:Q", title="Year"),
                 alt.Tooltip("y:Q", title="At war (%)", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def numbers(diaspora: float, multiplier: float, ending: float) -> dict[str, float]:
    """The chain's yearly relapse probability, five-year relapse chance, peace length and long-run shares."""
    p = float(model.relapse_probability(DEFAULTS.base_relapse, diaspora, multiplier))
    return {"relapse": p, "within5": float(model.relapse_within(p, 5)), "peace": float(model.expected_peace(p)),
            "war_share": float(model.share_at_war(p, ending)),
            "war_share_none": float(model.share_at_war(DEFAULTS.base_relapse, ending)),
            "peace_none": float(model.expected_peace(DEFAULTS.base_relapse))}


def summary(_run: pd.DataFrame, params: dict) -> str:
    """The relapse risk, the length of peace and the long-run share of years at war, funded and not."""
    n = numbers(params["diaspora"], params["multiplier"], params["ending"])
    return (f"With diaspora funding at {params['diaspora']:.0%} of the largest, relapse up to "
            f"{params['multiplier']} times likelier and wars ending with chance {params['ending']:.0%} a year, "
            f"peace breaks down with chance {n['relapse']:.1%} a year: war returns within five years with "
            f"chance {n['within5']:.0%}, peace lasts {n['peace']:.1f} years on average, and in the long run "
            f"{n['war_share']:.1%} of years are at war, against {n['war_share_none']:.1%} without diaspora "
            f"funding (peace lasting {n['peace_none']:.0f} years).")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The chance of being at war every five years, with and without funding."""
    wide = run.pivot(index="x", columns="series", values="y")[SERIES]
    wide = wide.loc[wide.index % TABLE_EVERY_YEARS == 0].reset_index()
    return wide.rename(columns={"x": "Years since the war ended", SERIES[0]: "With funding (% at war)",
                                SERIES[1]: "Without funding (% at war)"})


@catalogued()
def recurrence() -> GridExplorer:
    """The chance of renewed war after a peace settlement, with and without diaspora funding."""
    return GridExplorer(
        title="Diaspora funding and the return of war",
        caption=("Two-state chain: each year at peace, war returns with a small probability that diaspora funding "
                 f"multiplies (from {DEFAULTS.base_relapse:.0%} a year with none); each year at war, it ends with "
                 "the chosen probability. The lines give the chance of being at war each year after a war ends."),
        controls=[
            Control("multiplier", "Relapse with the largest diaspora (times likelier)", MULTIPLIERS,
                    round(DEFAULTS.multiplier), live_step=1),
            Control("diaspora", "Diaspora funding (share of the largest)", DIASPORA, DEFAULTS.diaspora,
                    live_step=0.05),
            Control("ending", "Chance a war ends each year", ENDINGS, DEFAULTS.ending, live_step=0.01),
        ],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=(f"Chance of being at war every {TABLE_EVERY_YEARS} years after a war ends (%), "
                       "at the starting settings"),
    )

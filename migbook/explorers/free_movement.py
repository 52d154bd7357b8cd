"""Chapter 5's model figure: two regions under free movement of workers (:mod:`migbook.models.free_movement`).

The lines are the wages in the two regions as more of the sending region's workers move; a rule marks
where the flow stops (the wage gap equals the moving cost, or the cap binds).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, INK, WIDTH, series_style
from migbook.models import free_movement as model
from migbook.models.free_movement import DEFAULTS

GAPS = (1.5, 2.0, 3.0, 4.0, 5.0)  # productivity ratio, region 1 to region 2
COSTS = (0.0, 0.5, 1.0, 1.5)  # per worker per year, in region 2's starting wages
SHARES = (0.5, 0.6, 0.7)  # labour share of output
CAPS = (10, 30, 100)  # per cent of region 2's workers allowed to move (100: no cap)
MOVED = np.r_[np.arange(0, 91, 10), 95]  # per cent of region 2's workers moved: the x axis
SERIES = ["Wage in region 1", "Wage in region 2 plus moving cost", "Wage in region 2"]


def run(gap: float, cost: float, share: float, cap: int) -> pd.DataFrame:
    """Wages (y) against the share of region 2's workers who have moved (x), with where the flow settles."""
    wages = model.wage_paths(gap, share, MOVED / 100)
    settled = model.settle(gap, cost, share, cap / 100)
    ys = [wages["wage_1"], wages["wage_2"] + cost, wages["wage_2"]]
    return pd.DataFrame({
        "x": np.tile(MOVED, 3), "y": np.round(np.concatenate(ys), 3), "series": np.repeat(SERIES, MOVED.size),
        "settled": round(100 * float(settled["migrant_share"]), 1),
    })


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """Three wage lines and a dashed rule where migration stops."""
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Share of region 2's workers who have moved (%)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("y:Q", title="Wage (region 2's starting wage = 1)", scale=alt.Scale(zero=True)),
        **series_style(SERIES, title="Line"),
        tooltip=[alt.Tooltip("x:Q", title="Moved (%)"), alt.Tooltip("series:N", title="Line"),
                 alt.Tooltip("y:Q", title="Wage", format=".2f")],
    )
    rule = base.mark_rule(strokeDash=[4, 3], color=INK, aria=False).encode(x="mean(settled):Q")
    return alt.layer(lines, rule).properties(width=WIDTH, height=HEIGHT, description=description)


def outcome(params: dict) -> dict[str, float]:
    """The settled state for one setting, as plain numbers."""
    out = model.settle(params["gap"], params["cost"], params["share"], params["cap"] / 100)
    return {k: float(v) for k, v in out.items()}


def summary(run: pd.DataFrame, params: dict) -> str:
    """How many move, where the wages end, and the change in world output."""
    out = outcome(params)
    cap = "no cap" if params["cap"] == 100 else f"a cap of {params['cap']} %"
    return (f"With region 1 {params['gap']:g} times as productive, a moving cost of {params['cost']:g}, a labour "
            f"share of {params['share']:g} and {cap}, {100 * out['migrant_share']:.0f} % of region 2's workers "
            f"move; wages go from {out['wage_1_before']:.2f} to {out['wage_1']:.2f} in region 1 and from "
            f"{out['wage_2_before']:.2f} to {out['wage_2']:.2f} in region 2, and world output rises by "
            f"{100 * out['world_output'] / out['world_before']:.1f} %.")


GROUPS = {
    "stayers_1": "Workers already in region 1",
    "migrants_gain": "Migrants (net of the moving cost)",
    "stayers_2": "Workers who stay in region 2",
    "capital_1": "Capital owners in region 1",
    "capital_2": "Capital owners in region 2",
    "world_output": "World output",
    "world_net": "World output less moving costs",
}


def gains(params: dict) -> pd.DataFrame:
    """Who gains and who loses, as a share of world output before movement was opened."""
    out = outcome(params)
    return pd.DataFrame({"Group": list(GROUPS.values()),
                         "Change in yearly income (% of world output)":
                             [round(100 * out[k] / out["world_before"], 1) for k in GROUPS]})


@catalogued()
def free_movement() -> GridExplorer:
    """Two regions under free movement: wages converge as workers move, until the gap equals the moving cost."""
    start = {"gap": DEFAULTS.gap, "cost": DEFAULTS.cost, "share": DEFAULTS.labour_share,
             "cap": round(100 * DEFAULTS.cap)}
    return GridExplorer(
        title="Free movement between a rich and a poor region",
        caption=("Two regions with fixed capital and diminishing returns to labour. As workers move from region 2 "
                 "to region 1, the wage falls in region 1 and rises in region 2; movement stops at the dashed "
                 "line, where region 1's wage no longer exceeds region 2's by more than the moving cost, or "
                 "where the cap binds."),
        controls=[Control("gap", "Productivity of region 1 relative to region 2", GAPS, start["gap"]),
                  Control("cost", "Moving cost (region 2's starting wages a year)", COSTS, start["cost"]),
                  Control("share", "Labour share of output", SHARES, start["share"]),
                  Control("cap", "Cap on moves (% of region 2's workers)", CAPS, start["cap"])],
        run=run, draw=draw, summary=summary, table=lambda _run: gains(start), packed=["settled"],
        table_caption=("Who gains and who loses at the starting setting: change in yearly income once movement "
                       "settles, as a share of world output before"),
    )

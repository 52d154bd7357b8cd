"""Chapter 10's first model figure and Lesson 10's: the ROC curve of a border screen and the threshold chosen on it.

The model is :mod:`migbook.models.screening` (equal-variance normal risk scores).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH
from migbook.models import screening as model
from migbook.models.screening import DEFAULTS

THRESHOLDS = tuple(float(t) for t in np.arange(-1.0, 4.51, 0.5))  # standard deviations
SEPARATIONS = (1, 2, 3, 4, 5, 6)  # d', standard deviations
ONE_IN = (100, 10_000, 100_000)  # base rate: one threat in this many travellers
CURVE = tuple(np.linspace(-3.0, 5.5, 18))  # thresholds that trace the ROC curve
SERIES = ["ROC curve", "Chosen threshold", "Least-cost threshold"]
PER = 1_000_000  # travellers the counts refer to
LOWEST_PCT = 1e-5  # the log axis starts at this false-alarm rate (per cent)


def one_in_words(n: int) -> str:
    """'1 in 100,000'."""
    return f"1 in {n:,}"


def run(threshold: float, separation: int, one_in: int) -> pd.DataFrame:
    """The ROC curve (false alarms in per cent, x; threats stopped in per cent, y), the chosen and least-cost points."""
    fa, hit = model.roc(separation, CURVE)
    best = float(model.best_threshold(separation, 1 / one_in, DEFAULTS.cost_ratio))
    points = np.array([threshold, best])
    fa_pts, hit_pts = model.roc(separation, points)
    x = np.concatenate([fa, fa_pts]) * 100
    y = np.concatenate([hit, hit_pts]) * 100
    series = [SERIES[0]] * len(CURVE) + SERIES[1:]
    x = np.array([float(f"{v:.3g}") for v in np.maximum(x, LOWEST_PCT)])
    out = pd.DataFrame({"x": x, "y": y.round(2), "series": series,
                        "t": np.concatenate([CURVE, points]).round(2)})
    return out


def row(threshold: float, separation: float, one_in: int) -> dict[str, float]:
    """What one threshold does to a million travellers."""
    sens, fa = (float(v) for v in model.rates(threshold, separation))
    out = model.outcomes(1 / one_in, sens, 1 - fa, PER)
    cost = float(model.expected_cost(threshold, separation, 1 / one_in, DEFAULTS.cost_ratio)) * PER
    return {"threshold": threshold, "stopped": 100 * sens, "false_alarm_pct": 100 * fa,
            "hits": float(out["hits"]), "false_alarms": float(out["false_alarms"]), "misses": float(out["misses"]),
            "per_hit": float(out["false_alarms_per_hit"]), "cost": cost}


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """The ROC curve as a line, the two thresholds as large points; false alarms on a log axis."""
    colour = alt.Color("series:N", title=None, sort=SERIES, scale=alt.Scale(domain=SERIES, range=PALETTE[:3]))
    x = alt.X("x:Q", title="Harmless travellers stopped (%, log scale)",
              scale=alt.Scale(type="log", domain=[LOWEST_PCT, 100]), axis=alt.Axis(format="~g", tickCount=8))
    y = alt.Y("y:Q", title="Threats stopped (%)", scale=alt.Scale(domain=[0, 100]))
    tooltip = [alt.Tooltip("series:N", title="What"), alt.Tooltip("t:Q", title="Threshold (SD)", format=".2f"),
               alt.Tooltip("x:Q", title="Harmless stopped (%)", format=".3~g"),
               alt.Tooltip("y:Q", title="Threats stopped (%)", format=".1f")]
    curve = base.transform_filter(alt.datum.series == SERIES[0]).mark_line(strokeWidth=2.5).encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    points = base.transform_filter(alt.datum.series != SERIES[0]).mark_point(
        size=180, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=alt.Shape("series:N", title=None, sort=SERIES,
                                                 scale=alt.Scale(domain=SERIES, range=["stroke", "circle", "diamond"])),
        tooltip=tooltip)
    return alt.layer(curve, points).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """What the chosen threshold does, per million travellers, and where the least-cost threshold lies."""
    r = row(params["threshold"], params["separation"], params["one_in"])
    best = float(run.loc[run["series"] == SERIES[2], "t"].iloc[0])
    return (f"With threats scoring {params['separation']} standard deviations above harmless travellers and a "
            f"threshold of {params['threshold']:g}, the screen stops {r['stopped']:.1f} % of threats and "
            f"{r['false_alarm_pct']:.3g} % of harmless travellers. With {one_in_words(params['one_in'])} travellers "
            f"a threat, that is {r['per_hit']:,.0f} false alarms for every threat stopped, and "
            f"{r['misses']:.2g} threats missed per million travellers. If a miss costs as much as "
            f"{DEFAULTS.cost_ratio:,.0f} false alarms, the least-cost threshold is {best:.1f}.")


def table(_run: pd.DataFrame) -> pd.DataFrame:
    """Every threshold on the slider at the starting separation and base rate: what it stops, misses and costs."""
    one_in = round(1 / DEFAULTS.base_rate)
    rows = pd.DataFrame([row(t, DEFAULTS.separation, one_in) for t in THRESHOLDS if t >= 0])
    return pd.DataFrame({
        "Threshold (SD)": rows["threshold"],
        "Threats stopped (%)": rows["stopped"].round(2),
        "Harmless stopped (%)": rows["false_alarm_pct"].map(lambda v: float(f"{v:.3g}")),
        "False alarms per million": rows["false_alarms"].round(0).astype(int),
        "False alarms per threat stopped": rows["per_hit"].map(lambda v: float(f"{v:.3g}")),
        "Threats missed per million": rows["misses"].map(lambda v: float(f"{v:.2g}")),
        "Cost per million (false alarms)": rows["cost"].round(0).astype(int),
    })


@catalogued()
def screening() -> GridExplorer:
    """The ROC curve of a border screen, the threshold chosen on it and the least-cost threshold."""
    one_in = round(1 / DEFAULTS.base_rate)
    return GridExplorer(
        title="Screening travellers: the threshold trade-off",
        caption=("Signal detection at the border: harmless travellers' risk scores are normal around 0, threats' "
                 "around the separation, both with a standard deviation of 1. Moving the threshold slides the "
                 "chosen point along the ROC curve; the least-cost point assumes a missed threat costs as much "
                 f"as {DEFAULTS.cost_ratio:,.0f} false alarms."),
        controls=[
            Control("threshold", "Threshold (SD above harmless mean)", THRESHOLDS, DEFAULTS.threshold,
                    live_step=0.1),
            Control("separation", "Separation d' (SD)", SEPARATIONS, round(DEFAULTS.separation)),
            Control("one_in", "Base rate: one threat in", ONE_IN, one_in, kind="select",
                    labels=tuple(f"{n:,} travellers" for n in ONE_IN)),
        ],
        run=run, draw=draw, summary=summary, table=table, packed=["t"],
        table_caption=(f"Each threshold's outcome per million travellers, separation {DEFAULTS.separation:g} SD, "
                       f"{one_in_words(one_in)} a threat, a miss costing {DEFAULTS.cost_ratio:,.0f} false alarms"),
    )

"""What every chart shares: sizes, colours that read in light and dark mode, fonts, inline data."""

from __future__ import annotations

import altair as alt
import pandas as pd

WIDTH = 520
HEIGHT = 280
# Okabe-Ito colours: distinguishable with colour-blindness, legible on light and dark.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]


def configure(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Apply the book's look: system fonts only (no web font is ever fetched)."""
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
    return chart.configure(font=font).configure_view(stroke=None).configure_axis(
        labelFontSize=12, titleFontSize=13
    ).configure_legend(labelFontSize=12, titleFontSize=13, orient="bottom", labelLimit=320)


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts, with missing values as null (JSON has no NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


# Line dashes that tell series apart without colour (solid, dashed, dotted).
DASHES = [[1, 0], [6, 3], [2, 2]]

"""What every chart shares: sizes, colours that read in light and dark mode, fonts, number formats, inline data.

The page script (``migbook-charts.js``) lays the dark theme over the same
charts: it keeps these colours and swaps the neutral ones (rules, grid, text).
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

WIDTH = 520
HEIGHT = 280
# Okabe-Ito colours: distinguishable with colour-blindness, legible on light and dark.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
# Line dashes that tell series apart without colour (solid, dashed, dotted).
DASHES = [[1, 0], [6, 3], [2, 2]]
# Reference rules (thresholds, caps, zero lines): a neutral colour the dark theme lightens.
RULE = {"color": "#555555", "strokeWidth": 1.5}
# Marks drawn in a neutral ink on purpose (dashed markers, median ticks): near black here, near white in dark mode.
INK = "#333333"
# What the page script changes in dark mode (it reads these from each chart's usermeta): colours too dark
# to read on a dark page, swapped for their lighter Okabe-Ito neighbours, and the neutral marks' config.
DARK_COLOURS = {"#0072B2": "#56B4E9", INK: "#d0d0d0"}
DARK_CONFIG = {
    "background": None,
    "rule": {"color": "#d0d0d0"},
    "text": {"color": "#dddddd"},
    "axis": {"gridColor": "#444444", "gridOpacity": 0.6, "domainColor": "#aaaaaa", "tickColor": "#aaaaaa"},
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
LABEL_LIMIT = 220  # px: longer axis and legend labels end in "…", with the whole text in the tooltip

# Tick labels of large numbers in words a reader takes in at a glance: 7.9 bn, 250 m, 12,000.
COMPACT_LABELS = (
    "abs(datum.value) >= 1e9 ? format(datum.value / 1e9, '.3~r') + ' bn' : "
    "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '.3~r') + ' m' : datum.label"
)


def configure(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Apply the book's look: system fonts only (no web font is ever fetched), compact number labels,
    and a layout that is worked out again whenever a control changes what is drawn."""
    return (
        chart.properties(autosize=alt.AutoSizeParams(type="pad", resize=True),
                         usermeta={"migbook": {"dark": {"colours": DARK_COLOURS, "config": DARK_CONFIG}}})
        .configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=13, labelLimit=LABEL_LIMIT)
        .configure_axisQuantitative(labelExpr=COMPACT_LABELS)
        .configure_legend(labelFontSize=12, titleFontSize=13, orient="bottom", labelLimit=320)
        .configure_rule(**RULE)
        .configure_title(fontSize=13, anchor="start", limit=WIDTH)
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts, with missing values as null (JSON has no NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def compact(value: float) -> str:
    """A number as tables print it: millions and billions in words, separators from 10,000, others to 4 figures.

    Years and small counts stay as they are written (2020, 1938).

    >>> compact(5273116890.0), compact(24_000_000), compact(15000.0), compact(2020), compact(0.42857)
    ('5.27 bn', '24 m', '15,000', '2020', '0.4286')
    """
    if abs(value) >= 1e9:
        return f"{value / 1e9:,.3g} bn"
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.3g} m"
    if float(value).is_integer():
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{int(value)}"
    return f"{value:,.4g}"


def line_legend(**options: object) -> alt.Legend:
    """A legend for lines told apart by colour and dash: each entry drawn as a short stroke in its dash."""
    return alt.Legend(symbolType="stroke", symbolStrokeWidth=2.5, symbolSize=400, **options)


def series_style(names: Sequence[str], *, title: str | None = None, dashes: Sequence[list[int]] | None = None,
                 legend: alt.Legend | None = None) -> dict[str, alt.Color | alt.StrokeDash]:
    """Colour and dash encodings for one line per ``series``: each told apart by both, never by colour alone,
    in one legend that lists ``names`` in order. ``dashes`` default to solid, dashed, dotted.

    >>> style = series_style(["Sending", "Receiving"], title="Countries")
    >>> sorted(style), style["strokeDash"].to_dict()["scale"]["range"]
    (['color', 'strokeDash'], [[1, 0], [6, 3]])
    """
    names = list(names)
    dashes = list(dashes) if dashes is not None else DASHES[:len(names)]
    if len(names) > len(PALETTE) or len(dashes) != len(names):
        raise ValueError(f"{len(names)} series need as many colours (at most {len(PALETTE)}) and dashes, "
                         f"got {len(dashes)} dashes")
    return {
        "color": alt.Color("series:N", title=title, sort=names,
                           scale=alt.Scale(domain=names, range=PALETTE[:len(names)]), legend=legend or line_legend()),
        "strokeDash": alt.StrokeDash("series:N", title=title, sort=names, scale=alt.Scale(domain=names, range=dashes)),
    }

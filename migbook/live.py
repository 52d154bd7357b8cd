"""Helpers for live twins: draw a chart as SVG inside a widget, offline.

Charts are rendered in the kernel by vl-convert (which carries its own Vega),
so a live twin needs no JavaScript from any network and looks the same in
JupyterLab, Voila and the classic notebook.
"""

from __future__ import annotations

import html
import json

import altair as alt
import ipywidgets as widgets
import vl_convert

CONTROL_STYLE = {"description_width": "16em"}


def control_layout() -> widgets.Layout:
    """Layout for a labelled control. A function, not a constant: creating a widget at
    import time would put widget state (and CDN scripts) into every page of the book."""
    return widgets.Layout(width="34em")


def svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string, rendered offline."""
    return vl_convert.vegalite_to_svg(json.dumps(chart.to_dict()))


def chart_widget() -> widgets.HTML:
    """An empty widget that will hold a chart's SVG."""
    return widgets.HTML(layout=widgets.Layout(min_height="300px"))


def status_html(text: str) -> str:
    """A sentence announced to screen readers whenever it changes."""
    return f'<p class="migbook-status" role="status" aria-live="polite">{html.escape(text)}</p>'

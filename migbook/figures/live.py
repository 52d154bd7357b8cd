"""Helpers for live twins: draw a chart inside a widget, offline.

By default charts are rendered in the kernel by vl-convert (which carries its own
Vega), so a live twin needs no JavaScript from any network and looks the same in
JupyterLab, Voila and the classic notebook. Where the page itself can draw Vega-Lite
(``MIGBOOK_LIVE_CHARTS=browser``, set by ``migbook classroom``, whose pages load the
vendored Vega bundle), the widget carries the chart's spec instead and the page draws
it: the kernel then never starts vl-convert's JavaScript engine (about 100 MB a kernel).
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from typing import Any

import altair as alt
import ipywidgets as widgets

CONTROL_STYLE = {"description_width": "16em"}
CHARTS_VARIABLE = "MIGBOOK_LIVE_CHARTS"


def control_layout() -> widgets.Layout:
    """Layout for a labelled control. A function, not a constant: creating a widget at
    import time would put widget state (and CDN scripts) into every page of the book."""
    return widgets.Layout(width="34em")


def svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string, rendered offline."""
    import vl_convert  # here, not at the top: a kernel that lets the browser draw never loads it

    return vl_convert.vegalite_to_svg(json.dumps(chart.to_dict()))


def browser_draws() -> bool:
    """Whether the page draws the charts (``MIGBOOK_LIVE_CHARTS=browser``) rather than the kernel."""
    return os.environ.get(CHARTS_VARIABLE) == "browser"


def spec_html(chart: alt.TopLevelMixin) -> str:
    """The chart as a Vega-Lite spec for the page to draw (``migbook-live-charts.js`` in the classroom)."""
    # Not validated against the Vega-Lite schema here (that took most of a redraw's time): every explorer's
    # charts are validated by the tests (tests/test_catalogue.py), and the page reports a spec it cannot draw.
    spec = json.dumps(chart.to_dict(validate=False), separators=(",", ":"), allow_nan=False)
    return f'<div class="migbook-vl" data-spec="{html.escape(spec, quote=True)}"></div>'


def chart_html(chart: alt.TopLevelMixin) -> str:
    """What a chart widget holds: the spec where the page draws, else the SVG."""
    return spec_html(chart) if browser_draws() else svg(chart)


def chart_widget() -> widgets.HTML:
    """An empty widget that will hold a chart's SVG."""
    return widgets.HTML(layout=widgets.Layout(min_height="300px"))


def status_html(text: str) -> str:
    """A sentence announced to screen readers whenever it changes."""
    return f'<p class="migbook-status" role="status" aria-live="polite">{html.escape(text)}</p>'


def error_html(err: BaseException) -> str:
    """One line saying a setting could not be drawn (announced like the summary), never a traceback."""
    reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return (f'<p class="migbook-status migbook-error" role="status" aria-live="polite">'
            f"This setting could not be drawn: {html.escape(reason)}</p>")


def panel(controls: dict[str, widgets.Widget],
          render: Callable[[dict[str, Any]], tuple[alt.TopLevelMixin | None, str]]) -> widgets.VBox:
    """A live twin: the controls, a chart and a spoken summary, redrawn on every change.

    ``render(values)`` gets the controls' values by name and returns the chart
    (or None to keep the last one) and the summary sentence. If it raises, the
    chart stays as it was and the status says, in one line, why the setting
    could not be drawn: a lesson never shows a traceback. The panel keeps
    ``controls``, ``chart`` and ``status`` as attributes, for lessons and tests.
    """
    chart, status = chart_widget(), widgets.HTML()

    def redraw(_change: object = None) -> None:
        try:
            drawn, summary = render({name: control.value for name, control in controls.items()})
            if drawn is not None:
                chart.value = chart_html(drawn)
        except Exception as err:  # a lesson shows one line, never a traceback
            status.value = error_html(err)
            return
        status.value = status_html(summary)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([*controls.values(), chart, status])
    box.add_class("migbook-live")
    box.controls, box.chart, box.status = controls, chart, status
    return box

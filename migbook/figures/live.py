"""Helpers for live twins: draw a chart inside a widget, offline.

By default charts are rendered in the kernel by vl-convert (which carries its own
Vega), so a live twin needs no JavaScript from any network and looks the same in
JupyterLab, Voila and the classic notebook. Where the page itself can draw Vega-Lite
(``MIGBOOK_LIVE_CHARTS=browser``, set by ``migbook classroom``, whose pages load the
vendored Vega bundle), the widget carries the chart's spec instead and the page draws
it: the kernel then never starts vl-convert's JavaScript engine (about 100 MB a kernel).

A figure's redraw is a :class:`Drawing`: a chart over the named dataset :data:`DATA`
whose structure is built once per panel, and the rows and parameter values of one
setting. Where the page draws, a move that keeps the structure sends only those
(:func:`update_html`, applied to the chart already on the page by ``view.data`` and
``view.signal``): no Altair work and a message of a few kilobytes instead of the whole
spec. A move that changes the structure sends the full spec again.
"""

from __future__ import annotations

import copy
import html
import json
import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import ipywidgets as widgets

CONTROL_STYLE = {"description_width": "16em"}
CHARTS_VARIABLE = "MIGBOOK_LIVE_CHARTS"
DATA = "migbook"  # the dataset a live chart draws (a Vega-Lite named dataset, replaced in the page on a move)
_PLACEHOLDER = "\x00migbook-description\x00"  # stands for the summary while a chart's structure is built


def control_layout() -> widgets.Layout:
    """Layout for a labelled control. A function, not a constant: creating a widget at
    import time would put widget state (and CDN scripts) into every page of the book."""
    return widgets.Layout(width="34em")


def _svg_of(spec: dict[str, Any]) -> str:
    import vl_convert  # here, not at the top: a kernel that lets the browser draw never loads it

    return vl_convert.vegalite_to_svg(json.dumps(spec))


def svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG string, rendered offline."""
    return _svg_of(chart.to_dict())


def browser_draws() -> bool:
    """Whether the page draws the charts (``MIGBOOK_LIVE_CHARTS=browser``) rather than the kernel."""
    return os.environ.get(CHARTS_VARIABLE) == "browser"


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def _script(value: Any) -> str:
    """``value`` as JSON in an inert ``<script type="application/json">`` (no ``<`` can end it early; no
    ``&quot;`` for every quote, as an attribute would need)."""
    text = _json(value).replace("<", "\\u003c")
    return f'<script type="application/json">{text}</script>'


def spec_html(spec: alt.TopLevelMixin | dict[str, Any]) -> str:
    """The chart as a Vega-Lite spec for the page to draw (``migbook-live-charts.js`` in the classroom):
    ``{"spec": spec, "columns": {dataset: {column: values}}}``, the live dataset sent as columns (the page
    makes them rows again), a third of the size of rows for a table such as the migrant stock by place."""
    # Not validated against the Vega-Lite schema here (that took most of a redraw's time): every explorer's
    # charts are validated by the tests (tests/test_catalogue.py), and the page reports a spec it cannot draw.
    as_dict = dict(spec) if isinstance(spec, dict) else spec.to_dict(validate=False)
    datasets = dict(as_dict.get("datasets", {}))
    packed = {}
    table = datasets.get(DATA)
    if isinstance(table, list) and table and all(isinstance(row, dict) and row.keys() == table[0].keys()
                                                 for row in table):
        packed[DATA] = {name: [row[name] for row in table] for name in table[0]}
        as_dict["datasets"] = {**datasets, DATA: []}
    return f'<div class="migbook-vl">{_script({"spec": as_dict, "columns": packed})}</div>'


def update_html(update: dict[str, Any]) -> str:
    """A redraw that keeps the chart on the page and changes its data, parameters and description:
    ``{"data": {name: {column: values}}, "signals": {name: value}, "description": text}``
    (``migbook-live-charts.js`` applies it)."""
    return f'<div class="migbook-vl-update">{_script(update)}</div>'


def chart_html(chart: alt.TopLevelMixin) -> str:
    """What a chart widget holds: the spec where the page draws, else the SVG."""
    return spec_html(chart) if browser_draws() else svg(chart)


def chart_widget() -> widgets.HTML:
    """An empty widget that will hold a chart's SVG."""
    return widgets.HTML(layout=widgets.Layout(min_height="300px"))


def update_widget() -> widgets.HTML:
    """A hidden widget that carries a chart's data-only updates to the page (where the page draws)."""
    feed = widgets.HTML(layout=widgets.Layout(display="none"))
    feed.add_class("migbook-vl-feed")
    return feed


def status_html(text: str) -> str:
    """A sentence announced to screen readers whenever it changes."""
    return f'<p class="migbook-status" role="status" aria-live="polite">{html.escape(text)}</p>'


def error_html(err: BaseException) -> str:
    """One line saying a setting could not be drawn (announced like the summary), never a traceback."""
    reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return (f'<p class="migbook-status migbook-error" role="status" aria-live="polite">'
            f"This setting could not be drawn: {html.escape(reason)}</p>")


def columns(frame: Any) -> dict[str, list[Any]]:
    """A data frame's columns as JSON-ready lists (missing values as null): what a redraw sends the page."""
    out = {}
    for name in frame.columns:
        column = frame[name]
        out[str(name)] = column.astype(object).where(column.notna(), None).tolist() if column.hasnans \
            else column.tolist()
    return out


def rows(packed: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Columns as rows, the shape of a Vega-Lite dataset (the page does the same with an update's columns)."""
    names = list(packed)
    return [dict(zip(names, values, strict=True)) for values in zip(*packed.values(), strict=True)]


@dataclass
class Drawing:
    """One setting's chart: its structure (``make(description)``, a chart over ``alt.NamedData(DATA)``, built
    only when ``key`` is new), its dataset's ``data`` (as :func:`columns`), and its unbound parameters' values.

    ``key`` names what the structure depends on besides the description; a figure whose structure never
    changes uses one key. ``data_changes=False`` says the data are the same for every setting (the page
    keeps them; only parameters change).
    """

    key: Hashable
    make: Callable[[str], alt.TopLevelMixin]
    data: dict[str, list[Any]]
    signals: dict[str, Any] = field(default_factory=dict)
    data_changes: bool = True


@dataclass
class _Structure:
    """A chart's structure as a Vega-Lite dict, and whether its description is the only place the summary goes."""

    spec: dict[str, Any]
    description_only: bool


def _structure(drawing: Drawing) -> _Structure:
    spec = drawing.make(_PLACEHOLDER).to_dict(validate=False)
    alone = spec.get("description") == _PLACEHOLDER and json.dumps(spec).count("migbook-description") == 1
    return _Structure(spec, alone)


def _set_params(node: Any, values: dict[str, Any]) -> None:
    """Give every parameter named in ``values`` that value (a parameter's start, in place)."""
    if isinstance(node, dict):
        for param in node.get("params", []) or []:
            if isinstance(param, dict) and param.get("name") in values and "select" not in param:
                param["value"] = values[param["name"]]
        for value in node.values():
            _set_params(value, values)
    elif isinstance(node, list):
        for value in node:
            _set_params(value, values)


def full_spec(drawing: Drawing, summary: str, structure: _Structure | None = None) -> dict[str, Any]:
    """The whole Vega-Lite spec of a drawing: its structure, its rows as the dataset, the summary, the parameters."""
    if structure is None or not structure.description_only:
        spec = drawing.make(summary).to_dict(validate=False)
    else:
        spec = copy.deepcopy(structure.spec)
        spec["description"] = summary
    spec["datasets"] = {**spec.get("datasets", {}), DATA: rows(drawing.data)}
    _set_params(spec, drawing.signals)
    return spec


class _Drawn:
    """What a panel's page shows: the structure drawn last, so that the next move can send only what changed."""

    def __init__(self) -> None:
        self.key: Hashable = object()
        self.structure: _Structure | None = None
        self.data: dict[str, list[Any]] | None = None
        self.last: tuple[Drawing | alt.TopLevelMixin, str] | None = None

    def spec(self) -> dict[str, Any] | None:
        """The whole Vega-Lite spec of what the panel shows now (what a page drawing it afresh would get)."""
        if self.last is None:
            return None
        made, summary = self.last
        return full_spec(made, summary, self.structure) if isinstance(made, Drawing) else made.to_dict()

    def html(self, drawing: Drawing, summary: str) -> tuple[str | None, str]:
        """(the chart widget's new value or None to keep it, the update widget's new value)."""
        if not browser_draws():
            return _svg_of(full_spec(drawing, summary)), ""
        if drawing.key == self.key and self.structure is not None and self.structure.description_only:
            update: dict[str, Any] = {"description": summary, "signals": drawing.signals}
            if drawing.data_changes or drawing.data is not self.data:
                update["data"] = {DATA: drawing.data}
            self.data = drawing.data
            return None, update_html(update)
        self.key, self.structure, self.data = drawing.key, _structure(drawing), drawing.data
        return spec_html(full_spec(drawing, summary, self.structure)), ""


def panel(controls: dict[str, widgets.Widget],
          render: Callable[[dict[str, Any]], tuple[alt.TopLevelMixin | Drawing | None, str]]) -> widgets.VBox:
    """A live twin: the controls, a chart and a spoken summary, redrawn on every change.

    ``render(values)`` gets the controls' values by name and returns the chart
    (an Altair chart, a :class:`Drawing`, or None to keep the last one) and the summary sentence. If it raises,
    the chart stays as it was and the status says, in one line, why the setting
    could not be drawn: a lesson never shows a traceback. The panel keeps
    ``controls``, ``chart`` and ``status`` as attributes, for lessons and tests (and, where the page draws,
    ``updates``: the hidden widget that carries data-only redraws), and ``spec()``: the whole spec shown now.
    """
    chart, status = chart_widget(), widgets.HTML()
    updates = update_widget() if browser_draws() else None
    drawn = _Drawn()

    def redraw(_change: object = None) -> None:
        try:
            made, summary = render({name: control.value for name, control in controls.items()})
            if isinstance(made, Drawing):
                whole, update = drawn.html(made, summary)
            elif made is not None:
                drawn.key = object()  # the next Drawing is drawn whole
                whole, update = chart_html(made), ""
            else:
                whole, update = None, None
            if made is not None:
                drawn.last = (made, summary)
            if whole is not None:
                if updates is not None:
                    updates.value = ""  # an update applies to the chart drawn before it: none yet for this one
                chart.value = whole
            if update and updates is not None:
                updates.value = update
        except Exception as err:  # a lesson shows one line, never a traceback
            status.value = error_html(err)
            return
        status.value = status_html(summary)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([*controls.values(), chart, *([updates] if updates is not None else []), status])
    box.add_class("migbook-live")
    box.controls, box.chart, box.status, box.updates = controls, chart, status, updates
    box.spec = drawn.spec
    return box

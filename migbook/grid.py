"""An explorer of a model over a grid of parameter values: the pattern behind most of the book's figures.

Describe the controls and the model run once; :class:`GridExplorer` gives

* the static twin: the model run for every combination of control values at
  build time, packed one row per run and series with list columns (Vega-Lite
  flattens the chosen run in the page), and Altair parameters bound to sliders,
  radio buttons or menus that pick the run;
* the live twin: ipywidgets controls (finer steps where given) that rerun the
  model on every change and redraw the chart as SVG.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from migbook import live
from migbook.charts.base import configure, records
from migbook.twin import MAX_SPOKEN_SETTINGS, StaticFigure, Twin, summary_key


@dataclass(frozen=True)
class Control:
    """One model parameter as a control.

    ``values`` are the grid of the static twin (evenly spaced for a slider);
    ``live_step`` lets the live slider move more finely than the grid.
    """

    name: str
    label: str
    values: tuple[Any, ...]
    default: Any
    kind: str = "range"  # range, radio or select
    live_step: float | None = None
    labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.default not in self.values:
            raise ValueError(f"control {self.name}: default {self.default!r} is not on its grid")

    def binding(self) -> Any:
        if self.kind == "range":
            step = self.values[1] - self.values[0] if len(self.values) > 1 else 1
            return alt.binding_range(min=self.values[0], max=self.values[-1], step=step, name=self.label + " ")
        labels = list(self.labels) if self.labels else [str(v) for v in self.values]
        bind = alt.binding_radio if self.kind == "radio" else alt.binding_select
        return bind(options=list(self.values), labels=labels, name=self.label + " ")

    def widget(self) -> widgets.Widget:
        style, layout = live.CONTROL_STYLE, live.control_layout()
        if self.kind == "range":
            step = self.live_step or (self.values[1] - self.values[0] if len(self.values) > 1 else 1)
            whole = all(isinstance(v, int) for v in (*self.values, step))
            slider = widgets.IntSlider if whole else widgets.FloatSlider
            return slider(value=self.default, min=self.values[0], max=self.values[-1], step=step,
                          description=self.label, style=style, layout=layout, continuous_update=False)
        options = list(zip(self.labels or [str(v) for v in self.values], self.values, strict=True))
        kind = widgets.RadioButtons if self.kind == "radio" else widgets.Dropdown
        return kind(options=options, value=self.default, description=self.label, style=style, layout=layout)


@dataclass
class GridExplorer:
    """A model explorer: ``run(**params)`` returns a long table with columns ``x``, ``y`` and ``series``.

    ``draw(base, description)`` encodes that table (x, y, series); ``summary``
    writes the sentence a screen reader hears for a run; ``table`` turns the
    starting run into the text alternative's table.
    """

    title: str
    caption: str
    controls: list[Control]
    run: Callable[..., pd.DataFrame]
    draw: Callable[[alt.Chart, str], alt.TopLevelMixin]
    summary: Callable[[pd.DataFrame, dict[str, Any]], str]
    table: Callable[[pd.DataFrame], pd.DataFrame]
    table_caption: str
    x: str = "x"
    y: str = "y"
    packed: list[str] = field(default_factory=list)  # other per-row columns to carry (e.g. labels)

    def defaults(self) -> dict[str, Any]:
        return {c.name: c.default for c in self.controls}

    def runs(self) -> list[tuple[dict[str, Any], pd.DataFrame]]:
        """The model run for every combination of control values."""
        names = [c.name for c in self.controls]
        grid = itertools.product(*(c.values for c in self.controls))
        return [(params, self.run(**params)) for params in (dict(zip(names, combo, strict=True)) for combo in grid)]

    def grid(self, runs: list[tuple[dict[str, Any], pd.DataFrame]] | None = None) -> pd.DataFrame:
        """Every run, one row per combination and series, x and y (and packed columns) as lists."""
        names = [c.name for c in self.controls]
        long = pd.concat([run.assign(**params) for params, run in (runs or self.runs())], ignore_index=True)
        keys = [*names, *[c for c in long.columns if c not in {self.x, self.y, *self.packed, *names}]]
        return long.groupby(keys, sort=False, as_index=False).agg(list)

    def spoken(self, runs: list[tuple[dict[str, Any], pd.DataFrame]]) -> dict[str, Any] | None:
        """The summary sentence of every setting, for the static twin's text alternative."""
        if len(runs) > MAX_SPOKEN_SETTINGS:
            return None
        names = [c.name for c in self.controls]
        return {"params": names, "texts": {summary_key([params[n] for n in names]): self.summary(run, params)
                                           for params, run in runs}}

    def static(self) -> StaticFigure:
        start = self.defaults()
        first = self.run(**start)
        summary = self.summary(first, start)
        params = [alt.param(name=c.name, value=c.default, bind=c.binding()) for c in self.controls]
        chosen = " && ".join(f"datum.{c.name} == {c.name}" for c in self.controls)
        runs = self.runs()
        base = alt.Chart(alt.Data(values=records(self.grid(runs)))).transform_filter(chosen).transform_flatten(
            [self.x, self.y, *self.packed])
        chart = configure(self.draw(base, summary).add_params(*params))
        return StaticFigure(chart=chart, caption=self.caption, summary=summary, table=self.table(first),
                            table_caption=self.table_caption, summaries=self.spoken(runs))

    def live(self) -> widgets.Widget:
        def render(params: dict[str, Any]) -> tuple[alt.TopLevelMixin, str]:
            result = self.run(**params)
            summary = self.summary(result, params)
            return configure(self.draw(alt.Chart(alt.Data(values=records(result))), summary)), summary

        return live.panel({c.name: c.widget() for c in self.controls}, render)

    def twin(self) -> Twin:
        return Twin(title=self.title, static=self.static, live=self.live)

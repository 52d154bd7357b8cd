"""An explorer of a model over a grid of parameter values: the pattern behind every model figure.

Describe the controls and the model run once; :class:`GridExplorer` gives

* the static twin: the model run for every combination of control values at
  build time, packed one row per run and series with list columns (Vega-Lite
  flattens the chosen run in the page), and Altair parameters bound to sliders,
  radio buttons or menus that pick the run;
* the live twin: ipywidgets controls (finer steps where given) that rerun the
  model on every change and redraw the chart (as SVG, or in the classroom by
  sending the page only the new run's data).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from migbook.figures import live
from migbook.figures.controls import Control, all_of, setting_key
from migbook.figures.theme import configure, records
from migbook.figures.twin import Figure, StaticFigure, spoken

Run = Callable[..., pd.DataFrame]


@dataclass
class GridExplorer(Figure):
    """A model explorer: ``run(**params)`` returns a long table with columns ``x``, ``y`` and ``series``.

    ``draw(base, description)`` encodes that table (x, y, series); ``summary(run,
    params)`` writes the sentence a screen reader hears for a run; ``table(run)``
    turns the starting run into the text alternative's table. ``thin(run)``, if
    given, keeps fewer rows of each run in the static twin's grid (to keep the
    page light); ``packed`` names other per-row columns to carry (labels).
    """

    title: str
    caption: str
    controls: list[Control]
    run: Run
    draw: Callable[[alt.Chart, str], alt.TopLevelMixin]
    summary: Callable[[pd.DataFrame, dict[str, Any]], str]
    table: Callable[[pd.DataFrame], pd.DataFrame]
    table_caption: str
    x: str = "x"
    y: str = "y"
    packed: list[str] = field(default_factory=list)
    thin: Callable[[pd.DataFrame], pd.DataFrame] | None = None

    def defaults(self) -> dict[str, Any]:
        """The starting setting: each control at its default."""
        return {c.name: c.default for c in self.controls}

    def settings(self) -> list[dict[str, Any]]:
        """Every combination of control values, in grid order."""
        names = [c.name for c in self.controls]
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(c.values for c in self.controls))]

    def runs(self) -> list[tuple[dict[str, Any], pd.DataFrame]]:
        """The model run for every combination of control values."""
        return [(params, self.run(**params)) for params in self.settings()]

    def grid(self, runs: list[tuple[dict[str, Any], pd.DataFrame]] | None = None) -> pd.DataFrame:
        """Every run packed for the page: list columns, one row per run (or per run and series).

        Where every series of a run shares its x values and the run's other columns
        are constant, a run is one row: ``x`` and one y list per series (``y_0``,
        ``y_1``, ...), unfolded in the page (see :meth:`static`). Otherwise each
        run and series is a row with x, y and the packed columns as lists.
        """
        runs = runs if runs is not None else self.runs()
        thin = self.thin or (lambda run: run)
        thinned = [(params, thin(run)) for params, run in runs]
        names = [c.name for c in self.controls]
        clash = set(names) & set(thinned[0][1].columns)
        if clash:
            raise ValueError(f"{self.title}: the run has a column named like a control ({', '.join(sorted(clash))})")
        series = self._wide_series(thinned)
        if series is not None:
            return pd.DataFrame([self._wide_row(params, run, series) for params, run in thinned])
        long = pd.concat([run.assign(**params) for params, run in thinned], ignore_index=True)
        keys = [*names, *[c for c in long.columns if c not in {self.x, self.y, *self.packed, *names}]]
        return long.groupby(keys, sort=False, as_index=False).agg(list)

    def _wide_series(self, runs: list[tuple[dict[str, Any], pd.DataFrame]]) -> list[str] | None:
        """The series of every run, if the runs can be packed one row each; else None."""
        if self.packed or "series" not in runs[0][1]:
            return None
        series = list(dict.fromkeys(runs[0][1]["series"]))
        if len(series) < 2:  # one series: a row per run already
            return None
        for _, run in runs:
            labels, xs = run["series"].to_numpy(), run[self.x].to_numpy()
            if list(dict.fromkeys(labels)) != series:
                return None
            extra = run.drop(columns=[self.x, self.y, "series"])
            if len(extra.columns) and (extra.nunique(dropna=False) > 1).any():
                return None
            first = xs[labels == series[0]]
            if any(len(xs[labels == name]) != len(first) or (xs[labels == name] != first).any() for name in series):
                return None
        return series

    def _wide_row(self, params: dict[str, Any], run: pd.DataFrame, series: list[str]) -> dict[str, Any]:
        labels, xs, ys = run["series"].to_numpy(), run[self.x].to_numpy(), run[self.y].to_numpy()
        row = {**params, self.x: xs[labels == series[0]].tolist()}
        row.update({f"y_{i}": ys[labels == name].tolist() for i, name in enumerate(series)})
        row.update({column: run[column].iloc[0] for column in run.columns if column not in {self.x, self.y, "series"}})
        return row

    def sentence(self, setting: dict[str, Any]) -> str:
        return self.summary(self.run(**setting), setting)

    def static(self) -> StaticFigure:
        start = self.defaults()
        first = self.run(**start)
        summary = self.summary(first, start)
        params = [c.param() for c in self.controls]
        chosen = all_of(c.picks(p) for c, p in zip(self.controls, params, strict=True))
        runs = self.runs()
        by_key = {setting_key(list(p.values())): run for p, run in runs}
        grid = self.grid(runs)
        base = alt.Chart(alt.Data(values=records(grid))).transform_filter(chosen)
        folded = sorted((c for c in grid.columns if c.startswith("y_")), key=lambda c: int(c[2:]))
        if folded:
            base = base.transform_flatten([self.x, *folded]).transform_fold(folded, as_=["fold", self.y]) \
                .transform_calculate(series=_series_names(folded, list(dict.fromkeys(first["series"]))))
        else:
            base = base.transform_flatten([self.x, self.y, *self.packed])
        chart = configure(self.draw(base, summary).add_params(*params))
        return StaticFigure(chart=chart, caption=self.caption, summary=summary, table=self.table(first),
                            table_caption=self.table_caption, name=self.name, source=self.source(),
                            summaries=spoken(self.controls, [p for p, _ in runs],
                                             lambda p: self.summary(by_key[setting_key(list(p.values()))], p)))

    def live(self) -> widgets.Widget:
        def make(description: str) -> alt.TopLevelMixin:
            return configure(self.draw(alt.Chart(alt.NamedData(name=live.DATA)), description))

        def render(params: dict[str, Any]) -> tuple[live.Drawing, str]:
            # The chart's structure depends only on the summary (draw gets no other input): one key for all moves.
            result = self.run(**params)
            summary = self.summary(result, params)
            return live.Drawing(key=None, make=make, data=live.columns(result)), summary

        return live.panel({c.name: c.widget() for c in self.controls}, render)


def _series_names(folded: list[str], names: list[str]) -> Any:
    """The expression that turns a folded column's name (``y_0``, ...) back into its series' name."""
    expression: Any = names[-1]
    for column, name in reversed(list(zip(folded[:-1], names[:-1], strict=True))):
        expression = alt.expr.if_(alt.datum.fold == column, name, expression)
    return expression

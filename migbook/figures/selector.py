"""A chart of a tidy table filtered by menus: the explorer behind the data figures.

Static twin: Vega-Lite parameters bound to ``<select>`` menus filter the whole
(small) table in the page. Live twin: ipywidgets dropdowns filter it in the
kernel and redraw the chart (as SVG, or in the classroom by sending the chart
already on the page its new parameter values). Both use the same Altair
predicate, made by each menu's :class:`~migbook.figures.controls.Control`.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from migbook.figures import live
from migbook.figures.controls import Control, all_of, param_name
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH, configure, records
from migbook.figures.twin import Figure, StaticFigure, spoken

BAR, ROW, MIN_BARS_HEIGHT = 16, 24, 120  # px: a horizontal bar, the row it sits in, the least plot height
TITLE_CHARACTERS = 64  # a chart title longer than this is set on several lines


def wrap(words: str) -> str | list[str]:
    """A title as Vega sets it: one line, or a list of lines when it is long.

    >>> wrap("Net migration (persons)")
    'Net migration (persons)'
    """
    lines = textwrap.wrap(words, TITLE_CHARACTERS)
    return lines[0] if len(lines) == 1 else lines


# draw(base, picked, description): the chart of the rows ``picked`` selects from ``base``.
Draw = Callable[[alt.Chart, Any, str], alt.TopLevelMixin]


@dataclass
class SelectorChart(Figure):
    """A line, bar or point chart of ``y`` against ``x`` for the rows the menus pick.

    ``selectors`` maps a column of ``table`` to its menu label; the menu lists
    the column's values in table order and starts at ``defaults[column]`` (or
    the first value); ``labels`` gives menu words for terse values. ``summary``
    writes the text alternative for the chosen rows. ``draw`` replaces the
    standard encoding for a figure that needs more than the chosen rows (it
    gets the whole table and the predicate that picks them).
    """

    table: pd.DataFrame
    x: str
    y: str
    selectors: dict[str, str]
    title: str
    caption: str
    summary: Callable[[pd.DataFrame, dict[str, str]], str]
    x_title: str
    y_title: str | None  # None: the chart title carries the unit (measures in different units)
    mark: str = "line"
    x_type: str = "Q"
    defaults: dict[str, str] = field(default_factory=dict)
    table_caption: str = "The numbers at the starting choice"
    log_scales: bool = False  # log x and y axes (for scatters of distance against stock)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    draw: Draw | None = None
    columns: list[str] | None = None  # the columns the chart uses (default: x, y and the menus')
    table_of: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # chosen rows -> the text alternative's table
    title_by: str | None = None  # a menu's column: the chart's title names its choice (a measure and its unit)
    partial: dict[Any, str] = field(default_factory=dict)  # x values of incomplete periods -> a note drawn there

    def options(self, column: str) -> list[str]:
        return list(dict.fromkeys(self.table[column].astype(str)))

    @functools.cached_property
    def controls(self) -> list[Control]:  # type: ignore[override]
        out = []
        for column, label in self.selectors.items():
            values = self.options(column)
            named = self.labels.get(column, {})
            out.append(Control(param_name(column), label, tuple(values), self.defaults.get(column, values[0]),
                               kind="select", labels=tuple(named.get(v, v) for v in values), field=column))
        return out

    def choice(self, setting: dict[str, Any]) -> dict[str, str]:
        """A setting of the controls (by parameter name) as column -> value."""
        return {c.column: setting[c.name] for c in self.controls}

    def describe(self, choice: dict[str, str]) -> dict[str, str]:
        """The choice as a reader sees it in the menus."""
        words = {c.column: c for c in self.controls}
        return {column: words[column].describe(value) for column, value in choice.items()}

    def initial(self) -> dict[str, str]:
        return {c.column: c.default for c in self.controls}

    def rows(self, choice: dict[str, str]) -> pd.DataFrame:
        mask = pd.Series(True, index=self.table.index)
        for column, value in choice.items():
            mask &= self.table[column].astype(str) == value
        return self.table[mask]

    def _used(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The rows as the chart gets them: the columns it uses, menus' columns as text."""
        columns = self.columns or list(dict.fromkeys([self.x, self.y, *self.selectors]))
        return rows[columns].astype({c: str for c in self.selectors})

    def _chart(self, picked: Any, description: str, rows: pd.DataFrame | None = None,
               title: Any = None, data: alt.Data | alt.NamedData | None = None) -> alt.TopLevelMixin:
        """The chart of the rows ``picked`` selects; ``rows``, if given, are all the rows it can pick
        (``data``, if given, names the dataset that holds them instead)."""
        if data is None:
            data = alt.Data(values=records(self._used(self.table if rows is None else rows)))
        base = alt.Chart(data)
        if self.draw is not None:
            return self.draw(base, picked, description)
        chart = self._encode(base.transform_filter(picked), description)
        return chart if title is None else chart.properties(title=alt.TitleParams(text=title))

    def _title(self, chosen: dict[str, Any]) -> Any:
        """The chart's title: the words for the choice of the ``title_by`` menu (a parameter or a value)."""
        if self.title_by is None:
            return None
        control = next(c for c in self.controls if c.column == self.title_by)
        value = chosen[control.name]
        lines = [wrap(words) for words in control.shown()]
        if not isinstance(value, alt.Parameter):
            return lines[control.values.index(value)]
        expression: Any = lines[-1]
        for option, words in reversed(list(zip(control.values[:-1], lines[:-1], strict=True))):
            expression = alt.expr.if_(value == option, words, expression)
        return alt.ExprRef(expr=str(expression))

    def _encode(self, base: alt.Chart, description: str) -> alt.TopLevelMixin:
        value_title = self.y_title or None
        tooltip = [alt.Tooltip(f"{self.x}:{self.x_type}", title=self.x_title),
                   alt.Tooltip(f"{self.y}:Q", title=self.y_title or "Value", format=",.4~g")]
        if self.mark == "bar" and self.x_type == "N":
            # Categories with long names (countries, sub-regions): horizontal bars, names read across, in a
            # plot as tall as the longest list any choice gives (a choice with fewer bars leaves room).
            most = int(self.table.groupby(list(self.selectors))[self.x].nunique().max())
            return base.mark_bar(color=PALETTE[0], size=BAR).encode(
                y=alt.Y(f"{self.x}:N", title=self.x_title, sort=None),
                x=alt.X(f"{self.y}:Q", title=value_title),
                tooltip=tooltip,
            ).properties(width=WIDTH, height=max(MIN_BARS_HEIGHT, ROW * most), description=description)
        # Log axes span the data (with room for the points at their ends), with a few labelled ticks.
        log = alt.Scale(type="log", nice=False, padding=10) if self.log_scales else alt.Undefined
        log_axis = {"tickCount": 5, "gridOpacity": 0.5} if self.log_scales else {}
        if self.x_type == "Q" and not self.log_scales:
            x_axis = alt.Axis(format="d")
        else:  # log scales, or years as categories (bars): labels read across
            x_axis = alt.Axis(**log_axis) if self.log_scales else alt.Axis(labelAngle=0, labelOverlap=True)
        x = alt.X(f"{self.x}:{self.x_type}", title=self.x_title, axis=x_axis, scale=log,
                  sort="ascending" if self.x_type != "Q" else alt.Undefined)
        y = alt.Y(f"{self.y}:Q", title=value_title, scale=log, axis=alt.Axis(**log_axis))
        encoded = base.encode(x=x, y=y, tooltip=tooltip)
        if self.partial:
            is_partial = alt.FieldOneOfPredicate(field=self.x, oneOf=list(self.partial))
            encoded = encoded.encode(opacity=alt.condition(is_partial, alt.value(0.45), alt.value(1.0)))
        marks = {
            "bar": lambda: encoded.mark_bar(color=PALETTE[0]),
            "line": lambda: encoded.mark_line(point=True, color=PALETTE[0], strokeWidth=2.5),
            "point": lambda: encoded.mark_circle(color=PALETTE[0], size=40, opacity=0.7),
        }
        chart = marks[self.mark]()
        if self.partial:
            note: Any = "partial"
            for when, words in self.partial.items():
                note = alt.expr.if_(alt.datum[self.x] == when, words, note)
            flags = base.transform_filter(is_partial).transform_calculate(note=note).mark_text(
                dy=-9, fontSize=11, baseline="bottom").encode(x=x, y=y, text="note:N")
            chart = alt.layer(chart, flags)
        return chart.properties(width=WIDTH, height=HEIGHT, description=description)

    def sentence(self, setting: dict[str, Any]) -> str:
        return self._summary(self.choice(setting))

    def _summary(self, choice: dict[str, str]) -> str:
        return self.summary(self.rows(choice), self.describe(choice))

    def _table(self, choice: dict[str, str]) -> pd.DataFrame:
        rows = self.rows(choice)
        if self.table_of is not None:
            return self.table_of(rows)
        return rows[[self.x, self.y]].rename(columns={self.x: self.x_title, self.y: self.y_title or "Value"})

    def static(self) -> StaticFigure:
        start = self.initial()
        summary = self._summary(start)
        params = [c.param() for c in self.controls]
        picked = all_of(c.picks(p) for c, p in zip(self.controls, params, strict=True))
        settings = [dict(zip([c.name for c in self.controls], values, strict=True)) for values in
                    self.table[list(self.selectors)].astype(str).drop_duplicates().itertuples(index=False)]
        title = self._title(dict(zip([c.name for c in self.controls], params, strict=True)))
        return StaticFigure(chart=configure(self._chart(picked, summary, title=title).add_params(*params)),
                            caption=self.caption,
                            summary=summary, table=self._table(start), table_caption=self.table_caption,
                            name=self.name, source=self.source(),
                            summaries=spoken(self.controls, settings, lambda s: self._summary(self.choice(s))))

    def live(self) -> widgets.Widget:
        """The menus as ipywidgets; the chart is the static twin's, its parameters unbound and set by the menus.

        Where the page draws, a move sends the page only the new parameter values (and, for the standard chart,
        the chosen rows: a figure with its own ``draw`` gets the whole table once, in the first spec).
        """
        params = [alt.param(name=c.name, value=c.default) for c in self.controls]
        picked = all_of(c.picks(p) for c, p in zip(self.controls, params, strict=True))
        title = self._title(dict(zip([c.name for c in self.controls], params, strict=True)))
        named = alt.NamedData(name=live.DATA)
        whole: dict[str, list] = {}

        def make(description: str) -> alt.TopLevelMixin:
            return configure(self._chart(picked, description, title=title, data=named).add_params(*params))

        def render(setting: dict[str, Any]) -> tuple[live.Drawing, str]:
            choice = self.choice(setting)
            rows = self.rows(choice)
            summary = self.summary(rows, self.describe(choice))
            if self.draw is None:  # the standard chart draws only the chosen rows: send the page no others
                chosen = live.columns(self._used(rows))
                return live.Drawing(key=None, make=make, data=chosen, signals=dict(setting)), summary
            if not whole:
                whole.update(live.columns(self._used(self.table)))
            return live.Drawing(key=None, make=make, data=whole, signals=dict(setting), data_changes=False), summary

        return live.panel({c.name: c.widget() for c in self.controls}, render)

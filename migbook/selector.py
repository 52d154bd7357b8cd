"""A chart of a tidy table filtered by one or more menus: the generic explorer behind the data page.

Static twin: Vega-Lite parameters bound to ``<select>`` menus filter the
whole (small) table in the page. Live twin: ipywidgets dropdowns filter it in
the kernel and redraw the chart as SVG. Both come from one description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from migbook import live
from migbook.charts.base import HEIGHT, PALETTE, WIDTH, configure, records
from migbook.twin import MAX_SPOKEN_SETTINGS, StaticFigure, Twin, summary_key


def _param_name(column: str) -> str:
    return "pick_" + "".join(ch if ch.isalnum() else "_" for ch in column)


@dataclass
class SelectorChart:
    """A line or bar chart of ``y`` against ``x`` for the rows the menus pick.

    ``selectors`` maps a column of ``table`` to its menu label; the menu lists
    the column's values in table order and starts at ``defaults[column]`` (or
    the first value). ``summary`` writes the text alternative for a choice.
    """

    table: pd.DataFrame
    x: str
    y: str
    selectors: dict[str, str]
    title: str
    caption: str
    summary: Callable[[pd.DataFrame, dict[str, str]], str]
    x_title: str
    y_title: str
    mark: str = "line"
    x_type: str = "Q"
    defaults: dict[str, str] = field(default_factory=dict)
    table_caption: str = "The numbers at the starting choice"
    log_scales: bool = False  # log x and y axes (for scatters of distance against stock)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # menu text for terse values

    def options(self, column: str) -> list[str]:
        return list(dict.fromkeys(self.table[column].astype(str)))

    def menu_labels(self, column: str) -> list[str]:
        named = self.labels.get(column, {})
        return [named.get(value, value) for value in self.options(column)]

    def describe(self, choice: dict[str, str]) -> dict[str, str]:
        """The choice as a reader sees it in the menus."""
        return {c: self.labels.get(c, {}).get(v, v) for c, v in choice.items()}

    def initial(self) -> dict[str, str]:
        return {c: self.defaults.get(c, self.options(c)[0]) for c in self.selectors}

    def rows(self, choice: dict[str, str]) -> pd.DataFrame:
        mask = pd.Series(True, index=self.table.index)
        for column, value in choice.items():
            mask &= self.table[column].astype(str) == value
        return self.table[mask]

    def _encode(self, base: alt.Chart, description: str) -> alt.Chart:
        x_axis = alt.Axis(format="d") if self.x_type == "Q" and not self.log_scales else alt.Axis()
        scale = alt.Scale(type="log") if self.log_scales else alt.Undefined
        encoded = base.encode(
            x=alt.X(f"{self.x}:{self.x_type}", title=self.x_title, axis=x_axis, scale=scale,
                    sort=None if self.x_type != "Q" else alt.Undefined),
            y=alt.Y(f"{self.y}:Q", title=self.y_title, scale=scale),
            tooltip=[alt.Tooltip(f"{self.x}:{self.x_type}", title=self.x_title),
                     alt.Tooltip(f"{self.y}:Q", title=self.y_title, format=",.4~g")],
        )
        marks = {
            "bar": lambda: encoded.mark_bar(color=PALETTE[0]),
            "line": lambda: encoded.mark_line(point=True, color=PALETTE[0], strokeWidth=2.5),
            "point": lambda: encoded.mark_circle(color=PALETTE[0], size=40, opacity=0.7),
        }
        marked = marks[self.mark]()
        return marked.properties(width=WIDTH, height=HEIGHT, description=description)

    def static(self) -> StaticFigure:
        start = self.initial()
        params = [alt.param(name=_param_name(c), value=start[c],
                            bind=alt.binding_select(options=self.options(c), labels=self.menu_labels(c),
                                                    name=label + " "))
                  for c, label in self.selectors.items()]
        test = " && ".join(f"datum[{c!r}] == {_param_name(c)}" for c in self.selectors)
        columns = list(dict.fromkeys([self.x, self.y, *self.selectors]))
        data = self.table[columns].astype({c: str for c in self.selectors})
        summary = self.summary(self.rows(start), self.describe(start))
        chart = self._encode(alt.Chart(alt.Data(values=records(data))).transform_filter(test), summary)
        picked = self.rows(start)[[self.x, self.y]].rename(columns={self.x: self.x_title, self.y: self.y_title})
        return StaticFigure(chart=configure(chart.add_params(*params)), caption=self.caption, summary=summary,
                            table=picked, table_caption=self.table_caption, summaries=self.spoken())

    def spoken(self) -> dict[str, Any] | None:
        """The summary of every choice in the menus, so the text alternative follows the chart."""
        columns = list(self.selectors)
        choices = self.table[columns].astype(str).drop_duplicates()
        if len(choices) > MAX_SPOKEN_SETTINGS:
            return None
        texts = {}
        for values in choices.itertuples(index=False):
            choice = dict(zip(columns, values, strict=True))
            texts[summary_key(list(values))] = self.summary(self.rows(choice), self.describe(choice))
        return {"params": [_param_name(c) for c in columns], "texts": texts}

    def live(self) -> widgets.Widget:
        start = self.initial()
        menus = {c: widgets.Dropdown(options=list(zip(self.menu_labels(c), self.options(c), strict=True)),
                                     value=start[c], description=label,
                                     style=live.CONTROL_STYLE, layout=live.control_layout())
                 for c, label in self.selectors.items()}

        def render(choice: dict[str, str]) -> tuple[alt.TopLevelMixin, str]:
            picked = self.rows(choice)
            summary = self.summary(picked, self.describe(choice))
            data = alt.Data(values=records(picked[[self.x, self.y]]))
            return configure(self._encode(alt.Chart(data), summary)), summary

        return live.panel(menus, render)

    def twin(self) -> Twin:
        return Twin(title=self.title, static=self.static, live=self.live)

"""Interactive twins: one figure, shown statically in the built book and live in a kernel.

:func:`mode` says which twin to show. The book build sets ``MIGBOOK_MODE=static``
(the :mod:`migbook.sphinxext` extension does it before any notebook runs, so
any way of building the book gets static twins); anywhere else, a kernel in
JupyterLab or Voila, the default is ``live``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import altair as alt
import pandas as pd

MODE_VARIABLE = "MIGBOOK_MODE"
# A static twin carries one summary sentence per setting of its controls up to this many settings;
# beyond it the page would grow too heavy and the figure keeps its starting sentence.
MAX_SPOKEN_SETTINGS = 300


def mode() -> Literal["static", "live"]:
    """``"static"`` while the book is being built, ``"live"`` otherwise."""
    return "static" if os.environ.get(MODE_VARIABLE, "live") == "static" else "live"


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>`` can end it early)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("</", "<\\/")


def table_html(table: pd.DataFrame, caption: str) -> str:
    """A plain, accessible HTML table: caption, column headers with scope, first column as row headers."""
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    body = []
    for row in table.itertuples(index=False):
        first, *rest = (html.escape(str(v)) for v in row)
        body.append(f'<tr><th scope="row">{first}</th>' + "".join(f"<td>{v}</td>" for v in rest) + "</tr>")
    return (f'<table class="migbook-table"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


@dataclass
class StaticFigure:
    """An Altair chart with working controls, its caption, and a text alternative.

    The HTML holds the Vega-Lite spec as JSON; the book's ``migbook-charts.js``
    draws every such figure with the vendored Vega bundle, so the page needs no
    network and no kernel.
    """

    chart: alt.TopLevelMixin
    caption: str
    summary: str
    table: pd.DataFrame
    table_caption: str
    # The summary for every setting of the controls, so that the text alternative follows the chart:
    # {"params": [names], "texts": {key: sentence}}, key = the values joined by "|" (see summary_key).
    summaries: dict[str, Any] | None = None

    def spec(self) -> dict[str, Any]:
        return self.chart.to_dict()

    def to_html(self) -> str:
        spec = self.spec()
        uid = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]
        texts, live = "", ""
        if self.summaries:
            texts = (f'<script type="application/json" id="migbook-sums-{uid}">'
                     f"{_json_for_script(self.summaries)}</script>")
            live = f' data-summaries-id="migbook-sums-{uid}" aria-live="polite"'
        return (
            f'<figure class="migbook-figure" aria-labelledby="migbook-cap-{uid}">'
            f'<div class="migbook-chart" id="migbook-chart-{uid}" data-spec-id="migbook-spec-{uid}" '
            f'aria-describedby="migbook-sum-{uid}"></div>'
            f'<script type="application/json" id="migbook-spec-{uid}">{_json_for_script(spec)}</script>{texts}'
            f'<figcaption id="migbook-cap-{uid}"><span class="migbook-caption">{html.escape(self.caption)}</span> '
            f'<span class="migbook-summary" id="migbook-sum-{uid}"{live}>{html.escape(self.summary)}</span>'
            "</figcaption>"
            f'<details class="migbook-data"><summary>Show the numbers as a table</summary>'
            f"{table_html(self.table, self.table_caption)}</details>"
            "</figure>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def summary_key(values: list[Any]) -> str:
    """The key of one setting of the controls: numbers as JavaScript prints them ("5", "0.25"), joined by "|"."""
    def one(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)) or hasattr(value, "dtype"):
            return f"{float(value):.15g}"
        return str(value)
    return "|".join(one(v) for v in values)


class HasHTML(Protocol):
    def to_html(self) -> str: ...


@dataclass
class Twin:
    """An interactive element (a figure, a question) with a static and a live twin.

    Both twins are built from the same migbook code. Displaying a twin shows
    the one that suits the context (see :func:`mode`); ``static()`` and
    ``live()`` give either one explicitly.
    """

    title: str
    static: Callable[[], HasHTML]
    live: Callable[[], Any]
    _widget: Any = field(default=None, init=False, repr=False)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if mode() == "static":
            return {"text/html": self.static().to_html(), "text/plain": self.title}
        self._widget = self.live()
        return self._widget._repr_mimebundle_(include=include, exclude=exclude)

    @property
    def widget(self) -> Any:
        """The live widget last displayed (built on first use)."""
        if self._widget is None:
            self._widget = self.live()
        return self._widget

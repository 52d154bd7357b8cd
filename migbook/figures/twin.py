"""Interactive twins: one figure, shown statically in the built book and live in a kernel.

:func:`mode` says which twin to show. The book build sets ``MIGBOOK_MODE=static``
(the :mod:`migbook.sphinxext` extension does it before any notebook runs, so
any way of building the book gets static twins); anywhere else, a kernel in
JupyterLab or Voila, the default is ``live``.

:class:`Figure` is what every explorer returns: it has ``controls``, a
``static()`` and a ``live()`` twin, and displays as the one that suits the
context. :class:`Twin` does the same for other interactive elements (questions).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import altair as alt
import pandas as pd

from migbook import data, figure_cache
from migbook.figures.controls import Control, setting_key
from migbook.figures.pack import pack
from migbook.figures.table import table_html
from migbook.mode import MODE_VARIABLE

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def mode() -> Literal["static", "live"]:
    """``"static"`` while the book is being built, ``"live"`` otherwise."""
    return "static" if os.environ.get(MODE_VARIABLE, "live") == "static" else "live"


def altair_settings() -> tuple[str, ...]:
    """Altair's settings that shape a spec beyond the chart itself: the theme and the data transformer."""
    return (f"theme {alt.theme.active}", f"data transformer {alt.data_transformers.active}")


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>`` can end it early)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("</", "<\\/")


def spoken(controls: list[Control], settings: Iterable[dict[str, Any]],
           summary: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """The summary sentence of every setting, packed for the page script to look up as the controls move.

    Sentences that differ only in their numbers share one skeleton, so a figure
    with hundreds of settings stays light: ``{"params": [names], "skeletons":
    [[text, text, ...], ...], "settings": {key: [skeleton, number, ...]}}``, the
    key made by :func:`~migbook.figures.controls.setting_key`.
    """
    names = [c.name for c in controls]
    skeletons: dict[tuple[str, ...], int] = {}
    packed = {}
    for setting in settings:
        text = summary(setting)
        index = skeletons.setdefault(tuple(_NUMBER.split(text)), len(skeletons))
        packed[setting_key([setting[n] for n in names])] = [index, *_NUMBER.findall(text)]
    return {"params": names, "skeletons": [list(parts) for parts in skeletons], "settings": packed}


def sentences(summaries: dict[str, Any]) -> dict[str, str]:
    """The sentences :func:`spoken` packed, unpacked by setting key (as the page script does).

    >>> from migbook.figures import Control
    >>> packed = spoken([Control("n", "n", (1, 2), 1)], [{"n": 1}, {"n": 2}], lambda s: f"{s['n']} of 2,000.")
    >>> packed["skeletons"], sentences(packed)
    ([['', ' of ', '.']], {'1': '1 of 2,000.', '2': '2 of 2,000.'})
    """
    out = {}
    for key, (index, *numbers) in summaries["settings"].items():
        parts = summaries["skeletons"][index]
        out[key] = "".join(part + (numbers[i] if i < len(numbers) else "") for i, part in enumerate(parts))
    return out


@dataclass
class StaticFigure:
    """An Altair chart with working controls, its caption, and a text alternative.

    The HTML holds the Vega-Lite spec as JSON, its data packed as columns
    (:mod:`migbook.figures.pack`); the book's ``migbook-charts.js``
    draws every such figure with the vendored Vega bundle, so the page needs no
    network and no kernel.
    """

    chart: alt.TopLevelMixin
    caption: str
    summary: str
    table: pd.DataFrame
    table_caption: str
    # The summary for every setting of the controls, so that the text alternative follows the chart
    # (packed by :func:`spoken`).
    summaries: dict[str, Any] | None = None
    name: str = ""  # the explorer's name in the catalogue
    source: str = ""  # where the numbers come from and under what licence, said beside the download link

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
            f'data-explorer="{html.escape(self.name)}" '
            f'aria-describedby="migbook-sum-{uid}"></div>'
            f'<script type="application/json" id="migbook-spec-{uid}">{_json_for_script(pack(spec))}</script>{texts}'
            f'<figcaption id="migbook-cap-{uid}"><span class="migbook-caption">{html.escape(self.caption)}</span> '
            f'<span class="migbook-summary" id="migbook-sum-{uid}"{live}>{html.escape(self.summary)}</span>'
            "</figcaption>"
            f'<details class="migbook-data"><summary>Show the numbers as a table</summary>'
            f"{table_html(self.table, self.table_caption)}{self.download_html()}</details>"
            "</figure>"
        )

    def csv(self) -> str:
        """The table's numbers as CSV text, full precision."""
        return self.table.to_csv(index=False, lineterminator="\n")

    def download_html(self) -> str:
        """The table as a CSV file to download (a data: link, so it works over http and from disk), with its source."""
        href = "data:text/csv;charset=utf-8," + urllib.parse.quote(self.csv())
        file = f"{self.name or 'figure'}.csv"
        source = f"{html.escape(self.source)} " if self.source else ""
        return (f'<p class="migbook-download">{source}<a href="{href}" download="{html.escape(file)}">'
                "Download the data (CSV)</a></p>")

    def _repr_html_(self) -> str:
        return self.to_html()


class HasHTML(Protocol):
    def to_html(self) -> str: ...


class Shown:
    """Displays as the twin that suits the context: ``static()`` in the book build, ``live()`` elsewhere."""

    title: str
    _widget: Any = None

    def static(self) -> HasHTML:
        raise NotImplementedError

    def live(self) -> Any:
        raise NotImplementedError

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        if mode() == "static":
            return {"text/html": self.static_html(), "text/plain": self.title}
        self._widget = self.live()
        return self._widget._repr_mimebundle_(include=include, exclude=exclude)

    def static_html(self) -> str:
        """The static twin's HTML, as the built book shows it."""
        return self.static().to_html()

    @property
    def widget(self) -> Any:
        """The live widget last displayed (built on first use)."""
        if self._widget is None:
            self._widget = self.live()
        return self._widget


class Figure(Shown):
    """An interactive figure: its ``controls``, a static twin (:class:`StaticFigure`) and a live one.

    :class:`~migbook.figures.grid.GridExplorer` (model runs over a grid of
    parameters) and :class:`~migbook.figures.selector.SelectorChart` (a table
    filtered by menus) are the two kinds.
    """

    controls: list[Control]
    name: str = ""  # set by the catalogue: the call a page makes
    datasets: tuple[str, ...] = ()  # set by the catalogue: the tables of data/ it shows

    def source(self) -> str:
        """Where the figure's numbers come from, and their licences: its datasets, or migbook's model."""
        if not self.datasets:
            return "Source: model runs computed by migbook (code under the MIT licence)."
        parts = []
        for name in self.datasets:
            meta = data.describe(name)
            licences = ", ".join(lic["name"] for lic in meta.get("licenses", []))
            parts.append(f"{meta.get('title', name)} (data/{meta['path']}, licence {licences})")
        return "Source: " + "; ".join(parts) + "."

    def static(self) -> StaticFigure:
        raise NotImplementedError

    def static_html(self) -> str:
        """The static twin's HTML; in the book's build, kept between builds (:mod:`migbook.figure_cache`)."""
        return figure_cache.kept_html(self, lambda: self.static().to_html(), altair_settings())

    def sentence(self, setting: dict[str, Any]) -> str:
        """The sentence that describes what the figure draws at ``setting`` (control name -> value)."""
        raise NotImplementedError

    def setting(self, shown: dict[str, Any]) -> dict[str, Any]:
        """A setting read from a page (numbers as JavaScript gives them), as the controls' own values."""
        out = {}
        for control in self.controls:
            value = shown[control.name]
            matches = [v for v in control.values if v == value or str(v) == str(value)]
            if not matches:
                raise ValueError(f"{control.name} = {value!r} is not one of its values")
            out[control.name] = matches[0]
        return out


@dataclass
class Twin(Shown):
    """An interactive element that is not a figure (a question) with a static and a live twin."""

    title: str
    make_static: Callable[[], HasHTML]
    make_live: Callable[[], Any]
    _widget: Any = field(default=None, init=False, repr=False)

    def static(self) -> HasHTML:
        return self.make_static()

    def live(self) -> Any:
        return self.make_live()

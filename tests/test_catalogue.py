"""Every catalogued explorer, in both twins: a valid, readable static figure and a live panel that follows its controls.

A new explorer is tested by being catalogued (``@catalogued`` in ``migbook/explorers``);
every ``explorers.NAME(`` call in the book must name a catalogued explorer.
"""

from __future__ import annotations

import functools
import io
import json
import re
import urllib.parse

import pandas as pd
import pytest
import vl_convert

from migbook import data, explorers
from migbook.figures import RESERVED_SIGNALS, Control, Figure, SelectorChart, StaticFigure, check_param_name
from migbook.figures.twin import sentences
from migbook.paths import BOOK_DIR
from migbook.qa.charts import readability_problems

CATALOGUE = explorers.catalogue()
SELECTORS = sorted(name for name, entry in CATALOGUE.items() if isinstance(entry.make(), SelectorChart))
TWO_MENUS = [name for name in SELECTORS if len(CATALOGUE[name].make().controls) >= 2]
BOOK_CALLS = {m for p in BOOK_DIR.rglob("*.md") for m in re.findall(r"\bexplorers\.(\w+)\(", p.read_text())}


@functools.cache
def figure(name: str) -> Figure:
    return CATALOGUE[name].make()


@functools.cache
def static(name: str) -> StaticFigure:
    return figure(name).static()


def test_the_catalogue_holds_every_explorer_of_the_book() -> None:
    assert len(CATALOGUE) >= 23
    assert BOOK_CALLS, "the book calls no explorer"
    uncatalogued = BOOK_CALLS - set(CATALOGUE)
    assert not uncatalogued, f"explorers called in book/ but not catalogued: {sorted(uncatalogued)}"
    unused = set(CATALOGUE) - BOOK_CALLS
    assert not unused, f"catalogued explorers no page shows: {sorted(unused)}"


def test_every_public_explorer_is_catalogued() -> None:
    public = {name for name in explorers.__all__ if name not in {"Entry", "catalogue", "catalogued"}}
    assert public == set(CATALOGUE)


def test_every_dataset_is_shown_by_an_explorer_or_a_table() -> None:
    shown = {d for entry in CATALOGUE.values() for d in entry.datasets}
    tables = {"figures", "organisations"}  # shown as plain tables on the data pages
    assert set(data.resources()) <= shown | tables
    assert shown <= set(data.resources())


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_static_twin_is_valid_and_readable(name: str) -> None:
    twin = static(name)
    spec = twin.spec()  # Altair validates it against the Vega-Lite schema
    bound = [p for p in spec.get("params", []) if "bind" in p]
    assert len(bound) == len(figure(name).controls) >= 1
    for param in bound:
        assert check_param_name(param["name"]) and param["name"] not in RESERVED_SIGNALS
    svg = vl_convert.vegalite_to_svg(json.dumps(spec))
    assert not readability_problems(spec, svg), readability_problems(spec, svg)
    assert len(twin.summary) > 40 and twin.caption
    assert len(twin.table) >= 1 and twin.table_caption
    # The table's numbers can be downloaded as CSV, with their source and licence beside the link.
    link = re.search(r'<p class="migbook-download">([^<]*)<a href="data:text/csv;charset=utf-8,([^"]+)" '
                     r'download="([^"]+)">', twin.to_html())
    assert link, "no CSV download under the table"
    assert link.group(1).startswith("Source: ") and ("licence" in link.group(1))
    assert link.group(3) == f"{name}.csv"
    assert pd.read_csv(io.StringIO(urllib.parse.unquote(link.group(2)))).shape == twin.table.shape
    # The sentence the reader hears follows every setting: one packed for each.
    spoken = sentences(twin.summaries)
    assert twin.summary in spoken.values()
    assert twin.summaries["params"] == [c.name for c in figure(name).controls]
    assert len(spoken) == len(figure(name).settings()) if hasattr(figure(name), "settings") else len(spoken) >= 2


def _other_values(control: Control, widget: object) -> list[object]:
    """Values to move a live control to: every other option of a menu, or the far end of a slider."""
    if hasattr(widget, "options"):
        return [value for _label, value in widget.options if value != widget.value]
    return [widget.max if widget.value != widget.max else widget.min]


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_live_twin_follows_every_control(name: str) -> None:
    box = figure(name).live()
    assert set(box.controls) == {c.name for c in figure(name).controls}
    assert "<svg" in box.chart.value and box.status.value
    moved = 0
    for control in figure(name).controls:
        widget = box.controls[control.name]
        start = widget.value
        assert _other_values(control, widget), f"{name}: {control.name} has nothing to move to"
        for value in _other_values(control, widget)[:3]:
            before_chart, before_status = box.chart.value, box.status.value
            widget.value = value
            assert box.chart.value != before_chart or box.status.value != before_status, \
                f"{name}: moving {control.name} to {value!r} changed nothing"
            assert "<svg" in box.chart.value
            moved += 1
        widget.value = start
    assert moved >= len(figure(name).controls), f"{name}: a control could not be moved"


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_live_twin_is_readable(name: str) -> None:
    box = figure(name).live()
    spec = static(name).spec()
    assert not readability_problems(spec, box.chart.value)


def test_reserved_names_are_refused() -> None:
    for name in ("width", "height", "padding", "autosize", "background", "cursor", "concat_0_width"):
        with pytest.raises(ValueError, match="Vega's own signals"):
            Control(name, "A control", (1, 2), 1)


def test_the_loops_below_walk_over_something() -> None:
    assert len(CATALOGUE) >= 23 and len(SELECTORS) >= 15
    assert len(TWO_MENUS) >= 9, "most data explorers have two menus; their second menu must be tested"
    assert all(figure(name).controls for name in CATALOGUE)


@pytest.mark.parametrize("name", SELECTORS)
def test_selector_rows_follow_every_menu(name: str) -> None:
    """Rule: the rows a data figure draws match every menu's choice, and each menu changes them."""
    chart = figure(name)
    assert isinstance(chart, SelectorChart)
    for control in chart.controls:
        assert len(control.values) >= 2, f"{name}: menu {control.label!r} offers one option"
        seen = set()
        for value in control.values:
            choice = {**chart.initial(), control.column: value}
            rows = chart.rows(choice)
            for column, picked in choice.items():
                assert (rows[column].astype(str) == picked).all(), f"{name}: {column} != {picked!r}"
            seen.add(tuple(rows.index))
        assert len(seen) >= 2, f"{name}: menu {control.label!r} never changes the rows drawn"


@pytest.mark.parametrize("name", TWO_MENUS)
def test_live_selector_redraws_for_every_menu(name: str) -> None:
    """Rule: in the live twin, every menu (not only the first) changes the chart drawn."""
    box = figure(name).live()
    for control in figure(name).controls:
        widget = box.controls[control.name]
        start, before = widget.value, box.chart.value
        changed = False
        for value in _other_values(control, widget)[:4]:
            widget.value = value
            changed = changed or box.chart.value != before
            if changed:
                break
        assert changed, f"{name}: moving menu {control.label!r} never redrew the chart"
        widget.value = start


@pytest.mark.parametrize("name", TWO_MENUS)
def test_static_selector_filters_by_every_menu(name: str) -> None:
    """Rule: the page's chart is filtered by every menu's parameter."""
    expressions: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in {"filter", "test", "expr", "calculate"}:
                    expressions.append(json.dumps(value))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(static(name).spec())
    assert expressions, f"{name}: the static twin filters nothing"
    for control in figure(name).controls:
        assert any(control.name in e for e in expressions), f"{name}: the static twin ignores {control.label!r}"

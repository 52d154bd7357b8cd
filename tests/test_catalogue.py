"""Every catalogued explorer, in both twins: a valid, readable static figure and a live panel that follows its controls.

A new explorer is tested by being catalogued (``@catalogued`` in ``migbook/explorers``);
every ``explorers.NAME(`` call in the book must name a catalogued explorer.
"""

from __future__ import annotations

import functools
import json
import re

import pytest
import vl_convert

from migbook import data, explorers
from migbook.figures import RESERVED_SIGNALS, Control, Figure, StaticFigure, check_param_name
from migbook.figures.twin import sentences
from migbook.paths import BOOK_DIR
from migbook.qa.charts import readability_problems

CATALOGUE = explorers.catalogue()
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
        for value in _other_values(control, widget)[:3]:
            before_chart, before_status = box.chart.value, box.status.value
            widget.value = value
            assert box.chart.value != before_chart or box.status.value != before_status, \
                f"{name}: moving {control.name} to {value!r} changed nothing"
            assert "<svg" in box.chart.value
            moved += 1
        widget.value = start
    assert moved >= 1, f"{name}: no control could be moved"


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_live_twin_is_readable(name: str) -> None:
    box = figure(name).live()
    spec = static(name).spec()
    assert not readability_problems(spec, box.chart.value)


def test_reserved_names_are_refused() -> None:
    for name in ("width", "height", "padding", "autosize", "background", "cursor", "concat_0_width"):
        with pytest.raises(ValueError, match="Vega's own signals"):
            Control(name, "A control", (1, 2), 1)

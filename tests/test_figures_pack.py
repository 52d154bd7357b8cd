"""Figures' data stored compactly in the page (issue #14): packed columns that unpack, in Python and in the
page script, to the very spec Altair wrote."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from migbook import explorers
from migbook.figures import pack
from migbook.figures.twin import StaticFigure
from migbook.sphinxext import ASSETS

ROWS = [
    {"inflow": 0, "death": 0.5, "x": [2020, 2025, 2030], "y_0": [1.0, 2.0, 3.0], "label": None},
    {"inflow": 0, "death": 1.0, "x": [2020, 2025, 2030], "y_0": [1.5, 2.5, 3.5], "label": "b"},
    {"inflow": 50, "death": 0.5, "x": [2020, 2025, 2030], "y_0": [2.0, 3.0, 4.0], "label": None},
    {"inflow": 50, "death": 1.0, "x": [2020, 2025, 2030], "y_0": [2.5, 3.5, 4.5], "label": None},
]


def test_records_round_trip_with_lists_nulls_and_repeats() -> None:
    packed = pack.pack_values(ROWS)
    assert packed is not None and packed[pack.MARK] == len(ROWS)
    columns = {c["name"]: c for c in packed["columns"]}
    assert columns["x"]["pool"] == [[2020, 2025, 2030]] and columns["x"]["index"] == [0, 0, 0, 0]  # stored once
    assert "values" in columns["y_0"]  # every row differs: kept as it is
    assert pack.unpack_values(packed) == ROWS


def test_what_is_not_plain_records_is_left_alone() -> None:
    assert pack.pack_values([]) is None
    assert pack.pack_values([{"a": 1}, {"b": 2}]) is None  # rows with other keys
    assert pack.pack_values([{"a": 1, "b": 2}, {"b": 2, "a": 1}]) is None  # key order differs
    assert pack.pack_values([1, 2, 3]) is None
    spec = {"data": {"values": [{"a": 1}, {"b": 2}]}, "mark": "point"}
    assert pack.pack(spec) == spec


def test_nested_views_and_named_datasets_are_packed_and_unpacked() -> None:
    spec = {"hconcat": [{"data": {"values": ROWS * 3}, "mark": "line"},
                        {"layer": [{"data": {"values": ROWS}}]}],
            "datasets": {"d": ROWS * 2}, "params": [{"name": "inflow", "value": 0}]}
    packed = pack.pack(spec)
    assert pack.MARK in packed["hconcat"][0]["data"]["values"] and pack.MARK in packed["datasets"]["d"]
    assert packed["params"] == spec["params"]
    assert pack.unpack(packed) == spec
    assert spec["hconcat"][0]["data"]["values"] == ROWS * 3  # the spec itself is not changed


@pytest.fixture(scope="module")
def figures() -> list[StaticFigure]:
    """Chapter 1's two figures: the largest grids in the book."""
    return [explorers.migrant_stock().static(), explorers.stock_flow().static()]


def test_the_largest_grids_round_trip_and_shrink(figures: list[StaticFigure]) -> None:
    for figure in figures:
        spec = figure.spec()
        packed = pack.pack(spec)
        assert pack.unpack(packed) == spec
        assert len(json.dumps(packed)) < 0.5 * len(json.dumps(spec)), figure.name


def _page_spec(html: str) -> dict:
    payload = re.search(r'<script type="application/json" id="migbook-spec-[^"]+">(.*?)</script>', html, re.S)
    return json.loads(payload.group(1).replace("<\\/", "</"))


def test_the_page_holds_the_packed_spec(figures: list[StaticFigure]) -> None:
    for figure in figures:
        in_page = _page_spec(figure.to_html())
        assert in_page == pack.pack(figure.spec())
        assert pack.unpack(in_page) == figure.spec()


# Stands in for the Vega bundle: records the spec the page script would draw, draws nothing.
CAPTURE_JS = """() => {
  window.__specs = [];
  window.vegaEmbed = function (el, spec) {
    window.__specs.push(spec);
    return Promise.resolve({ view: { signal: function () {}, addSignalListener: function () {},
                                     finalize: function () {} } });
  };
}"""


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_the_page_script_hands_vega_the_spec_altair_wrote(page: object, figures: list[StaticFigure]) -> None:
    page.set_content("<!DOCTYPE html><html><body>" + "".join(f.to_html() for f in figures) + "</body></html>")
    page.evaluate(CAPTURE_JS)
    page.add_script_tag(content=(ASSETS / "migbook" / "migbook-charts.js").read_text(encoding="utf-8"))
    page.wait_for_function("window.__specs.length >= 2 && document.documentElement.dataset.migbookCharts === 'drawn'")
    drawn = page.evaluate("window.__specs")
    assert drawn == [json.loads(json.dumps(f.spec())) for f in figures]

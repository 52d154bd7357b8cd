"""Live charts the page draws (the classroom): a move that keeps a chart's structure sends only its data, parameter
values and description, and the page's chart after that update is the chart a full spec would draw."""

from __future__ import annotations

import copy
import html
import json
import re
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd
import pytest

from migbook import explorers
from migbook.figures import live
from migbook.paths import ROOT

CATALOGUE = explorers.catalogue()
LIVE_SCRIPT = ROOT / "migbook" / "assets" / "jupyter" / "voila" / "templates" / "migbook-classroom" / "static" \
    / "migbook-live-charts.js"


@pytest.fixture
def page_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(live.CHARTS_VARIABLE, "browser")


def sent(value: str) -> Any:
    """The JSON a live chart's widget sends the page (a spec with its dataset as columns, or an update)."""
    found = re.fullmatch(r'<div class="migbook-vl(?:-update)?"><script type="application/json">(.*)</script></div>',
                         value, re.S)
    assert found, f"not a live chart's payload: {value[:200]}"
    assert "<" not in found.group(1), "a < in the JSON could end its script element"
    return json.loads(found.group(1))


def spec_of(value: str) -> dict[str, Any]:
    """The whole spec a chart widget's value draws (its dataset's columns made rows, as the page does)."""
    payload = sent(value)
    spec = payload["spec"]
    for name, columns in payload["columns"].items():
        spec["datasets"][name] = live.rows(columns)
    return spec


def applied(spec: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """What the page's script does to the chart it drew from ``spec``, done to the spec: the datasets' new rows,
    the parameters' new values, the new description."""
    out = copy.deepcopy(spec)
    for name, columns in update.get("data", {}).items():
        out["datasets"][name] = live.rows(columns)
    live._set_params(out, update.get("signals", {}))
    if "description" in update:
        out["description"] = update["description"]
    return out


def moves(box: widgets.Widget) -> list[tuple[widgets.Widget, Any]]:
    """One move of each control: a menu's or radio group's last other option, a slider's far end."""
    out = []
    for widget in box.controls.values():
        if isinstance(widget, widgets.SelectionSlider):
            values = [v for _label, v in widget.options]
            out.append((widget, values[-1] if widget.value != values[-1] else values[0]))
        elif hasattr(widget, "options"):
            out.append((widget, [v for _label, v in widget.options if v != widget.value][-1]))
        else:
            out.append((widget, widget.max if widget.value != widget.max else widget.min))
    return out


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_a_move_sends_only_what_changed_and_that_makes_the_full_chart(name: str, page_draws: None) -> None:
    box = CATALOGUE[name].make().live()
    assert box.updates is not None and box.updates.value == ""
    drawn = spec_of(box.chart.value)
    assert drawn == box.spec()
    for widget, value in moves(box):
        chart_before = box.chart.value
        widget.value = value
        assert box.chart.value == chart_before, f"{name}: a move re-sent the whole spec"
        update = sent(box.updates.value)
        assert applied(drawn, update) == box.spec(), f"{name}: the update does not make the full chart"
        assert len(box.updates.value) < max(len(chart_before) // 2, 12_000), f"{name}: the update is not small"
        drawn = applied(drawn, update)
        assert update["description"] in html.unescape(box.status.value)


def test_a_model_chart_is_the_chart_it_was_before_only_its_data_named() -> None:
    """The live model chart is exactly the chart drawn from the run's rows inline (the earlier live twin)."""
    figure = explorers.stock_flow()
    box = figure.live()
    box.controls["inflow"].value = 180
    setting = {name: widget.value for name, widget in box.controls.items()}
    run = figure.run(**setting)
    from migbook.figures.theme import configure, records

    inline = configure(figure.draw(alt.Chart(alt.Data(values=records(run))), figure.sentence(setting))).to_dict()
    ours = box.spec()
    ours["data"] = {"values": ours.pop("datasets")[live.DATA]}
    assert ours == inline


def test_a_structure_change_sends_the_whole_spec_and_clears_the_update(page_draws: None) -> None:
    a = widgets.IntSlider(value=2, min=1, max=9)

    def render(values: dict) -> tuple[live.Drawing, str]:
        frame = pd.DataFrame({"x": list(range(values["a"])), "y": list(range(values["a"]))})
        mark = "point" if values["a"] < 5 else "bar"  # the structure changes at 5
        return live.Drawing(key=mark, make=lambda d: getattr(alt.Chart(alt.NamedData(name=live.DATA)), f"mark_{mark}")()
                            .encode(x="x:Q", y="y:Q").properties(description=d),
                            data=live.columns(frame)), f"{values['a']} {mark}s"

    box = live.panel({"a": a}, render)
    first = box.chart.value
    a.value = 3
    assert box.chart.value == first and sent(box.updates.value)["data"][live.DATA]["x"] == [0, 1, 2]
    a.value = 6
    assert box.updates.value == "", "an update left from the old chart would apply to the new one"
    spec = spec_of(box.chart.value)
    assert spec["mark"]["type"] == "bar" and spec["datasets"][live.DATA][-1] == {"x": 5, "y": 5}
    assert spec == box.spec()
    a.value = 7
    assert sent(box.updates.value)["description"] == "7 bars"


def test_a_chart_whose_structure_uses_its_description_is_sent_whole(page_draws: None) -> None:
    a = widgets.IntSlider(value=2, min=1, max=9)

    def render(values: dict) -> tuple[live.Drawing, str]:
        return live.Drawing(key=None, make=lambda d: alt.Chart(alt.NamedData(name=live.DATA)).mark_point()
                            .encode(x="x:Q").properties(title=d, description=d),
                            data={"x": [values["a"]]}), f"a is {values['a']}"

    box = live.panel({"a": a}, render)
    a.value = 4
    spec = spec_of(box.chart.value)
    assert spec["title"] == "a is 4" and spec["description"] == "a is 4" and box.updates.value == ""


def test_outside_the_classroom_the_kernel_draws_svg_and_there_is_no_update_widget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(live.CHARTS_VARIABLE, raising=False)
    box = explorers.migrant_stock().live()
    assert box.updates is None and "<svg" in box.chart.value
    before = box.chart.value
    (menu,) = box.controls.values()
    menu.value = "Qatar"
    assert "<svg" in box.chart.value and box.chart.value != before and "Qatar" in box.status.value


def test_columns_are_json_with_nulls() -> None:
    frame = pd.DataFrame({"x": [1, 2], "y": [0.5, float("nan")], "s": ["a", None]})
    packed = live.columns(frame)
    assert packed == {"x": [1, 2], "y": [0.5, None], "s": ["a", None]}
    assert live.rows(packed) == [{"x": 1, "y": 0.5, "s": "a"}, {"x": 2, "y": None, "s": None}]
    json.dumps(packed, allow_nan=False)


# In chromium: the page's script applies the update to the drawn chart; the SVG is the one a fresh full spec draws.

_IDS = re.compile(r'(clip|gradient|pattern|mark|path)[-_]?\d+')


def _drawn_svg(page: object, selector: str) -> list[str]:
    """The elements of the chart drawn in ``selector``, sorted (Vega may append an axis's new ticks after the
    old ones: the same drawing, in another order), generated ids left out."""
    page.wait_for_selector(f"{selector} .migbook-vl[data-drawn=true] svg", timeout=15_000)
    return sorted(re.split(r"(?=<)", _IDS.sub(r"\1", page.inner_html(f"{selector} .migbook-vl svg"))))


@pytest.mark.browser
@pytest.mark.parametrize("name", ["stock_flow", "migrant_stock", "free_movement", "citizenship", "compact_votes",
                                  "border_patrol", "missing_migrants_by_route", "remittance_cost"])
def test_the_page_redraws_an_update_as_a_full_spec_would(name: str, watched: object,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from migbook.sphinxext import vega_bundle

    monkeypatch.setenv(live.CHARTS_VARIABLE, "browser")
    box = CATALOGUE[name].make().live()
    page = watched.page
    page.set_content("<!doctype html><html lang='en'><body><div class='migbook-live' id='live'>"
                     "<div id='chart'></div><div id='feed'></div></div><div id='fresh'></div></body></html>")
    page.add_script_tag(content=vega_bundle())
    page.add_script_tag(content=LIVE_SCRIPT.read_text())
    page.eval_on_selector("#chart", "(el, html) => { el.innerHTML = html; }", box.chart.value)
    _drawn_svg(page, "#live")
    for widget, value in moves(box):
        widget.value = value
        before = page.inner_html("#live .migbook-vl")
        page.eval_on_selector("#feed", "(el, html) => { el.innerHTML = html; }", box.updates.value)
        page.wait_for_selector("#feed .migbook-vl-update[data-drawn=true]", state="attached", timeout=15_000)
        updated = _drawn_svg(page, "#live")
        page.eval_on_selector("#fresh", "(el, html) => { el.innerHTML = html; }", live.spec_html(box.spec()))
        fresh = _drawn_svg(page, "#fresh")
        assert updated == fresh, f"{name}: after moving to {value!r} the page's chart is not the full spec's"
        assert page.inner_html("#live .migbook-vl") != before, f"{name}: moving to {value!r} changed nothing drawn"
        label = page.get_attribute("#live .migbook-vl", "aria-label")
        assert label == box.spec()["description"], f"{name}: the chart's description did not follow"
        page.eval_on_selector("#fresh", "el => { el.innerHTML = ''; }")
    assert not watched.external and not watched.errors, watched.errors


def test_a_payload_with_markup_in_its_data_stays_json() -> None:
    spec = {"mark": "point", "datasets": {live.DATA: [{"s": "</script><b>Côte d'Ivoire & \"x\"</b>"}]}}
    assert spec_of(live.spec_html(spec)) == spec
    assert sent(live.update_html({"description": "a < b </script>"})) == {"description": "a < b </script>"}

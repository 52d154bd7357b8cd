"""Chapter 1's explorers in detail, the twins' switch, and the questions' twins.

Every catalogued explorer is exercised in both twins by ``test_catalogue.py``;
this file checks what particular figures must show.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from migbook import data, explorers, questions
from migbook.figures import twin
from migbook.models import reciprocity, stock_flow


def spec_of(html: str) -> dict:
    payload = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S).group(1)
    return json.loads(payload.replace("<\\/", "</"))


def test_mode_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(twin.MODE_VARIABLE, raising=False)
    assert twin.mode() == "live"
    monkeypatch.setenv(twin.MODE_VARIABLE, "static")
    assert twin.mode() == "static"


def test_one_call_gives_the_right_twin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(twin.MODE_VARIABLE, "static")
    bundle = explorers.stock_flow()._repr_mimebundle_()
    assert 'class="migbook-chart"' in bundle["text/html"]
    monkeypatch.setenv(twin.MODE_VARIABLE, "live")
    bundle = explorers.stock_flow()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_static_stock_flow_has_a_control_per_parameter() -> None:
    figure = explorers.stock_flow()
    spec = spec_of(figure.static().to_html())
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == {"inflow", "emigration", "naturalisation", "death"}
    d = stock_flow.DEFAULTS
    assert params["inflow"]["value"] == d.inflow and params["emigration"]["value"] == 100 * d.emigration
    assert params["naturalisation"]["value"] == 100 * d.naturalisation and params["death"]["value"] == 100 * d.death
    assert params["inflow"]["bind"]["input"] == "range"
    assert params["death"]["bind"]["input"] == "radio"


def test_static_grid_holds_every_combination_computed_by_the_model() -> None:
    figure = explorers.stock_flow()
    grid = figure.grid()
    assert len(grid) == math.prod(len(c.values) for c in figure.controls)
    row = grid.query("inflow == 150 and emigration == 2 and naturalisation == 6 and death == 2").iloc[0]
    run = stock_flow.simulate(150, 0.02, 0.06, 0.02)
    expected = run[run["year"] % 5 == 0]
    assert row["x"] == expected["year"].tolist()
    series = list(stock_flow.SERIES)
    assert row[f"y_{series.index('foreign_citizens')}"] == pytest.approx(expected["foreign_citizens"].tolist(), abs=0.5)
    assert row[f"y_{series.index('foreign_born')}"] == pytest.approx(expected["foreign_born"].tolist(), abs=0.5)


def test_static_figure_has_text_alternative_and_table() -> None:
    html = explorers.stock_flow().static().to_html()
    assert "<figcaption" in html and "<caption>" in html and 'scope="col"' in html
    spec = spec_of(html)
    assert "1,938 thousand in 2070" in spec["description"]
    assert "</script>" not in html.split('type="application/json"')[1].split("</script>")[0]


def test_live_stock_flow_recomputes_on_every_change() -> None:
    box = explorers.stock_flow().live()
    first_chart, first_status = box.chart.value, box.status.value
    assert "<svg" in first_chart
    box.controls["inflow"].value = 200
    assert box.chart.value != first_chart
    d = stock_flow.DEFAULTS
    eq = stock_flow.equilibrium(200, d.emigration, d.naturalisation, d.death)
    assert f"{eq['foreign_born']:,.0f} thousand" in box.status.value
    assert box.status.value != first_status
    box.controls["naturalisation"].value = 8
    assert "naturalisation 8 %" in box.status.value


def test_migrant_stock_places_and_shares() -> None:
    names = data.places()
    assert names[0] == data.WORLD and names[1:6] == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert {"Germany", "Qatar", "United States", "Kuwait", "Côte d'Ivoire"} <= set(names)
    table = data.stock_by_place()
    world = table.query("place == 'World' and year == 2020").iloc[0]
    assert world["share_pct"] == pytest.approx(3.6, abs=0.05)
    regions = table.query("kind == 'region' and year == 2020")["stock"].sum()
    assert regions == world["stock"]


def test_static_migrant_stock_menu_lists_every_place() -> None:
    spec = spec_of(explorers.migrant_stock().static().to_html())
    (place,) = [p for p in spec["params"] if "bind" in p]
    assert place["bind"]["options"] == data.places()
    assert place["value"] == data.WORLD


@pytest.mark.parametrize("place", ["Qatar", "Côte d'Ivoire"])
def test_live_migrant_stock_redraws_for_a_new_place(place: str) -> None:
    box = explorers.migrant_stock().live()
    before = box.chart.value
    (menu,) = box.controls.values()
    menu.value = place
    assert box.chart.value != before and "<svg" in box.chart.value
    assert box.status.value.count(place.replace("'", "&#x27;")) == 1


def test_live_selector_filters_any_place_name() -> None:
    """A place name with a quote or a backslash is a constant in the filter, not part of its code."""
    import altair as alt

    from migbook.figures import Control

    control = Control("pick_place", "Place", ("It's \"odd\" \\ here", "Plain"), "Plain", kind="select",
                      field="place")
    chart = alt.Chart(alt.Data(values=[{"place": "It's \"odd\" \\ here", "v": 1}, {"place": "Plain", "v": 2}]))
    picked = chart.transform_filter(control.picks("It's \"odd\" \\ here")).mark_point().encode(x="v:Q")
    import vl_convert

    svg = vl_convert.vegalite_to_svg(json.dumps(picked.to_dict()))
    assert svg.count("<path") >= 1 and "mark-symbol" in svg


def test_question_twins() -> None:
    q = questions.numeric("How many?", 1250, unit="thousand", tolerance=15, explanation="Because.", hint="Divide.")
    static = q.static().to_html()
    assert "<details>" in static and "1,250 thousand" in static
    panel = q.live()
    panel.answer_box.value = 1000
    panel.button.click()
    assert "migbook-feedback-wrong" in panel.feedback.value and "Divide." in panel.feedback.value
    panel.answer_box.value = 1260
    panel.button.click()
    assert "migbook-feedback-right" in panel.feedback.value


def test_question_rejects_bad_definitions() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        questions.numeric("?", 1, unit="x", tolerance=-1, explanation="")
    with pytest.raises(ValueError, match="answer"):
        questions.numeric("?", float("nan"), unit="x", tolerance=1, explanation="")


def test_static_grid_runs_are_the_models() -> None:
    figure = explorers.reciprocity()
    grid = figure.grid()
    row = grid.query("T == 5.0 and S == 0.0").iloc[0]
    series = list(dict.fromkeys(figure.run(T=5.0, S=0.0)["series"]))
    defect = row[f"y_{series.index('Defect for ever')}"]
    assert defect[row["x"].index(0.5)] == pytest.approx(float(reciprocity.per_round_payoff("always_defect", 0.5)),
                                                        abs=1e-4)

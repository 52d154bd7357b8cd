"""Interactive twins: the static twin carries working controls over the model's runs; the live twin reruns it."""

from __future__ import annotations

import json
import math
import re

import pytest

from migbook import explorers, questions, stocks, twin
from migbook.models import stock_flow


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
    spec = spec_of(explorers.stock_flow().static().to_html())
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == set(explorers.FLOW_GRID)
    for name, values in explorers.FLOW_GRID.items():
        assert params[name]["value"] in values, f"default {name} not on the grid"
    assert params["inflow"]["bind"]["input"] == "range"
    assert params["death"]["bind"]["input"] == "radio"


def test_static_grid_holds_every_combination_computed_by_the_model() -> None:
    grid = explorers.stock_flow_grid()
    assert len(grid) == math.prod(len(v) for v in explorers.FLOW_GRID.values())
    row = grid.query("inflow == 150 and emigration == 2 and naturalisation == 6 and death == 2").iloc[0]
    run = stock_flow.simulate(150, 0.02, 0.06, 0.02)
    expected = run[run["year"] % 5 == 0]
    assert row["year"] == expected["year"].tolist()
    assert row["foreign_citizens"] == pytest.approx(expected["foreign_citizens"].tolist(), abs=0.5)
    assert row["foreign_born"] == pytest.approx(expected["foreign_born"].tolist(), abs=0.5)


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
    eq = stock_flow.equilibrium(200, 0.04, 0.03, 0.01)
    assert f"{eq['foreign_born']:,.0f} thousand" in box.status.value
    assert box.status.value != first_status
    box.controls["naturalisation"].value = 8
    assert "naturalisation 8 %" in box.status.value


def test_migrant_stock_places_and_shares() -> None:
    names = stocks.places()
    assert names[0] == "World" and names[1:6] == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert {"Germany", "Qatar", "United States", "Kuwait"} <= set(names)
    table = stocks.by_place()
    world = table.query("place == 'World' and year == 2020").iloc[0]
    assert world["share_pct"] == pytest.approx(3.6, abs=0.05)
    regions = table.query("kind == 'region' and year == 2020")["stock"].sum()
    assert regions == world["stock"]


def test_static_migrant_stock_menu_lists_every_place() -> None:
    spec = spec_of(explorers.migrant_stock().static().to_html())
    (place,) = [p for p in spec["params"] if p["name"] == "place"]
    assert place["bind"]["options"] == stocks.places()
    assert place["value"] == "World"


def test_live_migrant_stock_redraws_for_a_new_place() -> None:
    box = explorers.migrant_stock().live()
    before = box.chart.value
    box.controls["place"].value = "Qatar"
    assert box.chart.value != before
    assert box.status.value.count("Qatar") == 1


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


GOVERNANCE = [explorers.reciprocity, explorers.public_goods, explorers.ratification, explorers.win_sets,
              explorers.diffusion, explorers.convergence]


@pytest.mark.parametrize("make", GOVERNANCE, ids=lambda f: f.__name__)
def test_grid_explorers_have_working_twins(make: object) -> None:
    twin_ = make()
    static = twin_.static()
    spec = spec_of(static.to_html())
    bound = [p for p in spec["params"] if "bind" in p]
    assert bound, "the static twin needs at least one control"
    assert len(static.summary) > 60 and len(static.table) >= 2
    box = twin_.live()
    for name, control in box.controls.items():
        before, status = box.chart.value, box.status.value
        if hasattr(control, "options") and control.options:
            values = [v for _label, v in control.options]
            control.value = values[-1] if control.value != values[-1] else values[0]
        else:
            control.value = control.max if control.value != control.max else control.min
        assert box.chart.value != before or box.status.value != status, f"{name} changed nothing"


def test_static_grid_runs_are_the_models() -> None:
    from migbook.models import cooperation

    spec = spec_of(explorers.reciprocity().static().to_html())
    rows = spec["data"]["values"] if "data" in spec else next(iter(spec["datasets"].values()))
    row = next(r for r in rows if r["T"] == 5.0 and r["S"] == 0.0 and r["series"].startswith("Defect"))
    index = row["x"].index(0.5)
    assert row["y"][index] == pytest.approx(float(cooperation.per_round_payoff("always_defect", 0.5)), abs=1e-4)

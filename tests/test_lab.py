"""Lesson 11's policy lab: every number in the brief is its model's, and the brief follows the choices."""

from __future__ import annotations

import html
import itertools
import re

import pytest

from migbook import data, lab
from migbook.explorers.remittance_cost import inflows
from migbook.models import border_market, citizenship, free_movement, remittance_cost

OTHER = lab.Choices(enforcement=3.0, free_movement=1.0, key="GDP only", citizenship="USA",
                    remittance=remittance_cost.DEFAULTS.cost_target)


def numbers(decision: lab.Decision) -> dict[str, str]:
    return dict(decision.numbers)


def test_the_border_numbers_are_the_markets() -> None:
    chosen = border_market.market(3.0).iloc[0]
    shown = numbers(lab.border(3.0))
    assert shown["Expected deaths"].startswith(f"{chosen['deaths']:,.0f} a year")
    assert shown["Crossing attempts"].startswith(f"{chosen['crossings']:,.0f} thousand")
    today = border_market.market(border_market.DEFAULTS.enforcement).iloc[0]
    assert f"today's effort: {today['deaths']:,.0f} a year" in shown["Expected deaths"]


def test_free_movement_numbers_follow_the_cap() -> None:
    d = free_movement.DEFAULTS
    for cap in lab.FREE_MOVEMENT:
        out = free_movement.settle(d.gap, d.cost, d.labour_share, cap)
        assert numbers(lab.free_movement_stance(cap))["Partner region's workers who move"] == \
            f"{100 * float(out['migrant_share']):.0f} %"
    assert numbers(lab.free_movement_stance(0.0))["Partner region's workers who move"] == "0 %"
    assert numbers(lab.free_movement_stance(0.1))["Partner region's workers who move"] == "10 %"


def test_no_key_wins_a_majority_of_states_on_their_own_numbers() -> None:
    # Chapter 6 and Lesson 6: in 2015 most members had received fewer applications than any key gives them.
    inputs = data.key_inputs(2015)
    for name in lab.KEYS:
        shown = numbers(lab.sharing_key(name))
        count, total = map(int, re.match(r"(\d+) of (\d+)", shown["States that would receive no more than they did"]
                                         ).groups())
        assert total == len(inputs) and 0 < count < total / 2
        assert shown["A majority of states on their own numbers?"] == "no"


def test_citizenship_numbers_are_the_simulators() -> None:
    run = citizenship.simulate(**data.simulator_rules("USA"))
    shown = numbers(lab.citizenship_rules("USA"))
    assert f"{100 * run['noncitizen_share'][lab.CITIZENSHIP_HORIZON]:.1f} % after 30 years" in \
        shown["Residents without citizenship"]
    assert shown["Of them, born in the country (after 90 years)"] == "0 %"  # unconditional jus soli


def test_remittance_numbers_are_the_models() -> None:
    d = remittance_cost.DEFAULTS
    out = remittance_cost.cut(inflows()[d.place], d.cost_now, d.cost_target)
    shown = numbers(lab.remittances(d.cost_target))
    assert shown["Families receive more by"] == f"US$ {1000 * float(out['gain']):,.0f} million a year"
    assert numbers(lab.remittances(d.cost_now))["Families receive more by"] == "US$ 0 million a year"


def test_the_brief_has_a_heading_per_decision_with_its_numbers_and_model() -> None:
    text = lab.brief_text(OTHER)
    decisions = lab.consequences(OTHER)
    headings = re.findall(r"^(\d)\. ([A-Z -]+):", text, re.M)
    assert [int(n) for n, _ in headings] == [1, 2, 3, 4, 5]
    assert [h.strip() for _, h in headings] == [d.heading.upper() for d in decisions]
    for d in decisions:
        assert d.source in text and d.choice in text
        for label, value in d.numbers:
            assert f"  - {label}: {value}" in text
    assert text.count("Where the model is too simple") == 5
    assert lab.brief_text(OTHER) != lab.brief_text(lab.DEFAULTS)


def test_every_choice_on_every_menu_gives_a_brief() -> None:
    for enforcement, stance, key in itertools.product(lab.ENFORCEMENT, lab.FREE_MOVEMENT, lab.KEYS):
        assert "POLICY BRIEF" in lab.brief_text(lab.Choices(enforcement=enforcement, free_movement=stance, key=key))
    for preset, cost in itertools.product(lab.PRESETS, lab.REMITTANCE):
        assert "POLICY BRIEF" in lab.brief_text(lab.Choices(citizenship=preset, remittance=cost))


def test_a_choice_off_the_menu_is_refused() -> None:
    with pytest.raises(ValueError, match="enforcement"):
        lab.Choices(enforcement=1.5)
    with pytest.raises(ValueError, match="citizenship"):
        lab.Choices(citizenship="XXX")


def test_the_live_brief_follows_the_choices_until_the_student_writes() -> None:
    panel = lab.brief().live()
    assert panel.text.value == lab.brief_text(lab.DEFAULTS)
    assert all(menu.description for menu in panel.menus.values()), "every control needs a label"
    assert panel.text.description
    panel.menus["enforcement"].value = 3.0
    assert panel.text.value == lab.brief_text(lab.Choices(enforcement=3.0))
    assert 'role="status"' in panel.numbers.value and "triple today" in panel.numbers.value
    panel.text.value += "\nMy own words."
    panel.menus["key"].value = "GDP only"
    assert panel.text.value.endswith("My own words.") and 'role="status"' in panel.note.value
    assert "GDP only" in panel.numbers.value
    panel.refill.click()
    assert panel.text.value == lab.brief_text(lab.Choices(enforcement=3.0, key="GDP only"))


def test_the_book_shows_the_default_brief_in_a_labelled_text_area() -> None:
    page = lab.brief().static().to_html()
    label = re.search(r'<label for="([^"]+)">', page)
    area = re.search(r'<textarea id="([^"]+)"[^>]*>(.*)</textarea>', page, re.S)
    assert label and area and label.group(1) == area.group(1)
    assert html.unescape(area.group(2)) == lab.brief_text(lab.DEFAULTS)
    assert "square brackets" in page


def test_the_lesson_states_the_models_defaults() -> None:
    from migbook.paths import LESSONS_DIR

    text = " ".join((LESSONS_DIR / "11-policy-lab.md").read_text().split())
    cost = remittance_cost.DEFAULTS
    assert f"{100 * cost.cost_now:.2f} % of the amount on average in the third quarter of 2023" in text
    assert f"reduce to less than {100 * cost.cost_target:g} per cent" in text
    assert f"received in {cost.year}" in text
    words = {2: "twice", 3: "three times", 4: "four times"}
    assert f"wages {words[int(free_movement.DEFAULTS.gap)]} your neighbour's" in text
    assert "lab.brief()" in text and "explorers.remittance_cost()" in text

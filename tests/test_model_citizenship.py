"""Tests of :mod:`migbook.models.citizenship`: the closed-form steady state, the rules' boundary cases, bad input.

There is no published simulation of these rules to reproduce; the checks are the closed
forms derived in the model's docstring (book's own derivation, Chapter 8) and cases that
can be worked by hand.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from migbook import data
from migbook.errors import ParameterError
from migbook.models import citizenship as model
from migbook.models.citizenship import DEFAULTS
from migbook.paths import BOOK_DIR

RULES = [dict(soli=soli, wait=wait, dual=dual) for soli in model.SOLI for wait in (0, 5, 10) for dual in (True, False)]


def test_pure_descent_without_naturalisation_tends_to_the_closed_form_steady_state() -> None:
    # Closed form (Chapter 8, model docstring): f* = immigration / leave when immigration < leave.
    # With 1 % arrivals and 4 % departures a year: f* = 0.25, whatever the start or the birth rate.
    for start, births in ((0.0, 0.01), (0.2, 0.02), (0.6, 0.005)):
        run = model.simulate(soli="none", take_up=0.0, immigration=0.01, leave=0.04, births=births,
                             start_share=start, years=3000)
        assert run["noncitizen_share"][-1] == pytest.approx(0.25, abs=1e-6)
    assert float(model.steady_share_descent(0.01, 0.04)) == 0.25


def test_when_arrivals_outpace_departures_non_citizens_become_almost_everyone() -> None:
    run = model.simulate(soli="none", take_up=0.0, immigration=0.03, leave=0.01, years=3000)
    assert run["noncitizen_share"][-1] == pytest.approx(1.0, abs=1e-3)
    assert float(model.steady_share_descent(0.03, 0.01)) == 1.0
    assert float(model.steady_share_descent(0.0, 0.0)) == 0.0


def test_the_closed_form_recursion_holds_year_by_year() -> None:
    # f' = (f (1 + g - e) + m) / (1 + g + m - e f), g = births - deaths: the model's own recursion by hand.
    m, e, b, d = 0.02, 0.05, 0.012, 0.009
    run = model.simulate(soli="none", take_up=0.0, immigration=m, leave=e, births=b, deaths=d, start_share=0.1,
                         years=40)
    f = 0.1
    for year in range(1, 41):
        f = (f * (1 + b - d - e) + m) / (1 + b - d + m - e * f)
        assert run["noncitizen_share"][year] == pytest.approx(f, rel=1e-10)


@pytest.mark.parametrize("rules", [r for r in RULES if r["soli"] == "unconditional"], ids=str)
def test_under_unconditional_jus_soli_the_locally_born_are_all_citizens(rules: dict) -> None:
    run = model.simulate(**rules, take_up=0.0, immigration=0.02, years=120)
    assert np.all(run["local_share"] == 0.0)


@pytest.mark.parametrize("soli", ["none", "double", "conditional"])
def test_without_unconditional_jus_soli_some_children_are_born_foreigners(soli: str) -> None:
    run = model.simulate(soli=soli, wait=10, parent_years=10, take_up=0.0, immigration=0.02, years=60)
    assert run["local_share"][-1] > 0


def test_a_zero_wait_with_full_take_up_leaves_only_the_newest_arrivals_without_a_vote() -> None:
    m = 0.02
    run = model.simulate(soli="none", wait=0, take_up=1.0, dual=True, immigration=m, years=30)
    population, share = run["population"], run["noncitizen_share"]
    # At the end of each year the non-citizens are exactly that year's arrivals: m times last year's residents.
    assert share[1:] * population[1:] == pytest.approx(m * population[:-1], rel=1e-12)
    assert np.all(run["local_share"][1:] == 0.0)


def test_without_dual_citizenship_those_who_would_keep_their_first_never_naturalise() -> None:
    k = 0.4
    run = model.simulate(soli="unconditional", wait=0, take_up=1.0, dual=False, keep_share=k, immigration=0.0,
                         leave=0.0, births=0.0, deaths=0.0, start_share=0.5, years=10)
    assert run["noncitizen_share"][-1] == pytest.approx(0.5 * k)


def test_double_jus_soli_stops_foreign_status_after_one_generation_born_here() -> None:
    kwargs = dict(take_up=0.0, immigration=0.02, years=80)
    none = model.simulate(soli="none", **kwargs)
    double = model.simulate(soli="double", **kwargs)
    conditional = model.simulate(soli="conditional", wait=8, parent_years=8, **kwargs)
    assert none["noncitizen_share"][-1] > double["noncitizen_share"][-1] > conditional["noncitizen_share"][-1]


def test_shorter_waits_and_higher_take_up_lower_the_share() -> None:
    def final(**kw: object) -> float:
        return float(model.simulate(soli="none", dual=True, **kw)["noncitizen_share"][-1])

    assert final(wait=5, take_up=0.1) < final(wait=10, take_up=0.1) < final(wait=10, take_up=0.0)
    assert final(wait=5, take_up=0.2) < final(wait=5, take_up=0.05)


def test_the_default_rules_are_the_default_preset() -> None:
    rules = {k: getattr(DEFAULTS, k) for k in ("soli", "wait", "parent_years", "dual")}
    assert rules == data.simulator_rules(DEFAULTS.preset)


def test_years_to_halve() -> None:
    assert model.years_to_halve([0.2, 0.15, 0.1, 0.05]) == 2
    assert model.years_to_halve([0.2, 0.2, 0.11]) is None
    assert model.years_to_halve([0.0, 0.0]) == 1
    with pytest.raises(ParameterError, match="shares"):
        model.years_to_halve([])


def test_germany_after_2024_halves_its_deficit_sooner_than_under_its_2020_rules() -> None:
    before = model.simulate(**data.simulator_rules("DEU"))["noncitizen_share"]
    after = model.simulate(**data.simulator_rules("DEU-2024"))["noncitizen_share"]
    assert model.years_to_halve(after) < model.years_to_halve(before)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"take_up": 5}, "take_up"),
    ({"immigration": -0.1}, "immigration"),
    ({"leave": 1.5}, "leave"),
    ({"keep_share": 2}, "keep_share"),
    ({"start_share": 20}, "start_share"),
    ({"wait": 2.5}, "wait"),
    ({"wait": -1}, "wait"),
    ({"parent_years": "eight"}, "parent_years"),
    ({"years": 10_000}, "years"),
    ({"soli": "birth"}, "soli"),
    ({"dual": "yes"}, "dual"),
    ({"take_up": [0.1, 0.2]}, "take_up"),
    ({"deaths": 0.6, "leave": 0.6}, "deaths"),
])
def test_bad_input_is_refused_naming_the_parameter(kwargs: dict, name: str) -> None:
    with pytest.raises(ParameterError, match=name):
        model.simulate(**kwargs)


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match=r"take_up.*4 % is 0\.04"):
        model.simulate(take_up=5)


def test_chapter_and_lesson_state_the_defaults() -> None:
    chapter = re.sub(r"\s+", " ", (BOOK_DIR / "chapters" / "08-identity-and-diasporas.md").read_text())
    lesson = re.sub(r"\s+", " ", (BOOK_DIR / "lessons" / "08-who-can-vote.md").read_text())
    pct = lambda v: f"{100 * v:g} %"  # noqa: E731
    claim = (f"a fifth of residents lack citizenship ({pct(DEFAULTS.start_share)}), arrivals add "
             f"{pct(DEFAULTS.immigration)} of the population a year, non-citizens leave at {pct(DEFAULTS.leave)} a "
             f"year, births and deaths are both {pct(DEFAULTS.births)}, {pct(DEFAULTS.take_up)} of those eligible "
             f"naturalise each year, and {pct(DEFAULTS.keep_share)} of arrivals would naturalise only if they could "
             "keep their first citizenship")
    assert DEFAULTS.births == DEFAULTS.deaths and DEFAULTS.start_share == 0.2
    assert claim in chapter
    assert f"over {DEFAULTS.years} years" in chapter and f"over {DEFAULTS.years} years" in lesson


def test_what_the_chapter_says_the_explorer_shows() -> None:
    from migbook.explorers.citizenship import run

    def share(preset: str, take_up: int = 5, immigration: float = 0.5) -> np.ndarray:
        frame = run(preset, take_up, immigration)
        return frame[frame["series"] == "Residents without citizenship"]["y"].to_numpy()

    def local(preset: str) -> float:
        frame = run(preset, 5, 0.5)
        return float(frame[frame["series"] == "Of them, born in the country"]["y"].iloc[-1])

    chapter = re.sub(r"\s+", " ", (BOOK_DIR / "chapters" / "08-identity-and-diasporas.md").read_text())
    halves = {preset: model.years_to_halve(share(preset)) for preset in ("DEU", "DEU-2024", "AUT")}
    assert f"halves in year {halves['DEU']}. Now switch to Germany (from June 2024): it halves in year " \
           f"{halves['DEU-2024']}." in chapter
    assert halves["AUT"] is None and "in Austria it does not halve within 90 years" in chapter
    assert np.array_equal(share("GBR"), share("DEU-2024"))
    assert 15 <= local("JPN") <= 20 and 15 <= local("AUT") <= 20  # "close to a fifth"
    assert np.all(share("USA") > 0) and local("USA") == 0
    assert all(share(p, immigration=2.0)[-1] > 20 for p in ("USA", "DEU", "DEU-2024", "JPN", "AUT", "ARE"))
    assert share("ARE", immigration=2.0)[-1] > 40 and "it climbs above 40 %" in chapter
    f_star = float(model.steady_share_descent(DEFAULTS.immigration, DEFAULTS.leave))
    assert f"$f^*$ = {DEFAULTS.immigration:g} / {DEFAULTS.leave:g} = {f_star:g}" in chapter

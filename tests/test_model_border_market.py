"""Tests of :mod:`migbook.models.border_market`.

Against the closed-form equilibrium of a linear market, the comparative statics the chapter
relies on, the pattern Cornelius (2001) reports for the US south-west border after 1993, and
Adamson's (2006) report that smuggling fees into Arizona fell when interdiction became likelier.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import border_market as model
from migbook.models.border_market import DEFAULTS
from migbook.paths import BOOK_DIR

E = np.arange(0, 4.01, 0.25)


def test_closed_form_linear_equilibrium_by_hand() -> None:
    # Route shut, no enforcement: K = h pi0 = 1000 x 0.2 = 200 dollars. Linear demand Q = 1500 - 0.25 F and
    # supply P = 500 + 1 Q meet where Q = (1500 - 0.25 (500 + 200)) / (1 + 0.25) = 1060 and P = 1560.
    m = model.market(0, dangerous_open=False).iloc[0]
    assert m["extra_cost"] == pytest.approx(200)
    assert m["crossings"] == pytest.approx(1060)
    assert m["fee"] == pytest.approx(1560)
    assert m["full_price"] == pytest.approx(1760)
    assert m["apprehensions"] == pytest.approx(1060 * 0.2)
    assert m["deaths"] == 0


@given(a=st.floats(500, 5000), b=st.floats(0.01, 1), c0=st.floats(0, 1000), c1=st.floats(0, 1000),
       d=st.floats(0, 5), e=st.floats(0, 5))
@settings(max_examples=60, deadline=None)
def test_equilibrium_clears_the_market(a: float, b: float, c0: float, c1: float, d: float, e: float) -> None:
    """Closed form: demand at the full price equals supply's quantity, and the fee is on the supply curve."""
    m = model.market(e, demand=a, slope=b, base_cost=c0, enforcement_cost=c1, congestion=d).iloc[0]
    assert m["fee"] == pytest.approx(c0 + c1 * e + d * m["crossings"])
    if m["crossings"] > 0:
        assert m["crossings"] == pytest.approx(a - b * m["full_price"], abs=1e-6)
    else:  # nobody pays the full price at which smugglers would supply one crossing
        assert a - b * (c0 + c1 * e + m["extra_cost"]) <= 1e-9


def test_route_share_follows_the_hardship_threshold() -> None:
    # Share = h (pi_e - pi_d) / hardship: at E = 0, 1000 x (0.2 - 0.1) / 1000 = 0.1.
    assert model.dangerous_share(0)[()] == pytest.approx(0.1)
    pi1 = 1 - 0.8 * math.exp(-1)
    assert model.dangerous_share(1, hardship=3000)[()] == pytest.approx(1000 * (pi1 - 0.1) / 3000)
    assert model.dangerous_share(50, hardship=100)[()] == 1.0  # capped: everyone takes the dangerous route
    assert model.dangerous_share(0, caught_dangerous=0.5)[()] == 0.0  # never worth it


def test_more_enforcement_raises_the_fee_and_cuts_crossings() -> None:
    m = model.market(E)
    assert np.all(np.diff(m["crossings"]) < 0)
    assert np.all(np.diff(m["fee"]) > 0)
    assert np.all(np.diff(m["full_price"]) > 0)


def test_more_enforcement_pushes_crossers_to_the_dangerous_route_when_routes_substitute() -> None:
    for hardship in (1000, 3000):
        share = model.market(E, hardship=hardship)["dangerous_share"]
        assert np.all(np.diff(share) > 0), hardship
    share = model.market(E, hardship=500)["dangerous_share"].to_numpy()  # everyone has switched by E = 0.75
    assert np.all(np.diff(share) >= 0) and share[E == 0.75] == 1.0 and share[E == 0.5] < 1.0
    # Easier substitution (lower hardship) means a larger share at every enforcement level above zero.
    easy, hard = model.dangerous_share(E[1:], hardship=1000), model.dangerous_share(E[1:], hardship=3000)
    assert np.all(easy > hard)


def test_no_deaths_when_the_dangerous_route_is_shut() -> None:
    shut = model.market(E, dangerous_open=False, risk=0.01)
    assert np.all(shut["deaths"] == 0) and np.all(shut["dangerous_share"] == 0)
    assert np.all(model.market(E, risk=0)["deaths"] == 0)


def test_cornelius_2001_deaths_and_apprehensions_rise_as_crossings_fall() -> None:
    # Cornelius (2001, Population and Development Review 27(4)): after the concentrated operations of 1993-94,
    # crossings moved to deserts and mountains, deaths rose, and apprehensions did not fall. In the model,
    # doubling enforcement from 0.5 to 1 cuts attempts by a few per cent but raises expected deaths by a third
    # or more, while apprehensions stay within 10 % of their level.
    low, high = model.market([0.5, 1.0]).itertuples(index=False)
    assert high.crossings < low.crossings and high.crossings > 0.9 * low.crossings
    assert high.deaths > 1.3 * low.deaths
    assert abs(high.apprehensions / low.apprehensions - 1) < 0.1


def test_adamson_2006_fees_fall_when_only_the_risk_of_interdiction_rises() -> None:
    # Adamson (2006) reports smuggling fees into Arizona in 2001 50 percent lower than before 11 September,
    # because interdiction had become likelier. In the model, when enforcement does not raise the smugglers'
    # costs (c1 = 0), it only adds to the crosser's expected cost: demand falls, and so does the fee.
    fees = model.market(E, enforcement_cost=0)["fee"]
    assert np.all(np.diff(fees) < 0)


def test_deaths_peak_then_fall_as_deterrence_takes_over() -> None:
    # Once almost everyone who will switch has switched, more enforcement only deters: deaths turn down.
    deaths = model.market(np.arange(0, 8.01, 0.5))["deaths"].to_numpy()
    peak = int(deaths.argmax())
    assert 0 < peak < len(deaths) - 1
    assert np.all(np.diff(deaths[: peak + 1]) > 0) and np.all(np.diff(deaths[peak:]) < 0)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"enforcement": -1}, "enforcement"),
    ({"enforcement": 1, "risk": 5}, "risk"),
    ({"enforcement": 1, "caught0": 20}, "caught0"),
    ({"enforcement": 1, "slope": 0}, "slope"),
    ({"enforcement": 1, "hardship": 0}, "hardship"),
    ({"enforcement": 1, "demand": -10}, "demand"),
    ({"enforcement": 1, "congestion": float("nan")}, "congestion"),
    ({"enforcement": "a lot"}, "enforcement"),
])
def test_bad_input_is_refused_naming_the_parameter(kwargs: dict, name: str) -> None:
    with pytest.raises(ParameterError, match=name):
        model.market(**kwargs)


def test_a_per_thousand_figure_is_refused_where_a_probability_is_meant() -> None:
    with pytest.raises(ParameterError, match=r"risk .*probability.*0\.0005"):
        model.market(1, risk=5)


def test_chapter_states_the_numbers_the_explorer_shows() -> None:
    """The text around the model figure quotes the model's own numbers at the starting setting."""
    text = re.sub(r"\s+", " ", (BOOK_DIR / "chapters" / "07-border-control.md").read_text())
    m = model.market([0.0, DEFAULTS.enforcement, 2 * DEFAULTS.enforcement]).round(0)
    shut = model.market([DEFAULTS.enforcement, 2 * DEFAULTS.enforcement], dangerous_open=False).round(0)
    claims = [
        f"about {m['crossings'][1]:,.0f} thousand attempts a year",
        f"a fee of {m['fee'][1]:,.0f} dollars",
        f"{m['deaths'][1]:,.0f} expected deaths",
        f"{100 * model.dangerous_share(DEFAULTS.enforcement)[()]:.0f} % of attempts",
        f"from {m['deaths'][1]:,.0f} to {m['deaths'][2]:,.0f}",
        f"from {m['apprehensions'][1]:,.0f} to {m['apprehensions'][2]:,.0f} thousand",
        f"from {shut['apprehensions'][0]:,.0f} to {shut['apprehensions'][1]:,.0f} thousand",
    ]
    missing = [c for c in claims if c not in text]
    assert not missing, f"the chapter should say: {missing}"

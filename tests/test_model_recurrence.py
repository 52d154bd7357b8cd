"""Tests of :mod:`migbook.models.recurrence`: the two-state chain's closed forms and Collier's factor of six.

Collier (2000, as reported by Adamson 2006) found relapse into conflict about six times
likelier in post-conflict countries with large diasporas. With the defaults' illustrative rates
(relapse 0.02 a year without a diaspora, wars ending at 0.15 a year), by hand:
without diaspora funding 0.02 / 0.17 = 2/17 = 11.8 % of years at war and peace lasting 50 years;
with relapse six times likelier, 0.12 / 0.27 = 4/9 = 44.4 % and 8.3 years.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import recurrence as model
from migbook.models.recurrence import DEFAULTS


def test_relapse_six_times_likelier_gives_the_shares_computed_by_hand() -> None:
    none = model.relapse_probability(DEFAULTS.base_relapse, 0.0, 6)
    large = model.relapse_probability(DEFAULTS.base_relapse, 1.0, 6)
    assert float(large / none) == pytest.approx(6.0)
    assert float(model.share_at_war(none, DEFAULTS.ending)) == pytest.approx(2 / 17)
    assert float(model.share_at_war(large, DEFAULTS.ending)) == pytest.approx(4 / 9)
    assert model.expected_peace([none, large]).tolist() == pytest.approx([50.0, 100 / 12])


def test_stationary_distribution_solves_pi_p_equals_pi() -> None:
    p, q = 0.07, 0.2
    peace, war = model.stationary(p, q)
    chain = np.array([[1 - p, p], [q, 1 - q]])
    pi = np.array([float(peace), float(war)])
    assert pi @ chain == pytest.approx(pi)
    assert pi.sum() == pytest.approx(1.0)
    assert np.linalg.matrix_power(chain, 500)[0] == pytest.approx(pi)


def test_war_path_matches_matrix_powers_and_tends_to_the_long_run_share() -> None:
    p, q = 0.12, 0.15
    chain = np.array([[1 - p, p], [q, 1 - q]])
    path = model.war_path(p, q, 30)
    direct = [np.linalg.matrix_power(chain, t)[0, 1] for t in range(31)]
    assert path == pytest.approx(direct)
    assert float(model.war_path(p, q, 400)[-1]) == pytest.approx(float(model.share_at_war(p, q)))


def test_relapse_within_years() -> None:
    assert float(model.relapse_within(0.12, 5)) == pytest.approx(1 - 0.88**5)
    assert float(model.relapse_within(0.5, 0)) == 0.0


@given(st.floats(0.001, 0.2), st.floats(0.01, 0.9), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_more_diaspora_funding_never_means_fewer_years_at_war(base: float, q: float, a: float, b: float) -> None:
    low, high = sorted([a, b])
    p_low, p_high = model.relapse_probability(base, [low, high], 6)
    assert model.share_at_war(p_high, q) >= model.share_at_war(p_low, q) - 1e-12


def test_relapse_probability_is_capped_at_one() -> None:
    assert float(model.relapse_probability(0.5, 1.0, 6)) == 1.0


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match="base_relapse"):
        model.relapse_probability(2, 0.5)
    with pytest.raises(ParameterError, match="ending"):
        model.stationary(0.1, 15)


def test_bad_inputs_are_refused_by_name() -> None:
    with pytest.raises(ParameterError, match="diaspora"):
        model.relapse_probability(0.02, 1.5)
    with pytest.raises(ParameterError, match="multiplier"):
        model.relapse_probability(0.02, 0.5, 0.5)
    with pytest.raises(ParameterError, match="relapse"):
        model.stationary(0.0, 0.1)
    with pytest.raises(ParameterError, match="years"):
        model.war_path(0.1, 0.1, 2.5)  # type: ignore[arg-type]

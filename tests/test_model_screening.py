"""Tests of :mod:`migbook.models.screening`: Bayes' rule, the ROC curve's ends, the least-cost threshold.

The worked case is the classic base-rate argument: a screen with 99 % sensitivity and
99 % specificity for a threat carried by 1 traveller in 100,000 raises about a thousand
false alarms for every threat it stops (the arithmetic of Bayes' rule; the example is the
issue's, and the same reasoning is set out by Swets, Dawes and Monahan 2000).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import screening as model
from migbook.models.screening import DEFAULTS


def test_bayes_worked_case_one_threat_per_thousand_alarms() -> None:
    # Base rate 1 in 100,000, sensitivity 0.99, specificity 0.99:
    # PPV = 0.99e-5 / (0.99e-5 + 0.01 * 0.99999) = 0.000989..., about 1 threat in 1,011 alarms.
    ppv = float(model.positive_predictive_value(1e-5, 0.99, 0.99))
    assert ppv == pytest.approx(0.99e-5 / (0.99e-5 + 0.01 * 0.99999), rel=1e-12)
    assert 1 / ppv == pytest.approx(1011.1, abs=0.1)
    out = model.outcomes(1e-5, 0.99, 0.99, 1_000_000)
    assert float(out["hits"]) == pytest.approx(9.9)
    assert float(out["false_alarms"]) == pytest.approx(9999.9)
    assert float(out["misses"]) == pytest.approx(0.1)
    assert float(out["false_alarms_per_hit"]) == pytest.approx(9999.9 / 9.9)


def test_equal_variance_scores_give_99_percent_at_2_33_sd() -> None:
    # Phi(2.326) = 0.99: a threshold 2.326 SD above harmless scores and 2.326 SD below threats' mean
    # (d' = 4.652) gives the worked case's 99 % sensitivity and specificity.
    sens, fa = model.rates(2.326348, 2 * 2.326348)
    assert float(sens) == pytest.approx(0.99, abs=1e-6)
    assert float(fa) == pytest.approx(0.01, abs=1e-6)


def test_the_defaults_sit_halfway_between_the_means() -> None:
    sens, fa = model.rates(DEFAULTS.threshold, DEFAULTS.separation)
    assert DEFAULTS.threshold == DEFAULTS.separation / 2
    assert float(sens) == pytest.approx(1 - float(fa)) == pytest.approx(0.99379, abs=1e-5)


def test_rates_match_the_normal_distribution() -> None:
    # Phi(1.959964) = 0.975: a threshold of 1.96 lets 2.5 % of harmless scores through the alarm.
    sens, fa = model.rates(1.959964, 0.0)
    assert float(fa) == pytest.approx(0.025, abs=1e-6)
    assert float(sens) == pytest.approx(float(fa))  # no separation: hits as often as false alarms


def test_roc_endpoints_and_chance_line() -> None:
    fa, sens = model.roc(2.0, [-np.inf, np.inf])
    assert fa.tolist() == [1.0, 0.0] and sens.tolist() == [1.0, 0.0]
    t = np.linspace(-3, 3, 13)
    fa, sens = model.roc(0.0, t)
    assert np.allclose(fa, sens)  # a useless score lies on the diagonal


def test_roc_area_is_phi_of_d_over_root_two() -> None:
    # Equal-variance normal ROC: area under the curve = Phi(d' / sqrt 2) (Green and Swets 1966).
    d = 1.5
    t = np.linspace(-10, 12, 20001)
    fa, sens = model.roc(d, t)
    area = float(np.trapezoid(sens[::-1], fa[::-1]))
    assert area == pytest.approx(0.5 * math.erfc(-d / 2), abs=1e-6)


def test_best_threshold_closed_form_and_minimum() -> None:
    # Equal priors and equal costs: the criterion sits halfway between the two means.
    assert float(model.best_threshold(2.0, 0.5, 1.0)) == pytest.approx(1.0)
    d, p, c = 3.0, 1e-3, 200.0
    star = float(model.best_threshold(d, p, c))
    assert star == pytest.approx(d / 2 + math.log((1 - p) / (p * c)) / d)
    grid = np.linspace(star - 2, star + 2, 4001)
    costs = model.expected_cost(grid, d, p, c)
    assert grid[np.argmin(costs)] == pytest.approx(star, abs=0.002)


def test_a_dearer_miss_lowers_the_threshold() -> None:
    cheap, dear = model.best_threshold(DEFAULTS.separation, DEFAULTS.base_rate, [10.0, 10_000.0])
    assert dear < cheap


@given(st.floats(-5, 5), st.floats(-5, 5), st.floats(0, 6))
def test_raising_the_threshold_never_stops_more(t1: float, t2: float, d: float) -> None:
    low, high = sorted([t1, t2])
    s_low, f_low = model.rates(low, d)
    s_high, f_high = model.rates(high, d)
    assert s_high <= s_low + 1e-15 and f_high <= f_low + 1e-15


@given(st.floats(1e-6, 0.5), st.floats(0.5, 1.0), st.floats(0.5, 0.999999))
def test_ppv_rises_with_the_base_rate(p: float, sens: float, spec: float) -> None:
    assert model.positive_predictive_value(p, sens, spec) <= model.positive_predictive_value(min(1.0, 2 * p), sens,
                                                                                             spec) + 1e-12


def test_a_percentage_is_refused_where_a_probability_is_meant() -> None:
    with pytest.raises(ParameterError, match="base_rate"):
        model.positive_predictive_value(5, 0.99, 0.99)
    with pytest.raises(ParameterError, match=r"sensitivity.*0\.01"):
        model.positive_predictive_value(0.001, 99, 0.99)
    with pytest.raises(ParameterError, match="base_rate"):
        model.best_threshold(2.0, 0.0, 10.0)


def test_bad_inputs_are_refused_by_name() -> None:
    with pytest.raises(ParameterError, match="separation"):
        model.rates(1.0, -1.0)
    with pytest.raises(ParameterError, match="cost_ratio"):
        model.expected_cost(1.0, 2.0, 0.01, 0)
    with pytest.raises(ParameterError, match="travellers"):
        model.outcomes(0.01, 0.9, 0.9, -5)
    with pytest.raises(ParameterError, match="thresholds"):
        model.roc(1.0, [0.0, float("nan")])

"""Tests of :mod:`migbook.models.responsibility_sharing` against closed forms.

Bergstrom, Blume and Varian (1986): Nash provision of a pure public good with Cobb-Douglas
utilities; Warr (1983): provision does not depend on how income is spread among contributors;
Olson and Zeckhauser (1966): the large bear a share of the cost above their share of income;
Betts (2003): a private (joint-product) benefit narrows the gap to the optimum.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import responsibility_sharing as model
from migbook.models.responsibility_sharing import DEFAULTS


def test_bergstrom_blume_varian_1986_symmetric_nash_by_hand() -> None:
    # Pure public good, u = ln x + beta ln G: each of n equal states gives beta m / (n + beta).
    # Two states, m = 1, beta = 1: 1/3 each, 2/3 in all; the optimum is n beta m / (1 + beta) = 1.
    assert model.nash([1, 1], 0, 1) == pytest.approx([1 / 3, 1 / 3], abs=1e-9)
    assert model.optimum([1, 1], 0, 1) == pytest.approx([0.5, 0.5], abs=1e-9)
    # Ten states, m = 2, beta = 0.25: Nash 0.25 * 2 / 10.25 = 0.04878 each; optimum 0.25 * 2 / 1.25 = 0.4 each.
    assert model.nash(np.full(10, 2.0), 0, 0.25) == pytest.approx(np.full(10, 0.5 / 10.25), abs=1e-9)
    assert model.optimum(np.full(10, 2.0), 0, 0.25) == pytest.approx(np.full(10, 0.4), abs=1e-9)


@pytest.mark.parametrize("n", [1, 2, 5, 10, 40])
@pytest.mark.parametrize("rho", [0.0, 0.25, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("beta", [0.25, 1.0, 3.0])
def test_solver_matches_the_symmetric_closed_forms(n: int, rho: float, beta: float) -> None:
    nash_total, best_total = model.symmetric_levels(n, rho, beta)
    c = rho + (1 - rho) / n  # worked by hand from the first-order condition at g_i = G / n
    assert nash_total == pytest.approx(n * beta * c / (1 + beta * c))
    assert best_total == pytest.approx(n * beta / (1 + beta))
    assert model.nash(np.ones(n), rho, beta).sum() == pytest.approx(nash_total, rel=1e-9)
    assert model.optimum(np.ones(n), rho, beta).sum() == pytest.approx(best_total, rel=1e-9)


def test_free_rider_gap_grows_with_the_number_of_states() -> None:
    # Nash over optimum is (1 + beta) / (n + beta) for a pure public good: 0.6 at n = 2, beta = 0.25.
    ratios = [np.divide(*model.symmetric_levels(n, 0, 0.25)) for n in range(1, 30)]
    assert ratios[0] == pytest.approx(1.0)
    assert ratios[1] == pytest.approx(1.25 / 2.25)
    assert all(b < a for a, b in itertools.pairwise(ratios))
    # A private benefit narrows the gap at every n, and closes it when the benefit is all private.
    for n in (2, 10, 20):
        by_rho = [np.divide(*model.symmetric_levels(n, rho, 0.25)) for rho in (0, 0.25, 0.5, 0.75, 1)]
        assert all(b > a for a, b in itertools.pairwise(by_rho))
        assert by_rho[-1] == pytest.approx(1.0)


def test_olson_zeckhauser_1966_exploitation_of_the_large() -> None:
    # One large state (income 4) and two small (income 1), beta = 0.25, pure public good: every contributor
    # keeps G / beta; the large state alone gives beta m / (1 + beta) = 0.8 and G / beta = 3.2 > 1, so the
    # small give nothing. The large state has 2/3 of the income and pays everything.
    r = model.large_and_small(3, 4, 0, 0.25)
    assert r["nash_total"] == pytest.approx(0.8)
    assert r["large_income_share"] == pytest.approx(2 / 3)
    assert r["large_paid_share"] == pytest.approx(1.0)
    # With a private benefit the small give too, but the large still pay above their share of income.
    for gap in (2, 4, 8):
        for rho in (0.25, 0.5, 0.75):
            r = model.large_and_small(10, gap, rho, 0.25)
            assert r["large_paid_share"] > r["large_income_share"]
    # With equal incomes nobody is exploited.
    r = model.large_and_small(10, 1, 0.25, 0.25)
    assert r["large_paid_share"] == pytest.approx(r["large_income_share"])


def test_contributors_keep_equal_private_spending() -> None:
    # Bergstrom, Blume and Varian (1986): with rho = 0 every contributor keeps m_i - g_i = G / beta.
    m = np.array([3.0, 2.5, 2.4, 0.5])  # by hand: G = 0.5 * 7.9 / 3.5 = 1.129, G / beta = 2.257
    g = model.nash(m, 0, 0.5)
    total = g.sum()
    givers = g > 1e-12
    assert givers.tolist() == [True, True, True, False]
    assert m[givers] - g[givers] == pytest.approx(np.full(3, total / 0.5))
    assert total == pytest.approx(0.5 * m[givers].sum() / (0.5 + 3))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(1.8, 2.2), min_size=2, max_size=6), st.floats(0.0, 0.2))
def test_warr_1983_neutrality_among_contributors(incomes: list[float], shift: float) -> None:
    # Moving income between states that all contribute before and after leaves total provision unchanged.
    m = np.array(incomes)
    # Everyone gives while G / beta = M / (k + beta) is below the smallest income: at most 6 * 2.4 / 11 = 1.31 < 1.6.
    beta = 5.0
    before = model.nash(m, 0, beta)
    moved = m.copy()
    moved[0] += shift
    moved[1] -= shift
    after = model.nash(moved, 0, beta)
    assert (before > 0).all() and (after > 0).all()
    assert after.sum() == pytest.approx(before.sum(), rel=1e-9)


def test_nash_never_exceeds_the_optimum_and_is_a_best_reply() -> None:
    m = np.array([5.0, 2.0, 1.0, 1.0, 0.7])
    for rho in (0.0, 0.3, 0.8):
        g = model.nash(m, rho, 0.4)
        assert g.sum() <= model.optimum(m, rho, 0.4).sum() + 1e-12
        # No state gains by moving its own contribution a little (the others' held fixed).
        for i in range(m.size):
            def utility(own: float, i: int = i, rho: float = rho, g: np.ndarray = g) -> float:
                total = g.sum() - g[i] + own
                private = rho * np.log(own) if rho > 0 else 0.0
                return np.log(m[i] - own) + 0.4 * ((1 - rho) * np.log(total) + private)
            here = max(g[i], 1e-9)
            for step in (1e-4, -1e-4):
                if 0 < here + step < m[i]:
                    assert utility(here + step) <= utility(here) + 1e-9


def test_defaults_are_the_explorers_starting_point() -> None:
    r = model.large_and_small(DEFAULTS.states, DEFAULTS.income_gap, DEFAULTS.private_share, DEFAULTS.beta)
    assert 0 < r["efficiency"] < 1
    assert r["large_paid_share"] > r["large_income_share"]


@pytest.mark.parametrize(("call", "name"), [
    (lambda: model.nash([1, 1], 25, 0.5), "private_share"),
    (lambda: model.nash([1, 1], -0.1, 0.5), "private_share"),
    (lambda: model.nash([1, 0], 0.2, 0.5), "incomes"),
    (lambda: model.nash([1, -2], 0.2, 0.5), "incomes"),
    (lambda: model.nash([1, 1], 0.2, 0), "beta"),
    (lambda: model.nash([1, 1], 0.2, [0.5, 0.5]), "beta"),
    (lambda: model.nash([1, float("nan")], 0.2, 0.5), "incomes"),
    (lambda: model.optimum([[1, 1]], 0.2, 0.5), "incomes"),
    (lambda: model.symmetric_levels(0, 0.2, 0.5), "states"),
    (lambda: model.symmetric_levels(2.5, 0.2, 0.5), "states"),
    (lambda: model.large_and_small(1, 2, 0.2, 0.5), "states"),
    (lambda: model.large_and_small(5, 0.5, 0.2, 0.5), "income_gap"),
])
def test_bad_inputs_are_refused_naming_the_parameter(call, name: str) -> None:
    with pytest.raises(ParameterError, match=name):
        call()


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match=r"private_share.*4 % is 0.04"):
        model.nash([1, 1], 25, DEFAULTS.beta)

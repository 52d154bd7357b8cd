"""The stock-flow model against hand calculations, its closed form and Little's law."""

from __future__ import annotations

import math

import numpy as np
import pytest

from migbook.errors import ParameterError
from migbook.models import stock_flow as sf


def test_first_year_by_hand() -> None:
    # F1 = 1000 + 100 - (0.04 + 0.03 + 0.01) * 1000 = 1020; N1 = 200 + 0.03 * 1000 - 0.05 * 200 = 220
    run = sf.simulate(100, 0.04, 0.03, 0.01, foreign0=1000, naturalised0=200, years=1)
    assert run["foreign_citizens"].tolist() == pytest.approx([1000, 1020])
    assert run["naturalised"].tolist() == pytest.approx([200, 220])
    assert run["foreign_born"].tolist() == pytest.approx([1200, 1240])
    assert run["year"].tolist() == [2020, 2021]


def test_matches_closed_form() -> None:
    # With constant rates the gap to equilibrium shrinks geometrically: F_t = F* + (F0 - F*) (1 - e - n - d)^t
    i, e, n, d, f0, n0 = 150, 0.02, 0.06, 0.02, 400, 50
    run = sf.simulate(i, e, n, d, foreign0=f0, naturalised0=n0, years=40)
    t = np.arange(41)
    f_star, b_star = i / (e + n + d), i / (e + d)
    assert run["foreign_citizens"].to_numpy() == pytest.approx(f_star + (f0 - f_star) * (1 - e - n - d) ** t)
    assert run["foreign_born"].to_numpy() == pytest.approx(b_star + (f0 + n0 - b_star) * (1 - e - d) ** t)


def test_long_run_equals_equilibrium() -> None:
    run = sf.simulate(100, 0.04, 0.03, 0.01, years=500)
    eq = sf.equilibrium(100, 0.04, 0.03, 0.01)
    assert eq == pytest.approx({"foreign_citizens": 1250, "foreign_born": 2000, "naturalised": 750})
    assert run.iloc[-1][["foreign_citizens", "foreign_born", "naturalised"]].to_dict() == pytest.approx(eq)


def test_littles_law_stock_is_inflow_times_mean_stay() -> None:
    # Little (1961): in a steady state the stock equals the inflow times the mean time each person stays.
    # Follow one cohort of 1 (no inflow): the person-years it lives abroad are its mean stay.
    cohort = sf.simulate(0, 0.04, 0.03, 0.01, foreign0=1, naturalised0=0, years=500)
    mean_stay_foreign_born = cohort["foreign_born"].sum()
    mean_stay_as_foreign_citizen = cohort["foreign_citizens"].sum()
    eq = sf.equilibrium(100, 0.04, 0.03, 0.01)
    assert eq["foreign_born"] == pytest.approx(100 * mean_stay_foreign_born, rel=1e-9)
    assert eq["foreign_citizens"] == pytest.approx(100 * mean_stay_as_foreign_citizen, rel=1e-9)


def test_half_life_closes_half_the_gap() -> None:
    h = sf.half_life(0.04, 0.03, 0.01)
    assert h["foreign_citizens"] == pytest.approx(math.log(2) / -math.log(0.92))
    assert h["foreign_citizens"] == pytest.approx(8.31, abs=0.01)
    assert 0.92 ** h["foreign_citizens"] == pytest.approx(0.5)
    assert sf.half_life(0, 0, 0)["foreign_born"] == math.inf


def test_naturalisation_moves_people_between_counts_only() -> None:
    low = sf.simulate(100, 0.04, 0.0, 0.01, years=60)
    high = sf.simulate(100, 0.04, 0.08, 0.01, years=60)
    assert high["foreign_born"].to_numpy() == pytest.approx(low["foreign_born"].to_numpy())
    assert (high["foreign_citizens"] < low["foreign_citizens"])[1:].all()


def test_vectorised_runs_match_one_at_a_time() -> None:
    inflow = np.array([0, 50, 200])
    e = np.array([0.0, 0.02, 0.08])
    f, m = sf.project(inflow, e, 0.03, 0.01, years=30)
    assert f.shape == m.shape == (3, 31)
    for k in range(3):
        one = sf.simulate(float(inflow[k]), float(e[k]), 0.03, 0.01, years=30)
        assert f[k] == pytest.approx(one["foreign_citizens"].to_numpy())
        assert m[k] == pytest.approx(one["naturalised"].to_numpy())


def test_no_inflow_no_one_leaving_keeps_stock() -> None:
    run = sf.simulate(0, 0, 0, 0, years=10)
    assert run["foreign_citizens"].nunique() == 1
    assert sf.equilibrium(0, 0, 0, 0)["foreign_born"] == 0
    assert sf.equilibrium(10, 0, 0, 0)["foreign_born"] == math.inf


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"inflow": -1}, "inflow"),
        ({"emigration": 4}, "emigration"),
        ({"naturalisation": -0.1}, "naturalisation"),
        ({"death": float("nan")}, "death"),
        ({"emigration": 0.5, "naturalisation": 0.4, "death": 0.2}, "emigration + naturalisation + death"),
        ({"years": 0}, "years"),
        ({"years": 2.5}, "years"),
        ({"foreign0": -5}, "foreign0"),
        ({"inflow": "many"}, "inflow"),
        ({"inflow": [1, 2]}, "inflow"),
    ],
)
def test_bad_input_names_the_parameter(kwargs: dict, named: str) -> None:
    with pytest.raises(ParameterError, match=named.replace("+", r"\+")):
        sf.simulate(**kwargs)


def test_percentage_slip_gets_a_hint() -> None:
    with pytest.raises(ParameterError, match=r"4 % is 0\.04"):
        sf.simulate(emigration=4)


def test_mismatched_arrays_are_rejected() -> None:
    with pytest.raises(ParameterError, match="same length"):
        sf.project([1, 2, 3], [0.1, 0.2], 0.01, 0.01)

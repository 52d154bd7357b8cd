"""Every threshold of every model, at the boundary and one step either side, with the tie rule its docstring names.

Boundaries use numbers that are exact in binary (halves, quarters, powers of two), so a tie is a tie and
a change of ``>`` to ``>=`` (or the reverse) fails a test named after the rule.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from migbook.errors import ParameterError
from migbook.models import _checks, _networks, convergence, diffusion, mobility_regime, stock_flow, win_sets
from migbook.models import reciprocity as coop
from migbook.models._checks import positive, unit_interval

# --- the explorers' starting values: a changed default is a changed book ----------------------------


def test_defaults_are_the_documented_starting_points() -> None:
    assert stock_flow.Defaults(inflow=100.0, emigration=0.04, naturalisation=0.03, death=0.01,
                                                      foreign0=1000.0, naturalised0=200.0, years=50,
                                                      start_year=2020) == stock_flow.DEFAULTS
    assert (stock_flow.DEFAULTS.inflow, stock_flow.DEFAULTS.emigration, stock_flow.DEFAULTS.naturalisation,
            stock_flow.DEFAULTS.death, stock_flow.DEFAULTS.foreign0, stock_flow.DEFAULTS.naturalised0,
            stock_flow.DEFAULTS.years, stock_flow.DEFAULTS.start_year) == (100, 0.04, 0.03, 0.01, 1000, 200, 50, 2020)
    assert (convergence.DEFAULTS.stubbornness, convergence.DEFAULTS.rounds) == (0.5, 30)
    assert diffusion.DEFAULTS.threshold == 0.15
    d = mobility_regime.DEFAULTS
    assert (d.gain, d.need, d.cost, d.linkage, d.n_sending, d.n_receiving) == (1.0, 0.25, 1.0, 0.0, 6, 4)
    assert win_sets.DEFAULTS.width == 20
    assert (coop.DEFAULTS.T, coop.DEFAULTS.R, coop.DEFAULTS.P, coop.DEFAULTS.S) == (5, 3, 1, 0)
    assert coop.DEFAULTS is coop.AXELROD


def test_stock_flow_functions_start_from_the_defaults() -> None:
    run = stock_flow.simulate()
    assert len(run) == 51 and run["year"].iloc[0] == 2020 and run["year"].iloc[-1] == 2070
    assert run["foreign_citizens"].iloc[0] == 1000 and run["naturalised"].iloc[0] == 200
    assert run["foreign_citizens"].iloc[1] == pytest.approx(1000 + 100 - 0.08 * 1000)
    assert run["naturalised"].iloc[1] == pytest.approx(200 + 0.03 * 1000 - 0.05 * 200)
    f, m = stock_flow.project(100, 0.04, 0.03, 0.01)
    assert f.shape == (1, 51) and f[0, 0] == 1000 and m[0, 0] == 200
    assert f[0].tolist() == run["foreign_citizens"].tolist()
    assert list(run.columns) == ["year", *stock_flow.SERIES]


# --- stock and flow -------------------------------------------------------------------------------------


def test_rates_may_sum_to_exactly_one() -> None:
    """Rule: emigration + naturalisation + death must not exceed 1 (a sum of exactly 1 is allowed)."""
    f, m = stock_flow.project(10, 0.5, 0.25, 0.25, foreign0=8, naturalised0=4, years=1)
    assert f[0].tolist() == [8, 10] and m[0].tolist() == [4, 4 + 2 - 3]
    assert stock_flow.equilibrium(10, 0.5, 0.25, 0.25)["foreign_citizens"] == 10
    assert stock_flow.half_life(0.5, 0.25, 0.25)["foreign_citizens"] == 0.0
    with pytest.raises(ParameterError, match=r"emigration \+ naturalisation \+ death must not exceed 1 per year"):
        stock_flow.project(10, 0.5, 0.25, 0.2500001)


def test_each_rate_is_a_share_from_zero_to_one_inclusive() -> None:
    """Rule: a rate is a share in [0, 1]; above 1 the message hints at a percentage slip."""
    assert stock_flow.project(0, 1, 0, 0, years=1)[0][0].tolist() == [1000, 0]
    assert stock_flow.project(0, 0, 0, 0, years=1)[0][0].tolist() == [1000, 1000]
    with pytest.raises(ParameterError, match=r"emigration must be between 0 and 1 per year \(a share: 4 % is 0\.04\)"):
        stock_flow.project(0, 1.0001, 0, 0)
    with pytest.raises(ParameterError, match=r"death must be between 0 and 1 per year, got -0\.0001$"):
        stock_flow.project(0, 0, 0, -0.0001)


def test_stocks_and_inflow_may_be_zero_not_negative() -> None:
    """Rule: stocks and flows are zero or more."""
    f, m = stock_flow.project(0, 0.1, 0.1, 0.1, foreign0=0, naturalised0=0, years=3)
    assert f.sum() == 0 and m.sum() == 0
    for name in ("inflow", "foreign0", "naturalised0"):
        kwargs = {"inflow": 1, "foreign0": 1, "naturalised0": 1, name: -1e-9}
        inflow = kwargs.pop("inflow")
        with pytest.raises(ParameterError, match=f"{name} must be zero or more"):
            stock_flow.project(inflow, 0.1, 0.1, 0.1, **kwargs)


def test_years_from_one_to_five_hundred() -> None:
    """Rule: a projection runs 1 to 500 years, a whole number."""
    assert stock_flow.project(1, 0.1, 0.1, 0.1, years=1)[0].shape == (1, 2)
    assert stock_flow.project(1, 0.1, 0.1, 0.1, years=500)[0].shape == (1, 501)
    for bad in (0, 501, True, 2.0):
        with pytest.raises(ParameterError, match="years must be"):
            stock_flow.project(1, 0.1, 0.1, 0.1, years=bad)


def test_start_year_bounds() -> None:
    assert stock_flow.simulate(years=1, start_year=-10_000)["year"].tolist() == [-10_000, -9_999]
    assert stock_flow.simulate(years=1, start_year=10_000)["year"].tolist() == [10_000, 10_001]
    with pytest.raises(ParameterError, match="start_year must be between -10000 and 10000, got 10001"):
        stock_flow.simulate(years=1, start_year=10_001)


def test_simulate_takes_single_numbers_only() -> None:
    for name in ("inflow", "emigration", "naturalisation", "death", "foreign0", "naturalised0"):
        with pytest.raises(ParameterError, match=f"{name} must be a single number here; use project"):
            stock_flow.simulate(**{name: [0.01, 0.02]})


def test_equilibrium_and_half_life_edge_cases() -> None:
    """Rule: no outflow gives an infinite stock when people arrive, none when nobody does; a rate of 1 halves at
    once."""
    assert stock_flow.equilibrium(0, 0, 0, 0) == {"foreign_citizens": 0, "foreign_born": 0, "naturalised": 0}
    eq = stock_flow.equilibrium(5, 0, 0.5, 0)
    assert eq["foreign_citizens"] == 10 and eq["foreign_born"] == math.inf
    assert stock_flow.equilibrium(8, 0.25, 0.25, 0.5) == {"foreign_citizens": 8, "foreign_born": 32 / 3,
                                                          "naturalised": 32 / 3 - 8}
    h = stock_flow.half_life(0, 0.5, 0)
    assert h["foreign_citizens"] == pytest.approx(1.0) and h["foreign_born"] == math.inf
    assert stock_flow.half_life(0.75, 0, 0.25) == {"foreign_citizens": 0.0, "foreign_born": 0.0}
    assert stock_flow.half_life(0.25, 0, 0.5)["foreign_born"] == pytest.approx(0.5)
    with pytest.raises(ParameterError, match="inflow must be zero or more"):
        stock_flow.equilibrium(-1, 0.1, 0.1, 0.1)


# --- reciprocity ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [dict(T=3, R=3, P=1, S=0), dict(T=5, R=1, P=1, S=0), dict(T=5, R=3, P=0, S=0),
                                    dict(T=4, R=3, P=1, S=2), dict(T=5, R=3, P=2, S=1)])
def test_a_prisoners_dilemma_needs_strict_inequalities(values: dict) -> None:
    """Rules: T > R > P > S and 2R > T + S, both strict (T=5, R=3, P=2, S=1: 2R = 6 = T + S is refused)."""
    with pytest.raises(ParameterError, match="a prisoner's dilemma needs"):
        coop.Payoffs(**values)


def test_just_a_prisoners_dilemma() -> None:
    p = coop.Payoffs(T=4, R=3, P=1, S=0.5)  # 2R = 6 > T + S = 4.5
    assert (p.T, p.R, p.P, p.S) == (4, 3, 1, 0.5)
    assert coop.tit_for_tat_threshold(p) == pytest.approx(max(1 / 3, 1 / 2.5))
    assert coop.grim_trigger_threshold(p) == pytest.approx(1 / 3)
    with pytest.raises(ParameterError, match="2R > T \\+ S"):
        coop.Payoffs(T=6, R=3, P=1, S=0)  # 2R = 6 = T + S
    with pytest.raises(ParameterError, match="payoff T must be a finite number, got None"):
        coop.Payoffs(T=None, R=3, P=1, S=0)


def test_tit_for_tat_threshold_takes_the_larger_condition() -> None:
    # (T - R)/(T - P) = 2/5 and (T - R)/(R - S) = 2/3: the larger binds
    assert coop.tit_for_tat_threshold(coop.Payoffs(T=5, R=3, P=0.5, S=0)) == pytest.approx(2 / 3)
    # (T - R)/(T - P) = 1/3 and (T - R)/(R - S) = 1/4: now the first binds
    assert coop.tit_for_tat_threshold(coop.Payoffs(T=5, R=4, P=2, S=0)) == pytest.approx(1 / 3)
    assert coop.tit_for_tat_threshold() == pytest.approx(2 / 3)


def test_delta_from_zero_to_below_one() -> None:
    """Rule: a discount factor lies in [0, 1)."""
    assert coop.per_round_payoff("always_defect", 0.0).tolist() == 5.0
    assert float(coop.per_round_payoff("always_defect", 1 - 2**-20)) == pytest.approx(1, abs=1e-5)
    for bad in (1.0, -0.1, 1.5):
        with pytest.raises(ParameterError, match="delta"):
            coop.per_round_payoff("alternate", bad)
    with pytest.raises(ParameterError, match=r"delta must be below 1 \(a discount factor\), got 1\.0"):
        coop.play_against_tit_for_tat("C", 1.0)


def test_closed_forms_at_a_half() -> None:
    assert coop.per_round_payoff("tit_for_tat", [0.0, 0.5]).tolist() == [3, 3]
    assert coop.per_round_payoff("alternate", [0.0, 0.5]).tolist() == [5, 5 / 1.5]
    assert coop.per_round_payoff("always_defect", 0.5, coop.Payoffs(T=6, R=4, P=2, S=0)).tolist() == 4
    assert coop.play_against_tit_for_tat("CD", 0.5) == 3 + 0.5 * 5
    assert coop.play_against_tit_for_tat("DD", 0.5) == 5 + 0.5 * 1
    assert coop.play_against_tit_for_tat("CCD", 0.5, coop.Payoffs(T=6, R=4, P=2, S=0)) == 4 + 2 + 0.25 * 6
    for bad in ("", "CX", "cd"):
        with pytest.raises(ParameterError, match="moves must be a non-empty string of C and D"):
            coop.play_against_tit_for_tat(bad, 0.5)


def test_reciprocity_table_layout() -> None:
    table = coop.reciprocity_table([0.0, 0.5])
    assert table["strategy"].tolist() == ["tit_for_tat"] * 2 + ["always_defect"] * 2 + ["alternate"] * 2
    assert table["delta"].tolist() == [0, 0.5] * 3
    assert table["payoff"].tolist() == pytest.approx([3, 3, 5, 3, 5, 5 / 1.5])
    assert list(table.index) == list(range(6))


# --- win-sets -------------------------------------------------------------------------------------------


def test_touching_win_sets_agree_on_one_point() -> None:
    """Tie rule: win-sets that only touch (max low == min high) share exactly that agreement."""
    assert win_sets.agreement_zone([20, 50], [50, 90]) == (50.0, 50.0)
    assert win_sets.agreement_zone([20, 50.5], [50, 90]) is None
    assert win_sets.ratifies([50], [20, 50], [50, 90]).tolist() == [[True, True]]
    assert win_sets.ratifies([49.5, 50.5], [20, 50], [50, 90]).tolist() == [[True, False], [False, True]]


def test_a_win_set_may_be_a_single_point() -> None:
    """Rule: every win-set needs low <= high; a point is allowed."""
    assert win_sets.agreement_zone([40], [40]) == (40.0, 40.0)
    with pytest.raises(ParameterError, match="every win-set needs low <= high"):
        win_sets.agreement_zone([40.5], [40])
    with pytest.raises(ParameterError, match="lows and highs must be non-empty and the same length, got 2 and 1"):
        win_sets.agreement_zone([1, 2], [3])
    with pytest.raises(ParameterError, match="lows and highs must be non-empty"):
        win_sets.agreement_zone([], [])


def test_ideal_points_lie_on_the_scale_inclusive() -> None:
    """Rule: ideal points in [0, 100]; win-sets are cut to the scale; width zero or more."""
    lows, highs = win_sets.win_sets([0, 100, 50], 10)
    assert lows.tolist() == [0, 90, 40] and highs.tolist() == [10, 100, 60]
    lows, highs = win_sets.win_sets([30], 0)
    assert lows.tolist() == highs.tolist() == [30]
    for bad in ([-0.5], [100.5]):
        with pytest.raises(ParameterError, match="ideal points must lie on the 0 to 100 scale"):
            win_sets.win_sets(bad, 10)
    with pytest.raises(ParameterError, match="width must be zero or more"):
        win_sets.win_sets([30], -0.5)


def test_ideal_points_by_rank() -> None:
    assert win_sets.ideal_points([7]).tolist() == [50]
    assert win_sets.ideal_points([-1, 1]).tolist() == [100, 0]
    assert win_sets.ideal_points([2, 2, -1]).tolist() == [25, 25, 100]  # a tie shares its average rank
    assert win_sets.ideal_points([3, 1, 2, 0, 4]).tolist() == [25, 75, 50, 100, 0]


def test_support_counts_by_group() -> None:
    table = win_sets.support_by_design([10, 20, 90], [False, True, True], 10, [0, 10, 20, 30, 100])
    assert table["design"].tolist() == [0, 0, 10, 10, 20, 20, 30, 30, 100, 100]
    assert table["group"].tolist() == ["sending", "receiving"] * 5
    assert table["states"].tolist() == [1, 0, 1, 1, 1, 1, 0, 1, 0, 1]
    with pytest.raises(ParameterError, match="receiving must have one entry per state"):
        win_sets.support_by_design([10, 20], [True], 10, [0])


# --- diffusion ------------------------------------------------------------------------------------------


def test_a_threshold_exactly_met_adopts() -> None:
    """Tie rule: an actor adopts once adopters among its contacts reach (>=) its threshold."""
    assert diffusion.cascade([0, 1, 2]).tolist() == [1, 2, 3]
    assert diffusion.cascade([0, 1.5, 2]).tolist() == [1]
    line = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    seeds = np.array([True, False, False])
    assert diffusion.cascade([0.5, 0.5, 1.0], line, seeds=seeds, fractional=True).tolist() == [1, 2, 3]
    assert diffusion.cascade([0.5, 0.5 + 2**-10, 1.0], line, seeds=seeds, fractional=True).tolist() == [1]


def test_seeds_adopt_whatever_their_thresholds() -> None:
    seeds = np.array([False, True, False])
    assert diffusion.cascade([5, 5, 1], seeds=seeds).tolist() == [1, 2]
    # with seeds given, step 0 is the seeds alone; zero thresholds adopt at step 1
    assert diffusion.cascade([0, 0, 0], seeds=np.zeros(3, dtype=bool)).tolist() == [0, 3]
    assert diffusion.cascade([0, 0, 0]).tolist() == [3]
    with pytest.raises(ParameterError, match=r"seeds must have one entry per actor \(3\)"):
        diffusion.cascade([1, 1, 1], seeds=[True, False])


def test_threshold_bounds() -> None:
    """Rules: thresholds zero or more; fractional thresholds at most 1 (1 itself allowed)."""
    assert diffusion.final_adopters([0, 1.0], [[0, 1], [1, 0]], fractional=True) == 2
    with pytest.raises(ParameterError, match="thresholds must be zero or more"):
        diffusion.cascade([-0.001, 1])
    with pytest.raises(ParameterError, match="fractional thresholds are shares between 0 and 1"):
        diffusion.cascade([0, 1.001], [[0, 1], [1, 0]], fractional=True)
    assert diffusion.final_adopters([0, 2], [[0, 1], [1, 0]]) == 1


def test_isolated_actors_feel_no_pressure_in_share_terms() -> None:
    alone = np.zeros((2, 2))
    assert diffusion.final_adopters([0.0, 0.5], alone, fractional=True) == 1
    assert diffusion.final_adopters([0.0, 0.0], alone, fractional=True) == 2


def test_weighted_pressure() -> None:
    star = np.array([[0, 3, 1], [3, 0, 0], [1, 0, 0]])  # actor 0 ties 3 to actor 1 and 1 to actor 2
    seeds = np.array([False, True, False])
    assert diffusion.cascade([0.75, 1, 1], star, seeds=seeds, fractional=True).tolist() == [1, 2, 3]
    assert diffusion.cascade([0.76, 1, 1], star, seeds=seeds, fractional=True).tolist() == [1]
    assert diffusion.cascade([3, 5, 1], star, seeds=seeds).tolist() == [1, 2, 3]


# --- convergence ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("stubbornness", [0.0, 0.5, 1.0])
def test_isolated_actors_keep_their_view(stubbornness: float) -> None:
    """Rule (module docstring): actors with no ties keep their view, whatever the stubbornness."""
    ties = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]])
    views = convergence.averaging([0, 100, 40], ties, stubbornness, 5)
    assert views[:, 2].tolist() == [40] * 6
    assert views[1, :2].tolist() == [100 * (1 - stubbornness), 100 * stubbornness]


def test_averaging_weights_contacts_by_tie_weight() -> None:
    ties = np.array([[0, 3, 1], [1, 0, 0], [1, 0, 0]])
    views = convergence.averaging([0, 80, 40], ties, 0.5, 1)
    assert views[1].tolist() == [0.5 * 0 + 0.5 * (0.75 * 80 + 0.25 * 40), 40, 20]
    assert convergence.averaging([1, 2], [[0, 1], [1, 0]], 0.25, 0).tolist() == [[1, 2]]
    assert convergence.averaging([0, 8], [[0, 1], [1, 0]], 0.0, 2).tolist() == [[0, 8], [8, 0], [0, 8]]


def test_consensus_rules() -> None:
    """Rules: consensus() needs symmetric ties and every actor with a contact."""
    assert convergence.consensus([0, 60], [[0, 2], [2, 0]]) == 30
    with pytest.raises(ParameterError, match="consensus\\(\\) needs symmetric ties"):
        convergence.consensus([0, 60], [[0, 2], [1, 0]])
    with pytest.raises(ParameterError, match="consensus\\(\\) needs every actor to have a contact"):
        convergence.consensus([0, 60, 5], [[0, 1, 0], [1, 0, 0], [0, 0, 0]])


def test_averaging_bounds() -> None:
    assert convergence.averaging([1], [[0]], 0.5, 10_000).shape == (10_001, 1)
    with pytest.raises(ParameterError, match="steps must be between 0 and 10000"):
        convergence.averaging([1], [[0]], 0.5, 10_001)
    with pytest.raises(ParameterError, match="adjacency has 2 rows for 3 actors"):
        convergence.averaging([1, 2, 3], [[0, 1], [1, 0]], 0.5, 1)


# --- networks and shared checks -------------------------------------------------------------------------


def test_adjacency_rules() -> None:
    assert _networks.adjacency([[0, 0.5], [0, 0]]).tolist() == [[0, 0.5], [0, 0]]
    with pytest.raises(ParameterError, match="adjacency must be a square matrix, got shape \\(3,\\)"):
        _networks.adjacency([0, 1, 0])
    with pytest.raises(ParameterError, match="adjacency weights must be finite and zero or more"):
        _networks.adjacency([[0, -0.5], [1, 0]])
    with pytest.raises(ParameterError, match="adjacency weights must be finite and zero or more"):
        _networks.adjacency([[0, np.inf], [1, 0]])
    with pytest.raises(ParameterError, match="adjacency must have a zero diagonal"):
        _networks.adjacency([[0.5, 0], [0, 0]])


def test_components_follow_ties_either_way() -> None:
    one_way = [[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]]
    assert _networks.components(one_way).tolist() == [0, 0, 1, 1]
    chain = [[0, 0, 0], [1, 0, 0], [0, 1, 0]]
    assert _networks.components(chain).tolist() == [0, 0, 0]
    assert _networks.components(np.zeros((3, 3))).tolist() == [0, 1, 2]
    assert _networks.complete_network(1).tolist() == [[0]]
    with pytest.raises(ParameterError, match="n must be between 1 and 100000"):
        _networks.complete_network(0)


def test_shared_checks_bounds() -> None:
    """Rules: shares in [0, 1], non-negative from 0, whole numbers in [low, high], finite numbers, at most 1-d."""
    assert _checks.share("s", [0, 1]).tolist() == [0, 1]
    assert _checks.non_negative("x", 0, "u").tolist() == 0
    assert _checks.whole_number("k", np.int64(3), 3, 3) == 3
    assert isinstance(_checks.whole_number("k", np.int64(3), 3, 3), int)
    for bad, says in ((2, "between 3 and 4, got 2"), (5, "between 3 and 4, got 5"), (True, "a whole number"),
                      (3.0, "a whole number")):
        with pytest.raises(ParameterError, match=f"k must be {says}"):
            _checks.whole_number("k", bad, 3, 4)
    with pytest.raises(ParameterError, match=r"s must be between 0 and 1 per year, got -0\.5$"):
        _checks.share("s", -0.5)
    with pytest.raises(ParameterError, match="x must be zero or more \\(u\\), got -1"):
        _checks.non_negative("x", -1, "u")
    with pytest.raises(ParameterError, match="x must be finite"):
        _checks.as_array("x", [1, np.nan])
    with pytest.raises(ParameterError, match="x must be a number or a 1-d array, got an array of shape \\(1, 1\\)"):
        _checks.as_array("x", [[1]])
    with pytest.raises(ParameterError, match="x must be a number or a 1-d array of numbers, got 'a'"):
        _checks.as_array("x", "a")


# --- every refusal names the parameter it refuses ---------------------------------------------------------

LINE = [[0, 1], [1, 0]]


@pytest.mark.parametrize(("call", "named"), [
    (lambda: stock_flow.project("x", 0.1, 0.1, 0.1), "inflow"),
    (lambda: stock_flow.project(1, "x", 0.1, 0.1), "emigration"),
    (lambda: stock_flow.project(1, 0.1, "x", 0.1), "naturalisation"),
    (lambda: stock_flow.project(1, 0.1, 0.1, "x"), "death"),
    (lambda: stock_flow.project(1, 0.1, 0.1, 0.1, foreign0="x"), "foreign0"),
    (lambda: stock_flow.project(1, 0.1, 0.1, 0.1, naturalised0="x"), "naturalised0"),
    (lambda: stock_flow.project(1, 0.1, 0.1, 0.1, years="x"), "years"),
    (lambda: stock_flow.simulate(start_year="x"), "start_year"),
    (lambda: stock_flow.equilibrium("x", 0.1, 0.1, 0.1), "inflow"),
    (lambda: stock_flow.equilibrium(1, "x", 0.1, 0.1), "emigration"),
    (lambda: stock_flow.half_life(0.1, "x", 0.1), "naturalisation"),
    (lambda: coop.per_round_payoff("tit_for_tat", "x"), "delta"),
    (lambda: coop.reciprocity_table("x"), "delta"),
    (lambda: coop.Payoffs(T="5"), "payoff T"),
    (lambda: coop.Payoffs(S=float("nan")), "payoff S"),
    (lambda: coop.Payoffs(R=True), "payoff R"),
    (lambda: win_sets.agreement_zone("x", [1]), "lows"),
    (lambda: win_sets.agreement_zone([1], "x"), "highs"),
    (lambda: win_sets.ratifies("x", [1], [2]), "design"),
    (lambda: win_sets.ideal_points("x"), "net_migration_rate"),
    (lambda: win_sets.win_sets("x", 1), "ideal"),
    (lambda: win_sets.win_sets([1], "x"), "width"),
    (lambda: win_sets.support_by_design([1], [True], 1, "x"), "design"),
    (lambda: diffusion.cascade("x"), "thresholds"),
    (lambda: convergence.averaging("x", LINE, 0.5, 1), "initial"),
    (lambda: convergence.averaging([1, 2], LINE, "x", 1), "stubbornness"),
    (lambda: convergence.averaging([1, 2], LINE, 0.5, "x"), "steps"),
    (lambda: convergence.consensus("x", LINE), "initial"),
    (lambda: _networks.complete_network("x"), "n"),
    (lambda: mobility_regime.opens("x", 1), "need"),
    (lambda: mobility_regime.opens(0.5, "x"), "cost"),
    (lambda: mobility_regime.opens(0.5, 1, "x"), "linkage"),
    (lambda: mobility_regime.state_payoffs("x", 0.5, 1), "openings"),
    (lambda: mobility_regime.state_payoffs([1], 0.5, 1, gain="x"), "gain"),
    (lambda: mobility_regime.equilibrium_payoffs(0.5, 1, n_receiving="x"), "n_receiving"),
    (lambda: mobility_regime.joint_gain(0.5, 1, n_sending="x"), "n_sending"),
])
def test_a_refusal_names_the_parameter(call: object, named: str) -> None:
    with pytest.raises(ParameterError) as err:
        call()
    assert str(err.value).startswith(f"{named} must"), str(err.value)


def test_network_size_must_match_the_actors() -> None:
    with pytest.raises(ParameterError, match="adjacency has 2 rows for 3 actors"):
        convergence.consensus([1, 2, 3], LINE)
    with pytest.raises(ParameterError, match="adjacency has 2 rows for 3 actors"):
        diffusion.cascade([1, 2, 3], LINE)
    assert diffusion.final_adopters([0, 1, 5], [[0, 1, 0], [1, 0, 0], [0, 0, 0]]) == 2  # not the complete network


# --- the exact words of each refusal (a message is part of the interface) -------------------------------

@pytest.mark.parametrize(("call", "message"), [
    (lambda: _networks.adjacency([[0, -1], [1, 0]]), "adjacency weights must be finite and zero or more"),
    (lambda: _networks.adjacency([[1, 0], [0, 0]]),
     "adjacency must have a zero diagonal (no actor is its own contact)"),
    (lambda: convergence.consensus([0, 1], [[0, 1], [0, 0]]), "consensus() needs symmetric ties"),
    (lambda: convergence.consensus([0, 1, 2], [[0, 1, 0], [1, 0, 0], [0, 0, 0]]),
     "consensus() needs every actor to have a contact"),
    (lambda: diffusion.cascade([-1, 1]), "thresholds must be zero or more"),
    (lambda: diffusion.cascade([2, 1], fractional=True), "fractional thresholds are shares between 0 and 1"),
    (lambda: mobility_regime.opens(-1, 1), "need must be zero or more (a receiving state's own gain from opening), "
                                          "got -1"),
    (lambda: mobility_regime.state_payoffs([2, 0], 0.25, 1), "openings must be 0 (closed) or 1 (open) for each "
                                                            "receiving state"),
    (lambda: mobility_regime.linkage_window(0.25, 1, n_sending=0), "n_sending must be between 1 and 1000, got 0"),
    (lambda: stock_flow.project(1, 0.5, 0.5, 0.5),
     "emigration + naturalisation + death must not exceed 1 per year (got 0.5 + 0.5 + 0.5)"),
    (lambda: stock_flow.project(-1, 0, 0, 0), "inflow must be zero or more (thousand people a year), got -1"),
    (lambda: stock_flow.project(1, 0, 0, 0, foreign0=-1), "foreign0 must be zero or more (thousand people), got -1"),
    (lambda: stock_flow.project(1, 0, 0, 0, naturalised0=-1),
     "naturalised0 must be zero or more (thousand people), got -1"),
    (lambda: stock_flow.equilibrium(-1, 0, 0, 0), "inflow must be zero or more (thousand people a year), got -1"),
    (lambda: stock_flow.project([1, 2], [0.1, 0.2, 0.3], 0, 0), "array parameters must have the same length"),
    (lambda: win_sets.agreement_zone([2], [1]), "every win-set needs low <= high"),
    (lambda: win_sets.support_by_design([10], [True, False], 5, [0]), "receiving must have one entry per state"),
    (lambda: win_sets.win_sets([101], 5), "ideal points must lie on the 0 to 100 scale"),
    (lambda: win_sets.win_sets([50], -1), "width must be zero or more (points on the 0-100 scale), got -1"),
    (lambda: coop.per_round_payoff("nice", 0.5),
     "strategy must be one of tit_for_tat, always_defect, alternate, got 'nice'"),
    (lambda: coop.Payoffs(T=5, R=3, P=3, S=0), "a prisoner's dilemma needs T > R > P > S, got T=5, R=3, P=3, S=0"),
    (lambda: coop.Payoffs(T=7, R=3, P=1, S=0.5),
     "a prisoner's dilemma needs 2R > T + S (mutual cooperation beats taking turns), got 2R=6, T+S=7.5"),
    (lambda: _checks.share("s", [1, -0.5]), "s must be between 0 and 1 per year, got [1, -0.5]"),
])
def test_refusal_message(call: object, message: str) -> None:
    with pytest.raises(ParameterError) as err:
        call()
    assert str(err.value) == message


def test_edge_cases_raise_no_numpy_warnings() -> None:
    """Isolated actors and tiny rates are handled, not warned about (0/0 and overflow are expected there)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert convergence.averaging([1, 2], np.zeros((2, 2)), 0.5, 2)[-1].tolist() == [1, 2]
        assert diffusion.final_adopters([0, 0.5], np.zeros((2, 2)), fractional=True) == 1
        assert stock_flow.half_life(1e-320, 0, 0)["foreign_citizens"] == math.inf
        assert stock_flow.half_life(0.5, 0.25, 0.25)["foreign_citizens"] == 0.0


def test_alternating_with_a_positive_sucker_payoff() -> None:
    game = coop.Payoffs(T=6, R=4, P=2, S=1)
    assert float(coop.per_round_payoff("alternate", 0.5, game)) == pytest.approx((6 + 0.5) / 1.5)
    assert coop.reciprocity_table([0.5], game)["payoff"].tolist() == pytest.approx([4, 4, 6.5 / 1.5])


def test_seeds_and_groups_are_read_as_booleans() -> None:
    assert diffusion.cascade([9, 9, 9], seeds=np.array([3, 0, 0])).tolist() == [1]
    table = win_sets.support_by_design([10, 90], [1, 0], 20, [10, 90])
    assert table["states"].tolist() == [0, 1, 1, 0]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: unit_interval("p", 1.0, open_interval=True), r"^p must be strictly between 0 and 1, got 1\.0$"),
    (lambda: unit_interval("p", 0.0, open_interval=True), r"^p must be strictly between 0 and 1, got 0\.0$"),
    (lambda: unit_interval("p", [0.2, 40], noun="a probability", example="a share: 1 % is 0.01"),
     r"^p must be a probability between 0 and 1 \(a share: 1 % is 0\.01\), got \[0\.2, 40\]$"),
    (lambda: unit_interval("cap", -0.1, unit="of region 2's workers", example="10 % is 0.1"),
     r"^cap must be between 0 and 1 of region 2's workers, got -0\.1$"),  # no percentage hint below zero
    (lambda: positive("cost", [1, 0], "dollars"), r"^cost must be above zero \(dollars\), got \[1, 0\]$"),
])
def test_shared_range_checks_name_the_input_and_the_slip(call: object, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        call()


def test_shared_range_checks_accept_the_ends_they_allow() -> None:
    assert unit_interval("p", [0.0, 1.0]).tolist() == [0.0, 1.0]
    assert unit_interval("p", 0.5, open_interval=True) == 0.5
    assert positive("cost", 1e-9, "dollars") == 1e-9

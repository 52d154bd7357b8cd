"""Chapter 2-4 models against published results: Axelrod, Putnam, Granovetter, DeGroot."""

from __future__ import annotations

import numpy as np
import pytest

from migbook.errors import ParameterError
from migbook.models import convergence, diffusion, win_sets
from migbook.models import reciprocity as coop

# --- repeated prisoner's dilemma (Axelrod 1984) -------------------------------------------------


def test_axelrod_threshold_is_two_thirds() -> None:
    assert coop.tit_for_tat_threshold(coop.AXELROD) == pytest.approx(2 / 3)
    assert coop.grim_trigger_threshold(coop.AXELROD) == pytest.approx(1 / 2)


def test_closed_forms_match_play_round_by_round() -> None:
    delta, rounds = 0.8, 600  # 0.8 ** 600 is negligible
    for strategy, moves in {"tit_for_tat": "C" * rounds, "always_defect": "D" * rounds,
                            "alternate": "DC" * (rounds // 2)}.items():
        total = coop.play_against_tit_for_tat(moves, delta)
        assert (1 - delta) * total == pytest.approx(float(coop.per_round_payoff(strategy, delta)), rel=1e-9)


def test_deviations_pay_exactly_below_the_threshold() -> None:
    below, above = 2 / 3 - 0.01, 2 / 3 + 0.01
    for delta, deviation_pays in ((below, True), (above, False)):
        best_deviation = max(coop.per_round_payoff(s, delta) for s in ("always_defect", "alternate"))
        assert bool(best_deviation > coop.AXELROD.R) is deviation_pays
    # at 1/2 < delta < 2/3 defecting for ever no longer pays, but alternating still does
    assert coop.per_round_payoff("always_defect", 0.6) < coop.AXELROD.R < coop.per_round_payoff("alternate", 0.6)


@pytest.mark.parametrize("values", [dict(T=3, R=3, P=1, S=0), dict(T=5, R=3, P=1, S=2),
                                    dict(T=7, R=3, P=1, S=0), dict(T="5", R=3, P=1, S=0)])
def test_payoffs_must_make_a_prisoners_dilemma(values: dict) -> None:
    with pytest.raises(ParameterError):
        coop.Payoffs(**values)


def test_delta_must_be_a_discount_factor() -> None:
    with pytest.raises(ParameterError, match="delta"):
        coop.per_round_payoff("tit_for_tat", 1.0)
    with pytest.raises(ParameterError, match="strategy"):
        coop.per_round_payoff("sometimes", 0.5)


# --- win-sets (Putnam 1988) ------------------------------------------------------------------------


def test_agreement_only_inside_every_win_set() -> None:
    assert win_sets.agreement_zone([20, 50], [60, 90]) == (50, 60)
    assert win_sets.agreement_zone([20, 50], [40, 90]) is None
    yes = win_sets.ratifies([45, 55, 65], [20, 50], [60, 90])
    assert yes.tolist() == [[True, False], [True, True], [False, True]]
    assert yes.all(axis=1).tolist() == [False, True, False]


def test_wider_win_sets_never_shrink_the_zone() -> None:
    ideal = np.array([10.0, 40.0, 70.0])
    previous = None
    for width in range(0, 60, 5):
        zone = win_sets.agreement_zone(*win_sets.win_sets(ideal, width))
        if previous is not None:
            assert zone is not None and zone[0] <= previous[0] and zone[1] >= previous[1]
        previous = zone if zone is not None else previous
    assert win_sets.agreement_zone(*win_sets.win_sets(ideal, 29)) is None
    assert win_sets.agreement_zone(*win_sets.win_sets(ideal, 30)) == (40, 40)


def test_ideal_points_rank_by_migration() -> None:
    assert win_sets.ideal_points([5, -3, 0, 10]).tolist() == pytest.approx([100 / 3, 100, 200 / 3, 0])
    support = win_sets.support_by_design([0, 100], [True, False], 10, [0, 50, 100])
    assert support["states"].tolist() == [0, 1, 0, 0, 1, 0]


def test_win_set_bad_input() -> None:
    with pytest.raises(ParameterError, match="low <= high"):
        win_sets.agreement_zone([60], [20])
    with pytest.raises(ParameterError, match="width"):
        win_sets.win_sets([50], -1)


# --- diffusion (Granovetter 1978; DeGroot 1974) ------------------------------------------------------


def test_granovetter_uniform_thresholds_give_a_full_cascade() -> None:
    counts = diffusion.cascade(np.arange(100))
    assert counts[-1] == 100
    assert counts.tolist() == list(range(1, 101))


def test_granovetter_one_changed_threshold_stops_the_cascade_at_one() -> None:
    thresholds = np.arange(100)
    thresholds[1] = 2
    assert diffusion.final_adopters(thresholds) == 1


def test_cascade_on_a_network_with_shares() -> None:
    line = np.array([[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 0]])
    seeds = np.array([True, False, False, False])
    assert diffusion.cascade(np.full(4, 0.5), line, seeds=seeds, fractional=True).tolist() == [1, 2, 3, 4]
    assert diffusion.final_adopters(np.full(4, 0.6), line, seeds=seeds, fractional=True) == 1


def test_degroot_converges_to_the_degree_weighted_mean() -> None:
    line = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    views = convergence.averaging([0, 50, 100], line, 0.5, 200)
    assert views[1].tolist() == [25, 50, 75]
    target = convergence.consensus([0, 30, 100], line)
    assert target == pytest.approx((1 * 0 + 2 * 30 + 1 * 100) / 4)
    assert convergence.averaging([0, 30, 100], line, 0.5, 300)[-1] == pytest.approx([target] * 3)


def test_separate_groups_converge_separately() -> None:
    two = np.zeros((4, 4))
    two[0, 1] = two[1, 0] = two[2, 3] = two[3, 2] = 1
    final = convergence.averaging([0, 10, 90, 100], two, 0.3, 200)[-1]
    assert final == pytest.approx([5, 5, 95, 95])
    assert convergence.components(two).tolist() == [0, 0, 1, 1]


def test_diffusion_bad_input() -> None:
    with pytest.raises(ParameterError, match="square"):
        diffusion.cascade([1, 2], np.ones((2, 3)))
    with pytest.raises(ParameterError, match="diagonal"):
        convergence.averaging([1, 2], np.ones((2, 2)), 0.5, 3)
    with pytest.raises(ParameterError, match="stubbornness"):
        convergence.averaging([1, 2], np.array([[0, 1], [1, 0]]), 2, 3)
    with pytest.raises(ParameterError, match="fractional"):
        diffusion.cascade([1.5, 0.2], np.array([[0, 1], [1, 0]]), fractional=True)

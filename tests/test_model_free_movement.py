"""Tests of :mod:`migbook.models.free_movement`: the closed-form equilibrium, the moving-cost threshold,
the accounting of gains, and the size of the gains against the estimates Clemens (2011) collects."""

from __future__ import annotations

import numpy as np
import pytest

from migbook.errors import ParameterError
from migbook.models import free_movement as model
from migbook.models.free_movement import DEFAULTS


@pytest.mark.parametrize(("gap", "labour_share"), [(2.0, 0.6), (3.0, 0.5), (5.0, 0.7), (1.2, 0.4)])
def test_zero_cost_equilibrium_has_the_closed_form(gap: float, labour_share: float) -> None:
    # Equal wages A1 (K/L1)^a = A2 (K/L2)^a with a = 1 - labour share and equal capital:
    # L1/L2 = (A1/A2)^(1/a), the two-region case of the Hamilton and Whalley (1984) set-up.
    out = model.settle(gap, cost=0, labour_share=labour_share)
    l1 = DEFAULTS.workers_1 + out["migrants"]
    l2 = DEFAULTS.workers_2 - out["migrants"]
    assert float(l1 / l2) == pytest.approx(gap ** (1 / (1 - labour_share)), rel=1e-9)
    assert float(out["wage_1"]) == pytest.approx(float(out["wage_2"]), rel=1e-9)


def test_with_a_cost_the_flow_stops_where_the_gap_equals_the_cost() -> None:
    out = model.settle(3, cost=0.5, labour_share=0.6)
    assert float(out["wage_1"] - out["wage_2"]) == pytest.approx(0.5, abs=1e-9)
    # Worked by hand for the chapter: 3 (100/(100+M))^0.4 - (100/(100-M))^0.4 = 0.5 at M = 79.2.
    assert float(out["migrants"]) == pytest.approx(79.24, abs=0.01)


@pytest.mark.parametrize(("gap", "cost"), [(1.5, 0.5), (1.5, 0.6), (2.0, 1.0), (1.0, 0.0), (3.0, 2.5)])
def test_nobody_moves_when_the_gap_does_not_exceed_the_cost(gap: float, cost: float) -> None:
    out = model.settle(gap, cost=cost)
    assert float(out["migrants"]) == 0.0
    assert float(out["world_output"]) == pytest.approx(0.0, abs=1e-9)
    assert float(out["wage_1"]) == gap and float(out["wage_2"]) == 1.0


def test_just_above_the_cost_a_few_move() -> None:
    assert 0 < float(model.settle(1.51, cost=0.5)["migrants"]) < 1


def test_a_cap_binds_only_when_it_is_below_the_free_flow() -> None:
    free = model.settle(3, cost=0.5, cap=1.0)
    capped = model.settle(3, cost=0.5, cap=0.25)
    assert float(capped["migrants"]) == pytest.approx(25.0)
    assert float(capped["wage_1"] - capped["wage_2"]) > 0.5  # a gap above the cost is left unexploited
    assert float(model.settle(3, cost=0.5, cap=0.9)["migrants"]) == pytest.approx(float(free["migrants"]))
    assert 0 < float(capped["world_output"]) < float(free["world_output"])


def test_gains_add_up_to_world_output_less_moving_costs() -> None:
    gaps, costs = np.meshgrid([1.2, 2, 3, 5], [0, 0.3, 1])
    out = model.settle(gaps.ravel(), costs.ravel(), 0.6, cap=[0.1, 0.5, 1.0] * 4)
    groups = out["stayers_1"] + out["migrants_gain"] + out["stayers_2"] + out["capital_1"] + out["capital_2"]
    np.testing.assert_allclose(groups, out["world_net"], atol=1e-6)
    np.testing.assert_allclose(out["world_net"], out["world_output"] - costs.ravel() * out["migrants"], atol=1e-9)


def test_who_gains_and_who_loses() -> None:
    out = model.settle(3, cost=0.5, labour_share=0.6)
    assert out["stayers_1"] < 0 and out["capital_2"] < 0  # workers already there, capital left behind
    assert out["migrants_gain"] > 0 and out["stayers_2"] > 0 and out["capital_1"] > 0
    assert out["world_output"] >= out["world_net"] > 0


def test_world_output_never_falls() -> None:
    rng = np.random.default_rng(5)
    gap, cost = rng.uniform(0.5, 8, 500), rng.uniform(0, 3, 500)
    share, cap = rng.uniform(0.2, 0.9, 500), rng.uniform(0, 1, 500)
    out = model.settle(gap, cost, share, cap)
    assert np.all(out["world_output"] >= -1e-9) and np.all(out["world_net"] >= -1e-9)


def test_unequal_labour_shares_still_equalise_wages() -> None:
    out = model.settle(3, cost=0, labour_share=0.6, labour_share_2=0.4)
    assert float(out["wage_1"]) == pytest.approx(float(out["wage_2"]), rel=1e-9)


def test_gains_are_of_the_size_the_literature_reports() -> None:
    # Clemens (2011, Table 1) collects estimates of the gain from removing all barriers to labour mobility:
    # from 67 % (Iregui 2005) to 147.3 % of world GDP (Hamilton and Whalley 1984, table 4, row 2).
    # A rich region with a fifth of the world's workers, wages eight times the poor region's (the order of
    # the rich-poor gap in those studies), labour share 0.7 and no cost gives a gain inside that range.
    out = model.settle(8, cost=0, labour_share=0.7, workers_1=20, workers_2=80)
    gain = 100 * float(out["world_output"] / out["world_before"])
    assert 67 < gain < 147.3
    # and a gap like those inside the blocs that opened their labour markets (about 1.5) gives a small one
    small = model.settle(1.5, cost=0, labour_share=0.7, workers_1=20, workers_2=80)
    assert 100 * float(small["world_output"] / small["world_before"]) < 5


def test_wage_paths_fall_in_region_1_and_rise_in_region_2() -> None:
    paths = model.wage_paths(3, 0.6, np.linspace(0, 0.9, 10))
    assert np.all(np.diff(paths["wage_1"]) < 0) and np.all(np.diff(paths["wage_2"]) > 0)
    assert paths["wage_1"][0] == pytest.approx(3) and paths["wage_2"][0] == pytest.approx(1)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"gap": 0}, "gap"), ({"gap": -2}, "gap"), ({"gap": 3, "cost": -0.1}, "cost"),
    ({"gap": 3, "labour_share": 60}, "labour_share"), ({"gap": 3, "labour_share": 1.0}, "labour_share"),
    ({"gap": 3, "labour_share": 0}, "labour_share"), ({"gap": 3, "cap": 25}, "cap"),
    ({"gap": 3, "cap": -0.1}, "cap"), ({"gap": 3, "workers_1": 0}, "workers_1"),
    ({"gap": 3, "workers_2": -5}, "workers_2"), ({"gap": float("nan")}, "gap"), ({"gap": "three"}, "gap"),
    ({"gap": 3, "labour_share_2": 1.5}, "labour_share_2"),
])
def test_bad_input_is_refused_naming_the_parameter(kwargs: dict, name: str) -> None:
    with pytest.raises(ParameterError, match=name):
        model.settle(**kwargs)


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match=r"labour_share.*60 % is 0\.6"):
        model.settle(3, labour_share=60)
    with pytest.raises(ParameterError, match="moved_share"):
        model.wage_paths(3, 0.6, [0, 1.0])


def test_defaults_are_the_documented_starting_points() -> None:
    assert (DEFAULTS.gap, DEFAULTS.cost, DEFAULTS.labour_share, DEFAULTS.cap) == (3.0, 0.5, 0.6, 1.0)
    assert (DEFAULTS.workers_1, DEFAULTS.workers_2) == (100.0, 100.0)


def test_a_gap_exactly_equal_to_the_cost_moves_nobody_and_a_zero_cap_stops_everyone() -> None:
    assert float(model.settle(1.5, cost=0.5)["migrants"]) == 0.0  # exact in binary: a tie does not move
    assert float(model.settle(1.25, cost=0.25)["migrants"]) == 0.0
    assert float(model.settle(5, cost=0, cap=0)["migrants"]) == 0.0


def test_wages_are_marginal_products_and_the_wage_bill_is_the_labour_share() -> None:
    # Cobb-Douglas: w = dY/dL, and w L = b Y.
    k, n, b, a = 100.0, np.array([50.0, 100.0, 180.0]), 0.6, 2.0
    y = model.output(a, k, n, b)
    w = model.wage(a, k, n, b)
    np.testing.assert_allclose(w * n, b * y)
    step = 1e-6
    np.testing.assert_allclose((model.output(a, k, n + step, b) - y) / step, w, rtol=1e-5)


def test_settle_broadcasts_over_settings() -> None:
    out = model.settle([1.2, 2, 3], cost=[0, 0.5, 1], labour_share=0.6)
    assert out["migrants"].shape == (3,)
    assert np.all(np.diff(out["wage_1_before"]) > 0)


def test_migrant_share_is_migrants_over_region_2_workers() -> None:
    out = model.settle(3, cost=0.5, workers_1=50, workers_2=200)
    assert float(out["migrant_share"]) == pytest.approx(float(out["migrants"]) / 200)
    assert float(out["wage_1"] - out["wage_2"]) == pytest.approx(0.5, abs=1e-9)


@pytest.mark.parametrize("name", ["productivity", "capital", "workers", "labour_share"])
def test_wage_refuses_bad_input(name: str) -> None:
    args = {"productivity": 1.0, "capital": 100.0, "workers": 100.0, "labour_share": 0.6}
    args[name] = 0.0
    with pytest.raises(ParameterError, match=name):
        model.wage(**args)

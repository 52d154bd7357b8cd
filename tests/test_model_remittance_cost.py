"""Tests of :mod:`migbook.models.remittance_cost` against the World Bank's published cost and hand-computed cuts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import remittance_cost as model
from migbook.models.remittance_cost import DEFAULTS


def test_the_2023_average_cost_of_sending_200_dollars() -> None:
    # World Bank, Remittance Prices Worldwide, issue 47 (September 2023): the global average total cost of
    # sending $200 was 6.18 % in Q3 2023, so $12.36 of $200 goes in fees and $187.64 arrives.
    assert DEFAULTS.cost_now == 0.0618
    assert float(model.delivered(200, DEFAULTS.cost_now)) == pytest.approx(187.64)
    assert float(model.cut(187.64, DEFAULTS.cost_now, DEFAULTS.cost_now)["fees"]) == pytest.approx(12.36)


def test_reaching_the_sdg_target_on_one_transfer_by_hand() -> None:
    # UN 2030 Agenda (2015), SDG target 10.c: a cost below 3 %. At 3 %, $200 costs $6 instead of $12.36:
    # the family gains 200 x (0.0618 - 0.03) = $6.36 when the migrant sends the same $200.
    assert DEFAULTS.cost_target == 0.03
    out = model.cut(187.64, 0.0618, 0.03)
    assert float(out["sent"]) == pytest.approx(200)
    assert float(out["fees_new"]) == pytest.approx(6.0)
    assert float(out["gain"]) == pytest.approx(6.36)


def test_a_proportional_response_by_hand() -> None:
    # Elasticity 1: the amount sent grows with the share that arrives, 0.97 / 0.9382 = 1.03389, so
    # $200 becomes $206.78 and the family receives 206.78 x 0.97 = $200.58, a gain of $12.94.
    out = model.cut(187.64, 0.0618, 0.03, elasticity=1)
    assert float(out["sent_new"]) == pytest.approx(200 * 0.97 / 0.9382)
    assert float(out["received_new"]) == pytest.approx(200 * 0.97 ** 2 / 0.9382)
    assert float(out["gain"]) == pytest.approx(200 * 0.97 ** 2 / 0.9382 - 187.64)
    assert round(float(out["gain"]), 2) == 12.94


def test_no_cut_changes_nothing_whatever_the_response() -> None:
    out = model.cut([1.0, 5.0], 0.05, 0.05, elasticity=2)
    assert out["gain"].tolist() == pytest.approx([0.0, 0.0])
    assert out["received_new"].tolist() == pytest.approx([1.0, 5.0])


@given(st.floats(0.001, 0.5), st.floats(0.0, 0.5), st.floats(0.0, 3.0))
def test_a_cheaper_channel_never_delivers_less(c0: float, c1: float, e: float) -> None:
    out = model.cut(100.0, c0, c1, e)
    if c1 <= c0:
        assert float(out["gain"]) >= -1e-9
    else:
        assert float(out["gain"]) <= 1e-9
    # with no response the gain is exactly the fees saved on the same amount sent
    assert float(model.cut(100.0, c0, c1)["gain"]) == pytest.approx(100 / (1 - c0) * (c0 - c1), abs=1e-9)


def test_more_response_means_a_larger_gain_from_a_cut() -> None:
    gains = [float(model.cut(100.0, 0.0618, 0.03, e)["gain"]) for e in (0, 0.5, 1, 2)]
    assert gains == sorted(gains) and gains[0] < gains[-1]


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"received": 100, "cost_now": 6.18}, "cost_now"),
    ({"received": 100, "cost_new": 1.0}, "cost_new"),
    ({"received": -1}, "received"),
    ({"received": 100, "elasticity": -0.5}, "elasticity"),
    ({"received": 100, "cost_now": -0.01}, "cost_now"),
])
def test_bad_input_is_refused_naming_the_parameter(kwargs: dict, name: str) -> None:
    with pytest.raises(ParameterError, match=name):
        model.cut(**kwargs)


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match=r"cost.*0\.0618"):
        model.delivered(200, 6.18)


def test_arrays_broadcast() -> None:
    out = model.cut(np.array([10.0, 20.0]), 0.06, np.array([0.03, 0.04]))
    assert out["gain"].shape == (2,)
    assert out["gain"].tolist() == pytest.approx([10 / 0.94 * 0.03, 20 / 0.94 * 0.02])

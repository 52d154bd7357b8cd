"""The labour-mobility regime: Meyers's asymmetry and Betts's suasion game, in closed form."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import mobility_regime as m

payoff = st.floats(0, 10, allow_nan=False)
states = st.integers(1, 50)


def test_meyers_2002_free_movement_is_not_a_public_good_for_recruiters() -> None:
    """Meyers (2002): a recruiting state gains nothing from the regime that it could not get alone (need 0),
    so for any positive cost it keeps its market closed, however many sending states would gain."""
    for cost, n_s in itertools.product((0.01, 1.0, 5.0), (1, 6, 1000)):
        assert m.opens(0.0, cost) is False
        pay = m.equilibrium_payoffs(0.0, cost, n_sending=n_s)
        assert pay == {"sending": 0.0, "receiving": 0.0, "open": False}
        assert m.joint_gain(0.0, cost, n_sending=n_s) == pytest.approx(n_s - cost)


def test_access_is_a_public_good_for_senders_but_not_for_receivers() -> None:
    """Each opened market adds the same gain to every sending state, whoever opened it; a receiving state's
    payoff depends only on its own choice."""
    closed = m.state_payoffs([0, 0, 0, 0], need=0.25, cost=1.0)
    others_open = m.state_payoffs([0, 1, 1, 1], need=0.25, cost=1.0)
    assert others_open["receiving"][0] == closed["receiving"][0] == 0
    assert others_open["sending"] - closed["sending"] == pytest.approx(3.0)
    for others in itertools.product((0, 1), repeat=3):
        shut, open_ = (m.state_payoffs([own, *others], 0.25, 1.0)["receiving"][0] for own in (0, 1))
        assert open_ - shut == pytest.approx(0.25 - 1.0)  # the same whatever the others do: dominance


def test_betts_2009_suasion_game_ordering() -> None:
    """Betts (2009), after Martin (1993): in a suasion game the stronger side does best by not cooperating
    whatever the weaker side does, while the weaker side's best outcome is the stronger side's cooperation.
    At the defaults the receiving state's payoffs are 0 (closed) > -0.75 (open); a sending state gets 4 if all
    four receiving states open and 0 if none does."""
    d = m.DEFAULTS
    assert m.opens(d.need, d.cost) is False
    all_open = m.state_payoffs(np.ones(d.n_receiving), d.need, d.cost)
    assert all_open["receiving"].tolist() == [-0.75] * 4
    assert all_open["sending"] == pytest.approx(4.0)
    assert m.equilibrium_payoffs(d.need, d.cost)["sending"] == 0.0


def test_linkage_closed_form_at_the_defaults() -> None:
    """Linkage 1 per market: each receiving state gets 0.25 + 1 - 1 = 0.25; each of six sending states gets
    4 x (1 - 1/6) = 10/3. The window is (0.75, 6): opening is worth 6 + 0.25 - 1 = 5.25 to all together."""
    pay = m.equilibrium_payoffs(0.25, 1.0, linkage=1.0)
    assert pay["receiving"] == pytest.approx(0.25)
    assert pay["sending"] == pytest.approx(10 / 3)
    assert m.linkage_window(0.25, 1.0) == (0.75, 6.0)
    assert m.joint_gain(0.25, 1.0) == pytest.approx(5.25)


def test_tie_means_closed() -> None:
    assert m.opens(0.25, 1.0, 0.75) is False
    assert m.opens(0.25, 1.0, 0.75 + 2**-20) is True
    assert m.opens(1.0, 1.0) is False
    assert m.linkage_window(2.0, 1.0) == (0.0, 6.0)  # opens unaided: no linkage needed


@given(need=payoff, cost=payoff, gain=payoff, n_s=states)
def test_a_deal_exists_exactly_when_opening_is_worth_more_than_it_costs(need: float, cost: float, gain: float,
                                                                        n_s: int) -> None:
    low, high = m.linkage_window(need, cost, gain, n_s)
    worth_it = m.joint_gain(need, cost, gain, n_s) > 0
    if need <= cost:
        assert (low < high) == worth_it or abs(m.joint_gain(need, cost, gain, n_s)) < 1e-9


@given(need=payoff, cost=payoff, linkage=payoff, gain=payoff, n_s=states, n_r=st.integers(1, 50))
def test_linkage_moves_payoffs_without_creating_any(need: float, cost: float, linkage: float, gain: float,
                                                    n_s: int, n_r: int) -> None:
    pay = m.equilibrium_payoffs(need, cost, linkage, gain, n_s, n_r)
    total = n_s * pay["sending"] + n_r * pay["receiving"]
    expected = n_r * m.joint_gain(need, cost, gain, n_s) if pay["open"] else 0.0
    assert total == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert pay["receiving"] >= 0  # a receiving state never opens at a loss


@given(need=payoff, cost=payoff, n_s=states, extra=st.integers(1, 50))
def test_more_sending_states_never_open_a_market(need: float, cost: float, n_s: int, extra: int) -> None:
    """Without linkage, adding sending states (who gain most) changes nothing for the receiving states."""
    assert m.equilibrium_payoffs(need, cost, n_sending=n_s)["open"] == \
        m.equilibrium_payoffs(need, cost, n_sending=n_s + extra)["open"]


def test_vectorised_over_linkage() -> None:
    pay = m.equilibrium_payoffs(0.25, 1.0, linkage=np.array([0.0, 0.75, 1.0, 2.0]))
    assert pay["open"].tolist() == [False, False, True, True]
    assert pay["receiving"] == pytest.approx([0, 0, 0.25, 1.25])
    assert pay["sending"] == pytest.approx([0, 0, 4 * (1 - 1 / 6), 4 * (1 - 2 / 6)])


def test_bad_input_is_refused_with_the_parameter_named() -> None:
    with pytest.raises(ParameterError, match=r"^cost must be zero or more"):
        m.opens(0.5, -1)
    with pytest.raises(ParameterError, match=r"^openings must list one entry per receiving state"):
        m.state_payoffs([], 0.5, 1)
    with pytest.raises(ParameterError, match=r"^openings must be 0"):
        m.state_payoffs([0.5, 1], 0.5, 1)
    with pytest.raises(ParameterError, match=r"^n_receiving must be between 1 and 1000"):
        m.equilibrium_payoffs(0.5, 1, n_receiving=0)
    with pytest.raises(ParameterError, match=r"^gain must be zero or more"):
        m.joint_gain(0.5, 1, gain=-1)

"""A multilateral labour-mobility regime as a public good, with sending and receiving states.

``n_sending`` sending and ``n_receiving`` receiving states each choose to
contribute one unit to a multilateral regime. The regime returns ``multiplier`` times all contributions, shared in
proportion to weights: 1 for a sending state, ``rho`` for a receiving state
(which can recruit the workers it wants without the regime; Meyers 2002). A
state's own unit returns it ``multiplier * share``, so it contributes exactly
when that exceeds 1; with equal weights free riding is dominant whenever the
multiplier is below the number of states.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative, share, whole_number


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting regime: six sending and four receiving states, multiplier 12, weight 0.25."""

    multiplier: float = 12.0
    n_sending: int = 6
    n_receiving: int = 4
    rho: float = 0.25


DEFAULTS = Defaults()


def shares(n_sending: int, n_receiving: int, rho: float) -> dict[str, float]:
    """Each sending and each receiving state's share of the regime's benefits.

    >>> shares(6, 4, 0.25)
    {'sending': 0.14285714285714285, 'receiving': 0.03571428571428571}
    """
    n_s = whole_number("n_sending", n_sending, 0, 1000)
    n_r = whole_number("n_receiving", n_receiving, 0, 1000)
    weight = float(share("rho", rho))
    if n_s + n_r < 2:
        raise ParameterError(f"a regime needs at least two states, got {n_s} sending and {n_r} receiving")
    total = n_s + weight * n_r
    if total == 0:
        raise ParameterError("with rho = 0 there must be at least one sending state")
    return {"sending": 1 / total, "receiving": weight / total}


def marginal_returns(multiplier: float, n_sending: int, n_receiving: int, rho: float) -> dict[str, float]:
    """What a state gets back from its own unit: multiplier times its share. Above 1, contributing pays.

    At the explorer's defaults a sending state gets back 12/7 and a receiving state 3/7:

    >>> {k: round(v, 3) for k, v in marginal_returns(12, 6, 4, 0.25).items()}
    {'sending': 1.714, 'receiving': 0.429}
    """
    r = float(non_negative("multiplier", multiplier, "benefit per unit contributed"))
    return {kind: r * b for kind, b in shares(n_sending, n_receiving, rho).items()}


def state_payoffs(contributions: object, multiplier: float, n_sending: int, n_receiving: int,
            rho: float) -> np.ndarray:
    """Each state's payoff: multiplier x share x total contributions - own contribution.

    ``contributions`` lists the sending states first, then the receiving ones
    (each between 0 and 1).

    >>> state_payoffs([1, 1, 0], 3, 2, 1, 1.0).round(2).tolist()
    [1.0, 1.0, 2.0]
    """
    b = shares(n_sending, n_receiving, rho)
    c = as_array("contributions", contributions)
    if c.shape != (n_sending + n_receiving,):
        raise ParameterError(f"contributions must have one entry per state ({n_sending + n_receiving}), "
                             f"got shape {c.shape}")
    if np.any((c < 0) | (c > 1)):
        raise ParameterError("contributions must be between 0 and 1")
    r = float(non_negative("multiplier", multiplier, "benefit per unit contributed"))
    weight = np.array([b["sending"]] * n_sending + [b["receiving"]] * n_receiving)
    return r * weight * c.sum() - c


def equilibrium(multiplier: float, n_sending: int, n_receiving: int, rho: float) -> dict[str, bool]:
    """Whether each kind of state contributes in the dominant-strategy equilibrium (ties: no).

    >>> equilibrium(12, 6, 4, 0.25)
    {'sending': True, 'receiving': False}
    """
    return {kind: ret > 1 for kind, ret in marginal_returns(multiplier, n_sending, n_receiving, rho).items()}


def scenario_payoffs(multiplier: float, n_sending: int, n_receiving: int, rho: float) -> pd.DataFrame:
    """A sending and a receiving state's payoff when nobody, only sending states, or everybody contributes.

    >>> scenario_payoffs(12, 6, 4, 0.25)["payoff"].round(2).tolist()
    [0.0, 0.0, 9.29, 2.57, 16.14, 3.29]
    """
    n = n_sending + n_receiving
    plans = {
        "nobody contributes": np.zeros(n),
        "only sending states contribute": np.r_[np.ones(n_sending), np.zeros(n_receiving)],
        "everybody contributes": np.ones(n),
    }
    rows = []
    for scenario, plan in plans.items():
        pay = state_payoffs(plan, multiplier, n_sending, n_receiving, rho)
        if n_sending:
            rows.append({"scenario": scenario, "state": "sending", "payoff": float(pay[0])})
        if n_receiving:
            rows.append({"scenario": scenario, "state": "receiving", "payoff": float(pay[-1])})
    return pd.DataFrame(rows)

"""Why states rarely cooperate on migration: two games.

**Repeated prisoner's dilemma.** Two states meet round after round; each round
pays T (defect on a cooperator), R (both cooperate), P (both defect) or S
(cooperate with a defector), with T > R > P > S and 2R > T + S. Future rounds
count with discount factor ``delta`` (or: the chance the relationship goes on).
Against tit for tat, keeping up cooperation is worth R a round; the two
deviations that matter (Axelrod 1984, ch. 3) are defecting for ever and
alternating defection with cooperation. Tit for tat is collectively stable when
neither pays: ``delta >= max((T-R)/(T-P), (T-R)/(R-S))``, 2/3 with Axelrod's
payoffs 5, 3, 1, 0. Payoffs here are *per round*: the discounted sum times
(1 - delta).

**Public goods with sending and receiving states.** ``n_s`` sending and
``n_r`` receiving states each choose to contribute one unit to a multilateral
regime. The regime returns ``multiplier`` times all contributions, shared in
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

# --- repeated prisoner's dilemma ---------------------------------------------------------------


@dataclass(frozen=True)
class Payoffs:
    """One round's payoffs; Axelrod's tournament values by default."""

    T: float = 5.0
    R: float = 3.0
    P: float = 1.0
    S: float = 0.0

    def __post_init__(self) -> None:
        for name in "TRPS":
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
                raise ParameterError(f"payoff {name} must be a finite number, got {value!r}")
        if not self.T > self.R > self.P > self.S:
            raise ParameterError(f"a prisoner's dilemma needs T > R > P > S, got T={self.T}, R={self.R}, "
                                 f"P={self.P}, S={self.S}")
        if not 2 * self.R > self.T + self.S:
            raise ParameterError(f"a prisoner's dilemma needs 2R > T + S (mutual cooperation beats taking "
                                 f"turns), got 2R={2 * self.R}, T+S={self.T + self.S}")


AXELROD = Payoffs()
STRATEGIES = ("tit_for_tat", "always_defect", "alternate")


def _delta(delta: object) -> np.ndarray:
    d = share("delta", delta)
    if np.any(d >= 1):
        raise ParameterError(f"delta must be below 1 (a discount factor), got {delta!r}")
    return d


def tit_for_tat_threshold(payoffs: Payoffs = AXELROD) -> float:
    """Smallest discount factor at which tit for tat is collectively stable (Axelrod 1984, prop. 2)."""
    T, R, P, S = payoffs.T, payoffs.R, payoffs.P, payoffs.S
    return max((T - R) / (T - P), (T - R) / (R - S))


def grim_trigger_threshold(payoffs: Payoffs = AXELROD) -> float:
    """Smallest discount factor at which the grim trigger deters defection: (T - R) / (T - P)."""
    return (payoffs.T - payoffs.R) / (payoffs.T - payoffs.P)


def per_round_payoff(strategy: str, delta: object, payoffs: Payoffs = AXELROD) -> np.ndarray:
    """Average payoff per round of ``strategy`` against tit for tat, for each ``delta``.

    tit_for_tat: R; always_defect: (1 - delta) T + delta P; alternate (D, C, D, C, ...):
    (T + delta S) / (1 + delta).
    """
    d = _delta(delta)
    if strategy == "tit_for_tat":
        return np.full_like(d, payoffs.R, dtype=float)
    if strategy == "always_defect":
        return (1 - d) * payoffs.T + d * payoffs.P
    if strategy == "alternate":
        return (payoffs.T + d * payoffs.S) / (1 + d)
    raise ParameterError(f"strategy must be one of {', '.join(STRATEGIES)}, got {strategy!r}")


def play_against_tit_for_tat(moves: str, delta: float, payoffs: Payoffs = AXELROD) -> float:
    """Discounted total of a finite sequence of moves ('C'/'D') against tit for tat.

    Plays the game round by round, so it checks the closed forms above.
    """
    d = float(_delta(delta))
    if not moves or set(moves) - {"C", "D"}:
        raise ParameterError(f"moves must be a non-empty string of C and D, got {moves!r}")
    table = {("C", "C"): payoffs.R, ("C", "D"): payoffs.S, ("D", "C"): payoffs.T, ("D", "D"): payoffs.P}
    partner, total = "C", 0.0
    for t, move in enumerate(moves):
        total += d**t * table[(move, partner)]
        partner = move  # tit for tat copies my last move
    return total


def reciprocity_table(delta: object, payoffs: Payoffs = AXELROD) -> pd.DataFrame:
    """Per-round payoffs of the three strategies against tit for tat, one row per delta and strategy."""
    d = np.atleast_1d(_delta(delta))
    return pd.concat(
        [pd.DataFrame({"delta": d, "strategy": s, "payoff": per_round_payoff(s, d, payoffs)}) for s in STRATEGIES],
        ignore_index=True,
    )


# --- public goods with sending and receiving states ---------------------------------------------


def shares(n_sending: int, n_receiving: int, rho: float) -> dict[str, float]:
    """Each sending and each receiving state's share of the regime's benefits."""
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
    """What a state gets back from its own unit: multiplier times its share. Above 1, contributing pays."""
    r = float(non_negative("multiplier", multiplier, "benefit per unit contributed"))
    return {kind: r * b for kind, b in shares(n_sending, n_receiving, rho).items()}


def payoffs(contributions: object, multiplier: float, n_sending: int, n_receiving: int,
            rho: float) -> np.ndarray:
    """Each state's payoff: multiplier x share x total contributions - own contribution.

    ``contributions`` lists the sending states first, then the receiving ones
    (each between 0 and 1).
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
    """Whether each kind of state contributes in the dominant-strategy equilibrium (ties: no)."""
    return {kind: ret > 1 for kind, ret in marginal_returns(multiplier, n_sending, n_receiving, rho).items()}


def scenario_payoffs(multiplier: float, n_sending: int, n_receiving: int, rho: float) -> pd.DataFrame:
    """A sending and a receiving state's payoff when nobody, only sending states, or everybody contributes."""
    n = n_sending + n_receiving
    plans = {
        "nobody contributes": np.zeros(n),
        "only sending states contribute": np.r_[np.ones(n_sending), np.zeros(n_receiving)],
        "everybody contributes": np.ones(n),
    }
    rows = []
    for scenario, plan in plans.items():
        pay = payoffs(plan, multiplier, n_sending, n_receiving, rho)
        if n_sending:
            rows.append({"scenario": scenario, "state": "sending", "payoff": float(pay[0])})
        if n_receiving:
            rows.append({"scenario": scenario, "state": "receiving", "payoff": float(pay[-1])})
    return pd.DataFrame(rows)

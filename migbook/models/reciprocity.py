"""Reciprocity in a repeated prisoner's dilemma (Axelrod 1984): when does cooperating pay?

Two states meet round after round; each round
pays T (defect on a cooperator), R (both cooperate), P (both defect) or S
(cooperate with a defector), with T > R > P > S and 2R > T + S. Future rounds
count with discount factor ``delta`` (or: the chance the relationship goes on).
Against tit for tat, keeping up cooperation is worth R a round; the two
deviations that matter (Axelrod 1984, ch. 3) are defecting for ever and
alternating defection with cooperation. Tit for tat is collectively stable when
neither pays: ``delta >= max((T-R)/(T-P), (T-R)/(R-S))``, 2/3 with Axelrod's
payoffs 5, 3, 1, 0. Payoffs here are *per round*: the discounted sum times
(1 - delta).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from migbook.errors import ParameterError
from migbook.models._checks import share


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
# The explorer's starting payoffs: Axelrod's tournament values.
DEFAULTS = AXELROD
STRATEGIES = ("tit_for_tat", "always_defect", "alternate")


def _delta(delta: object) -> np.ndarray:
    d = share("delta", delta)
    if np.any(d >= 1):
        raise ParameterError(f"delta must be below 1 (a discount factor), got {delta!r}")
    return d


def tit_for_tat_threshold(payoffs: Payoffs = AXELROD) -> float:
    """Smallest discount factor at which tit for tat is collectively stable (Axelrod 1984, prop. 2).

    >>> round(tit_for_tat_threshold(), 4)  # Axelrod's payoffs 5, 3, 1, 0
    0.6667
    """
    T, R, P, S = payoffs.T, payoffs.R, payoffs.P, payoffs.S
    return max((T - R) / (T - P), (T - R) / (R - S))


def grim_trigger_threshold(payoffs: Payoffs = AXELROD) -> float:
    """Smallest discount factor at which the grim trigger deters defection: (T - R) / (T - P).

    >>> grim_trigger_threshold()
    0.5
    """
    return (payoffs.T - payoffs.R) / (payoffs.T - payoffs.P)


def per_round_payoff(strategy: str, delta: object, payoffs: Payoffs = AXELROD) -> np.ndarray:
    """Average payoff per round of ``strategy`` against tit for tat, for each ``delta``.

    tit_for_tat: R; always_defect: (1 - delta) T + delta P; alternate (D, C, D, C, ...):
    (T + delta S) / (1 + delta).

    >>> per_round_payoff("always_defect", [0.5, 0.75]).tolist()
    [3.0, 2.0]
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

    >>> play_against_tit_for_tat("DC", 0.5)  # T, then S discounted by one round
    5.0
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
    """Per-round payoffs of the three strategies against tit for tat, one row per delta and strategy.

    >>> reciprocity_table([0.5])["payoff"].round(3).tolist()
    [3.0, 3.0, 3.333]
    """
    d = np.atleast_1d(_delta(delta))
    return pd.concat(
        [pd.DataFrame({"delta": d, "strategy": s, "payoff": per_round_payoff(s, d, payoffs)}) for s in STRATEGIES],
        ignore_index=True,
    )

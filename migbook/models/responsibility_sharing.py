"""Responsibility-sharing for refugee protection as an impure public good (Betts 2003; Olson and Zeckhauser 1966).

Each of ``n`` states has an income ``m_i`` (any money unit, the same for all
states) and gives ``g_i`` of it to refugee protection (hosting, resettlement,
funding); it keeps ``m_i - g_i`` for everything else. Protection is an
*impure* public good: a share ``1 - rho`` of its benefit is shared by every
state (a stable region, a working regime; it depends on the total
``G = sum g_j``), and a share ``rho`` is a private, state-specific benefit of
what the state itself gives (security at its own border, reputation, ties to
the refugees' country: the "joint product" of Betts 2003, after Sandler).
Each state's utility is Cobb-Douglas in logs:

    u_i = ln(m_i - g_i) + beta * ((1 - rho) * ln G + rho * ln g_i)

``beta`` (no unit) is the weight of protection against other spending.

* In the Nash equilibrium each state chooses ``g_i`` taking the others' as
  given. For ``rho = 0`` (a pure public good) this is Bergstrom, Blume and
  Varian's (1986) model: every contributor keeps the same private spending
  ``G / beta``, so a state whose income falls below it gives nothing, and the
  large bear a share of the cost above their share of income (the
  "exploitation of the great by the small", Olson and Zeckhauser 1966).
* In the cooperative (Samuelson) optimum, which maximises the sum of the
  states' utilities, each state counts the benefit its contribution gives all
  ``n`` states. With equal incomes ``m`` it gives ``beta m / (1 + beta)``;
  the Nash contribution is ``beta c m / (1 + beta c)`` with
  ``c = rho + (1 - rho) / n``, so provision falls short of the optimum, the
  more so the more states share the good and the smaller the private share.
  With ``rho = 1`` there is nothing to free-ride on and the two coincide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, share, whole_number

MAX_STATES = 200
_ITERATIONS = 200  # bisection steps on total provision: far below float precision long before the end


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: an illustration, not an estimate."""

    beta: float = 0.25  # weight of protection against other spending (no unit)
    private_share: float = 0.25  # rho: share of the benefit that is private to the giver
    income_gap: float = 4.0  # the large state's income over each small state's
    states: int = 10  # number of states (one large, the rest small)


DEFAULTS = Defaults()


def _number(name: str, value: object) -> float:
    """One finite number (not an array), or an error naming the parameter."""
    if np.ndim(value) != 0:
        raise ParameterError(f"{name} must be one number, got {value!r}")
    return float(as_array(name, value))


def _weight(beta: object) -> float:
    value = _number("beta", beta)
    if value <= 0:
        raise ParameterError(f"beta must be above zero (the weight of protection, no unit), got {beta!r}")
    return value


def _incomes(incomes: object) -> np.ndarray:
    m = np.atleast_1d(as_array("incomes", incomes))
    if m.size < 1 or np.any(m <= 0):
        raise ParameterError(f"incomes must be one or more amounts above zero (money), got {incomes!r}")
    whole_number("the number of states (len(incomes))", int(m.size), 1, MAX_STATES)
    return m


def _private(private_share: object) -> float:
    _number("private_share", private_share)
    return float(share("private_share", private_share))


def _best_reply(total: float, m: np.ndarray, public: float, private: float) -> np.ndarray:
    """Each state's contribution that equates its marginal costs and benefits, given total provision.

    Solves ``1 / (m - g) = public / total + private / g`` for ``g`` in ``[0, m)``.
    """
    if public == 0:
        return np.full_like(m, private * m / (1 + private))
    b = total - public * m + private * total
    return (-b + np.sqrt(b * b + 4 * public * private * total * m)) / (2 * public)


def _solve(m: np.ndarray, public: float, private: float) -> np.ndarray:
    """The contributions at which the total each state expects equals the total they give."""
    if public == 0:
        return _best_reply(1.0, m, public, private)
    low, high = 0.0, float(m.sum())
    for _ in range(_ITERATIONS):
        mid = (low + high) / 2
        if _best_reply(mid, m, public, private).sum() > mid:
            low = mid
        else:
            high = mid
    return _best_reply((low + high) / 2, m, public, private)


def nash(incomes: object, private_share: float = DEFAULTS.private_share, beta: float = DEFAULTS.beta) -> np.ndarray:
    """Each state's contribution in the Nash equilibrium (same money unit as ``incomes``).

    ``incomes``: one income per state (above zero); ``private_share``: the share of
    protection's benefit that is private to the giver (0 to 1); ``beta``: the weight of
    protection against other spending. Two equal states with ``beta = 1`` and a pure
    public good each give a third of their income (total 2/3 against 1 at the optimum):

    >>> nash([1, 1], 0, 1).round(4).tolist()
    [0.3333, 0.3333]
    >>> nash([4, 1, 1], 0, 0.25).round(4).tolist()  # the large state gives alone
    [0.8, 0.0, 0.0]
    """
    m, b, rho = _incomes(incomes), _weight(beta), _private(private_share)
    return _solve(m, b * (1 - rho), b * rho)


def optimum(incomes: object, private_share: float = DEFAULTS.private_share, beta: float = DEFAULTS.beta) -> np.ndarray:
    """Each state's contribution in the cooperative (Samuelson) optimum: the sum of utilities at its maximum.

    Same inputs and unit as :func:`nash`. The public part of a contribution counts
    once for every state, so equal states each give ``beta m / (1 + beta)`` whatever
    the private share:

    >>> optimum([1, 1], 0, 1).round(4).tolist()
    [0.5, 0.5]
    """
    m, b, rho = _incomes(incomes), _weight(beta), _private(private_share)
    return _solve(m, m.size * b * (1 - rho), b * rho)


def symmetric_levels(states: int, private_share: float = DEFAULTS.private_share,
                     beta: float = DEFAULTS.beta) -> tuple[float, float]:
    """Closed forms for ``states`` equal states of income 1: (Nash, optimum) total provision.

    Nash: ``n beta c / (1 + beta c)`` with ``c = rho + (1 - rho) / n``; optimum:
    ``n beta / (1 + beta)``.

    >>> [round(v, 4) for v in symmetric_levels(2, 0, 1)]
    [0.6667, 1.0]
    """
    n = whole_number("states", states, 1, MAX_STATES)
    b, rho = _weight(beta), _private(private_share)
    c = rho + (1 - rho) / n
    return n * b * c / (1 + b * c), n * b / (1 + b)


def large_and_small(states: int, income_gap: float, private_share: float = DEFAULTS.private_share,
                    beta: float = DEFAULTS.beta) -> dict[str, float]:
    """One large state and ``states - 1`` small ones of income 1: who gives and how much.

    ``income_gap`` is the large state's income over a small state's (1 or more). Returns
    total provision in the Nash equilibrium and the optimum (money units of a small
    state's income), Nash provision as a share of the optimum, and the large state's
    shares of total income and of Nash contributions (0 to 1).

    >>> r = large_and_small(3, 4, 0, 0.25); round(r["large_income_share"], 3), round(r["large_paid_share"], 3)
    (0.667, 1.0)
    """
    n = whole_number("states", states, 2, MAX_STATES)
    gap = _number("income_gap", income_gap)
    if gap < 1:
        raise ParameterError(f"income_gap must be 1 or more (large over small income), got {income_gap!r}")
    m = np.ones(n)
    m[0] = gap
    given, best = nash(m, private_share, beta), optimum(m, private_share, beta)
    return {
        "nash_total": float(given.sum()),
        "optimum_total": float(best.sum()),
        "efficiency": float(given.sum() / best.sum()),
        "large_income_share": float(gap / m.sum()),
        "large_paid_share": float(given[0] / given.sum()),
    }

"""A responsibility-sharing key for asylum seekers, after the European Commission's 2015 relocation key.

The Commission proposed in 2015 (COM(2015) 240 and 450) to share asylum seekers
among member states by a *distribution key*: 40 % by population, 40 % by total
GDP, 10 % by past asylum applications per million inhabitants (2010-2014) and
10 % by the unemployment rate, the last two counting *against* a state and
capped so that they move its share by no more than 30 % of what population and
GDP give it. This module is the book's own, simplified version of that key:

* the *size share* of a state is its population share and its GDP share,
  averaged with the population and GDP weights;
* each correction multiplies the size share by the ratio of the participants'
  mean to the state's own value (unemployment in per cent; past applications
  per million inhabitants), clipped to ``1 - cap`` and ``1 + cap``, and is
  rescaled to sum to one;
* the key is the weighted mean of the population share, the GDP share and the
  two corrected shares.

The Commission's technical formula differs in its detail, and the book could not
find the inputs it used, so the tests check the key's properties and closed forms
(shares sum to one; all weight on population gives population shares; equal
states get equal shares; a higher unemployment rate or more past applications
never raise a share) and that the defaults are the published weights.

Units: population in persons; GDP in any one currency unit (shares are unit-free);
unemployment in per cent of the labour force; past applications in applications
per million inhabitants a year; weights are relative (any non-negative numbers,
divided by their sum); ``cap`` is a share (30 % is 0.3); shares are shares of one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative

CRITERIA = ("population", "gdp", "unemployment", "past")


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: the Commission's published weights and cap (COM(2015) 450, recital 20)."""

    w_population: float = 0.4
    w_gdp: float = 0.4
    w_unemployment: float = 0.1
    w_past: float = 0.1
    cap: float = 0.3  # the corrections move a size share by at most 30 %
    year: int = 2015  # the year of the relocation decisions
    associates: bool = False  # EU members only (no UK after 2020, Norway or Switzerland)

    @property
    def weights(self) -> tuple[float, float, float, float]:
        """The four weights in the order of :data:`CRITERIA`."""
        return (self.w_population, self.w_gdp, self.w_unemployment, self.w_past)


DEFAULTS = Defaults()


def _weights(weights: object) -> np.ndarray:
    w = np.atleast_1d(non_negative("weights", weights, "relative weights"))
    if w.shape != (4,):
        raise ParameterError(f"weights must be four numbers (population, GDP, unemployment, past applications), "
                             f"got {w.size}")
    if w[0] + w[1] <= 0:
        raise ParameterError("weights: population and GDP cannot both be zero (the corrections adjust their share)")
    return w / w.sum()


def _positive(name: str, value: object, unit: str, size: int | None = None) -> np.ndarray:
    arr = np.atleast_1d(non_negative(name, value, unit))
    if size is not None and arr.size != size:
        raise ParameterError(f"{name} must have one value per state ({size}), got {arr.size}")
    return arr


def shares_of(values: object, name: str = "values") -> np.ndarray:
    """Each state's share of the total.

    >>> shares_of([1, 3]).tolist()
    [0.25, 0.75]
    """
    arr = _positive(name, values, "non-negative amounts")
    total = arr.sum()
    if total <= 0:
        raise ParameterError(f"{name} must not all be zero")
    return arr / total


def correction(size: object, indicator: object, cap: float, name: str = "indicator") -> np.ndarray:
    """Size shares moved against an indicator: times mean/own value, clipped to 1 +/- ``cap``, rescaled to one.

    A state whose indicator is above the mean gets less than its size share, one below
    the mean more, never by more than ``cap`` of it (a state at zero gets the full ``1 + cap``).

    >>> correction([0.5, 0.5], [6, 4], 0.3).round(4).tolist()
    [0.4, 0.6]
    """
    s = np.atleast_1d(as_array("size", size))
    x = _positive(name, indicator, "per cent or per million", s.size)
    c = float(as_array("cap", cap))
    if not 0 <= c < 1:
        raise ParameterError(f"cap must be a share from 0 up to 1 (30 % is 0.3), got {cap!r}")
    mean = x.mean()
    with np.errstate(divide="ignore"):
        ratio = np.where(x > 0, mean / np.where(x > 0, x, 1), np.inf)
    factor = np.clip(ratio, 1 - c, 1 + c)
    moved = s * factor
    return moved / moved.sum()


def key_shares(population: object, gdp: object, unemployment: object, past: object,
               weights: object = DEFAULTS.weights, cap: float = DEFAULTS.cap) -> np.ndarray:
    """Each state's share of the asylum seekers to be shared (shares sum to one).

    ``population`` in persons, ``gdp`` in one currency unit, ``unemployment`` in per cent,
    ``past`` in applications per million inhabitants a year; ``weights`` for population,
    GDP, unemployment and past applications (relative); ``cap`` a share.

    Two states, one three times the other, alike in unemployment and past applications:

    >>> key_shares([1e6, 3e6], [10, 30], [5, 5], [100, 100]).round(3).tolist()
    [0.25, 0.75]
    """
    pop = shares_of(population, "population")
    n = pop.size
    money = shares_of(_positive("gdp", gdp, "currency units", n), "gdp")
    unemp = _positive("unemployment", unemployment, "per cent of the labour force", n)
    if np.any(unemp > 100):
        raise ParameterError(f"unemployment must be a percentage from 0 to 100, got {unemployment!r}")
    history = _positive("past", past, "applications per million inhabitants", n)
    w = _weights(weights)
    size = (w[0] * pop + w[1] * money) / (w[0] + w[1])
    return (w[0] * pop + w[1] * money + w[2] * correction(size, unemp, cap, "unemployment")
            + w[3] * correction(size, history, cap, "past"))


def fair_share_gap(shares: object, applications: object) -> np.ndarray:
    """Each state's share of the applications actually lodged minus its key share (shares of one).

    Positive: the state received more than the key would give it; negative: fewer.

    >>> fair_share_gap([0.5, 0.5], [300, 100]).tolist()
    [0.25, -0.25]
    """
    key = np.atleast_1d(as_array("shares", shares))
    actual = shares_of(_positive("applications", applications, "persons", key.size), "applications")
    if np.any(key < 0) or abs(key.sum() - 1) > 1e-9:
        raise ParameterError(f"shares must be non-negative and sum to one, got a sum of {key.sum():.4f}")
    return actual - key


def would_accept(shares: object, applications: object) -> np.ndarray:
    """Which states would receive no more under the key than they actually did (True: the key spares them).

    A state that compares only its own numbers accepts a key that does not raise its load.

    >>> would_accept([0.5, 0.5], [300, 100]).tolist()
    [True, False]
    """
    return fair_share_gap(shares, applications) >= 0


def majority(accepting: object) -> bool:
    """Whether more than half of the states accept.

    >>> majority([True, True, False]), majority([True, False])
    (True, False)
    """
    votes = np.atleast_1d(np.asarray(accepting, dtype=bool))
    if votes.size == 0:
        raise ParameterError("accepting must have one entry per state")
    return bool(2 * votes.sum() > votes.size)

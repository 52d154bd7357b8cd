"""Conflict recurrence with diaspora finance: a two-state Markov chain, after Collier's (2000) finding.

Each year a country is at peace or at war. At peace, war breaks out again with
probability ``relapse`` a year; at war, the war ends with probability ``ending``
a year. Diaspora funding raises the relapse probability: with ``diaspora`` the
size of the diaspora's funding as a share of the largest (0 none, 1 the
largest), the relapse probability is ``base_relapse * (1 + (multiplier - 1) *
diaspora)``, so the largest diasporas make relapse ``multiplier`` times likelier
(Collier's reported factor was six). In the long run the chain spends a share
``relapse / (relapse + ending)`` of its years at war, and a spell of peace lasts
``1 / relapse`` years on average. Probabilities are per year; lengths in years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, share, whole_number

__all__ = [
    "DEFAULTS",
    "expected_peace",
    "relapse_probability",
    "relapse_within",
    "share_at_war",
    "stationary",
    "war_path",
]


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: illustrative values, not estimates.

    A 2 % a year chance that peace breaks down without diaspora funding, a 15 % a
    year chance that a war ends, and relapse six times likelier with the largest
    diasporas (the factor Adamson (2006) reports from Collier (2000)).
    """

    base_relapse: float = 0.02  # per year
    ending: float = 0.15  # per year
    multiplier: float = 6.0  # relapse with the largest diaspora / relapse with none
    diaspora: float = 1.0  # share of the largest diaspora funding
    years: int = 40


DEFAULTS = Defaults()


def _rate(name: str, value: object) -> np.ndarray:
    arr = share(name, value)
    if np.any(arr <= 0):
        raise ParameterError(f"{name} must be above 0 per year (a chain that never moves has no long run)")
    return arr


def relapse_probability(base_relapse: object, diaspora: object, multiplier: object = DEFAULTS.multiplier
                        ) -> np.ndarray:
    """The yearly chance that peace breaks down, raised by diaspora funding (capped at 1).

    ``base_relapse`` is per year with no diaspora funding; ``diaspora`` a share of the
    largest funding (0 to 1); ``multiplier`` how many times likelier relapse is at 1.

    >>> relapse_probability(0.02, [0.0, 0.5, 1.0], 6).round(3).tolist()
    [0.02, 0.07, 0.12]
    """
    base = share("base_relapse", base_relapse)
    size = as_array("diaspora", diaspora)
    if np.any((size < 0) | (size > 1)):
        raise ParameterError(f"diaspora must be a share of the largest funding, between 0 and 1, got {diaspora!r}")
    m = as_array("multiplier", multiplier)
    if np.any(m < 1):
        raise ParameterError(f"multiplier must be 1 or more (times likelier), got {multiplier!r}")
    return np.minimum(1.0, base * (1 + (m - 1) * size))


def stationary(relapse: object, ending: object) -> tuple[np.ndarray, np.ndarray]:
    """The long-run shares of years at peace and at war: (ending, relapse) / (relapse + ending).

    >>> [x.round(4).tolist() for x in stationary(0.12, 0.15)]
    [0.5556, 0.4444]
    """
    p, q = _rate("relapse", relapse), _rate("ending", ending)
    return q / (p + q), p / (p + q)


def share_at_war(relapse: object, ending: object) -> np.ndarray:
    """The long-run share of years at war, relapse / (relapse + ending).

    >>> float(share_at_war(0.02, 0.15).round(4))
    0.1176
    """
    return stationary(relapse, ending)[1]


def expected_peace(relapse: object) -> np.ndarray:
    """The average length of a spell of peace, in years: 1 / relapse (a geometric wait).

    >>> expected_peace([0.02, 0.12]).round(1).tolist()
    [50.0, 8.3]
    """
    return 1 / _rate("relapse", relapse)


def relapse_within(relapse: object, years: int) -> np.ndarray:
    """The chance that war returns within ``years`` years of peace: 1 - (1 - relapse) ** years.

    >>> float(relapse_within(0.12, 5).round(3))
    0.472
    """
    p = _rate("relapse", relapse)
    return 1 - (1 - p) ** whole_number("years", years, 0, 1000)


def war_path(relapse: object, ending: object, years: int = DEFAULTS.years) -> np.ndarray:
    """The chance of being at war 0, 1, ..., ``years`` years after a war ends (at war in year 0: 0).

    Closed form: share_at_war * (1 - (1 - relapse - ending) ** t).

    >>> war_path(0.12, 0.15, 2).round(4).tolist()
    [0.0, 0.12, 0.2076]
    """
    p, q = _rate("relapse", relapse), _rate("ending", ending)
    t = np.arange(whole_number("years", years, 0, 1000) + 1)
    return p / (p + q) * (1 - (1 - p - q) ** t)

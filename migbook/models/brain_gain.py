"""Brain drain and brain gain: education chosen in view of the chance to emigrate (Mountford 1997;
Stark, Helmenstein and Prskawetz 1997; Beine, Docquier and Rapoport 2001).

A stylised version of their shared argument. People differ in what an education
costs them: the costs are spread evenly between 0 and 1 (in units of the highest
cost), so the share with a cost below c is c. Education pays a lifetime premium
``premium`` at home (same units) and ``ratio`` times as much abroad. A skilled
person emigrates with probability ``p``; the unskilled cannot. Each person gets
educated if the expected premium, ``premium * (1 + p * (ratio - 1))``, covers the
cost, so the educated share of a cohort rises with ``p``; a share ``p`` of them
then leave. The skilled who stay, ``(1 - p)`` times the educated share, exceed the
no-migration level ``premium`` exactly when ``p`` is below the threshold
``(ratio - 2) / (ratio - 1)``: a brain gain needs a premium abroad more than twice
the home premium and an emigration chance that is not too high. Skilled residents
peak at half the threshold. Shares are of a cohort (0 to 1); ``p`` is a probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, share

__all__ = ["DEFAULTS", "best_probability", "educated_share", "skilled_residents", "threshold"]


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: a home premium covering a fifth of the highest cost, three times it abroad."""

    premium: float = 0.2  # the home premium, in units of the highest cost of education
    ratio: float = 3.0  # the premium abroad, as a multiple of the home premium
    probability: float = 0.2  # the chance that a skilled person emigrates


DEFAULTS = Defaults()


def _ratio(ratio: object) -> np.ndarray:
    r = as_array("ratio", ratio)
    if np.any(r < 1):
        raise ParameterError(f"ratio must be 1 or more (the premium abroad as a multiple of the home one), "
                             f"got {ratio!r}")
    return r


def _premium(premium: object) -> np.ndarray:
    w = as_array("premium", premium)
    if np.any((w <= 0) | (w >= 1)):
        raise ParameterError(f"premium must be above 0 and below 1 (a share of the highest cost of education), "
                             f"got {premium!r}")
    return w


def educated_share(p: object, premium: object = DEFAULTS.premium, ratio: object = DEFAULTS.ratio) -> np.ndarray:
    """The share of a cohort that gets educated when a skilled person emigrates with probability ``p``.

    >>> educated_share([0.0, 0.5, 1.0], 0.2, 3.0).round(3).tolist()
    [0.2, 0.4, 0.6]
    """
    prob = share("p", p)
    return np.minimum(1.0, _premium(premium) * (1 + prob * (_ratio(ratio) - 1)))


def skilled_residents(p: object, premium: object = DEFAULTS.premium, ratio: object = DEFAULTS.ratio) -> np.ndarray:
    """The share of a cohort educated and still at home: ``(1 - p)`` times the educated share.

    >>> skilled_residents([0.0, 0.25, 0.5, 0.75], 0.2, 3.0).round(3).tolist()
    [0.2, 0.225, 0.2, 0.125]
    """
    prob = share("p", p)
    return (1 - prob) * educated_share(prob, premium, ratio)


def _cap(premium: object, ratio: np.ndarray) -> np.ndarray:
    """The probability from which everyone gets educated (infinite if never)."""
    w = _premium(premium)
    with np.errstate(divide="ignore"):
        return np.where(ratio > 1, (1 / w - 1) / np.where(ratio > 1, ratio - 1, 1.0), np.inf)


def threshold(ratio: object = DEFAULTS.ratio, premium: object = None) -> np.ndarray:
    """The emigration probability below which more skilled people stay than with no migration at all.

    ``(ratio - 2) / (ratio - 1)`` when the premium abroad is more than twice the home
    one, else 0 (no chance of emigration then brings a gain). Given ``premium``, it
    allows for the case where the threshold lies beyond the probability at which
    everyone is educated: the skilled who stay are then ``1 - p``, and the threshold
    is ``1 - premium``.

    >>> threshold([1.5, 2.0, 3.0, 5.0]).round(3).tolist()
    [0.0, 0.0, 0.5, 0.75]
    >>> threshold(10.0, 0.2).round(3).tolist()
    0.8
    """
    r = _ratio(ratio)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_star = np.where(r > 2, (r - 2) / np.where(r > 1, r - 1, 1.0), 0.0)
    if premium is None:
        return p_star
    return np.where(p_star <= _cap(premium, r), p_star, 1 - _premium(premium))


def best_probability(ratio: object = DEFAULTS.ratio, premium: object = None) -> np.ndarray:
    """The emigration probability that leaves the most skilled residents: half the threshold,
    or, given ``premium``, the probability at which everyone is educated if that comes first.

    >>> best_probability(3.0).tolist(), best_probability(10.0, 0.2).round(3).tolist()
    (0.25, 0.444)
    """
    half = threshold(ratio) / 2
    if premium is None:
        return half
    return np.minimum(half, _cap(premium, _ratio(ratio)))

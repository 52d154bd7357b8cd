"""How a policy idea spreads among states: a threshold cascade (Granovetter 1978).

Actor i adopts once the adopters among its contacts reach its threshold: a
number of others on a complete network (Granovetter's crowd), or a share of its
(weighted) contacts on a network. Adoption is never undone, so the process
stops within n steps. Thresholds 0, 1, ..., 99 in a crowd of 100 give a
cascade of 100; raise the threshold of the actor at 1 to 2 and it stops at 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array
from migbook.models._networks import adjacency as _adjacency
from migbook.models._networks import complete_network

__all__ = ["DEFAULTS", "cascade", "complete_network", "final_adopters"]


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: a threshold share of 0.15 of one's partners."""

    threshold: float = 0.15


DEFAULTS = Defaults()


def cascade(thresholds: object, adjacency: object = None, *, seeds: object = None,
            fractional: bool = False) -> np.ndarray:
    """Run a threshold cascade; return the number of adopters after each step (step 0 first).

    ``thresholds``: a count of adopting contacts (``fractional=False``) or a share
    of the actor's total tie weight (``fractional=True``). ``adjacency`` defaults
    to the complete network. ``seeds`` (booleans) are the adopters at step 0, whatever
    their thresholds; without seeds, step 0 holds the actors whose threshold no adopter
    is needed to meet. Anyone else adopts from step 1 on, as the adopters around them grow.

    Granovetter's crowd of 100 with thresholds 0, 1, ..., 99 all adopt; change the
    threshold at 1 to 2 and the cascade stops with the first adopter:

    >>> int(cascade(range(100))[-1]), int(cascade([0, 2, *range(2, 100)])[-1])
    (100, 1)
    """
    theta = np.atleast_1d(as_array("thresholds", thresholds))
    if np.any(theta < 0):
        raise ParameterError("thresholds must be zero or more")
    if fractional and np.any(theta > 1):
        raise ParameterError("fractional thresholds are shares between 0 and 1")
    n = theta.size
    a = complete_network(n) if adjacency is None else _adjacency(adjacency, n)
    start = np.zeros(n, dtype=bool) if seeds is None else np.asarray(seeds, dtype=bool)
    if start.shape != (n,):
        raise ParameterError(f"seeds must have one entry per actor ({n})")
    degree = a.sum(axis=1)

    def ready(adopted: np.ndarray) -> np.ndarray:
        pressure = a @ adopted
        if fractional:
            with np.errstate(invalid="ignore", divide="ignore"):
                pressure = np.where(degree > 0, pressure / degree, 0.0)
        return pressure >= theta - 1e-12

    adopted = start | ready(start) if seeds is None else start.copy()
    counts = [int(adopted.sum())]
    while True:
        grown = adopted | ready(adopted)
        if grown.sum() == adopted.sum():
            return np.array(counts)
        adopted = grown
        counts.append(int(adopted.sum()))


def final_adopters(thresholds: object, adjacency: object = None, **kwargs: object) -> int:
    """How many actors have adopted when the cascade stops.

    >>> final_adopters([0, 1, 1], [[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    3
    """
    return int(cascade(thresholds, adjacency, **kwargs)[-1])

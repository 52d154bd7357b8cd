"""How perceptions converge among states that meet: averaging (DeGroot 1974).

Each actor replaces its view by a weighted average of its own (weight
``stubbornness``) and its contacts' views (the rest, in proportion to tie
weights). On a connected network views converge to a consensus; for symmetric
ties that consensus weights each actor by its degree (its total tie weight).
Actors with no ties keep their view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, share, whole_number
from migbook.models._networks import adjacency as _adjacency
from migbook.models._networks import components

__all__ = ["DEFAULTS", "averaging", "components", "consensus"]


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: stubbornness 0.5, thirty rounds of meetings."""

    stubbornness: float = 0.5
    rounds: int = 30


DEFAULTS = Defaults()


def averaging(initial: object, adjacency: object, stubbornness: float, steps: int) -> np.ndarray:
    """Views after each round of DeGroot averaging: shape (steps + 1, actors), row 0 the initial views.

    >>> averaging([0, 100], [[0, 1], [1, 0]], 0.5, 1).tolist()
    [[0.0, 100.0], [50.0, 50.0]]
    """
    x0 = np.atleast_1d(as_array("initial", initial))
    a = _adjacency(adjacency, x0.size)
    s = float(share("stubbornness", stubbornness))
    rounds = whole_number("steps", steps, 0, 10_000)
    degree = a.sum(axis=1, keepdims=True)
    isolated = degree[:, 0] == 0
    with np.errstate(invalid="ignore", divide="ignore"):
        neighbours = np.where(degree > 0, a / degree, 0.0)
    weights = s * np.eye(x0.size) + (1 - s) * neighbours
    weights[isolated, isolated] = 1.0  # no contacts: keep one's own view
    views = np.empty((rounds + 1, x0.size))
    views[0] = x0
    for t in range(rounds):
        views[t + 1] = weights @ views[t]
    return views


def consensus(initial: object, adjacency: object) -> float:
    """The view a connected network with symmetric ties converges to: the degree-weighted mean.

    >>> consensus([0, 30, 90], [[0, 1, 0], [1, 0, 1], [0, 1, 0]])  # degrees 1, 2, 1
    37.5
    """
    x0 = np.atleast_1d(as_array("initial", initial))
    a = _adjacency(adjacency, x0.size)
    if not np.allclose(a, a.T):
        raise ParameterError("consensus() needs symmetric ties")
    degree = a.sum(axis=1)
    if np.any(degree == 0):
        raise ParameterError("consensus() needs every actor to have a contact")
    return float(degree @ x0 / degree.sum())

"""How policy ideas spread and perceptions converge among states: cascades and averaging.

**Threshold cascade** (Granovetter 1978). Actor i adopts once the adopters
among its contacts reach its threshold: a number of others on a complete
network (Granovetter's crowd), or a share of its (weighted) contacts on a
network. Adoption is never undone, so the process stops within n steps.
Thresholds 0, 1, ..., 99 in a crowd of 100 give a cascade of 100; raise the
threshold of the actor at 1 to 2 and it stops at 1.

**Averaging** (DeGroot 1974). Each actor replaces its view by a weighted
average of its own (weight ``stubbornness``) and its contacts' views (the rest,
in proportion to tie weights). On a connected network views converge to a
consensus; for symmetric ties that consensus weights each actor by its degree
(its total tie weight). Actors with no ties keep their view.
"""

from __future__ import annotations

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, share, whole_number


def _adjacency(adjacency: object, n: int | None = None) -> np.ndarray:
    a = np.asarray(adjacency, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ParameterError(f"adjacency must be a square matrix, got shape {a.shape}")
    if n is not None and a.shape[0] != n:
        raise ParameterError(f"adjacency has {a.shape[0]} rows for {n} actors")
    if not np.all(np.isfinite(a)) or np.any(a < 0):
        raise ParameterError("adjacency weights must be finite and zero or more")
    if np.any(np.diag(a) != 0):
        raise ParameterError("adjacency must have a zero diagonal (no actor is its own contact)")
    return a


def complete_network(n: int) -> np.ndarray:
    """Everyone sees everyone else: Granovetter's crowd."""
    size = whole_number("n", n, 1, 100_000)
    return np.ones((size, size)) - np.eye(size)


def cascade(thresholds: object, adjacency: object = None, *, seeds: object = None,
            fractional: bool = False) -> np.ndarray:
    """Run a threshold cascade; return the number of adopters after each step (step 0 first).

    ``thresholds``: a count of adopting contacts (``fractional=False``) or a share
    of the actor's total tie weight (``fractional=True``). ``adjacency`` defaults
    to the complete network. ``seeds`` (booleans) adopt at step 0 whatever their
    thresholds; actors whose threshold is already met also adopt at step 0.
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
    """How many actors have adopted when the cascade stops."""
    return int(cascade(thresholds, adjacency, **kwargs)[-1])


def averaging(initial: object, adjacency: object, stubbornness: float, steps: int) -> np.ndarray:
    """Views after each round of DeGroot averaging: shape (steps + 1, actors), row 0 the initial views."""
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
    """The view a connected network with symmetric ties converges to: the degree-weighted mean."""
    x0 = np.atleast_1d(as_array("initial", initial))
    a = _adjacency(adjacency, x0.size)
    if not np.allclose(a, a.T):
        raise ParameterError("consensus() needs symmetric ties")
    degree = a.sum(axis=1)
    if np.any(degree == 0):
        raise ParameterError("consensus() needs every actor to have a contact")
    return float(degree @ x0 / degree.sum())


def components(adjacency: object) -> np.ndarray:
    """Label of the connected component of each actor (ties in either direction connect)."""
    a = _adjacency(adjacency)
    linked = (a + a.T) > 0
    labels = -np.ones(a.shape[0], dtype=int)
    current = 0
    for start in range(a.shape[0]):
        if labels[start] >= 0:
            continue
        frontier = [start]
        labels[start] = current
        while frontier:
            node = frontier.pop()
            for other in np.flatnonzero(linked[node] & (labels < 0)):
                labels[other] = current
                frontier.append(other)
        current += 1
    return labels

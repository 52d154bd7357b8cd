"""Networks shared by the models of Chapter 4: checked adjacency matrices, the complete network, components."""

from __future__ import annotations

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import whole_number


def adjacency(matrix: object, n: int | None = None) -> np.ndarray:
    """``matrix`` as a float array if it is a square, non-negative, finite matrix with a zero diagonal."""
    a = np.asarray(matrix, dtype=float)
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
    """Everyone sees everyone else: Granovetter's crowd.

    >>> complete_network(3).tolist()
    [[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    """
    size = whole_number("n", n, 1, 100_000)
    return np.ones((size, size)) - np.eye(size)


def components(matrix: object) -> np.ndarray:
    """Label of the connected component of each actor (ties in either direction connect).

    >>> components([[0, 1, 0], [1, 0, 0], [0, 0, 0]]).tolist()
    [0, 0, 1]
    """
    a = adjacency(matrix)
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

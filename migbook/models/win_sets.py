"""Ratification as a two-level game (Putnam 1988): agreements must fit every ratifier's win-set.

Agreements lie on a scale from 0 (asks nothing of receiving states beyond the
status quo) to 100 (the full protections and admissions sending states seek).
A state's *win-set* is the interval of agreements its domestic ratifiers would
accept. An agreement binding a set of states passes only if it lies in every
one of their win-sets: in the intersection ``[max(lows), min(highs)]``, which
may be empty. Widening any win-set can only enlarge that intersection.

:func:`ideal_points` places states on the scale by their migration position
(the largest net emigration at 100, the largest net immigration at 0, evenly
by rank between), and :func:`win_sets` gives each the same half-width.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative

SCALE = (0.0, 100.0)


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: win-sets 20 points wide on each side of a state's ideal."""

    width: float = 20


DEFAULTS = Defaults()


def _bounds(lows: object, highs: object) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = np.atleast_1d(as_array("lows", lows)), np.atleast_1d(as_array("highs", highs))
    if lo.shape != hi.shape or lo.size == 0:
        raise ParameterError(f"lows and highs must be non-empty and the same length, got {lo.size} and {hi.size}")
    if np.any(lo > hi):
        raise ParameterError("every win-set needs low <= high")
    return lo, hi


def agreement_zone(lows: object, highs: object) -> tuple[float, float] | None:
    """The agreements every state would ratify, as (low, high), or None when the win-sets do not overlap.

    >>> agreement_zone([20, 50], [60, 90])
    (50.0, 60.0)
    >>> agreement_zone([20, 50], [40, 90]) is None
    True
    """
    lo, hi = _bounds(lows, highs)
    low, high = float(lo.max()), float(hi.min())
    return (low, high) if low <= high else None


def ratifies(design: object, lows: object, highs: object) -> np.ndarray:
    """For each design (rows) and state (columns): does the design lie in the state's win-set?

    >>> ratifies([40, 80], [20, 50], [60, 90]).tolist()
    [[True, False], [False, True]]
    """
    lo, hi = _bounds(lows, highs)
    x = np.atleast_1d(as_array("design", design))[:, None]
    return (lo[None, :] <= x) & (x <= hi[None, :])


def ideal_points(net_migration_rate: object) -> np.ndarray:
    """Ideal agreements from net migration rates: highest net emigration 100, highest net immigration 0.

    Ties share their average rank; a single state sits at 50.

    >>> ideal_points([-10, 5, 0]).tolist()
    [100.0, 0.0, 50.0]
    """
    rate = np.atleast_1d(as_array("net_migration_rate", net_migration_rate))
    if rate.size == 1:
        return np.array([50.0])
    ranks = pd.Series(-rate).rank(method="average").to_numpy()  # 1 = most immigration
    return 100 * (ranks - 1) / (rate.size - 1)


def win_sets(ideal: object, width: float) -> tuple[np.ndarray, np.ndarray]:
    """Each state's win-set: its ideal point plus or minus ``width``, cut to the 0-100 scale.

    >>> [x.tolist() for x in win_sets([10, 70], 30)]
    [[0.0, 40.0], [40.0, 100.0]]
    """
    centre = np.atleast_1d(as_array("ideal", ideal))
    if np.any((centre < SCALE[0]) | (centre > SCALE[1])):
        raise ParameterError("ideal points must lie on the 0 to 100 scale")
    w = float(non_negative("width", width, "points on the 0-100 scale"))
    return np.clip(centre - w, *SCALE), np.clip(centre + w, *SCALE)


def support_by_design(ideal: object, receiving: object, width: float, designs: object) -> pd.DataFrame:
    """For each design, how many sending and how many receiving states would ratify it.

    >>> support_by_design([10, 90], [True, False], 20, [0, 50, 100])["states"].tolist()
    [0, 1, 0, 0, 1, 0]
    """
    lows, highs = win_sets(ideal, width)
    is_receiving = np.atleast_1d(np.asarray(receiving, dtype=bool))
    if is_receiving.shape != lows.shape:
        raise ParameterError("receiving must have one entry per state")
    yes = ratifies(designs, lows, highs)
    x = np.atleast_1d(as_array("designs", designs))
    return pd.DataFrame({
        "design": np.repeat(x, 2),
        "group": np.tile(["sending", "receiving"], x.size),
        "states": np.column_stack([yes[:, ~is_receiving].sum(axis=1), yes[:, is_receiving].sum(axis=1)]).ravel(),
    })

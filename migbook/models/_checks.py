"""Input checks shared by the models, so every model rejects bad input the same way."""

from __future__ import annotations

import numpy as np

from migbook.errors import ParameterError


def as_array(name: str, value: object) -> np.ndarray:
    """Return ``value`` as a float array (0-d or 1-d), or raise naming ``name``."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ParameterError(f"{name} must be a number or a 1-d array of numbers, got {value!r}") from None
    if arr.ndim > 1:
        raise ParameterError(f"{name} must be a number or a 1-d array, got an array of shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ParameterError(f"{name} must be finite, got {value!r}")
    return arr


def non_negative(name: str, value: object, unit: str) -> np.ndarray:
    """A quantity that cannot be below zero (a stock or a flow)."""
    arr = as_array(name, value)
    if np.any(arr < 0):
        raise ParameterError(f"{name} must be zero or more ({unit}), got {value!r}")
    return arr


def share(name: str, value: object) -> np.ndarray:
    """A share per year between 0 and 1; flags the common slip of passing a percentage."""
    arr = as_array(name, value)
    if np.any((arr < 0) | (arr > 1)):
        hint = " (a share: 4 % is 0.04)" if np.any(arr > 1) else ""
        raise ParameterError(f"{name} must be between 0 and 1 per year{hint}, got {value!r}")
    return arr


def whole_number(name: str, value: object, low: int, high: int) -> int:
    """An integer count such as a number of years, within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ParameterError(f"{name} must be between {low} and {high}, got {value}")
    return int(value)

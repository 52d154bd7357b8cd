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


def positive(name: str, value: object, unit: str) -> np.ndarray:
    """A quantity that must be above zero (a cost, a separation, a capital stock)."""
    arr = as_array(name, value)
    if np.any(arr <= 0):
        raise ParameterError(f"{name} must be above zero ({unit}), got {value!r}")
    return arr


def unit_interval(name: str, value: object, *, noun: str = "", unit: str = "", example: str = "",
                  open_interval: bool = False) -> np.ndarray:
    """A number between 0 and 1 (a share, a probability), ends excluded if ``open_interval``.

    ``noun`` ("a probability") and ``unit`` ("per year") complete the message; ``example`` ("a share: 4 % is
    0.04") is added when the value looks like a percentage, the commonest slip.
    """
    arr = as_array(name, value)
    bad = (arr <= 0) | (arr >= 1) if open_interval else (arr < 0) | (arr > 1)
    if np.any(bad):
        hint = f" ({example})" if example and np.any(arr > 1) else ""
        span = "strictly between 0 and 1" if open_interval else "between 0 and 1"
        words = " ".join(part for part in (noun, span, unit) if part)
        raise ParameterError(f"{name} must be {words}{hint}, got {value!r}")
    return arr


def share(name: str, value: object) -> np.ndarray:
    """A share per year between 0 and 1; flags the common slip of passing a percentage."""
    return unit_interval(name, value, unit="per year", example="a share: 4 % is 0.04")


def whole_number(name: str, value: object, low: int, high: int) -> int:
    """An integer count such as a number of years, within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ParameterError(f"{name} must be between {low} and {high}, got {value}")
    return int(value)

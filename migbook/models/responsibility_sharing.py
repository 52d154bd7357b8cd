"""TODO: one line naming the model and the work it follows (author, year).

TODO: a paragraph on what the model assumes and what it shows, with the units
of every quantity. The placeholder below is a growth path: a level (thousands
of people) that grows by a share ``rate`` each year for ``years`` years.
Replace it with the model, keep the inputs validated (``migbook.models._checks``)
and keep a runnable example in every docstring.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import non_negative, share, whole_number


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point (TODO: say where each value comes from)."""

    level: float = 100.0  # thousands of people
    rate: float = 0.02  # a share per year
    years: int = 20


DEFAULTS = Defaults()


def path(level: object, rate: object, years: int = DEFAULTS.years) -> np.ndarray:
    """The level at 0, 1, ..., ``years`` years, growing by ``rate`` a year: one row per level and rate.

    ``level`` is in thousands of people, ``rate`` a share per year (4 % is 0.04).

    >>> path(100, [0.0, 0.1], 2).round(2).tolist()
    [[100.0, 100.0, 100.0], [100.0, 110.0, 121.0]]
    """
    start = np.atleast_1d(non_negative("level", level, "thousands of people"))
    growth = np.atleast_1d(share("rate", rate))
    n = whole_number("years", years, 0, 1000)
    try:
        start, growth = np.broadcast_arrays(start, growth)
    except ValueError:
        raise ParameterError(f"level and rate must have the same length, got {start.size} and {growth.size}") from None
    return start[:, None] * (1 + growth[:, None]) ** np.arange(n + 1)[None, :]

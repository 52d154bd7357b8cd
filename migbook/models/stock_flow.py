"""Stock-flow accounting of a migrant population in one destination country.

Two stocks are followed year by year (all in thousands of people):

* ``F``, foreign citizens: migrants who have not (yet) taken the destination's
  citizenship;
* ``N``, naturalised foreign-born citizens.

Each year ``inflow`` people arrive as foreign citizens; a share ``emigration``
of each stock leaves (returns or moves on), a share ``death`` dies, and a share
``naturalisation`` of the foreign citizens become citizens::

    F[t+1] = F[t] + inflow - (emigration + naturalisation + death) * F[t]
    N[t+1] = N[t] + naturalisation * F[t] - (emigration + death) * N[t]

The foreign-born population ``B = F + N`` is what a count by country of birth
sees; ``F`` is what a count by citizenship sees. With constant rates both
approach an equilibrium geometrically (see :func:`equilibrium` and
:func:`half_life`). Rates are shares per year (0.04 means 4 % a year).

The model is a teaching toy: constant rates, no age structure, one country.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from migbook.errors import ParameterError
from migbook.models._checks import non_negative, share, whole_number

SERIES = {
    "foreign_citizens": "Foreign citizens (count by citizenship)",
    "naturalised": "Naturalised citizens born abroad",
    "foreign_born": "Foreign-born population (count by birth)",
}


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: 1.0 million foreign citizens, 0.2 million naturalised."""

    inflow: float = 100.0
    emigration: float = 0.04
    naturalisation: float = 0.03
    death: float = 0.01
    foreign0: float = 1000.0
    naturalised0: float = 200.0
    years: int = 50
    start_year: int = 2020


DEFAULTS = Defaults()


def _rates(emigration: object, naturalisation: object, death: object) -> tuple[np.ndarray, ...]:
    e = share("emigration", emigration)
    n = share("naturalisation", naturalisation)
    d = share("death", death)
    if np.any(e + n + d > 1):
        raise ParameterError(
            "emigration + naturalisation + death must not exceed 1 per year "
            f"(got {emigration!r} + {naturalisation!r} + {death!r})"
        )
    return e, n, d


def project(
    inflow: object,
    emigration: object,
    naturalisation: object,
    death: object,
    *,
    foreign0: object = DEFAULTS.foreign0,
    naturalised0: object = DEFAULTS.naturalised0,
    years: int = DEFAULTS.years,
) -> tuple[np.ndarray, np.ndarray]:
    """Project both stocks ``years`` years ahead.

    Parameters may be numbers or 1-d arrays that broadcast against each other
    (one model run per element), which is how the static explorer precomputes
    its grid in one call. Returns ``(F, N)``, each of shape ``(runs, years + 1)``
    (``runs`` is 1 for scalar input), in thousands of people; column 0 holds
    the initial stocks.

    >>> foreign, natural = project([100, 200], 0.04, 0.03, 0.01, years=1)
    >>> foreign[:, 1].tolist(), natural[:, 1].round(1).tolist()
    ([1020.0, 1120.0], [220.0, 220.0])
    """
    i = non_negative("inflow", inflow, "thousand people a year")
    e, n, d = _rates(emigration, naturalisation, death)
    f0 = non_negative("foreign0", foreign0, "thousand people")
    n0 = non_negative("naturalised0", naturalised0, "thousand people")
    steps = whole_number("years", years, 1, 500)
    try:
        i, e, n, d, f0, n0 = np.broadcast_arrays(*(np.atleast_1d(a) for a in (i, e, n, d, f0, n0)))
    except ValueError:
        raise ParameterError("array parameters must have the same length") from None
    foreign = np.empty((i.size, steps + 1))
    natural = np.empty_like(foreign)
    foreign[:, 0], natural[:, 0] = f0, n0
    for t in range(steps):
        f, m = foreign[:, t], natural[:, t]
        foreign[:, t + 1] = f + i - (e + n + d) * f
        natural[:, t + 1] = m + n * f - (e + d) * m
    return foreign, natural


def simulate(
    inflow: float = DEFAULTS.inflow,
    emigration: float = DEFAULTS.emigration,
    naturalisation: float = DEFAULTS.naturalisation,
    death: float = DEFAULTS.death,
    *,
    foreign0: float = DEFAULTS.foreign0,
    naturalised0: float = DEFAULTS.naturalised0,
    years: int = DEFAULTS.years,
    start_year: int = DEFAULTS.start_year,
) -> pd.DataFrame:
    """One model run as a table: a row per year, a column per stock (thousands).

    >>> simulate(years=2).round(1)["foreign_citizens"].tolist()
    [1000.0, 1020.0, 1038.4]
    """
    for name, value in {"inflow": inflow, "emigration": emigration, "naturalisation": naturalisation,
                        "death": death, "foreign0": foreign0, "naturalised0": naturalised0}.items():
        if np.ndim(value) != 0:
            raise ParameterError(f"{name} must be a single number here; use project() for arrays")
    start = whole_number("start_year", start_year, -10_000, 10_000)
    f, m = project(inflow, emigration, naturalisation, death,
                   foreign0=foreign0, naturalised0=naturalised0, years=years)
    return pd.DataFrame({
        "year": np.arange(start, start + years + 1),
        "foreign_citizens": f[0],
        "naturalised": m[0],
        "foreign_born": f[0] + m[0],
    })


def equilibrium(inflow: float, emigration: float, naturalisation: float, death: float) -> dict[str, float]:
    """The stocks the model settles at, in thousands: F* = I/(e+n+d), B* = I/(e+d), N* = B* - F*.

    Infinite where nobody ever leaves a stock and the inflow is positive.

    >>> equilibrium(100, 0.04, 0.03, 0.01)
    {'foreign_citizens': 1250.0, 'foreign_born': 2000.0, 'naturalised': 750.0}
    """
    i = float(non_negative("inflow", inflow, "thousand people a year"))
    e, n, d = (float(x) for x in _rates(emigration, naturalisation, death))

    def ratio(outflow_rate: float) -> float:
        if outflow_rate == 0:
            return 0.0 if i == 0 else float("inf")
        return i / outflow_rate

    f_star, b_star = ratio(e + n + d), ratio(e + d)
    return {"foreign_citizens": f_star, "foreign_born": b_star, "naturalised": b_star - f_star}


def half_life(emigration: float, naturalisation: float, death: float) -> dict[str, float]:
    """Years for half the gap to equilibrium to close: ln 2 / -ln(1 - outflow rate).

    Given for the foreign-citizen stock (rate e + n + d) and the foreign-born
    stock (rate e + d); infinite when the rate is zero.

    >>> {stock: round(years, 1) for stock, years in half_life(0.04, 0.03, 0.01).items()}
    {'foreign_citizens': 8.3, 'foreign_born': 13.5}
    """
    e, n, d = (float(x) for x in _rates(emigration, naturalisation, death))

    def years_to_half(rate: float) -> float:
        if rate == 0:
            return float("inf")
        if rate == 1:
            return 0.0
        with np.errstate(over="ignore"):  # a rate so small the half-life overflows: infinite
            return float(np.log(2) / -np.log1p(-rate))

    return {"foreign_citizens": years_to_half(e + n + d), "foreign_born": years_to_half(e + d)}

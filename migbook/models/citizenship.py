"""Who can vote: a citizenship-rule simulator (Chapter 8; the rules as the GLOBALCIT dataset codes them).

A population, normalised to 1 at the start, changes once a year. Citizens and
non-citizens die at rate ``deaths`` and have children at rate ``births`` (both
shares of residents per year); non-citizens also leave at rate ``leave`` (a share
per year; citizens are assumed to stay); and new immigrants arrive, ``immigration``
times the population at the start of the year, all of them non-citizens. Every
non-citizen carries a count of years of residence (for the locally born, years
since birth) and a flag: whether they would naturalise only if allowed to keep
their first citizenship (a share ``keep_share`` of arrivals; children inherit it).

The rules decide who is a citizen:

* birth: a child of citizens is a citizen (descent, *jus sanguinis*). A child
  of non-citizens born in the country is a citizen under ``soli="unconditional"``;
  under ``"conditional"`` only if the parent has ``parent_years`` of residence or
  was born in the country; under ``"double"`` only if the parent was born in the
  country (double *jus soli*); under ``"none"`` never.
* naturalisation: a non-citizen with at least ``wait`` years of residence
  naturalises with probability ``take_up`` a year; where dual citizenship is not
  allowed (``dual=False``) those who would keep their first citizenship never do.

A year runs: deaths and departures; births (to the residents at the start of the
year); a year of residence more for everyone who was there; naturalisation;
arrivals. The year's figures are read after the arrivals, so with ``wait=0`` and
``take_up=1`` the only non-citizens at the end of a year are that year's arrivals.

Closed form (pure descent, no naturalisation): with growth ``g = births - deaths``,
the non-citizen share ``f`` of residents moves as
``f' = (f (1 + g - leave) + immigration) / (1 + g + immigration - leave f)``,
whose stable steady state is ``f* = immigration / leave`` if ``immigration < leave``
and ``f* = 1`` otherwise (non-citizens end up the majority). The starting share
does not matter, nor does the birth rate. See :func:`steady_share_descent`.

Ages are ignored: the share counts every resident, children included, so it is
the share of residents without citizenship, a stand-in for those who cannot vote.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, share, whole_number

__all__ = ["DEFAULTS", "SOLI", "Defaults", "simulate", "steady_share_descent", "years_to_halve"]

SOLI = ("none", "double", "conditional", "unconditional")
MAX_YEARS = 5000


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: illustrative rates, not any country's (shares per year)."""

    immigration: float = 0.005  # arrivals a year, a share of residents
    leave: float = 0.04  # non-citizens leaving a year, a share of them
    births: float = 0.01  # a share of residents a year
    deaths: float = 0.01  # a share of residents a year
    take_up: float = 0.05  # a share of eligible non-citizens naturalising a year
    keep_share: float = 0.5  # arrivals who naturalise only if they may keep their first citizenship
    start_share: float = 0.2  # non-citizens at the start, a share of residents (all foreign-born, all settled)
    years: int = 90  # about three generations
    preset: str = "DEU"  # the explorer's starting rules: Germany's in 2020 (GLOBALCIT), as below
    soli: str = "conditional"  # jus soli if a parent is settled
    wait: int = 8  # years of residence before naturalisation
    parent_years: int = 8  # a parent's years of residence for conditional jus soli
    dual: bool = False  # dual citizenship for naturalising immigrants


DEFAULTS = Defaults()


def _scalar_share(name: str, value: object) -> float:
    arr = share(name, value)
    if arr.ndim != 0:
        raise ParameterError(f"{name} must be a single number, got {value!r}")
    return float(arr)


def steady_share_descent(immigration: object, leave: object) -> np.ndarray:
    """Long-run share of residents without citizenship under pure descent and no naturalisation.

    ``immigration`` (arrivals a year, a share of residents) over ``leave`` (a share of
    non-citizens leaving a year), capped at 1: when arrivals outpace departures the
    non-citizens become almost everyone.

    >>> steady_share_descent([0.01, 0.01, 0.05], [0.04, 0.0, 0.04]).tolist()
    [0.25, 1.0, 1.0]
    """
    m = share("immigration", immigration)
    e = share("leave", leave)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(e > 0, m / np.where(e > 0, e, 1.0), np.where(m > 0, 1.0, 0.0))
    return np.minimum(ratio, 1.0)


def simulate(*, soli: str = DEFAULTS.soli, wait: int = DEFAULTS.wait, take_up: float = DEFAULTS.take_up,
             dual: bool = DEFAULTS.dual, parent_years: int = DEFAULTS.parent_years,
             immigration: float = DEFAULTS.immigration, leave: float = DEFAULTS.leave,
             births: float = DEFAULTS.births, deaths: float = DEFAULTS.deaths,
             keep_share: float = DEFAULTS.keep_share, start_share: float = DEFAULTS.start_share,
             years: int = DEFAULTS.years) -> dict[str, np.ndarray]:
    """Run the rules for ``years`` years; one entry per year 0, 1, ..., ``years``.

    Returns ``year``; ``population`` (residents, 1 at the start); ``noncitizen_share``
    (residents without citizenship, a share); ``local_share`` (of those, the share
    born in the country; 0 when there are none). ``wait`` and ``parent_years`` are
    years; the rates are shares per year (4 % is 0.04).

    Unconditional *jus soli* leaves no locally born non-citizen; a five-year wait
    with a 10 % take-up brings the share down from 10 %:

    >>> run = simulate(soli="unconditional", wait=5, take_up=0.1, dual=True, years=30)
    >>> float(run["local_share"].max()), round(float(run["noncitizen_share"][-1]), 3)
    (0.0, 0.047)
    """
    if soli not in SOLI:
        raise ParameterError(f"soli must be one of {', '.join(SOLI)}, got {soli!r}")
    if not isinstance(dual, (bool, np.bool_)):
        raise ParameterError(f"dual must be True or False, got {dual!r}")
    n_wait = whole_number("wait", wait, 0, 100)
    n_parent = whole_number("parent_years", parent_years, 0, 100)
    horizon = whole_number("years", years, 0, MAX_YEARS)
    t = _scalar_share("take_up", take_up)
    m = _scalar_share("immigration", immigration)
    e = _scalar_share("leave", leave)
    b = _scalar_share("births", births)
    d = _scalar_share("deaths", deaths)
    k = _scalar_share("keep_share", keep_share)
    s0 = _scalar_share("start_share", start_share)
    if d + e > 1:
        raise ParameterError(f"deaths + leave must be at most 1 a year, got {d + e:g}")

    top = max(n_wait, n_parent)  # the last residence bucket holds "top years or more"
    residence = np.arange(top + 1)
    # Non-citizens: [keeps first citizenship?][born in the country?][years of residence].
    non = np.zeros((2, 2, top + 1))
    non[0, 0, top] = s0 * (1 - k)
    non[1, 0, top] = s0 * k
    citizens = 1.0 - s0
    eligible = residence >= n_wait
    rate = np.array([t, t if dual else 0.0])[:, None, None] * eligible[None, None, :]
    if soli == "unconditional":
        passes = np.ones((2, top + 1), dtype=bool)
    elif soli == "conditional":
        passes = np.vstack([residence >= n_parent, np.ones(top + 1, dtype=bool)])
    elif soli == "double":
        passes = np.vstack([np.zeros(top + 1, dtype=bool), np.ones(top + 1, dtype=bool)])
    else:
        passes = np.zeros((2, top + 1), dtype=bool)

    population = np.empty(horizon + 1)
    shares = np.empty(horizon + 1)
    local = np.empty(horizon + 1)

    def record(year: int) -> None:
        total_non = non.sum()
        population[year] = citizens + total_non
        shares[year] = total_non / population[year]
        local[year] = non[:, 1, :].sum() / total_non if total_non > 0 else 0.0

    record(0)
    for year in range(1, horizon + 1):
        start_total = citizens + non.sum()
        newborn = b * non  # children of non-citizens, by the parent's group
        born_citizens = newborn[:, passes].sum()
        born_non = np.where(passes[None, :, :], 0.0, newborn).sum(axis=(1, 2))  # by the parent's flag
        citizens = citizens * (1 - d) + b * citizens + born_citizens
        survivors = non * (1 - d - e)
        aged = np.zeros_like(non)
        aged[:, :, 1:] = survivors[:, :, :-1]
        aged[:, :, top] += survivors[:, :, top]
        aged[:, 1, 0] += born_non
        naturalised = aged * rate
        citizens += naturalised.sum()
        non = aged - naturalised
        non[0, 0, 0] += m * start_total * (1 - k)
        non[1, 0, 0] += m * start_total * k
        record(year)
    return {"year": np.arange(horizon + 1), "population": population, "noncitizen_share": shares,
            "local_share": local}


def years_to_halve(shares: object) -> int | None:
    """The first year in which a share has fallen to half its year-0 value, or None if it never does.

    >>> years_to_halve([0.2, 0.15, 0.1, 0.05]), years_to_halve([0.2, 0.2])
    (2, None)
    """
    arr = np.atleast_1d(as_array("shares", shares))
    if arr.size == 0:
        raise ParameterError("shares must hold at least one value")
    below = np.flatnonzero(arr <= arr[0] / 2 + 1e-12)
    below = below[below > 0]
    return int(below[0]) if below.size else None

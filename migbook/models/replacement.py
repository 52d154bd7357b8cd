"""Replacement migration: a cohort-component projection in five-year age groups (UN Population Division 2000).

The population is a vector of five-year age groups (thousands of people, both
sexes together: a one-sex model), the last group open-ended. Each step of five
years moves the survivors of each group into the next (``survival``, a share per
five years), adds the children born to the groups of childbearing age who are
alive and aged 0-4 at the end of the step (``fertility``, children aged 0-4 per
person of the group per five years), and adds five years of net migration
(thousands a year) spread over the ages by ``profile`` (shares summing to 1).
Fertility and survival stay constant: the projection is a Leslie matrix (Leslie
1945) plus migration.

The question of the UN report *Replacement Migration* (2000) is how much net
migration would hold (a) the population size, (b) the working-age population
(15-64) or (c) the potential support ratio (people aged 15-64 per person 65 or
over) at its starting level. Because immigrants age too, the last target needs
migration larger by orders of magnitude than the first.

Rates. The raw sources hold no life table and no fertility rates, so
:func:`estimate_rates` derives an approximation from the base population itself
(UN WPP 2022 estimates for 1 July 2020 and 2021): survival from Gompertz's law
of mortality (Gompertz 1825) fitted to the one-year fall in the population aged
50 and over, and fertility as the child-to-adult ratio (children aged 0-4 per
person aged 15-49). Both are stated as approximations wherever they are used.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative, whole_number

__all__ = [
    "AGE_STEP",
    "DEFAULTS",
    "TARGETS",
    "estimate_rates",
    "gompertz_survival",
    "leslie",
    "migration_to_hold",
    "project",
    "stable_structure",
    "support_ratio",
    "working_age",
]

AGE_STEP = 5  # years in an age group and in a projection step
TARGETS = ("population", "working_age", "support_ratio")
FERTILE_AGES = (15, 50)  # the child-to-adult ratio's adults: ages 15-49
FIT_FROM_AGE = 50  # Gompertz's law is fitted to the deaths above this age
WORK_AGES = (15, 65)  # working age: 15-64; 65 and over are the old


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: Japan from 1990 to 2050, migrants aged 20-39, old age from 65.

    1990 is the base year in the data closest to the UN report's 1995; the UN's
    support ratio counts ages 15-64 per person 65 or over.
    """

    country: str = "JPN"  # ISO3 of the base population (WPP 2022, 1 July)
    base_year: int = 1990
    end_year: int = 2050  # the UN report's horizon
    old_age: int = 65  # years: the first age counted as old
    profile_ages: tuple[int, int] = (20, 40)  # migrants spread evenly over ages 20-39
    steps: int = 12  # five-year steps from base_year to end_year


DEFAULTS = Defaults()


def _groups(name: str, value: object) -> np.ndarray:
    """A vector with one entry per age group, at least two groups."""
    arr = np.atleast_1d(as_array(name, value))
    if arr.size < 2:
        raise ParameterError(f"{name} must have one value per age group (at least 2), got {arr.size}")
    return arr


def _rates(fertility: object, survival: object) -> tuple[np.ndarray, np.ndarray]:
    f = _groups("fertility", fertility)
    s = _groups("survival", survival)
    if np.any(f < 0):
        raise ParameterError(f"fertility must be zero or more (children per person per 5 years), got {fertility!r}")
    if np.any((s < 0) | (s > 1)):
        raise ParameterError(f"survival must be a share between 0 and 1 per 5 years, got {survival!r}")
    if f.size != s.size:
        raise ParameterError(f"fertility and survival need one value per age group, got {f.size} and {s.size}")
    return f, s


def leslie(fertility: object, survival: object) -> np.ndarray:
    """The Leslie matrix of one five-year step: births in the first row, survival below the diagonal.

    ``fertility[i]``: children alive and aged 0-4 at the end of the step per person of
    group i at its start. ``survival[i]``: the share of group i alive five years later;
    the last group is open-ended, so its survivors stay in it.

    >>> leslie([0, 1, 0], [0.5, 0.5, 0.2]).tolist()
    [[0.0, 1.0, 0.0], [0.5, 0.0, 0.0], [0.0, 0.5, 0.2]]
    """
    f, s = _rates(fertility, survival)
    n = f.size
    m = np.zeros((n, n))
    m[0, :] = f
    m[np.arange(1, n), np.arange(n - 1)] = s[:-1]
    m[n - 1, n - 1] += s[-1]
    return m


def _population(base: object) -> np.ndarray:
    pop = _groups("base", base)
    non_negative("base", pop, "thousands of people")
    return pop


def _profile(profile: object, n: int) -> np.ndarray:
    p = np.atleast_1d(as_array("profile", profile))
    if p.size != n:
        raise ParameterError(f"profile must have one share per age group ({n}), got {p.size}")
    if np.any(p < 0) or not np.isclose(p.sum(), 1.0):
        raise ParameterError(f"profile must be shares of the migrants by age group, each 0 or more, summing to 1, "
                             f"got a sum of {p.sum():g}")
    return p


def project(base: object, fertility: object, survival: object, migrants: object = 0.0,
            profile: object = None, steps: int = DEFAULTS.steps) -> np.ndarray:
    """The population by age group at the start and after each five-year step: shape (steps + 1, groups).

    ``base`` in thousands by age group; ``migrants`` net migration in thousands a year
    (one number, or one per step), arriving over the step and counted at its end
    (so they neither die nor give birth in the step they arrive); ``profile`` the
    migrants' shares by age group (default: all in the second group).

    Two groups, everyone in the first has one child and half survive:

    >>> project([100, 0], [1, 0], [0.5, 0], steps=2).tolist()
    [[100.0, 0.0], [100.0, 50.0], [100.0, 50.0]]
    """
    pop = _population(base)
    m = leslie(fertility, survival)
    n = whole_number("steps", steps, 0, 1000)
    prof = _profile(np.eye(pop.size)[1] if profile is None else profile, pop.size)
    if m.shape[0] != pop.size:
        raise ParameterError(f"base has {pop.size} age groups but the rates have {m.shape[0]}")
    flow = np.broadcast_to(np.atleast_1d(as_array("migrants", migrants)), (n,)) if n else np.zeros(0)
    out = np.empty((n + 1, pop.size))
    out[0] = pop
    for t in range(n):
        out[t + 1] = m @ out[t] + AGE_STEP * flow[t] * prof
    if np.any(out < -1e-9):
        raise ParameterError("migrants: so much emigration would leave a negative population in some age group")
    return out


def _ages(n: int) -> np.ndarray:
    return AGE_STEP * np.arange(n)


def _old_age(old_age: object) -> int:
    age = whole_number("old_age", old_age, 20, 95)
    if age % AGE_STEP:
        raise ParameterError(f"old_age must be a multiple of {AGE_STEP} years, got {age}")
    return age


def working_age(pop: object, old_age: int = WORK_AGES[1]) -> np.ndarray:
    """People aged 15 to ``old_age`` - 1 (thousands) in each row of a projection (age groups in columns).

    >>> working_age([[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]).tolist()
    [10.0]
    """
    p = np.atleast_2d(np.asarray(pop, dtype=float))
    ages = _ages(p.shape[1])
    return p[:, (ages >= WORK_AGES[0]) & (ages < _old_age(old_age))].sum(axis=1)


def support_ratio(pop: object, old_age: int = WORK_AGES[1]) -> np.ndarray:
    """The potential support ratio: people aged 15 to ``old_age`` - 1 per person aged ``old_age`` or over.

    The UN's ratio counts 15-64 per 65 and over; a later ``old_age`` (a higher
    retirement age) moves people from the second count to the first.

    Ten groups aged 15-64 with 1 each, 2 aged 65-69 and 2 aged 70 and over:

    >>> pop = [[1] * 13 + [2, 2]]
    >>> support_ratio(pop).tolist(), support_ratio(pop, old_age=70).tolist()
    ([2.5], [6.0])
    """
    p = np.atleast_2d(np.asarray(pop, dtype=float))
    old = p[:, _ages(p.shape[1]) >= _old_age(old_age)].sum(axis=1)
    if np.any(old <= 0):
        raise ParameterError(f"pop must have people aged {old_age} or over for a support ratio")
    return working_age(p, old_age) / old


def migration_to_hold(base: object, fertility: object, survival: object, profile: object,
                      target: str, steps: int = DEFAULTS.steps,
                      old_age: int = WORK_AGES[1]) -> tuple[np.ndarray, np.ndarray]:
    """The net migration (thousands a year, one value per step) that holds ``target`` at its base level.

    ``target`` is ``"population"``, ``"working_age"`` or ``"support_ratio"``. In each
    step the migration is the least that brings the target back to its level in
    ``base``, and never below zero (as in the UN scenarios, no emigration is imposed
    when the target would be exceeded anyway). Working age is 15 to ``old_age`` - 1,
    old age ``old_age`` and over. Returns the migration per step and
    the projected population, shape (steps + 1, groups).

    >>> flow, pop = migration_to_hold([100, 0], [0, 0], [0.5, 0], [1, 0], "population", steps=1)
    >>> flow.tolist(), pop[-1].tolist()
    ([10.0], [50.0, 50.0])
    """
    if target not in TARGETS:
        raise ParameterError(f"target must be one of {', '.join(TARGETS)}, got {target!r}")
    pop = _population(base)
    m = leslie(fertility, survival)
    prof = _profile(profile, pop.size)
    n = whole_number("steps", steps, 0, 1000)
    ages = _ages(pop.size)
    working = (ages >= WORK_AGES[0]) & (ages < _old_age(old_age))
    old = ages >= old_age
    out = np.empty((n + 1, pop.size))
    out[0] = pop
    flows = np.zeros(n)
    for t in range(n):
        nxt = m @ out[t]
        if target == "population":
            gap, per_migrant = pop.sum() - nxt.sum(), prof.sum()
        elif target == "working_age":
            gap, per_migrant = pop[working].sum() - nxt[working].sum(), prof[working].sum()
        else:  # hold W / O = R: (W + x w) = R (O + x o), for x migrants with shares w working and o old
            ratio = pop[working].sum() / pop[old].sum()
            gap = ratio * nxt[old].sum() - nxt[working].sum()
            per_migrant = prof[working].sum() - ratio * prof[old].sum()
        if per_migrant <= 0:
            raise ParameterError(f"profile: migrants of these ages cannot raise the {target.replace('_', ' ')}")
        total = max(gap, 0.0) / per_migrant
        flows[t] = total / AGE_STEP
        out[t + 1] = nxt + total * prof
    return flows, out


def stable_structure(fertility: object, survival: object) -> tuple[float, np.ndarray]:
    """The Leslie matrix's growth factor per step and stable age structure (shares summing to 1).

    With constant rates and no migration any population with people of childbearing
    age converges to this structure (the leading eigenvector), growing by the
    factor (the leading eigenvalue) every five years.

    >>> factor, shares = stable_structure([0, 2], [0.5, 0])
    >>> round(factor, 6), shares.round(6).tolist()
    (1.0, [0.666667, 0.333333])
    """
    m = leslie(fertility, survival)
    values, vectors = np.linalg.eig(m)
    lead = int(np.argmax(values.real))
    vec = np.abs(vectors[:, lead].real)
    return float(values[lead].real), vec / vec.sum()


def gompertz_survival(a: float, b: float, groups: int) -> np.ndarray:
    """Five-year survival by age group under Gompertz's law, hazard ``a * exp(b * age)`` a year.

    The share of group i (ages 5i to 5i+4) alive five years later is the survival
    over the five years centred on age 5i + 5, where group i passes into group i+1;
    the open last group uses the hazard at its middle (2.5 years above its lower bound).

    >>> gompertz_survival(0.0, 0.1, 3).tolist()
    [1.0, 1.0, 1.0]
    """
    if a < 0 or b <= 0:
        raise ParameterError(f"Gompertz parameters must be a >= 0 and b > 0 (per year), got a={a}, b={b}")
    n = whole_number("groups", groups, 2, 100)
    centre = AGE_STEP * np.arange(n) + AGE_STEP
    centre[-1] = AGE_STEP * (n - 1) + AGE_STEP / 2
    lo, hi = centre - AGE_STEP / 2, centre + AGE_STEP / 2
    cumulative_hazard = a / b * (np.exp(b * hi) - np.exp(b * lo))
    return np.exp(-cumulative_hazard)


def _fit_gompertz(start: np.ndarray, deaths: np.ndarray, cuts: np.ndarray, ages: np.ndarray) -> tuple[float, float]:
    """Least squares on logs: the Gompertz a, b whose deaths above each cut match ``deaths``."""
    best: tuple[float, float, float] | None = None
    for b in np.arange(0.05, 0.2, 0.0005):
        weight = np.array([(start * np.exp(b * (ages + AGE_STEP / 2)))[ages >= c].sum() for c in cuts])
        log_a = float(np.mean(np.log(deaths) - np.log(weight)))
        err = float(np.sum((np.log(deaths) - np.log(weight) - log_a) ** 2))
        if best is None or err < best[0]:
            best = (err, float(b), float(np.exp(log_a)))
    assert best is not None
    return best[2], best[1]


def _crossing(pop: np.ndarray, ages: np.ndarray, cut: int) -> float:
    """People within a year below ``cut`` (they reach it in the year): the density at ``cut`` - 0.5,
    interpolated linearly between the midpoints of the groups either side of ``cut``."""
    below, above = pop[ages == cut - AGE_STEP].sum(), pop[ages == cut].sum()
    return float(((AGE_STEP / 2 + 0.5) * below + (AGE_STEP / 2 - 0.5) * above) / AGE_STEP ** 2)


def estimate_rates(start: object, one_year_later: object) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """Fertility and survival by age group from two estimates of one population a year apart.

    An approximation, for want of a life table and fertility rates in the raw sources:

    * survival: the deaths above each age x from 50 to 90 are taken as the fall in
      the population aged x or over, from ``start`` (plus those who reach x within the
      year, the density at x - 0.5 interpolated between the groups either side) to
      ``one_year_later``; Gompertz's law (hazard ``a * exp(b * age)``) is fitted to them
      by least squares on logs and gives the survival of every group
      (:func:`gompertz_survival`). It ignores deaths in childhood and migration in that
      year. On a stationary Gompertz population it recovers ``b`` to within about 10 %.
    * fertility: the child-to-adult ratio, children aged 0-4 per person aged 15-49
      in ``start``, the same for each group aged 15-49 (a one-sex model: men are
      counted with women, so the ratio is about half the ratio per woman).

    Returns (fertility, survival, (a, b)); both populations in thousands by
    five-year group from 0-4, the last group open-ended.

    >>> pop = [100.0] * 20
    >>> later = [100.0] * 10 + [99.0, 98.0, 97.0, 95.0, 92.0, 88.0, 82.0, 73.0, 60.0, 45.0]
    >>> f, s, (a, b) = estimate_rates(pop, later)
    >>> round(float(f[3]), 3), bool(s[0] > s[10] > s[18])
    (0.143, True)
    """
    p0 = _population(start)
    p1 = _population(one_year_later)
    if p0.size != p1.size or p0.size < 12:
        raise ParameterError("start and one_year_later need the same five-year groups, from 0-4 to at least 55+")
    ages = _ages(p0.size)
    cuts = np.arange(FIT_FROM_AGE, min(95, ages[-1]) , AGE_STEP)
    deaths = np.array([p0[ages >= c].sum() + _crossing(p0, ages, c) - p1[ages >= c].sum()
                       for c in cuts])
    if np.any(deaths <= 0):
        raise ParameterError("one_year_later: the population above some age grew within the year, "
                             "so no deaths can be read from it")
    a, b = _fit_gompertz(p0, deaths, cuts, ages)
    survival = gompertz_survival(a, b, p0.size)
    adults = (ages >= FERTILE_AGES[0]) & (ages < FERTILE_AGES[1])
    fertility = np.where(adults, p0[0] / p0[adults].sum(), 0.0)
    return fertility, survival, (a, b)

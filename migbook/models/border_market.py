"""Border enforcement against a smuggling market, after Cornelius (2001) on the US south-west border.

Crossers buy a crossing from smugglers. Demand for crossing attempts is linear in
the *full price* ``F``: the smuggler's fee ``P`` plus the expected cost the crosser
bears on top of it (the risk of being caught, and the hardship and danger of the
route). Smugglers supply at a fee that rises with the number of crossings and with
enforcement, which makes their work costlier:

    demand   Q = a - b F              (thousand attempts a year; F in US dollars)
    supply   P = c0 + c1 E + d Q      (dollars per crossing)
    full     F = P + K(E)

so ``Q* = (a - b (c0 + c1 E + K)) / (1 + b d)`` and ``P* = c0 + c1 E + d Q*``
(zero crossings where the full price would exceed what anyone pays).

There are two routes. On the *easy* (urban) route the chance of apprehension
rises with enforcement ``E``: ``pi_e(E) = 1 - (1 - pi0) exp(-E)``; enforcement
is counted in multiples of the effort that raises it by that factor. On the
*dangerous* route (desert, mountains, rivers) it stays at ``pi_d``, but a crossing
kills with probability ``risk``. Crossers differ in how much extra hardship the
dangerous route costs them, spread evenly from 0 to ``hardship`` dollars; a crosser
takes it when that cost is below the apprehension cost it avoids,
``h (pi_e - pi_d)``. So the share on the dangerous route is
``s = min(1, max(0, h (pi_e - pi_d)) / hardship)``: the lower ``hardship``, the
more easily the routes substitute. With the dangerous route shut, ``s = 0``.
The expected extra cost ``K`` averages over the routes crossers choose.

Apprehensions count events (thousands a year) and deaths are expected deaths a
year (persons); the easy route is taken to cost no lives, so every death in the
model happens on the dangerous route.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative, unit_interval

OUTCOMES = ("crossings", "fee", "apprehensions", "dangerous_share", "deaths")


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: an illustrative market, not an estimate of the US one.

    The values are chosen so that, at the starting enforcement, about a million
    attempts a year are made, fees are in the low thousands of dollars and a few
    hundred die: the orders of magnitude of the south-west border around 2000.
    """

    enforcement: float = 1.0  # multiples of the base effort on the easy route
    demand: float = 1500.0  # a: attempts (thousands a year) at a full price of zero
    slope: float = 0.25  # b: thousand attempts lost per dollar of full price
    base_cost: float = 500.0  # c0: the smuggler's fee with no enforcement and no crossings (dollars)
    enforcement_cost: float = 400.0  # c1: dollars added to the fee per unit of enforcement
    congestion: float = 1.0  # d: dollars added to the fee per thousand attempts
    caught0: float = 0.2  # pi0: chance of apprehension on the easy route with no enforcement
    caught_dangerous: float = 0.1  # pi_d: chance of apprehension on the dangerous route
    apprehension_cost: float = 1000.0  # h: what being caught costs a crosser (dollars)
    hardship: float = 1000.0  # the most the dangerous route's hardship costs any crosser (dollars)
    risk: float = 0.0005  # deaths per attempt on the dangerous route (5 per 10,000)


DEFAULTS = Defaults()


def _probability(name: str, value: object) -> np.ndarray:
    return unit_interval(name, value, noun="a probability", example="a probability: 5 per 10,000 is 0.0005")


def caught_easy(enforcement: object, caught0: float = DEFAULTS.caught0) -> np.ndarray:
    """The chance of apprehension on the easy route at each enforcement level (a probability).

    >>> caught_easy([0, 1]).round(3).tolist()
    [0.2, 0.706]
    """
    e = non_negative("enforcement", enforcement, "multiples of the base effort")
    p0 = _probability("caught0", caught0)
    return 1 - (1 - p0) * np.exp(-e)


def dangerous_share(enforcement: object, *, caught0: float = DEFAULTS.caught0,
                    caught_dangerous: float = DEFAULTS.caught_dangerous,
                    apprehension_cost: float = DEFAULTS.apprehension_cost,
                    hardship: float = DEFAULTS.hardship, dangerous_open: bool = True) -> np.ndarray:
    """The share of attempts on the dangerous route (0 to 1): those whose hardship is below the cost avoided.

    >>> dangerous_share([0, 1]).round(3).tolist()
    [0.1, 0.606]
    >>> dangerous_share([0, 1], dangerous_open=False).tolist()
    [0.0, 0.0]
    """
    pi_e = caught_easy(enforcement, caught0)
    pi_d = _probability("caught_dangerous", caught_dangerous)
    h = non_negative("apprehension_cost", apprehension_cost, "dollars")
    r = as_array("hardship", hardship)
    if np.any(r <= 0):
        raise ParameterError(f"hardship must be more than zero (dollars), got {hardship!r}")
    if not dangerous_open:
        return np.zeros_like(pi_e)
    return np.clip(h * (pi_e - pi_d) / r, 0.0, 1.0)


def market(enforcement: object, *, demand: float = DEFAULTS.demand, slope: float = DEFAULTS.slope,
           base_cost: float = DEFAULTS.base_cost, enforcement_cost: float = DEFAULTS.enforcement_cost,
           congestion: float = DEFAULTS.congestion, caught0: float = DEFAULTS.caught0,
           caught_dangerous: float = DEFAULTS.caught_dangerous,
           apprehension_cost: float = DEFAULTS.apprehension_cost, hardship: float = DEFAULTS.hardship,
           risk: float = DEFAULTS.risk, dangerous_open: bool = True) -> pd.DataFrame:
    """The market's equilibrium at each enforcement level: one row per level.

    Columns: ``enforcement``; ``crossings`` (thousand attempts a year); ``fee`` (the
    smuggler's price, dollars); ``extra_cost`` (``K``, dollars); ``full_price``
    (dollars); ``dangerous_share`` (0 to 1); ``apprehensions`` (thousand events a
    year); ``deaths`` (expected deaths a year, persons).

    >>> m = market([0, 1])
    >>> m["crossings"].round(1).tolist(), m["fee"].round(0).tolist(), m["deaths"].round(0).tolist()
    ([1061.0, 915.5], [1561.0, 1816.0], [53.0, 277.0])
    """
    e = np.atleast_1d(non_negative("enforcement", enforcement, "multiples of the base effort"))
    a = non_negative("demand", demand, "thousand attempts a year")
    b = as_array("slope", slope)
    if np.any(b <= 0):
        raise ParameterError(f"slope must be more than zero (thousand attempts per dollar), got {slope!r}")
    c0 = non_negative("base_cost", base_cost, "dollars")
    c1 = non_negative("enforcement_cost", enforcement_cost, "dollars per unit of enforcement")
    d = non_negative("congestion", congestion, "dollars per thousand attempts")
    mu = _probability("risk", risk)
    s = np.atleast_1d(dangerous_share(e, caught0=caught0, caught_dangerous=caught_dangerous,
                                      apprehension_cost=apprehension_cost, hardship=hardship,
                                      dangerous_open=dangerous_open))
    pi_e, pi_d = np.atleast_1d(caught_easy(e, caught0)), float(caught_dangerous)
    h, r = float(apprehension_cost), float(hardship)
    # Crossers on the dangerous route pay its apprehension cost and their hardship, which is spread evenly
    # below the threshold h (pi_e - pi_d) = s * hardship: on average half of it.
    extra = (1 - s) * h * pi_e + s * (h * pi_d + s * r / 2)
    q = np.maximum(0.0, (a - b * (c0 + c1 * e + extra)) / (1 + b * d))
    fee = c0 + c1 * e + d * q
    return pd.DataFrame({
        "enforcement": e, "crossings": q, "fee": fee, "extra_cost": extra, "full_price": fee + extra,
        "dangerous_share": s, "apprehensions": q * ((1 - s) * pi_e + s * pi_d),
        "deaths": 1000 * q * s * mu,
    })

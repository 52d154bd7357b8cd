"""Rates per inhabitant: where each country stands between sending and receiving migrants."""

from __future__ import annotations

import functools

import pandas as pd

from migbook.data.loader import load

BALANCE_BAND = 1.0
"""Net migration per 1,000 inhabitants a year within which a country counts as roughly balanced.

The World Bank's net migration figures are mostly model estimates (from UN World Population
Prospects), so a long-run average of a few tenths per 1,000 cannot tell a sending from a
receiving country: Egypt's +0.04 and Madagascar's +0.02 over 2000-2019 are noise around zero.
One per 1,000 a year, sustained for twenty years, changes a population by about 2 percent,
which is the smallest net flow the book treats as making a country a sender or a receiver.
"""
SIDES: tuple[str, str, str] = ("net emigration", "roughly balanced", "net immigration")


@functools.cache
def _net_migration_rate(start: int, end: int) -> pd.DataFrame:
    economy = load("economy").query("@start <= year <= @end")
    usable = economy.dropna(subset=["net_migration", "population"])
    usable = usable[usable["population"] > 0]
    per_year = 1000 * usable["net_migration"] / usable["population"]
    rates = per_year.groupby(usable["iso3"]).mean().rename("net_migration_rate").reset_index()
    countries = load("countries")[["iso3", "name", "un_region"]]
    return rates.merge(countries, on="iso3", how="left").sort_values("iso3").reset_index(drop=True)


def net_migration_rate(start: int = 2000, end: int = 2019) -> pd.DataFrame:
    """Average yearly net migration per 1,000 inhabitants, ``start`` to ``end``, by country.

    Negative: more people leave than arrive (a sending country); positive: a
    receiving country. Columns: iso3, net_migration_rate, name, un_region.

    >>> rates = net_migration_rate(); bool(rates.set_index("iso3").loc["QAT", "net_migration_rate"] > 0)
    True
    """
    return _net_migration_rate(start, end).copy()


def migration_side(rate: pd.Series | float, band: float = BALANCE_BAND) -> pd.Series | str:
    """Which side of the :data:`BALANCE_BAND` a net migration rate (per 1,000 a year) falls on.

    Below ``-band``: "net emigration"; above ``band``: "net immigration"; otherwise
    "roughly balanced". Works on one rate or a Series of them.

    >>> migration_side(0.04), migration_side(-3.0), migration_side(6.2)
    ('roughly balanced', 'net emigration', 'net immigration')
    """
    if band < 0:
        raise ValueError(f"band must be zero or positive, got {band}")
    if isinstance(rate, pd.Series):
        sides = pd.Series(SIDES[1], index=rate.index)
        sides[rate < -band] = SIDES[0]
        sides[rate > band] = SIDES[2]
        return sides
    return SIDES[0] if rate < -band else SIDES[2] if rate > band else SIDES[1]

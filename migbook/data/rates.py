"""Rates per inhabitant: where each country stands between sending and receiving migrants."""

from __future__ import annotations

import functools

import pandas as pd

from migbook.data.loader import load


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

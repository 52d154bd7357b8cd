"""The international migrant stock by place: world, UN regions, sub-regions and countries.

Aggregates are sums over the countries in ``data/countries.csv``. The share of
the population divides the stock by the World Bank population of the same
countries in the same year; for regions and the world it uses only countries
that report both numbers (11 small territories have no population in the WDI
extract, so their stock is left out of the share, not of the count).
"""

from __future__ import annotations

import functools

import pandas as pd

from migbook import data

WORLD = "World"
KINDS = ("world", "region", "subregion", "country")


@functools.cache
def _by_place() -> pd.DataFrame:
    stock = data.load("migrant_stock")[["iso3", "year", "both_sexes"]]
    population = data.load("economy")[["iso3", "year", "population"]]
    countries = data.load("countries")[["iso3", "name", "un_region", "un_subregion"]]
    rows = stock.merge(countries, on="iso3", how="left").merge(population, on=["iso3", "year"], how="left")
    rows["matched_stock"] = rows["both_sexes"].where(rows["population"].notna())
    groups = {"world": None, "region": "un_region", "subregion": "un_subregion", "country": "name"}
    parts = []
    for kind, column in groups.items():
        keys = ["year"] if column is None else [column, "year"]
        summed = rows.groupby(keys, as_index=False).agg(
            stock=("both_sexes", "sum"),
            matched_stock=("matched_stock", lambda s: s.sum(min_count=1)),
            population=("population", lambda s: s.sum(min_count=1)),
        )
        summed["place"] = WORLD if column is None else summed[column]
        summed["kind"] = kind
        parts.append(summed[["place", "kind", "year", "stock", "matched_stock", "population"]])
    table = pd.concat(parts, ignore_index=True)
    table["stock_millions"] = (table["stock"] / 1e6).round(4)
    table["share_pct"] = (100 * table["matched_stock"] / table["population"]).round(3)
    order = {k: i for i, k in enumerate(KINDS)}
    table = table.sort_values(["kind", "place", "year"], key=lambda s: s.map(order) if s.name == "kind" else s)
    return table.drop(columns="matched_stock").reset_index(drop=True)


def by_place() -> pd.DataFrame:
    """One row per place and year: ``place, kind, year, stock, population, stock_millions, share_pct``.

    ``stock`` is in persons; ``share_pct`` is the stock as a percentage of the
    population (blank where the population is not known).

    >>> t = by_place(); int(t.query("place == 'World' and year == 2020")["stock"].iloc[0])
    280598105
    """
    return _by_place().copy()


def places() -> list[str]:
    """Place names in menu order: the world, regions, sub-regions, then countries A to Z."""
    table = _by_place()
    return list(dict.fromkeys(table["place"]))

"""Places: country names, the migrant stock by world, region, sub-region and country, and regional sums.

Aggregates are sums over the countries in ``data/countries.csv``. The share of
the population divides the stock by the World Bank population of the same
countries in the same year; for regions and the world it uses only countries
that report both numbers (11 small territories have no population in the WDI
extract, so their stock is left out of the share, not of the count).
"""

from __future__ import annotations

import functools

import pandas as pd

from migbook.data.loader import describe, load

WORLD = "World"
KINDS = ("world", "region", "subregion", "country")
# Units whose values add up across countries (a sum by region means something).
ADDITIVE_UNITS = frozenset({"persons", "cases", "apprehensions", "current US dollars"})


def country_names() -> dict[str, str]:
    """ISO 3166 alpha-3 code to the country's name, for every code in the countries table."""
    countries = load("countries")
    return dict(zip(countries["iso3"], countries["name"], strict=True))


@functools.cache
def _stock_by_place() -> pd.DataFrame:
    stock = load("migrant_stock")[["iso3", "year", "both_sexes"]]
    population = load("economy")[["iso3", "year", "population"]]
    countries = load("countries")[["iso3", "name", "un_region", "un_subregion"]]
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


def stock_by_place() -> pd.DataFrame:
    """One row per place and year: ``place, kind, year, stock, population, stock_millions, share_pct``.

    ``stock`` is in persons; ``share_pct`` is the stock as a percentage of the
    population (blank where the population is not known).

    >>> t = stock_by_place(); int(t.query("place == 'World' and year == 2020")["stock"].iloc[0])
    280598105
    """
    return _stock_by_place().copy()


def places() -> list[str]:
    """Place names in menu order: the world, regions, sub-regions, then countries A to Z."""
    return list(dict.fromkeys(_stock_by_place()["place"]))


def additive_measures(name: str) -> list[str]:
    """The columns of dataset ``name`` whose unit adds up across countries (persons, dollars, cases)."""
    return [f["name"] for f in describe(name)["schema"]["fields"] if f.get("unit") in ADDITIVE_UNITS]


def regional_sums(name: str, measures: list[str] | None = None) -> pd.DataFrame:
    """Sums of a country-year table's measures by UN region and for the world, in long form.

    Columns ``un_region, year, measure, value``; the world first, then the regions
    A to Z. ``measures`` defaults to every additive column (:func:`additive_measures`).

    >>> t = regional_sums("migrant_stock")
    >>> int(t.query("un_region == 'World' and year == 2020 and measure == 'both_sexes'")["value"].item())
    280598105
    """
    table = load(name)
    measures = measures or additive_measures(name)
    regions = load("countries")[["iso3", "un_region"]]
    joined = table.merge(regions, on="iso3", how="left")
    parts = [joined.assign(un_region=WORLD), joined.dropna(subset=["un_region"])]
    stacked = pd.concat(parts).query("un_region != ''")
    summed = stacked.groupby(["un_region", "year"], as_index=False)[measures].sum(min_count=1)
    long = summed.melt(id_vars=["un_region", "year"], var_name="measure", value_name="value").dropna()
    order = [WORLD, *sorted(set(long["un_region"]) - {WORLD})]
    long["un_region"] = pd.Categorical(long["un_region"], order, ordered=True)
    long["measure"] = pd.Categorical(long["measure"], measures, ordered=True)
    long = long.sort_values(["un_region", "measure", "year"])
    return long.astype({"un_region": str, "measure": str}).reset_index(drop=True)

"""Views for Chapter 9 (population as power, money as power): base populations and capital flows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from migbook.data.loader import load
from migbook.data.places import country_names
from migbook.errors import MigbookError

FLOW_NAMES = {"remittances": "Remittances received", "fdi_in": "Foreign direct investment (net inflows)",
              "oda_net": "Net official development assistance"}
AGGREGATE_NAMES = {"LMY": "Low- and middle-income countries"}
BILLION = 1e9


def base_population(iso3: str, year: int) -> np.ndarray:
    """Both sexes by five-year group 0-4 ... 95-99 (thousands; 95-99 stands for 95+), WPP 2022."""
    table = load("population_age")
    rows = table[(table["iso3"] == iso3) & (table["year"] == year)].sort_values("age_lo")
    if rows.empty:
        raise MigbookError(f"no base population for {iso3} in {year} (have: "
                           f"{sorted(set(table['iso3']))} in {sorted(set(table['year']))})")
    return rows["population"].to_numpy(dtype=float)


def flows_long() -> pd.DataFrame:
    """Capital flows in long form: place name, year, flow name and US$ billions (blank cells dropped)."""
    table = load("capital_flows")
    names = {**country_names(), **AGGREGATE_NAMES}
    long = table.melt(id_vars=["iso3", "year"], value_vars=list(FLOW_NAMES), var_name="flow", value_name="usd")
    long = long.dropna(subset=["usd"])
    order = {code: i for i, code in enumerate(dict.fromkeys(table["iso3"]))}
    long = long.assign(place=long["iso3"].map(names), flow=long["flow"].map(FLOW_NAMES),
                       billions=(long["usd"] / BILLION).round(3), order=long["iso3"].map(order))
    return long.sort_values(["order", "flow", "year"]).drop(columns="order").reset_index(drop=True)


def remittance_share_of_gdp(iso3: str, year: int) -> float:
    """Remittances received as a percentage of GDP, from the capital_flows table."""
    table = load("capital_flows").set_index(["iso3", "year"])
    row = table.loc[(iso3, year)]
    if pd.isna(row["remittances"]) or pd.isna(row["gdp"]):
        raise MigbookError(f"remittances or GDP not reported for {iso3} in {year}")
    return float(100 * row["remittances"] / row["gdp"])

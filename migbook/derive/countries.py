"""The countries table: every code the other tables use, with its regions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import COCO, GDIVIZ, UNKNOWN_ORIGIN, ReconciliationError, undesa_stocks, wdi

# coco writes "America"; UN M49 calls the region "Americas".
UN_REGION_NAMES = {"America": "Americas"}
# The UN M49 hierarchy: each sub-region (or, in Africa and Latin America, intermediate region) belongs to one
# region. The region is read from here, not from coco's continent, which files some territories elsewhere
# (Christmas Island and the Cocos Islands under Asia, Heard Island, Bouvet Island and South Georgia under
# Antarctica). Antarctica (M49 010) belongs to no region; the table keeps it under its own name.
M49_REGIONS = {
    "Africa": ["Northern Africa", "Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa"],
    "Americas": ["Caribbean", "Central America", "South America", "Northern America"],
    "Asia": ["Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"],
    "Europe": ["Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"],
    "Oceania": ["Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"],
    "Antarctica": ["Antarctica"],
}
REGION_OF_SUBREGION = {sub: region for region, subs in M49_REGIONS.items() for sub in subs}
# Codes whose M49 sub-region coco leaves blank.
SUBREGION_FILLS = {"ANT": "Caribbean"}
# Codes the sources use for people rather than places. They are kept (no row is dropped
# for want of a country) and marked kind = "other", with no region.
SPECIAL_CODES = {
    UNKNOWN_ORIGIN: "Other or unknown origin (UN DESA)",
    "UNK": "Unknown origin (UNHCR)",
    "XXA": "Stateless (UNHCR)",
    "TIB": "Tibetan (UNHCR)",
}
# Groups of countries a table reports as a whole (World Bank income groups), kind = "aggregate".
AGGREGATE_CODES = {"LMY": "Low- and middle-income countries (World Bank)"}


def countries(sources: Path) -> pd.DataFrame:
    """Every current ISO 3166 code in coco, retired codes the data still use, the special and aggregate codes."""
    coco = pd.read_csv(sources / COCO / "country_data.tsv", sep="\t", keep_default_na=False, dtype=str)
    stocks, indicators = undesa_stocks(sources), wdi(sources)
    used = (set(stocks["to"]) | set(stocks["from"]) | set(indicators["iso"])) - set(SPECIAL_CODES)
    places = coco[(coco["obsolete"] == "") | coco["ISO3"].isin(used)]
    missing = used - set(places["ISO3"])
    if missing:
        raise ReconciliationError(f"countries: no classification for codes {sorted(missing)}")
    names = pd.read_csv(sources / GDIVIZ / "countrynames.csv", keep_default_na=False, dtype=str)
    places = places.merge(names[["iso3c", "region"]], left_on="ISO3", right_on="iso3c", how="left")
    subregion = places["UNregion"].mask(places["UNregion"] == "", places["ISO3"].map(SUBREGION_FILLS))
    unknown = set(subregion) - set(REGION_OF_SUBREGION)
    if unknown:
        raise ReconciliationError(f"countries: sub-regions not in the M49 hierarchy: {sorted(unknown)}")
    table = pd.DataFrame({
        "iso3": places["ISO3"],
        "name": places["name_short"],
        "kind": "place",
        "un_region": subregion.map(REGION_OF_SUBREGION),
        "un_subregion": subregion,
        "wb_region": places["region"].fillna(""),
    })
    special = pd.DataFrame({"iso3": list(SPECIAL_CODES), "name": list(SPECIAL_CODES.values()), "kind": "other",
                            "un_region": "", "un_subregion": "", "wb_region": ""})
    groups = pd.DataFrame({"iso3": list(AGGREGATE_CODES), "name": list(AGGREGATE_CODES.values()),
                           "kind": "aggregate", "un_region": "", "un_subregion": "", "wb_region": ""})
    return pd.concat([table, special, groups], ignore_index=True).sort_values("iso3").reset_index(drop=True)


TABLES = {"countries.csv": countries}

"""The countries table: every code the other tables use, with its regions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import COCO, GDIVIZ, UNKNOWN_ORIGIN, ReconciliationError, undesa_stocks, wdi

# coco writes "America"; UN M49 calls the region "Americas".
UN_REGION_NAMES = {"America": "Americas"}
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


def countries(sources: Path) -> pd.DataFrame:
    """Every current ISO 3166 code in coco, retired codes the data still use, and the special codes."""
    coco = pd.read_csv(sources / COCO / "country_data.tsv", sep="\t", keep_default_na=False, dtype=str)
    stocks, indicators = undesa_stocks(sources), wdi(sources)
    used = (set(stocks["to"]) | set(stocks["from"]) | set(indicators["iso"])) - set(SPECIAL_CODES)
    places = coco[(coco["obsolete"] == "") | coco["ISO3"].isin(used)]
    missing = used - set(places["ISO3"])
    if missing:
        raise ReconciliationError(f"countries: no classification for codes {sorted(missing)}")
    names = pd.read_csv(sources / GDIVIZ / "countrynames.csv", keep_default_na=False, dtype=str)
    places = places.merge(names[["iso3c", "region"]], left_on="ISO3", right_on="iso3c", how="left")
    table = pd.DataFrame({
        "iso3": places["ISO3"],
        "name": places["name_short"],
        "kind": "place",
        "un_region": places["continent"].replace(UN_REGION_NAMES),
        "un_subregion": places["UNregion"].mask(places["UNregion"] == "", places["ISO3"].map(SUBREGION_FILLS)),
        "wb_region": places["region"].fillna(""),
    })
    special = pd.DataFrame({"iso3": list(SPECIAL_CODES), "name": list(SPECIAL_CODES.values()), "kind": "other",
                            "un_region": "", "un_subregion": "", "wb_region": ""})
    return pd.concat([table, special], ignore_index=True).sort_values("iso3").reset_index(drop=True)


TABLES = {"countries.csv": countries}

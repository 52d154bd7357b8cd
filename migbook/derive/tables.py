"""One function per derived table: raw files in, tidy table out.

Every function checks that what it wrote reconciles with the raw input (no row
or total silently lost) and raises :class:`ReconciliationError` if not.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.errors import MigbookError

GDIVIZ = "iom-gdiviz"
COCO = "country-converter-classifications"

FIRST_YEAR, LAST_YEAR = 1990, 2022

# World Development Indicators codes in the gdiviz extract -> our column names.
WDI_COLUMNS = {
    "pop": "population",
    "income": "gdp_pc_ppp",
    "remin": "remittances_in",
    "remout": "remittances_out",
    "fdiin": "fdi_in",
    "fdiout": "fdi_out",
    "nmig": "net_migration",
}
INTEGER_COLUMNS = ("population", "net_migration")

# coco writes "America"; UN M49 calls the region "Americas".
UN_REGION_NAMES = {"America": "Americas"}
# Codes whose M49 sub-region coco leaves blank.
SUBREGION_FILLS = {"ANT": "Caribbean"}

UNKNOWN_ORIGIN = "XXX"  # UN DESA's "other or unknown" origin


class ReconciliationError(MigbookError):
    """A derived table does not add up to its raw source."""


def _read(path: Path, **kwargs: object) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""], **kwargs)


def _stocks(sources: Path) -> pd.DataFrame:
    return _read(sources / GDIVIZ / "undesa_ims2020_stocks_od.csv")


def _wdi(sources: Path) -> pd.DataFrame:
    return _read(sources / GDIVIZ / "wdi_indicators_1990_2023.csv")


def countries(sources: Path) -> pd.DataFrame:
    """Every code used by the stock and economy tables, with UN and World Bank regions."""
    stocks, wdi = _stocks(sources), _wdi(sources)
    codes = (set(stocks["to"]) | set(stocks["from"]) | set(wdi["iso"])) - {UNKNOWN_ORIGIN}
    coco = pd.read_csv(sources / COCO / "country_data.tsv", sep="\t", keep_default_na=False, dtype=str)
    names = pd.read_csv(sources / GDIVIZ / "countrynames.csv", keep_default_na=False, dtype=str)
    table = coco[coco["ISO3"].isin(codes)].merge(
        names[["iso3c", "region"]], left_on="ISO3", right_on="iso3c", how="left"
    )
    missing = codes - set(table["ISO3"])
    if missing:
        raise ReconciliationError(f"countries: no classification for codes {sorted(missing)}")
    out = pd.DataFrame({
        "iso3": table["ISO3"],
        "name": table["name_short"],
        "un_region": table["continent"].replace(UN_REGION_NAMES),
        "un_subregion": table["UNregion"].mask(table["UNregion"] == "", table["ISO3"].map(SUBREGION_FILLS)),
        "wb_region": table["region"].fillna(""),
    })
    return out.sort_values("iso3").reset_index(drop=True)


def migrant_stock(sources: Path) -> pd.DataFrame:
    """International migrant stock by country of destination and year, by sex (persons)."""
    raw = _stocks(sources)
    wide = raw.pivot_table(index=["to", "t"], columns="sex", values="v", aggfunc="sum", fill_value=0)
    out = pd.DataFrame({
        "iso3": wide.index.get_level_values("to"),
        "year": wide.index.get_level_values("t"),
        "both_sexes": (wide["Male"] + wide["Female"]).to_numpy(),
        "male": wide["Male"].to_numpy(),
        "female": wide["Female"].to_numpy(),
    }).sort_values(["iso3", "year"]).reset_index(drop=True)
    raw_by_year = raw.groupby("t")["v"].sum()
    out_by_year = out.groupby("year")["both_sexes"].sum()
    if not raw_by_year.equals(out_by_year.rename_axis("t")):
        raise ReconciliationError("migrant_stock: yearly totals differ from the raw UN DESA table")
    return out


def economy(sources: Path) -> pd.DataFrame:
    """Population, income, remittances, FDI and net migration by country and year (WDI)."""
    raw = _wdi(sources)
    raw = raw[raw["var"].isin(WDI_COLUMNS) & raw["t"].between(FIRST_YEAR, LAST_YEAR)]
    wide = raw.pivot(index=["iso", "t"], columns="var", values="v").rename(columns=WDI_COLUMNS)
    wide = wide.reindex(columns=list(WDI_COLUMNS.values()))
    for column in INTEGER_COLUMNS:
        wide[column] = wide[column].round().astype("Int64")
    out = wide.rename_axis(index={"iso": "iso3", "t": "year"}).reset_index()
    out = out.dropna(subset=list(WDI_COLUMNS.values()), how="all")
    out = out.sort_values(["iso3", "year"]).reset_index(drop=True)
    cells = out[list(WDI_COLUMNS.values())].notna().sum().sum()
    if cells != len(raw):
        raise ReconciliationError(f"economy: {len(raw)} raw values but {cells} derived cells")
    return out

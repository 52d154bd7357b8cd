"""Economy table: selected World Development Indicators by country and year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, wdi

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


def economy(sources: Path) -> pd.DataFrame:
    """Population, income, remittances, FDI and net migration by country and year (WDI)."""
    raw = wdi(sources)
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


TABLES = {"economy.csv": economy}

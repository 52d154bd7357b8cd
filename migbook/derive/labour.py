"""Unemployment table: the World Bank's unemployment rate (ILO modelled estimate) by country and year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, wdi

FIRST_YEAR, LAST_YEAR = 1991, 2023
WDI_CODE = "unem"  # SL.UEM.TOTL.ZS in the gdiviz extract


def unemployment(sources: Path) -> pd.DataFrame:
    """Unemployment, per cent of the labour force, by country and year (WDI, ILO modelled estimates).

    Chapter 6's responsibility-sharing key weighs it, as the European Commission's 2015 key did.
    """
    raw = wdi(sources)
    raw = raw[(raw["var"] == WDI_CODE) & raw["t"].between(FIRST_YEAR, LAST_YEAR) & raw["v"].notna()]
    out = raw.rename(columns={"iso": "iso3", "t": "year", "v": "unemployment_pct"})
    out = out[["iso3", "year", "unemployment_pct"]].sort_values(["iso3", "year"]).reset_index(drop=True)
    if out.duplicated(["iso3", "year"]).any():
        raise ReconciliationError("unemployment: more than one raw value for a country and year")
    if len(out) != len(raw) or abs(out["unemployment_pct"].sum() - raw["v"].sum()) > 1e-6:
        raise ReconciliationError(f"unemployment: {len(raw)} raw values but {len(out)} rows")
    return out


TABLES = {"unemployment.csv": unemployment}

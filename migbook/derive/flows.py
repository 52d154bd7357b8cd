"""Remittances, foreign direct investment and net official aid received, 1990-2022 (WDI, Jan 2025).

From the World Development Indicators extract in ``wdi-oda-2025`` (vintage 2025-01-28), for
the countries Chapter 9 discusses and the low- and middle-income aggregate. Values in current
US$, rounded to the precision the file holds (about 7 significant digits: some series were
stored in single precision). A remittance of exactly zero is read as not reported, as the
source's notes advise (Eritrea reports only 1998-2000, for example), and left blank; negative aid or
investment (repayments, disinvestment) is kept.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv

FOLDER = "wdi-oda-2025"
FILE = "wdi_oda_remittances_fdi_1990_2023.csv"
FIRST_YEAR, LAST_YEAR = 1990, 2022
# The seed's 2000 examples first, then the other countries the chapter names, then the aggregate.
CODES = ("SLV", "ERI", "JAM", "JOR", "NIC", "YEM", "MAR", "EGY", "TUN", "NGA", "ZAF", "ARM", "PHL",
         "MEX", "IND", "LMY")
COLUMNS = {
    "Personal remittances, received (current US$)": "remittances",
    "Foreign direct investment, net inflows (BoP, current US$)": "fdi_in",
    "Net official development assistance received (current US$)": "oda_net",
    "GDP (current US$)": "gdp",
}
SIGNIFICANT = 7


def _round(values: pd.Series) -> pd.Series:
    """Round to SIGNIFICANT digits (the file's float32 noise removed), whole dollars at most."""
    v = values.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        digits = SIGNIFICANT - 1 - np.floor(np.log10(np.abs(v)))
    step = np.where(np.isfinite(digits), 10.0 ** np.maximum(-digits, 0), 1.0)
    return pd.Series(np.round(v / step) * step, index=values.index)


def capital_flows(sources: Path) -> pd.DataFrame:
    """One row per country and year: remittances, FDI net inflows, net ODA received and GDP, US$."""
    raw = read_csv(sources / FOLDER / FILE)
    rows = raw[raw["Country Code"].isin(CODES) & raw["Year"].between(FIRST_YEAR, LAST_YEAR)]
    out = rows[["Country Code", "Year", *COLUMNS]].rename(columns={"Country Code": "iso3", "Year": "year", **COLUMNS})
    reported_zero = int((out["remittances"] == 0).sum())
    out["remittances"] = out["remittances"].where(out["remittances"] != 0)
    for column in COLUMNS.values():
        out[column] = _round(out[column])
    out = out.dropna(subset=list(COLUMNS.values()), how="all")
    out["order"] = out["iso3"].map({code: i for i, code in enumerate(CODES)})
    out = out.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True)
    if set(out["iso3"]) != set(CODES):
        raise ReconciliationError(f"capital_flows: codes missing from the raw file: {set(CODES) - set(out['iso3'])}")
    cells = int(out[list(COLUMNS.values())].notna().sum().sum())
    raw_cells = int(rows[list(COLUMNS)].notna().sum().sum()) - reported_zero
    if cells != raw_cells:
        raise ReconciliationError(f"capital_flows: {raw_cells} raw values but {cells} derived cells")
    return out


TABLES = {"capital_flows.csv": capital_flows}

"""Citizenship rules in force on 1 January 2020: the GLOBALCIT Citizenship Law Dataset v1.0, country-year file.

``citizenship_rules`` keeps, for each of the 190 states, the provisions the book uses
(descent, *jus soli*, double *jus soli*, residence-based naturalisation and its
years, dual citizenship) as words, with GLOBALCIT's codes beside them. The code
meanings follow Maarten Vink's replication scripts for Vink (2022), from which the
raw file comes (``Vink2022_WP_dataviz.R``, ``citrix_global_dataprep.R``); see
``data/datapackage.json`` for each column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv
from migbook.derive.countries import countries

GLOBALCIT = "globalcit-citizenship-law"
RAW_FILE = "raw/data_v1.0_country-year.csv"
YEAR = 2020
NOT_APPLICABLE = 99  # GLOBALCIT's code where a mode has no provision to describe

# A01a: descent, child born in the country.
DESCENT = {0: "no provision", 1: "generally applicable", 2: "dual citizenship restriction",
           3: "wedlock restriction", 4: "gender restriction", 5: "group restriction"}
# A02a: birth in the country (jus soli).
JUS_SOLI = {0: "none", 1: "unconditional", 2: "conditional on parental residence", 3: "group or other restriction"}
# A02b: birth in the country to a parent also born there (double jus soli).
DOUBLE_JUS_SOLI = {0: "none", 1: "generally applicable", 2: "only if the father was born in the country",
                   3: "generally applicable", 4: "group restriction"}
# dualcit_comb: A06b (renunciation on naturalisation) combined with L05 (loss on naturalising abroad).
DUAL = {0: "not accepted", 1: "only for citizens naturalising abroad", 2: "only for immigrants naturalising",
        3: "fully accepted"}
RAW_COLUMNS = ["iso3", "country", "region", "year", "A01a_cat", "A02a_cat", "A02b_cat", "A06_cat", "A06a_yrs",
               "dualcit_comb"]
COLUMNS = ["iso3", "country", "region", "year", "descent", "jus_soli", "double_jus_soli", "residence_years",
           "dual_citizenship", "jus_soli_code", "double_jus_soli_code", "dual_code"]


def read_globalcit(sources: Path) -> pd.DataFrame:
    """The raw country-year file; "NA" in ``A06a_yrs`` (one row) means not applicable, like 99."""
    return read_csv(sources / GLOBALCIT / RAW_FILE, dtype={"A06a_yrs": str})


def residence_years(raw: pd.DataFrame) -> pd.Series:
    """Years of residence for naturalisation; blank where there is no residence-based route (A06 = 0)."""
    years = pd.to_numeric(raw["A06a_yrs"].replace("NA", str(NOT_APPLICABLE)), errors="raise")
    unexplained = (years == NOT_APPLICABLE) != (raw["A06_cat"] == 0)
    if unexplained.any():
        raise ReconciliationError(f"citizenship_rules: A06a_yrs is 99 without A06 = 0 (or the reverse) for "
                                  f"{sorted(raw.loc[unexplained, 'iso3'])}")
    return years.where(years != NOT_APPLICABLE).astype("Int64")


def label(raw: pd.DataFrame, column: str, words: dict[int, str]) -> pd.Series:
    """A code column as words; a code outside ``words`` stops the derivation."""
    unknown = set(raw[column]) - set(words)
    if unknown:
        raise ReconciliationError(f"citizenship_rules: {column} has codes {sorted(unknown)} not in the codebook map")
    return raw[column].map(words)


def citizenship_rules(sources: Path) -> pd.DataFrame:
    """One row per state: its rules on descent, birth, naturalisation and dual citizenship on 1 January 2020."""
    raw = read_globalcit(sources)[RAW_COLUMNS]
    if set(raw["year"]) != {YEAR} or raw["iso3"].duplicated().any():
        raise ReconciliationError("citizenship_rules: expected one row per state, all for 2020")
    unknown = set(raw["iso3"]) - set(countries(sources)["iso3"])
    if unknown:
        raise ReconciliationError(f"citizenship_rules: codes not in the countries table: {sorted(unknown)}")
    out = pd.DataFrame({
        "iso3": raw["iso3"], "country": raw["country"], "region": raw["region"], "year": raw["year"],
        "descent": label(raw, "A01a_cat", DESCENT),
        "jus_soli": label(raw, "A02a_cat", JUS_SOLI),
        "double_jus_soli": label(raw, "A02b_cat", DOUBLE_JUS_SOLI),
        "residence_years": residence_years(raw),
        "dual_citizenship": label(raw, "dualcit_comb", DUAL),
        "jus_soli_code": raw["A02a_cat"], "double_jus_soli_code": raw["A02b_cat"], "dual_code": raw["dualcit_comb"],
    })
    if not set(raw["A06_cat"]) <= {0, 1}:
        raise ReconciliationError("citizenship_rules: A06_cat outside 0 (no residence route) and 1")
    return out[COLUMNS].sort_values("iso3").reset_index(drop=True)


TABLES = {"citizenship_rules.csv": citizenship_rules}

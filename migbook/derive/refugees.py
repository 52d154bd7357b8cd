"""Refugee and asylum tables (UNHCR Refugee Population Statistics, through the `refugees` R package).

The raw population table is origin x asylum x year; the book needs it by one side at a time,
so it is summed over the other side. Asylum applications mix persons and cases and several
stages of the procedure; they are summed by unit (never persons + cases) and by stage.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv

UNHCR = "unhcr-refugees"

# The end-year stocks carried over from population.csv (hst, host community members, is not).
MEASURES = ["refugees", "asylum_seekers", "returned_refugees", "idps", "returned_idps", "stateless", "ooc", "oip"]

# Decision level (dec_level) -> stage of the procedure the application was lodged at.
# FI first instance; NA new applications (the package's own gloss; Germany to 2020, Ethiopia, UAE);
# EO and IN the United States' two first-instance channels (immigration courts, EOIR; USCIS, formerly INS);
# TA temporary asylum (Russia); AR administrative review; JR judicial review;
# RA repeat or reopened applications; FA first instance and appeal reported together; SP (Ireland, Belgium).
STAGES = {
    "FI": "first_instance", "NA": "first_instance", "EO": "first_instance", "IN": "first_instance",
    "TA": "first_instance",
    "AR": "appeal", "JR": "appeal",
    "RA": "other", "FA": "other", "SP": "other",
}
UNITS = {"P": "persons", "C": "cases"}
APPLICATION_COLUMNS = [f"{stage}_{unit}" for stage in ("applications", "first_instance", "appeal")
                       for unit in UNITS.values()]


def population(sources: Path) -> pd.DataFrame:
    """UNHCR end-year stocks, origin x asylum x year (blank = NA in the source)."""
    return read_csv(sources / UNHCR / "population.csv")


def applications(sources: Path) -> pd.DataFrame:
    """UNHCR asylum applications lodged, origin x asylum x year x procedure x stage x unit."""
    return read_csv(sources / UNHCR / "asylum_applications.csv")


def _stocks_by(raw: pd.DataFrame, code: str) -> pd.DataFrame:
    """Sum the measures over the other country; a measure no row reports stays blank."""
    summed = raw.groupby([code, "year"])[MEASURES].sum(min_count=1).astype("Int64")
    for column in MEASURES:
        if not summed[column].isna().any():
            summed[column] = summed[column].astype("int64")
    out = summed.rename_axis(index={code: "iso3"}).reset_index()
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def _check_stocks(raw: pd.DataFrame, out: pd.DataFrame, code: str, name: str) -> None:
    """Every measure's world total by year, and the set of country-years, equal the raw table's."""
    for column in MEASURES:
        want = raw.groupby("year")[column].sum(min_count=1).astype("Int64")
        got = out.groupby("year")[column].sum(min_count=1).astype("Int64")
        if not want.equals(got):
            raise ReconciliationError(f"{name}: yearly totals of {column} differ from the raw UNHCR table")
    pairs = set(zip(raw[code], raw["year"], strict=True))
    if len(out) != len(pairs) or pairs != set(zip(out["iso3"], out["year"], strict=True)):
        raise ReconciliationError(f"{name}: country-years differ from the raw UNHCR table")


def refugees_by_asylum(sources: Path) -> pd.DataFrame:
    """Refugees and other people of concern to UNHCR by country of asylum and year (end of year)."""
    raw = population(sources)
    out = _stocks_by(raw, "coa_iso")
    _check_stocks(raw, out, "coa_iso", "refugees_by_asylum")
    return out


def refugees_by_origin(sources: Path) -> pd.DataFrame:
    """Refugees and other people of concern to UNHCR by country of origin and year (end of year)."""
    raw = population(sources)
    out = _stocks_by(raw, "coo_iso")
    _check_stocks(raw, out, "coo_iso", "refugees_by_origin")
    return out


def _classified(raw: pd.DataFrame) -> pd.DataFrame:
    """Add stage and unit; an unknown decision level or unit is an error, not a silent drop."""
    unknown = (set(raw["dec_level"]) - set(STAGES)) | (set(raw["app_pc"]) - set(UNITS))
    if unknown:
        raise ReconciliationError(f"asylum_applications: unclassified dec_level or app_pc codes {sorted(unknown)}")
    return raw.assign(stage=raw["dec_level"].map(STAGES), unit=raw["app_pc"].map(UNITS))


def _applications_by(raw: pd.DataFrame, code: str) -> pd.DataFrame:
    """Applications by country, year and unit: all stages, first instance, appeal (blank = no source row)."""
    rows = _classified(raw)
    total = rows.assign(stage="applications")
    both = pd.concat([total, rows[rows["stage"] != "other"]], ignore_index=True)
    both["column"] = both["stage"] + "_" + both["unit"]
    wide = both.pivot_table(index=[code, "year"], columns="column", values="applied", aggfunc="sum")
    wide = wide.reindex(columns=APPLICATION_COLUMNS).astype("Int64").rename_axis(columns=None)
    out = wide.rename_axis(index={code: "iso3"}).reset_index()
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def _check_applications(raw: pd.DataFrame, out: pd.DataFrame, name: str) -> None:
    """Yearly totals by unit and stage equal the raw sums; stages never exceed the total."""
    rows = _classified(raw)
    for unit in UNITS.values():
        of_unit = rows[rows["unit"] == unit]
        for stage in ("applications", "first_instance", "appeal"):
            chosen = of_unit if stage == "applications" else of_unit[of_unit["stage"] == stage]
            want = chosen.groupby("year")["applied"].sum().reindex(range(raw["year"].min(), raw["year"].max() + 1),
                                                                    fill_value=0)
            got = out.groupby("year")[f"{stage}_{unit}"].sum().reindex(want.index, fill_value=0)
            if not (want.to_numpy() == got.to_numpy()).all():
                raise ReconciliationError(f"{name}: yearly {stage}_{unit} differ from the raw UNHCR table")
        parts = out[f"first_instance_{unit}"].fillna(0) + out[f"appeal_{unit}"].fillna(0)
        if (parts > out[f"applications_{unit}"].fillna(0)).any():
            raise ReconciliationError(f"{name}: first instance + appeal exceed all {unit} applications")


def asylum_applications(sources: Path) -> pd.DataFrame:
    """Asylum applications lodged by country of asylum and year, persons and cases apart."""
    raw = applications(sources)
    out = _applications_by(raw, "coa_iso")
    _check_applications(raw, out, "asylum_applications")
    return out


def asylum_applications_by_origin(sources: Path) -> pd.DataFrame:
    """Asylum applications lodged by country of origin and year, persons and cases apart."""
    raw = applications(sources)
    out = _applications_by(raw, "coo_iso")
    _check_applications(raw, out, "asylum_applications_by_origin")
    return out


TABLES = {
    "refugees_by_asylum.csv": refugees_by_asylum,
    "refugees_by_origin.csv": refugees_by_origin,
    "asylum_applications.csv": asylum_applications,
    "asylum_applications_by_origin.csv": asylum_applications_by_origin,
}

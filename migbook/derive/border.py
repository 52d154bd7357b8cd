"""Border enforcement and migrant deaths: US Border Patrol statistics and IOM Missing Migrants.

``border_patrol`` puts CBP's published yearly totals side by side (apprehensions,
south-west border deaths, agents), one row per US fiscal year. ``missing_migrants``
and ``missing_migrants_routes`` sum IOM's incident records of dead and missing
migrants by region of incident and by migration route, per calendar year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import GDIVIZ, ReconciliationError, read_csv
from migbook.derive.countries import countries

CBP = "cbp-border-patrol"
MMP_FILE = "missing_migrants_incidents_2014_2024.csv"
UNKNOWN = "unknown"  # explicit label for a blank region or route: no record is dropped

# Sectors in the staffing file, by the border-region total row CBP lists them under.
SOUTHWEST_SECTORS = ("big bend", "del rio", "el centro", "el paso", "laredo", "rio grande valley",
                     "san diego", "tucson", "yuma")
NORTHERN_SECTORS = ("blaine", "buffalo", "detroit", "grand forks", "havre", "houlton", "spokane", "swanton")
# Livermore (an interior California sector, closed after FY2004) is counted in CBP's coastal total.
COASTAL_SECTORS = ("livermore", "miami", "new orleans", "ramey")
# First fiscal year in which CBP's south-west agent total exceeds the sum of its nine sectors.
SOUTHWEST_AGENT_GAP_FROM = 2010

SOUTHWEST_TOTAL = "southwest border"
STAFFING_TOTALS = {
    "nationwide total": "agents_nationwide",
    SOUTHWEST_TOTAL: "agents_southwest",
    "northern border": "agents_northern",
    "coastal border": "agents_coastal",
}
BORDER_PATROL_COLUMNS = ["apprehensions_nationwide", "apprehensions_southwest", "deaths_southwest",
                         "agents_nationwide", "agents_southwest", "agents_northern", "agents_coastal"]


# --- US Border Patrol ----------------------------------------------------------------

def read_cbp(sources: Path, name: str) -> pd.DataFrame:
    """A cleaned CBP file; "NA" there means no figure (a closed sector), never a country code."""
    return pd.read_csv(sources / CBP / name, keep_default_na=False, na_values=["", "NA"])


def by_sector(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """Sector-by-year file as a fiscal_year x sector table."""
    return frame.pivot(index="fiscal_year", columns="sector", values=value)


def check_sector_sums(name: str, wide: pd.DataFrame, sectors: tuple[str, ...], total: str) -> None:
    """Raise unless the total row equals the sum of its sectors in every year."""
    gap = wide[total] - wide[list(sectors)].sum(axis=1, min_count=1)
    years = list(gap[gap != 0].index)
    if years:
        raise ReconciliationError(f"border_patrol: {name} '{total}' differs from its sectors in {years}")


def check_staffing(staffing: pd.DataFrame) -> None:
    """Check how the staffing file's total rows relate to its 21 sectors (see the derivation text).

    Northern and coastal totals are exact sector sums; the south-west total is too until FY2009
    and exceeds it from FY2010; the nationwide total exceeds the three border totals every year
    (agents outside the border sectors).
    """
    known = set(SOUTHWEST_SECTORS + NORTHERN_SECTORS + COASTAL_SECTORS + tuple(STAFFING_TOTALS))
    if set(staffing.columns) != known:
        raise ReconciliationError(f"border_patrol: staffing sectors changed: {sorted(set(staffing.columns) ^ known)}")
    check_sector_sums("staffing", staffing, NORTHERN_SECTORS, "northern border")
    check_sector_sums("staffing", staffing, COASTAL_SECTORS, "coastal border")
    early = staffing.loc[staffing.index < SOUTHWEST_AGENT_GAP_FROM]
    check_sector_sums("staffing", early, SOUTHWEST_SECTORS, SOUTHWEST_TOTAL)
    late_gap = staffing[SOUTHWEST_TOTAL] - staffing[list(SOUTHWEST_SECTORS)].sum(axis=1)
    if (late_gap < 0).any():
        raise ReconciliationError("border_patrol: south-west agent total below the sum of its sectors")
    regions = staffing[["southwest border", "northern border", "coastal border"]].sum(axis=1)
    if (staffing["nationwide total"] <= regions).any():
        raise ReconciliationError("border_patrol: nationwide agents not above the three border totals")


def cbp_series(sources: Path) -> dict[str, pd.Series]:
    """Each published yearly series, indexed by fiscal year, after checking totals against sectors."""
    nationwide = read_cbp(sources, "nationwide_total_apprehensions_1925_2019.csv")
    southwest = by_sector(read_cbp(sources, "southwest_border_apprehensions_1960_2019.csv"), "total_apprehensions")
    deaths = by_sector(read_cbp(sources, "southwest_border_deaths_1998_2019.csv"), "deaths")
    staffing = by_sector(read_cbp(sources, "border_patrol_staffing_1992_2019.csv"), "number_of_agents")
    check_sector_sums("apprehensions", southwest, SOUTHWEST_SECTORS, SOUTHWEST_TOTAL)
    check_sector_sums("deaths", deaths, SOUTHWEST_SECTORS, SOUTHWEST_TOTAL)
    check_staffing(staffing)
    series = {
        "apprehensions_nationwide": nationwide.set_index("fiscal_year")["total_apprehensions"],
        "apprehensions_southwest": southwest[SOUTHWEST_TOTAL],
        "deaths_southwest": deaths[SOUTHWEST_TOTAL],
    }
    series.update({column: staffing[row] for row, column in STAFFING_TOTALS.items()})
    return series


def border_patrol(sources: Path) -> pd.DataFrame:
    """Apprehensions, south-west border deaths and agents by US fiscal year (FY1925-2019)."""
    series = cbp_series(sources)
    out = pd.DataFrame(series).reindex(columns=BORDER_PATROL_COLUMNS).astype("Int64").sort_index()
    out = out.rename_axis("fiscal_year").reset_index()
    for column, raw in series.items():
        derived = out.set_index("fiscal_year")[column].dropna().astype("int64")
        expected = raw.dropna().astype("int64").sort_index().rename(column).rename_axis("fiscal_year")
        if not derived.equals(expected):
            raise ReconciliationError(f"border_patrol: {column} differs from the raw CBP series")
    return out


# --- IOM Missing Migrants Project ---------------------------------------------------------

def missing_migrant_records(sources: Path) -> pd.DataFrame:
    """IOM MMP records (gdiviz) with calendar year, UN region and sub-region of the incident country."""
    return classify_records(read_csv(sources / GDIVIZ / MMP_FILE), countries(sources))


def classify_records(raw: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Add year, UN region and sub-region (from ``places``, the countries table) and an explicit route.

    A record whose incident country has no code is kept with region "unknown", as is a blank route;
    a code that is not in the countries table stops the derivation. Year is blank where the record
    has no date.
    """
    places = places.set_index("iso3")
    coded = raw["location"].notna()
    unclassified = set(raw.loc[coded, "location"]) - set(places.index)
    if unclassified:
        raise ReconciliationError(f"missing_migrants: incident countries not in countries: {sorted(unclassified)}")
    region = raw["location"].map(places["un_region"].replace("", None))
    subregion = raw["location"].map(places["un_subregion"].replace("", None))
    return raw.assign(
        year=pd.to_numeric(raw["date"].str[:4], errors="raise").astype("Int64"),
        un_region=region.fillna(UNKNOWN),
        un_subregion=subregion.fillna(UNKNOWN),
        route=raw["route"].fillna(UNKNOWN),
    )


def dead_and_missing(records: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Dead and missing persons summed by ``keys`` (blank year kept as its own group)."""
    wide = records.groupby([*keys, "count"], dropna=False)["v"].sum().unstack("count", fill_value=0)
    wide = wide.reindex(columns=["Dead", "Missing"], fill_value=0)
    out = wide.rename(columns={"Dead": "dead", "Missing": "missing"}).reset_index()
    out = out.rename_axis(columns=None).astype({"dead": "int64", "missing": "int64"})
    return out.sort_values(keys, na_position="last").reset_index(drop=True)


def yearly_dead_and_missing(records: pd.DataFrame) -> pd.DataFrame:
    """Raw dead and missing per year (blank year last), columns dead and missing."""
    by_year = records.groupby(["year", "count"], dropna=False)["v"].sum().unstack("count", fill_value=0)
    by_year = by_year.reindex(columns=["Dead", "Missing"], fill_value=0).astype("int64")
    return by_year.set_axis(["dead", "missing"], axis=1)


def check_mmp_totals(name: str, records: pd.DataFrame, out: pd.DataFrame) -> None:
    """Raise unless dead and missing, per year and so overall, equal the raw sums."""
    derived = out.groupby("year", dropna=False)[["dead", "missing"]].sum().astype("int64")
    if not derived.equals(yearly_dead_and_missing(records)):
        raise ReconciliationError(f"{name}: yearly dead or missing totals differ from the raw MMP records")


def missing_migrants(sources: Path) -> pd.DataFrame:
    """Dead and missing migrants by UN region and sub-region of the incident, per calendar year."""
    records = missing_migrant_records(sources)
    out = dead_and_missing(records, ["un_region", "un_subregion", "year"])
    check_mmp_totals("missing_migrants", records, out)
    return out


def missing_migrants_routes(sources: Path) -> pd.DataFrame:
    """Dead and missing migrants by MMP migration route ("unknown" where blank), per calendar year."""
    records = missing_migrant_records(sources)
    out = dead_and_missing(records, ["route", "year"])
    check_mmp_totals("missing_migrants_routes", records, out)
    return out


TABLES = {
    "border_patrol.csv": border_patrol,
    "missing_migrants.csv": missing_migrants,
    "missing_migrants_routes.csv": missing_migrants_routes,
}

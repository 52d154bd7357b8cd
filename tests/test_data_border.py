"""Border enforcement and migrant deaths: the tables equal CBP's and IOM's raw figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.data import load_from
from migbook.derive import border
from migbook.derive.common import ReconciliationError, read_csv
from migbook.paths import DATA_DIR

CBP_DIR = "cbp-border-patrol"
MMP_PATH = ("iom-gdiviz", "missing_migrants_incidents_2014_2024.csv")


@pytest.fixture(scope="module")
def patrol() -> pd.DataFrame:
    return data.load("border_patrol").set_index("fiscal_year")


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    return data.load("missing_migrants")


@pytest.fixture(scope="module")
def routes() -> pd.DataFrame:
    return data.load("missing_migrants_routes")


@pytest.fixture(scope="module")
def mmp(raw_sources: Path) -> pd.DataFrame:
    return read_csv(raw_sources.joinpath(*MMP_PATH))


def cbp(raw_sources: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(raw_sources / CBP_DIR / name, keep_default_na=False, na_values=["", "NA"])


def total_row(frame: pd.DataFrame, sector: str, value: str) -> pd.Series:
    return frame[frame["sector"] == sector].set_index("fiscal_year")[value].sort_index()


# --- border_patrol ---------------------------------------------------------------------

def test_border_patrol_keys_and_coverage(patrol: pd.DataFrame) -> None:
    assert list(patrol.index) == list(range(1925, 2020))
    spans = {"apprehensions_nationwide": (1925, 2019), "apprehensions_southwest": (1960, 2019),
             "deaths_southwest": (1998, 2019), "agents_nationwide": (1992, 2019), "agents_southwest": (1992, 2019)}
    for column, (first, last) in spans.items():
        present = patrol[column].dropna().index
        assert (present.min(), present.max(), len(present)) == (first, last, last - first + 1), column
    fields = {f["name"]: f for f in data.describe("border_patrol")["schema"]["fields"]}
    assert fields["deaths_southwest"]["unit"] == "persons" and fields["agents_southwest"]["unit"] == "persons"
    assert fields["apprehensions_southwest"]["unit"] == "apprehensions"


SOUTHWEST_APPREHENSIONS = "southwest_border_apprehensions_1960_2019.csv"


@pytest.mark.parametrize(("column", "file", "sector", "value"), [
    ("apprehensions_southwest", SOUTHWEST_APPREHENSIONS, "southwest border", "total_apprehensions"),
    ("deaths_southwest", "southwest_border_deaths_1998_2019.csv", "southwest border", "deaths"),
    ("agents_nationwide", "border_patrol_staffing_1992_2019.csv", "nationwide total", "number_of_agents"),
    ("agents_southwest", "border_patrol_staffing_1992_2019.csv", "southwest border", "number_of_agents"),
    ("agents_northern", "border_patrol_staffing_1992_2019.csv", "northern border", "number_of_agents"),
    ("agents_coastal", "border_patrol_staffing_1992_2019.csv", "coastal border", "number_of_agents"),
])
def test_border_patrol_series_equal_raw_total_rows(raw_sources: Path, patrol: pd.DataFrame,
                                                   column: str, file: str, sector: str, value: str) -> None:
    raw = total_row(cbp(raw_sources, file), sector, value).astype("int64")
    assert patrol[column].dropna().astype("int64").to_dict() == raw.to_dict()


def test_nationwide_apprehensions_equal_raw(raw_sources: Path, patrol: pd.DataFrame) -> None:
    raw = cbp(raw_sources, "nationwide_total_apprehensions_1925_2019.csv").set_index("fiscal_year")
    assert patrol["apprehensions_nationwide"].astype("int64").to_dict() == raw["total_apprehensions"].to_dict()
    assert patrol.loc[2019, "apprehensions_nationwide"] == 859_501
    assert patrol.loc[2000, "apprehensions_southwest"] == 1_643_679


def test_staffing_totals_against_sector_sums(raw_sources: Path) -> None:
    staffing = border.by_sector(cbp(raw_sources, "border_patrol_staffing_1992_2019.csv"), "number_of_agents")
    sw_gap = staffing["southwest border"] - staffing[list(border.SOUTHWEST_SECTORS)].sum(axis=1)
    assert (sw_gap.loc[:2009] == 0).all()
    assert (sw_gap.loc[2010:].min(), sw_gap.loc[2010:].max()) == (47, 129)
    assert (staffing["northern border"] == staffing[list(border.NORTHERN_SECTORS)].sum(axis=1)).all()
    assert (staffing["coastal border"] == staffing[list(border.COASTAL_SECTORS)].sum(axis=1)).all()
    regions = staffing[["southwest border", "northern border", "coastal border"]].sum(axis=1)
    outside = staffing["nationwide total"] - regions
    assert (outside.min(), outside.max()) == (64, 602)


def test_staffing_check_refuses_a_changed_total(raw_sources: Path) -> None:
    staffing = border.by_sector(cbp(raw_sources, "border_patrol_staffing_1992_2019.csv"), "number_of_agents")
    staffing.loc[1995, "northern border"] += 1
    with pytest.raises(ReconciliationError, match="northern border"):
        border.check_staffing(staffing)


def test_adamson_figures_what_the_data_give(patrol: pd.DataFrame) -> None:
    """Adamson (2006): ~1,700 deaths late 1990s, +400 % 1996-2000, agents doubled since 1993.

    The data start in FY1998 (deaths), so 1996 cannot be checked; these are the data's own figures.
    """
    deaths = patrol["deaths_southwest"]
    assert deaths.loc[1998:2000].tolist() == [263, 249, 380]
    assert deaths.loc[1998:2000].sum() == 892
    assert deaths.loc[1998:2003].sum() == 1_890
    assert round(deaths[2000] / deaths[1998] - 1, 3) == 0.445
    agents, southwest = patrol["agents_nationwide"], patrol["agents_southwest"]
    assert (agents[1993], agents[2004]) == (4_028, 10_819)
    assert round(agents[2004] / agents[1993], 2) == 2.69
    assert (southwest[1993], southwest[2004]) == (3_444, 9_506)
    assert round(southwest[2004] / southwest[1993], 2) == 2.76


# --- missing_migrants ----------------------------------------------------------------------

def test_regions_reconcile_with_raw(mmp: pd.DataFrame, regions: pd.DataFrame) -> None:
    raw = mmp.groupby("count")["v"].sum()
    assert regions["dead"].sum() == raw["Dead"] == 37_662
    assert regions["missing"].sum() == raw["Missing"] == 27_313
    raw_years = mmp.assign(year=mmp["date"].str[:4]).groupby("year")["v"].sum()
    derived = regions.dropna(subset=["year"]).groupby("year")[["dead", "missing"]].sum().sum(axis=1)
    assert derived.to_dict() == {int(y): v for y, v in raw_years.items()}
    undated = mmp[mmp["date"].isna()]
    assert (len(undated), undated["v"].sum()) == (15, 16)
    assert regions[regions["year"].isna()][["dead", "missing"]].sum().sum() == 16


def test_regions_cover_every_incident_country(mmp: pd.DataFrame, regions: pd.DataFrame) -> None:
    countries = load_from("countries", DATA_DIR).set_index("iso3")
    by_region = mmp.groupby(mmp["location"].map(countries["un_region"]).fillna(border.UNKNOWN))["v"].sum()
    derived = regions.groupby("un_region")[["dead", "missing"]].sum().sum(axis=1)
    assert derived.to_dict() == by_region.to_dict()
    assert regions.query("un_subregion == 'Northern Africa' and year == 2016")["dead"].item() > 0
    assert set(regions["year"].dropna()) == set(range(2014, 2025))
    assert not regions.duplicated(["un_region", "un_subregion", "year"]).any()


def test_uncoded_location_goes_to_unknown_region() -> None:
    places = pd.DataFrame({"iso3": ["MEX"], "un_region": ["Americas"], "un_subregion": ["Central America"]})
    raw = pd.DataFrame({"location": ["MEX", None], "date": ["2020-01-02", "2021-03-04"], "route": [None, "X"],
                        "count": ["Dead", "Missing"], "v": [2, 5]})
    records = border.classify_records(raw, places)
    out = border.dead_and_missing(records, ["un_region", "un_subregion", "year"])
    assert out.to_dict("list") == {"un_region": ["Americas", "unknown"], "un_subregion": ["Central America", "unknown"],
                                   "year": [2020, 2021], "dead": [2, 0], "missing": [0, 5]}
    assert records["route"].tolist() == ["unknown", "X"]
    with pytest.raises(ReconciliationError, match="ZZZ"):
        border.classify_records(raw.assign(location=["ZZZ", None]), places)


def test_routes_reconcile_with_raw(mmp: pd.DataFrame, routes: pd.DataFrame) -> None:
    assert (routes["dead"].sum(), routes["missing"].sum()) == (37_662, 27_313)
    raw = mmp.assign(route=mmp["route"].fillna("unknown")).groupby("route")["v"].sum()
    assert routes.groupby("route")[["dead", "missing"]].sum().sum(axis=1).to_dict() == raw.to_dict()
    assert raw["unknown"] == mmp.loc[mmp["route"].isna(), "v"].sum()
    assert routes["route"].nunique() == 28
    assert not routes.duplicated(["route", "year"]).any()


def test_builders_reproduce_the_committed_tables(raw_sources: Path) -> None:
    for name, build in border.TABLES.items():
        committed = pd.read_csv(DATA_DIR / name, keep_default_na=False, na_values=[""], dtype=str)
        built = build(raw_sources).astype("string").fillna("")
        assert built.astype(str).to_dict("list") == committed.fillna("").to_dict("list"), name

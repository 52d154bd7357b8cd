"""Chapter 9's tables: population by age (WPP 2022), capital flows (WDI, January 2025) and the UN's
replacement scenarios (2000), reconciled with their raw files, and the views built on them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from migbook import data
from migbook.derive import ageing, flows
from migbook.derive.common import read_csv
from migbook.errors import MigbookError


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return data.load("population_age")


@pytest.fixture(scope="module")
def capital() -> pd.DataFrame:
    return data.load("capital_flows")


# --- population_age -----------------------------------------------------------------------------------------

def test_population_age_covers_three_countries_four_years_twenty_groups(population: pd.DataFrame) -> None:
    sizes = population.groupby(["iso3", "year"]).size()
    assert set(sizes) == {20} and len(sizes) == 12
    assert population.groupby(["iso3", "year"])["age_lo"].apply(list).map(lambda v: v == list(range(0, 100, 5))).all()


def test_population_age_equals_the_five_year_file(population: pd.DataFrame, raw_sources: Path) -> None:
    raw = read_csv(raw_sources / "iom-gdiviz" / ageing.FIVE_YEAR_FILE)
    raw = raw[(raw["sex"] == "Total") & raw["iso"].isin(ageing.COUNTRIES) & raw["t"].isin([2020, 2021])]
    ours = population[population["year"] >= 2020].set_index(["iso3", "year", "age_lo"])["population"]
    theirs = raw.set_index(["iso", "t", "age_lo"])["v"].rename_axis(["iso3", "year", "age_lo"])
    pd.testing.assert_series_equal(ours.sort_index(), theirs.sort_index(), check_names=False)


def test_early_years_sum_the_single_ages_of_wpp_rda(population: pd.DataFrame, raw_sources: Path) -> None:
    single = ageing.read_wpp_rda(raw_sources / "iom-gdiviz" / "raw" / "wpp.rda")
    assert len(single) == 637_200  # as the source notes say
    japan = single[(single["iso"] == "JPN") & (single["t"] == 1990) & (single["sex"] == "Total")]
    ours = population[(population["iso3"] == "JPN") & (population["year"] == 1990)]
    assert ours["population"].sum() == pytest.approx(japan["v"].sum(), abs=0.01)
    assert ours.set_index("age_lo").loc[65, "population"] == pytest.approx(
        japan[japan["age"].between(65, 69)]["v"].sum(), abs=0.001)


def test_base_population_view(population: pd.DataFrame) -> None:
    japan = data.base_population("JPN", 2020)
    assert japan.shape == (20,) and japan.sum() == pytest.approx(125_117.882, abs=0.01)  # ages 0-99, thousands
    with pytest.raises(MigbookError, match="FRA"):
        data.base_population("FRA", 2020)


# --- capital_flows ------------------------------------------------------------------------------------------

def test_capital_flows_reconcile_with_the_raw_file(capital: pd.DataFrame, raw_sources: Path) -> None:
    raw = read_csv(raw_sources / flows.FOLDER / flows.FILE)
    raw = raw[raw["Country Code"].isin(flows.CODES) & raw["Year"].between(1990, 2022)].set_index(
        ["Country Code", "Year"])
    ours = capital.set_index(["iso3", "year"])
    for source, column in flows.COLUMNS.items():
        theirs = raw[source]
        if column == "remittances":
            theirs = theirs.where(theirs != 0)  # zeros mean not reported
        joined = pd.concat([ours[column], theirs.rename_axis(["iso3", "year"])], axis=1, keys=["ours", "raw"])
        both = joined.dropna()
        assert (joined["ours"].isna() == joined["raw"].isna()).all(), column
        assert np.allclose(both["ours"], both["raw"], rtol=1e-6, atol=1), column


def test_zero_remittances_are_blank(capital: pd.DataFrame) -> None:
    assert not (capital["remittances"] == 0).any()
    eritrea = capital[(capital["iso3"] == "ERI") & (capital["year"] == 2022)]
    assert eritrea["remittances"].isna().all()


def test_flows_long_and_remittance_share() -> None:
    long = data.flows_long()
    assert list(dict.fromkeys(long["place"]))[:6] == ["El Salvador", "Eritrea", "Jamaica", "Jordan", "Nicaragua",
                                                      "Yemen"]
    assert set(long["flow"]) == set(data.power.FLOW_NAMES.values())
    lmy = long[(long["iso3"] == "LMY") & (long["year"] == 2022)].set_index("flow")["billions"]
    assert lmy["Remittances received"] == pytest.approx(614.097, abs=0.001)
    assert data.remittance_share_of_gdp("JOR", 2000) == pytest.approx(21.8, abs=0.05)
    with pytest.raises(MigbookError, match="not reported"):
        data.remittance_share_of_gdp("ERI", 2022)


# --- un_replacement -----------------------------------------------------------------------------------------

def test_un_replacement_as_printed() -> None:
    table = data.load("un_replacement").set_index(["iso3", "scenario"])["migrants"]
    # UN Population Division (2000), tables A.8 and A.6, grand totals 1995-2050 in thousands.
    assert table[("JPN", "III")] == 17_141_000 and table[("JPN", "VI")] == 553_495_000
    assert table[("ITA", "III")] == 12_944_000 and table[("ITA", "VI")] == 119_684_000
    assert data.load("un_replacement")["source"].str.contains("ST/ESA/SER.A/206").all()

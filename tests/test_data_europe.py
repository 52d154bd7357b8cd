"""Chapter 6's tables and views: unemployment equals the WDI extract, the EU measures table its hand-entered
file, and the key's inputs and the membership timeline agree with the tables they read."""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import europe, labour
from migbook.derive.common import read_csv

timeline = importlib.import_module("migbook.explorers.european_integration")
WDI_PATH = ("iom-gdiviz", "wdi_indicators_1990_2023.csv")


@pytest.fixture(scope="module")
def unemployment() -> pd.DataFrame:
    return data.load("unemployment")


def test_unemployment_equals_the_raw_wdi_values(raw_sources: Path, unemployment: pd.DataFrame) -> None:
    raw = read_csv(raw_sources.joinpath(*WDI_PATH))
    raw = raw[(raw["var"] == "unem") & raw["t"].between(1991, 2023)].dropna(subset=["v"])
    mine = unemployment.set_index(["iso3", "year"])["unemployment_pct"]
    theirs = raw.set_index(["iso", "t"])["v"]
    assert len(mine) == len(theirs) == 6168
    assert mine.sort_index().to_numpy() == pytest.approx(theirs.sort_index().to_numpy())
    assert labour.unemployment(raw_sources).equals(unemployment)


def test_unemployment_values_are_rates(unemployment: pd.DataFrame) -> None:
    assert unemployment["unemployment_pct"].between(0, 100).all()
    germany = unemployment.set_index(["iso3", "year"]).loc[("DEU", 2015), "unemployment_pct"]
    assert germany == pytest.approx(4.62)  # WDI SL.UEM.TOTL.ZS, Germany 2015, in the gdiviz extract


def test_eu_measures_table_is_the_hand_entered_file() -> None:
    table = data.load("eu_asylum_measures")
    handmade = read_csv(europe.HANDMADE)
    assert table["measure"].tolist() == handmade["measure"].tolist()
    assert table["value"].tolist() == handmade["value"].tolist()
    assert table["source"].notna().all() and table["measure"].is_unique
    # Council Decisions (EU) 2015/1523 and 2015/1601: 40,000 and 120,000 applicants to be relocated.
    assert data.measure("relocation_first_decision") + data.measure("relocation_second_decision") == 160_000
    with pytest.raises(KeyError, match="no measure"):
        data.measure("nothing")


@pytest.mark.parametrize(("year", "associates"), [(2015, False), (2015, True), (2022, False), (2022, True)])
def test_key_inputs_read_the_tables(year: int, associates: bool) -> None:
    inputs = data.key_inputs(year, associates).set_index("iso3")
    eu = data.members_in("EU", year)
    assert set(eu) <= set(inputs.index)
    assert set(inputs.index) - set(eu) == (set(data.europe.ASSOCIATES) - set(eu) if associates else set())
    assert inputs[["population", "gdp", "unemployment_pct", "past_per_million"]].notna().all().all()
    applications = data.load("asylum_applications").set_index(["iso3", "year"])["applications_persons"].fillna(0)
    economy = data.load("economy").set_index(["iso3", "year"])
    for iso3 in inputs.index[:5]:
        assert inputs.loc[iso3, "applications"] == applications.get((iso3, year), 0)
        assert inputs.loc[iso3, "population"] == economy.loc[(iso3, year), "population"]
        past = [applications.get((iso3, y), 0) / economy.loc[(iso3, y), "population"] * 1e6
                for y in range(year - 5, year)]
        assert inputs.loc[iso3, "past_per_million"] == pytest.approx(sum(past) / 5)


def test_germany_received_the_most_applications_in_2015() -> None:
    inputs = data.key_inputs(2015).set_index("iso3")
    assert inputs["applications"].idxmax() == "DEU"
    assert inputs.loc["DEU", "applications"] == 476_630  # UNHCR, all stages, persons


@pytest.mark.parametrize("organisation", ["EU", "SCHENGEN"])
def test_timeline_counts_equal_the_membership_view(organisation: str) -> None:
    spells = timeline.spells()
    view = "EEC and EU" if organisation == "EU" else "Schengen area"
    rows = spells[spells["view"] == view]
    for year in (1995, 2004, 2013, 2020, 2025):
        expected = set(data.members_in(organisation, year))
        if organisation == "EU" and year < 1993:
            expected = set(data.members_in("EEC", year))
        assert timeline.members(rows, year) == expected, year

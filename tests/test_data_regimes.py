"""Free-movement regimes: the hand-made table is the fresh build, sourced and checked; the bloc views
agree with the membership rule and the economy table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import regimes as mod
from migbook.derive.common import ReconciliationError
from migbook.derive.run import BUILDERS, write_csv
from migbook.paths import DATA_DIR


@pytest.fixture(scope="module")
def regimes() -> pd.DataFrame:
    return data.load("mobility_regimes")


@pytest.fixture(scope="module")
def spread() -> pd.DataFrame:
    return data.income_dispersion()


def test_committed_table_is_the_fresh_build(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_csv(mod.mobility_regimes(tmp_path), first)  # hand-made: no raw file is read
    write_csv(mod.mobility_regimes(tmp_path), second)
    assert first.read_bytes() == second.read_bytes() == (DATA_DIR / "mobility_regimes.csv").read_bytes()
    assert BUILDERS["mobility_regimes.csv"] is mod.mobility_regimes


def test_every_row_is_sourced_and_names_a_known_organisation(regimes: pd.DataFrame) -> None:
    assert regimes["source"].str.len().min() > 30
    assert set(regimes["organisation"]) <= set(data.load("organisations")["code"])


def test_the_essay_and_the_official_dates_hold(regimes: pd.DataFrame) -> None:
    row = regimes.set_index("organisation")
    # Mercosur: Residence Agreement signed 6 December 2002, in force 28 July 2009 (ILO good-practices page)
    assert (row.loc["MERCOSUR", "agreed"], row.loc["MERCOSUR", "from_year"]) == (2002, 2009)
    # Nordic common labour market: agreement of 22 May 1954 (Nordic Council of Ministers)
    assert row.loc["NORDIC_PASSPORT_UNION", "from_year"] == 1954
    # ECOWAS 1979 Protocol, residence and establishment not implemented (Meyers 2002 in the essay)
    assert (row.loc["ECOWAS", "agreed"], row.loc["ECOWAS", "status"]) == (1979, "partial")
    # CARICOM: free movement of skilled nationals under the 2001 Revised Treaty of Chaguaramas
    assert (row.loc["CARICOM", "agreed"], row.loc["CARICOM", "status"]) == (2001, "skilled_only")
    assert row.loc["AU", "status"] == "agreed"  # 2018 Protocol, not in force


@pytest.mark.parametrize(("change", "message"), [
    ({"source": None}, "source"),
    ({"organisation": "NOWHERE"}, "not in organisations"),
    ({"status": "open"}, "unknown status"),
    ({"from_year": None}, "from_year"),
    ({"from_year": 1950}, "before agreed"),
])
def test_the_checks_refuse_a_bad_row(regimes: pd.DataFrame, change: dict, message: str) -> None:
    codes = set(data.load("organisations")["code"])
    bad = regimes.copy()
    row = bad.index[bad["organisation"] == "MERCOSUR"][0]
    for column, value in change.items():
        bad[column] = bad[column].astype(object)
        bad.loc[row, column] = value
    with pytest.raises(ReconciliationError, match=message):
        mod.check(bad, codes)


def test_a_repeated_organisation_is_refused(regimes: pd.DataFrame) -> None:
    with pytest.raises(ReconciliationError, match="twice"):
        mod.check(pd.concat([regimes, regimes.iloc[:1]]), set(data.load("organisations")["code"]))


def test_status_follows_the_years() -> None:
    assert [data.mobility_status("MERCOSUR", y) for y in (2001, 2002, 2008, 2009)] == \
        ["none", "agreed", "agreed", "implemented"]
    assert data.mobility_status("ECOWAS", 1978) == "none" and data.mobility_status("ECOWAS", 1990) == "partial"
    assert [data.mobility_status("GCC", y) for y in (2000, 2001, 2007, 2008)] == \
        ["none", "agreed", "agreed", "implemented"]
    assert data.mobility_status("SADC", 2024) == "agreed" and data.mobility_status("ASEAN", 2015) == "skilled_only"
    with pytest.raises(KeyError, match="MIDSA"):
        data.mobility_status("MIDSA", 2000)


def test_members_follow_the_one_membership_rule(spread: pd.DataFrame) -> None:
    sample = spread.sample(40, random_state=1)
    for row in sample.itertuples():
        assert row.members == len(data.members_in(row.organisation, row.year))
        assert row.status == data.mobility_status(row.organisation, row.year)


def test_dispersion_is_recomputed_from_the_economy_table(spread: pd.DataFrame) -> None:
    economy = data.load("economy").set_index(["iso3", "year"])["gdp_pc_ppp"]
    for code, year in [("EU", 2005), ("ECOWAS", 2019), ("ANZ_CER", 2000), ("CAN", 1995)]:
        values = economy.reindex([(m, year) for m in data.members_in(code, year)]).dropna()
        row = spread[(spread["organisation"] == code) & (spread["year"] == year)].iloc[0]
        assert row["with_data"] == len(values)
        assert row["ratio"] == pytest.approx(values.max() / values.min())
        assert row["cv"] == pytest.approx(values.std(ddof=0) / values.mean())


def test_meyers_pattern_and_its_exceptions_in_2019(spread: pd.DataFrame) -> None:
    year = spread[spread["year"] == 2019].set_index("organisation")
    free = year[year["status"] == "implemented"]
    assert set(free.index) == {"ANZ_CER", "BENELUX", "EU", "GCC", "MERCOSUR", "NORDIC_PASSPORT_UNION"}
    # Every bloc with free movement in force is less spread out than the most spread-out others ...
    assert free["ratio"].max() < year.loc[["AU", "SADC", "APEC", "ASEAN", "CARICOM"], "ratio"].min()
    # ... and the Gulf's, for its own citizens, sits among the European free-movement areas.
    assert year.loc["BENELUX", "ratio"] < year.loc["GCC", "ratio"] < year.loc["EU", "ratio"]
    # ... but the Andean Community, without it, is more alike than the EU, which has it.
    assert year.loc["CAN", "ratio"] < year.loc["EU", "ratio"]

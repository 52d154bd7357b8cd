"""The 2018 compact votes and the income groups: the tables equal the raw files and the UN's published totals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import votes
from migbook.derive.common import ReconciliationError, read_csv

# The UN's published record of the two recorded votes (yes, no, abstain): A/RES/73/195 of 19 December 2018
# (Global Compact for Migration) and A/RES/73/151 of 17 December 2018 (UNHCR; affirms the Global Compact on Refugees).
PUBLISHED = {"A/RES/73/195": (152, 5, 12), "A/RES/73/151": (181, 2, 3)}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return data.load("un_votes_2018")


def test_counts_equal_the_uns_published_totals(table: pd.DataFrame) -> None:
    for resolution, (yes, no, abstain) in PUBLISHED.items():
        counts = table[table["resolution"] == resolution]["vote"].value_counts()
        assert (counts["yes"], counts["no"], counts["abstain"]) == (yes, no, abstain)
        assert counts.sum() == 193  # every UN member, the rest with no recorded vote
        assert counts["no_recorded_vote"] == 193 - yes - no - abstain


def test_the_members_against_are_the_ones_on_record(table: pd.DataFrame) -> None:
    against = table.query("vote == 'no'").groupby("resolution")["iso3"].apply(sorted).to_dict()
    assert against == {"A/RES/73/195": ["CZE", "HUN", "ISR", "POL", "USA"], "A/RES/73/151": ["HUN", "USA"]}


def test_dates_and_compacts_go_with_their_resolution(table: pd.DataFrame) -> None:
    pairs = set(zip(table["resolution"], table["compact"], table["date"], strict=True))
    assert pairs == {("A/RES/73/195", "migration", "2018-12-19"), ("A/RES/73/151", "refugees", "2018-12-17")}


def test_table_equals_the_raw_votes(raw_sources: Path, table: pd.DataFrame) -> None:
    raw = read_csv(raw_sources / votes.UNVOTES / votes.VOTES_FILE)
    derived = votes.un_votes_2018(raw_sources)
    pd.testing.assert_frame_equal(derived, table, check_dtype=False)
    for resolution in PUBLISHED:
        got = table[table["resolution"] == resolution]["vote"].value_counts().sort_index()
        want = raw[raw["unres"] == resolution]["vote"].value_counts().sort_index()
        assert got.to_dict() == want.to_dict()


def test_cast_votes_equal_the_full_voting_file(raw_sources: Path) -> None:
    full = read_csv(raw_sources / votes.UNVOTES / votes.SESSIONS_FILE)
    for rcid, resolution in ((6140, "A/RES/73/195"), (6135, "A/RES/73/151")):
        cast = full[full["rcid"] == rcid]["vote"].value_counts()
        assert (cast["yes"], cast["no"], cast["abstain"]) == PUBLISHED[resolution]


def test_a_changed_vote_is_refused(raw_sources: Path, tmp_path: Path) -> None:
    import shutil

    for folder in (votes.UNVOTES, "country-converter-classifications"):
        (tmp_path / folder).mkdir()
    for name in (votes.VOTES_FILE, votes.SESSIONS_FILE):
        shutil.copy(raw_sources / votes.UNVOTES / name, tmp_path / votes.UNVOTES / name)
    shutil.copy(raw_sources / "country-converter-classifications" / "country_data.tsv",
                tmp_path / "country-converter-classifications" / "country_data.tsv")
    raw = read_csv(tmp_path / votes.UNVOTES / votes.VOTES_FILE)
    raw.loc[(raw["unres"] == "A/RES/73/195") & (raw["country_code"] == "AT"), "vote"] = "no"
    raw.to_csv(tmp_path / votes.UNVOTES / votes.VOTES_FILE, index=False)
    with pytest.raises(ReconciliationError, match="73/195"):
        votes.un_votes_2018(tmp_path)


def test_income_groups_equal_the_raw_classification(raw_sources: Path) -> None:
    raw = read_csv(raw_sources / votes.WDI / votes.INCOME_FILE).dropna(subset=["Income Group"])
    groups = data.load("income_groups").set_index("iso3")["income_group"]
    assert groups.to_dict() == dict(zip(raw["Country Code"], raw["Income Group"], strict=True))
    assert groups.value_counts().to_dict() == {"High income": 85, "Upper middle income": 54,
                                               "Lower middle income": 51, "Low income": 26}


def test_the_classification_is_the_one_of_july_2024() -> None:
    groups = data.load("income_groups").set_index("iso3")["income_group"]
    # Russia was moved to high income in the classification of 1 July 2024; Venezuela is left unclassified.
    assert groups["RUS"] == "High income"
    assert "VEN" not in groups.index


def test_compact_votes_carries_the_migrant_share_of_2020() -> None:
    votes_2018 = data.compact_votes()
    assert votes_2018["share_pct"].notna().all()
    shares = data.stock_by_place().query("kind == 'country' and year == 2020").set_index("place")["share_pct"]
    hungary = votes_2018.query("iso3 == 'HUN'")["share_pct"].iloc[0]
    assert hungary == pytest.approx(shares["Hungary"], abs=0.05)
    counts = data.vote_counts().set_index(["resolution", "vote"])["members"]
    assert counts[("A/RES/73/195", "no_recorded_vote")] == 24


def test_hosting_shares_are_shares_of_the_world_total() -> None:
    hosting = data.refugee_hosting()
    assert hosting["share_pct"].between(0, 100).all()
    assert set(hosting["year"]) == set(range(1993, 2025))
    # Recompute one year by hand from the UNHCR table and the income groups.
    raw = data.load("refugees_by_asylum").query("year == 2024")
    groups = data.load("income_groups").set_index("iso3")["income_group"]
    low_middle = raw["iso3"].map(groups).isin(["Low income", "Lower middle income", "Upper middle income"])
    want = 100 * raw.loc[low_middle, "refugees"].sum() / raw["refugees"].sum()
    top = 100 * raw["refugees"].nlargest(10).sum() / raw["refugees"].sum()
    got = hosting.query("year == 2024 and population == 'refugees'").set_index("measure")["share_pct"]
    assert got["low_middle"] == pytest.approx(want, abs=0.05)
    assert got["top"] == pytest.approx(top, abs=0.05)
    # Counting Russia as middle income raises the 2022 share, when it hosted many refugees from Ukraine.
    moved = data.refugee_hosting(2022, 2022, counted_as_middle=("RUS",))
    before = hosting.query("year == 2022 and population == 'refugees' and measure == 'low_middle'")["share_pct"]
    after = moved.query("population == 'refugees' and measure == 'low_middle'")["share_pct"]
    assert float(after.iloc[0]) > float(before.iloc[0]) + 4

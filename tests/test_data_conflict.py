"""Armed conflict for Chapter 10's cases: the table equals the UCDP/PRIO ACD v25.1, and the view joins it to UNHCR."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import conflict
from migbook.derive.common import ReconciliationError

RAW_SEMICOLON = ("ucdp-conflict", "raw", "UcdpPrioConflict_v25_1.csv")
DAMAGED_CONFLICT = 11349  # China 2008, split over two lines in the raw copy (SOURCE.md)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return data.load("conflict_years")


def raw_rows(path: Path) -> pd.DataFrame:
    """The raw semicolon copy as written; the damaged record's second line has a blank conflict_id."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        rows = list(reader)
    assert all(len(row) == len(header) for row in rows)
    return pd.DataFrame(rows, columns=header)


def test_the_committed_table_is_what_the_derivation_gives(raw_sources: Path, table: pd.DataFrame) -> None:
    derived = conflict.conflict_years(raw_sources)
    pd.testing.assert_frame_equal(derived.reset_index(drop=True), table.reset_index(drop=True), check_dtype=False)


def test_reconciles_with_the_raw_semicolon_copy(raw_sources: Path, table: pd.DataFrame) -> None:
    raw = raw_rows(raw_sources.joinpath(*RAW_SEMICOLON))
    converted = pd.read_csv(raw_sources / conflict.UCDP / conflict.ACD_FILE)
    # One line of the raw copy is the tail of the damaged record (blank conflict_id); every other line is
    # a conflict-year of the converted file, and only the damaged record is garbled.
    tail = raw["conflict_id"] == ""
    assert tail.sum() == 1
    raw = raw[~tail]
    assert len(raw) == len(converted)
    damaged = raw["conflict_id"].astype(int) == DAMAGED_CONFLICT
    assert raw.loc[damaged, "year"].tolist() == [""]  # its year and the rest went to the next line
    raw = raw[~damaged]
    keys = set(zip(raw["conflict_id"].astype(int), raw["year"].astype(int), strict=True))
    repaired = converted["conflict_id"] == DAMAGED_CONFLICT
    assert converted.loc[repaired, "year"].tolist() == [2008]
    assert keys == set(zip(converted.loc[~repaired, "conflict_id"], converted.loc[~repaired, "year"], strict=True))
    for iso3, gwno in conflict.CASES.items():
        here = raw[raw["gwno_loc"].map(lambda codes, g=gwno: str(g) in [c.strip() for c in codes.split(",")])]
        mine = table[table["iso3"] == iso3]
        assert sorted(set(here["year"].astype(int))) == mine["year"].tolist(), iso3
        assert len(here[["conflict_id", "year"]].drop_duplicates()) == mine["conflicts"].sum(), iso3
        top = here.assign(i=here["intensity_level"].astype(int)).groupby(here["year"].astype(int))["i"].max()
        assert top.tolist() == mine["intensity"].tolist(), iso3


def test_known_conflict_years(table: pd.DataFrame) -> None:
    # UCDP/PRIO: the Sri Lankan state fought the LTTE to 2009; the KLA (UCK) war in Kosovo was 1998-99,
    # located in Serbia (Yugoslavia); the RPF (FPR) invaded Rwanda in 1990; the PKK war began in 1984.
    by = table.set_index(["iso3", "year"])
    assert table.loc[table["iso3"] == "LKA", "year"].max() == 2009
    assert by.loc[("SRB", 1998), "opponents"] == "UCK" and by.loc[("SRB", 1999), "intensity"] == 2
    assert by.loc[("RWA", 1990), "opponents"] == "FPR"
    assert "PKK" in by.loc[("TUR", 1984), "opponents"]
    assert ("SRB", 2000) not in by.index


def test_a_case_without_conflicts_is_an_error(raw_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(conflict.CASES, "TUR", 999)  # no ACD conflict is located at code 999
    with pytest.raises(ReconciliationError, match="TUR"):
        conflict.conflict_years(raw_sources)


def test_the_view_puts_refugees_and_conflict_on_one_axis(table: pd.DataFrame) -> None:
    view = data.refugees_and_conflict()
    refugees = data.load("refugees_by_origin").set_index(["iso3", "year"])["refugees"]
    assert set(view["iso3"]) == set(table["iso3"])
    for _, row in view.sample(60, random_state=1).iterrows():
        key = (row["iso3"], row["year"])
        if key in refugees.index:
            assert row["refugees"] == refugees[key]
        else:
            assert pd.isna(row["refugees"])
    marked = view[view["intensity"] > 0].set_index(["iso3", "year"])["intensity"]
    expected = table[table["year"] >= 1975].set_index(["iso3", "year"])["intensity"]
    assert marked.sort_index().equals(expected.sort_index())
    assert view.loc[view["year"] == 2025, "partial"].all() and not view.loc[view["year"] == 2024, "partial"].any()
    with pytest.raises(ValueError, match="cases"):
        data.conflict_years("FRA")

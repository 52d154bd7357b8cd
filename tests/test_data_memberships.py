"""Memberships, organisations and treaties: COW reconciles, hand rows are sourced, known facts hold."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import memberships as mod
from migbook.derive.run import write_csv
from migbook.paths import DATA_DIR

COW_PREFIX = "Correlates of War"


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    return data.load("memberships")


@pytest.fixture(scope="module")
def treaties() -> pd.DataFrame:
    return data.load("treaties")


def in_year(organisation: str, year: int, member_type: str = "full") -> set[str]:
    """Members of ``organisation`` in ``year``, by the one membership rule (:func:`migbook.data.members_in`)."""
    return set(data.members_in(organisation, year, member_type))


def expand(spells: pd.DataFrame, last_year: int) -> set[tuple[str, str, int]]:
    return set(mod.spells_to_years(spells, last_year).itertuples(index=False, name=None))


# --- the files in data/ are what the code builds ----------------------------------

@pytest.mark.parametrize("name", sorted(mod.TABLES))
def test_committed_table_is_the_fresh_build(raw_sources: Path, tmp_path: Path, name: str) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_csv(mod.TABLES[name](raw_sources), first)
    write_csv(mod.TABLES[name](raw_sources), second)
    assert first.read_bytes() == second.read_bytes() == (DATA_DIR / name).read_bytes()


# --- COW reconciliation -------------------------------------------------------------

def raw_full_members(raw_sources: Path) -> set[tuple[str, str, int]]:
    """COW's full-member state-years, read straight from the raw file with the module's code maps."""
    raw = pd.read_csv(raw_sources / mod.COW / "state_year_selected_igos.csv")
    iso = pd.read_csv(raw_sources / mod.COW / "DERIVED_cow_ccode_to_iso3.csv", keep_default_na=False)
    codes = dict(zip(iso["ccode"], iso["iso3_derived"], strict=True))
    codes.update({ccode: iso3 for ccode, (iso3, _, _) in mod.COW_CONTINUATIONS.items()})
    out = set()
    for var, org in mod.COW_ORGANISATIONS.items():
        rows = raw[raw[var] == 1]
        out |= {(org, codes[c], int(y)) for c, y in zip(rows["ccode"], rows["year"], strict=True)}
    return out


def test_cow_spells_expand_to_exactly_the_raw_state_years(raw_sources: Path) -> None:
    raw = raw_full_members(raw_sources)
    assert expand(mod.cow_spells(raw_sources), mod.COW_LAST) == raw
    cells = pd.read_csv(raw_sources / mod.COW / "state_year_selected_igos.csv")[list(mod.COW_ORGANISATIONS)]
    assert len(raw) == (cells == 1).sum().sum() == 10_136  # every cell coded 1, none merged by the code maps


def test_final_cow_rows_are_cow_less_the_documented_drops(raw_sources: Path, members: pd.DataFrame) -> None:
    additions = mod.read_additions()
    cow = mod.cow_spells(raw_sources)
    keys = ["organisation", "iso3", "joined"]
    dropped = cow.merge(additions.loc[additions["action"] == "drop", keys], on=keys)
    assert len(dropped) == (additions["action"] == "drop").sum() == 8
    from_cow = members[members["source"].str.startswith(COW_PREFIX)]
    removed, added = corrected_state_years()
    assert removed.isdisjoint(added)
    expected = (raw_full_members(raw_sources) - expand(dropped, mod.COW_LAST) - removed) | added
    assert expand(from_cow, mod.COW_LAST) == expected
    # the corrections are counted, never silent: each corrected spell says so in its source
    corrections = mod.read_corrections()
    n_spells = len(corrections[corrections["status"] == "corrected"].drop_duplicates(["organisation", "iso3",
                                                                                         "cow_joined"]))
    assert from_cow["source"].str.contains("corrected from COW's").sum() == n_spells


def corrected_state_years() -> tuple[set[tuple[str, str, int]], set[tuple[str, str, int]]]:
    """State-years (to COW's last year) the corrections table removes from and adds to COW's spells,
    computed from its rows alone: a later join or earlier exit removes years, an earlier join adds them."""
    corrections = mod.read_corrections()
    corrections = corrections[corrections["status"] == "corrected"]
    removed, added = set(), set()
    for row in corrections.itertuples():
        was, now = int(row.cow_year), int(row.year)
        low, high = min(was, now), min(max(was, now), mod.COW_LAST + 1)
        years = {(row.organisation, row.iso3, y) for y in range(low, high)}
        later_start_or_earlier_end = (now > was) if row.field == "joined" else (now < was)
        (removed if later_start_or_earlier_end else added).update(years)
    return removed, added


def test_counts_in_2014_match_cow_but_for_the_documented_corrections(raw_sources: Path,
                                                                    members: pd.DataFrame) -> None:
    raw = raw_full_members(raw_sources)
    expected_changes = {"MERCOSUR": ({"BOL", "CHL"}, set()), "AU": (set(), {"GNQ", "ESH"}),
                        "APEC": (set(), {"HKG"}), "CARICOM": (set(), {"MSR"}), "IGAD": (set(), {"SSD"})}
    for org in mod.COW_ORGANISATIONS.values():
        cow_2014 = {iso for o, iso, y in raw if o == org and y == 2014}
        ours = in_year(org, 2014)
        removed, added = expected_changes.get(org, (set(), set()))
        assert ours == (cow_2014 - removed) | added, org
    counts = {org: len(in_year(org, 2014)) for org in ("EU", "AU", "ECOWAS", "APEC", "MERCOSUR",
                                                                "CARICOM", "SADC", "IGAD", "ASEAN", "GCC")}
    assert counts == {"EU": 28, "AU": 54, "ECOWAS": 15, "APEC": 21, "MERCOSUR": 5, "CARICOM": 15,
                      "SADC": 15, "IGAD": 8, "ASEAN": 10, "GCC": 6}


# --- current memberships against coco ------------------------------------------------

def test_current_eu_eea_apec_match_coco(raw_sources: Path, members: pd.DataFrame) -> None:
    assert in_year("EU", 2025) == mod.coco_members(raw_sources, "EU")
    assert len(in_year("EU", 2025)) == 27
    assert in_year("EEA", 2025) == mod.coco_members(raw_sources, "EEA")
    assert len(in_year("EEA", 2025)) == 30
    assert in_year("APEC", 2025) == mod.coco_members(raw_sources, "APEC")


def test_schengen_2025_is_coco_corrected_for_its_known_errors(raw_sources: Path, members: pd.DataFrame) -> None:
    coco = mod.coco_members(raw_sources, "Schengen")
    assert {"FRO", "GRL"} <= coco and not {"HRV", "BGR", "ROU"} & coco  # coco's SOURCE.md known errors
    schengen = in_year("SCHENGEN", 2025)
    assert schengen == (coco - {"FRO", "GRL"}) | {"HRV", "BGR", "ROU"}
    assert len(schengen) == 29 and {"ISL", "NOR", "CHE", "LIE"} <= schengen
    assert in_year("SCHENGEN", 2024, "partial") == {"BGR", "ROU"}
    assert len(in_year("SCHENGEN", 2024)) == 27
    assert len(in_year("SCHENGEN", 1995)) == 7


# --- the hand-entered updates ----------------------------------------------------------

def test_post_2014_changes(members: pd.DataFrame) -> None:
    assert "GBR" in in_year("EU", 2019) and "GBR" not in in_year("EU", 2020)
    assert "HRV" not in in_year("EU", 2012) and "HRV" in in_year("EU", 2013)
    assert len(in_year("ECOWAS", 2024)) == 15
    assert in_year("ECOWAS", 2025).isdisjoint({"MLI", "BFA", "NER"})
    assert len(in_year("ECOWAS", 2025)) == 12
    assert in_year("NAFTA", 2019) == in_year("USMCA", 2020) == {"CAN", "MEX", "USA"}
    assert not in_year("NAFTA", 2020) and not in_year("USMCA", 2019)
    assert in_year("MERCOSUR", 2025) == {"ARG", "BRA", "PRY", "URY", "VEN", "BOL"}
    venezuela = members.query("organisation == 'MERCOSUR' and iso3 == 'VEN'")
    assert venezuela["note"].str.contains("suspended").all()
    assert "MAR" in in_year("AU", 2017) and len(in_year("AU", 2025)) == 55
    assert len(in_year("SADC", 2025)) == 16 and len(in_year("EAC", 2025)) == 8
    assert "HRV" in in_year("SCHENGEN", 2023) and "HRV" not in in_year("SCHENGEN", 2022)


def test_every_row_has_a_source_and_a_known_organisation(members: pd.DataFrame) -> None:
    additions = mod.read_additions()
    assert additions["source"].str.len().gt(20).all()
    assert members["source"].notna().all()
    hand = members[~members["source"].str.startswith(COW_PREFIX)]
    assert len(hand) == (additions["action"] == "add").sum()
    orgs = data.load("organisations")
    assert set(members["organisation"]) <= set(orgs["code"])
    assert (members["kind"] == members["organisation"].map(orgs.set_index("code")["kind"])).all()
    no_year = members[members["joined"].isna()]
    assert set(no_year["kind"]) == {"consultative_process"}
    assert set(no_year["organisation"]) == {"BALI", "IGC", "COLOMBO"}


def test_organisations_include_the_migration_landscape() -> None:
    orgs = data.load("organisations").set_index("code")
    landscape = {"IOM": 1951, "UNHCR": 1950, "ILO": 1919, "OHCHR": 1993, "UNDESA": 1997, "UNFPA": 1969,
                 "WTO": 1995, "WORLD_BANK": 1944, "ICMPD": 1993, "IGC": 1985, "PUEBLA_RCM": 1996}
    assert {code: int(orgs.at[code, "founded"]) for code in landscape} == landscape
    assert orgs["source"].notna().all() and orgs["migration_role"].notna().all()


# --- treaties ----------------------------------------------------------------------------

def parties(table: pd.DataFrame, treaty: str) -> pd.DataFrame:
    return table[(table["treaty"] == treaty) & table["action"].notna()]


def entry_into_force_mwc(twentieth: date) -> date:
    """Article 87: the first day of the month after three months from the 20th instrument."""
    month = twentieth.month + 3
    year, month = twentieth.year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year + month // 12, month % 12 + 1, 1)


def test_mwc_ratification_history(treaties: pd.DataFrame) -> None:
    mwc = parties(treaties, "MWC")
    assert len(mwc) == 59  # the UN Treaty Collection status page read: Parties 59
    assert len(treaties[(treaties["treaty"] == "MWC") & treaties["action"].isna()]) == 11
    all_mwc = treaties[treaties["treaty"] == "MWC"]
    assert all_mwc["signature_date"].notna().sum() == 40  # and Signatories 40
    assert mwc["action_date"].notna().all()  # every party's day is known (Chad, Gambia, Guinea-Bissau completed)
    dates = all_mwc.set_index("iso3")[["signature_date", "action_date"]]
    assert dates.loc["TCD"].tolist() == ["2012-09-26", "2022-02-22"]
    assert dates.loc["GMB"].tolist() == ["2017-09-20", "2018-09-28"]
    assert dates.loc["GNB"].tolist() == ["2000-09-12", "2018-10-22"]
    assert dates.loc["MWI"].tolist() == ["2022-09-23", "2022-09-23"]
    dates = mwc["action_date"].dropna().sort_values().tolist()
    assert dates[0] >= "1990-12-18"
    assert dates[19] == "2003-03-14"  # the 20th instrument (El Salvador and Guatemala)
    assert entry_into_force_mwc(date.fromisoformat(dates[19])) == date(2003, 7, 1)
    by_mid_2008 = (mwc["action_date"] <= "2008-06-30").sum()
    assert by_mid_2008 == 37  # the source text's 37 by mid-2008 (parties, all sending states)
    per_year = mwc.groupby("action_year").size().reindex(range(1990, 2026), fill_value=0).cumsum()
    assert per_year.loc[1992] == 0 and per_year.loc[2003] >= 20 and per_year.loc[2025] == 59


def test_refugee_instruments(treaties: pd.DataFrame) -> None:
    convention, protocol = parties(treaties, "REFUGEE_1951"), parties(treaties, "PROTOCOL_1967")
    assert (len(convention), len(protocol)) == (146, 147)
    assert len(set(convention["iso3"]) | set(protocol["iso3"])) == 149
    assert set(convention["iso3"]) - set(protocol["iso3"]) == {"MDG", "KNA"}
    assert set(protocol["iso3"]) - set(convention["iso3"]) == {"CPV", "USA", "VEN"}
    sixth = convention["action_date"].sort_values().iloc[5]
    assert date.fromisoformat(sixth) + timedelta(days=90) == date(1954, 4, 22)  # article 43
    assert protocol["action_date"].sort_values().iloc[5] == "1967-10-04"  # article VIII: in force that day
    assert convention["action_date"].min() >= "1951-07-28" and protocol["action_date"].min() >= "1967-01-31"


def test_treaty_keys_and_years(treaties: pd.DataFrame) -> None:
    assert not treaties.duplicated(["treaty", "iso3"]).any()
    dated = treaties[treaties["action_date"].notna()]
    assert (dated["action_date"].str[:4].astype(int) == dated["action_year"]).all()
    assert treaties["source"].str.contains("United Nations Treaty Collection").all()

"""The citizenship_rules table equals GLOBALCIT's raw codes, and its views give the simulator's presets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.data import citizenship as views
from migbook.derive import citizenship as derive
from migbook.derive.common import ReconciliationError


@pytest.fixture(scope="module")
def rules() -> pd.DataFrame:
    return data.load("citizenship_rules").set_index("iso3")


@pytest.fixture(scope="module")
def raw(raw_sources: Path) -> pd.DataFrame:
    return derive.read_globalcit(raw_sources).set_index("iso3")


def test_one_row_per_state_for_2020(rules: pd.DataFrame) -> None:
    assert len(rules) == 190 and rules.index.is_unique and set(rules["year"]) == {2020}
    assert rules["region"].value_counts().to_dict() == {"Africa": 54, "Asia": 45, "Europe": 42, "Americas": 35,
                                                        "Oceania": 14}


def test_codes_and_words_reconcile_with_the_raw_file(rules: pd.DataFrame, raw: pd.DataFrame) -> None:
    assert list(rules.index) == sorted(raw.index)
    raw = raw.loc[rules.index]
    assert (rules["jus_soli_code"] == raw["A02a_cat"]).all()
    assert (rules["double_jus_soli_code"] == raw["A02b_cat"]).all()
    assert (rules["dual_code"] == raw["dualcit_comb"]).all()
    assert (rules["jus_soli"] == raw["A02a_cat"].map(derive.JUS_SOLI)).all()
    assert (rules["descent"] == raw["A01a_cat"].map(derive.DESCENT)).all()
    assert (rules["dual_citizenship"] == raw["dualcit_comb"].map(derive.DUAL)).all()
    years = pd.to_numeric(raw["A06a_yrs"].replace("NA", "99"))
    assert (rules["residence_years"].isna() == (years == 99)).all()
    assert (rules["residence_years"].dropna() == years[years != 99]).all()


def test_the_counts_the_source_note_gives(rules: pd.DataFrame) -> None:
    # SOURCE.md: dualcit_comb 42 / 32 / 23 / 93; 5 years in 77 states, 10 in 38. Vink's dataviz: A02a 1 in 37.
    assert rules["dual_code"].value_counts().sort_index().tolist() == [42, 32, 23, 93]
    counts = rules["residence_years"].value_counts()
    assert (counts[5], counts[10]) == (77, 38)
    assert (rules["jus_soli"] == "unconditional").sum() == 37
    assert rules.loc[["USA", "CAN", "MEX"], "jus_soli"].eq("unconditional").all()
    assert rules.loc[["DEU", "GBR"], "jus_soli"].eq("conditional on parental residence").all()
    assert rules.loc["FRA", ["jus_soli", "double_jus_soli"]].tolist() == ["none", "generally applicable"]


def test_an_unknown_code_stops_the_derivation() -> None:
    frame = pd.DataFrame({"iso3": ["AAA"], "A02a_cat": [7]})
    with pytest.raises(ReconciliationError, match="A02a_cat"):
        derive.label(frame, "A02a_cat", derive.JUS_SOLI)


def test_99_years_must_mean_no_residence_route() -> None:
    frame = pd.DataFrame({"iso3": ["AAA", "BBB"], "A06_cat": [1, 0], "A06a_yrs": ["99", "NA"]})
    with pytest.raises(ReconciliationError, match="AAA"):
        derive.residence_years(frame)
    ok = pd.DataFrame({"iso3": ["AAA", "BBB"], "A06_cat": [1, 0], "A06a_yrs": ["8", "NA"]})
    assert derive.residence_years(ok).tolist() == [8, pd.NA]


def test_presets_follow_the_table() -> None:
    assert views.simulator_rules("USA") == {"soli": "unconditional", "wait": 5, "parent_years": 5, "dual": True}
    assert views.simulator_rules("FRA")["soli"] == "double"
    assert views.simulator_rules("JPN") == {"soli": "none", "wait": 5, "parent_years": 5, "dual": False}
    assert views.simulator_rules("ARE")["wait"] == 30
    assert views.simulator_rules("DEU-2024") == {"soli": "conditional", "wait": 5, "parent_years": 5, "dual": True}
    with pytest.raises(KeyError, match="no residence-based"):
        views.simulator_rules("CHN")
    with pytest.raises(KeyError, match="XYZ"):
        views.simulator_rules("XYZ")


def test_dual_citizenship_for_immigrants_reads_the_combined_code() -> None:
    # dualcit_comb 1 (only for citizens naturalising abroad) does not let immigrants keep theirs; 2 does.
    rules = data.citizenship_rules().set_index("iso3")
    one = rules.index[rules["dual_code"] == 1][0]
    two = rules.index[(rules["dual_code"] == 2) & rules["residence_years"].notna()][0]
    assert views.simulator_rules(one)["dual"] is False and views.simulator_rules(two)["dual"] is True


def test_foreign_born_share_beside_the_rules() -> None:
    table = data.foreign_born_and_rules()
    assert set(table["year"]) == {1990, 1995, 2000, 2005, 2010, 2015, 2020}
    stock = data.stock_by_place().query("place == 'Germany' and year == 2020")["share_pct"].item()
    assert table.query("iso3 == 'DEU' and year == 2020")["share_pct"].item() == stock
    # Taiwan and Kosovo have rules but no UN DESA share; every other state is there.
    assert set(data.citizenship_rules()["iso3"]) - set(table["iso3"]) == {"TWN", "XKX"}


def test_derivation_gives_the_committed_bytes(raw_sources: Path, tmp_path: Path) -> None:
    from migbook.derive.run import write_csv
    from migbook.paths import DATA_DIR

    out = tmp_path / "citizenship_rules.csv"
    write_csv(derive.citizenship_rules(raw_sources), out)
    assert out.read_bytes() == (DATA_DIR / "citizenship_rules.csv").read_bytes()

"""Bilateral stocks and gravity dyads: they reconcile with UN DESA and CEPII, keys hold, geography is sane."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import bilateral
from migbook.derive.run import write_csv
from migbook.paths import DATA_DIR

WORLD_2020 = 280_598_105  # UN DESA International Migrant Stock 2020, world total
UNKNOWN_2020 = 12_657_151  # of which origin "other or unknown" (XXX)
PLACES = 232  # every UN DESA destination is also an origin; XXX is an origin only


@pytest.fixture(scope="module")
def raw(raw_sources: Path) -> pd.DataFrame:
    return pd.read_csv(raw_sources / "iom-gdiviz" / "undesa_ims2020_stocks_od.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def raw_2020(raw: pd.DataFrame) -> pd.DataFrame:
    return raw[raw["t"] == 2020]


@pytest.fixture(scope="module")
def dyads() -> pd.DataFrame:
    return data.load("dyads").set_index(["origin", "destination"])


def test_tables_are_derived_deterministically(raw_sources: Path, tmp_path: Path) -> None:
    for name, build in bilateral.TABLES.items():
        write_csv(build(raw_sources), tmp_path / name)
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), f"{name} differs from data/"


# --- migrant_stock_origin ---------------------------------------------------------

def test_origin_totals_reconcile_by_year_and_sex(raw: pd.DataFrame) -> None:
    table = data.load("migrant_stock_origin")
    derived = table.groupby("year")[["both_sexes", "male", "female"]].sum()
    assert derived["both_sexes"].to_dict() == raw.groupby("t")["v"].sum().to_dict()
    for sex in ("male", "female"):
        assert derived[sex].to_dict() == raw[raw["sex"] == sex.title()].groupby("t")["v"].sum().to_dict()
    assert derived.loc[2020, "both_sexes"] == WORLD_2020
    assert (table["male"] + table["female"] == table["both_sexes"]).all()


def test_origin_keys_units_and_known_figures(raw: pd.DataFrame) -> None:
    table = data.load("migrant_stock_origin")
    assert not table.duplicated(["iso3", "year"]).any()
    assert len(table) == raw["from"].nunique() * 7 == (PLACES + 1) * 7
    assert table.query("iso3 == 'XXX' and year == 2020")["both_sexes"].item() == UNKNOWN_2020
    mexico = raw[(raw["from"] == "MEX") & (raw["t"] == 2020)]["v"].sum()
    assert table.query("iso3 == 'MEX' and year == 2020")["both_sexes"].item() == mexico
    # By origin or by destination, the world total is the same.
    by_destination = data.load("migrant_stock").groupby("year")["both_sexes"].sum()
    assert table.groupby("year")["both_sexes"].sum().equals(by_destination)


# --- bilateral_stock_2020 ---------------------------------------------------------

def test_matrix_total_and_every_destination_reconcile(raw_2020: pd.DataFrame) -> None:
    table = data.load("bilateral_stock_2020")
    assert table["both_sexes"].sum() == WORLD_2020
    derived = table.groupby("destination")["both_sexes"].sum()
    assert derived.to_dict() == raw_2020.groupby("to")["v"].sum().to_dict()
    stock = data.load("migrant_stock").query("year == 2020").set_index("iso3")["both_sexes"]
    assert derived.to_dict() == stock.to_dict()


def test_matrix_lists_each_positive_pair_once(raw_2020: pd.DataFrame) -> None:
    table = data.load("bilateral_stock_2020")
    assert not table.duplicated(["origin", "destination"]).any()
    assert len(table) == raw_2020.groupby(["from", "to"]).ngroups == 11_764
    assert (table["both_sexes"] > 0).all()
    assert (table["male"] + table["female"] == table["both_sexes"]).all()
    usa_mex = table.query("origin == 'MEX' and destination == 'USA'").iloc[0]
    assert (usa_mex["male"], usa_mex["female"]) == (5_796_774, 5_056_331)  # SOURCE.md sample rows


# --- dyads ------------------------------------------------------------------------

def test_every_ordered_pair_once(dyads: pd.DataFrame, raw: pd.DataFrame) -> None:
    places = sorted(set(raw["from"]) & set(raw["to"]))
    assert len(places) == PLACES and "XXX" not in places
    expected = pd.MultiIndex.from_tuples([(o, d) for o in places for d in places if o != d])
    assert len(dyads) == PLACES * (PLACES - 1) == 53_592
    assert dyads.index.is_unique
    assert dyads.index.sort_values().equals(expected.sort_values())


def test_dyad_stock_is_the_2020_total_less_unknown_origin(dyads: pd.DataFrame, raw_2020: pd.DataFrame) -> None:
    # Outside the dyads: the XXX origin and self-pairs. UN DESA has no self-pairs, so only XXX is left out.
    places = set(dyads.index.get_level_values("origin"))
    unknown = raw_2020[raw_2020["from"] == "XXX"]["v"].sum()
    self_pairs = raw_2020[raw_2020["from"] == raw_2020["to"]]["v"].sum()
    other = raw_2020[~raw_2020["from"].isin(places | {"XXX"}) | ~raw_2020["to"].isin(places)]["v"].sum()
    assert (unknown, self_pairs, other) == (UNKNOWN_2020, 0, 0)
    assert dyads["stock_2020"].sum() == WORLD_2020 - unknown - self_pairs - other == 267_940_954


def test_dyad_stock_matches_the_matrix_and_zeros_are_kept(dyads: pd.DataFrame) -> None:
    matrix = data.load("bilateral_stock_2020").query("origin != 'XXX'").set_index(["origin", "destination"])
    positive = dyads[dyads["stock_2020"] > 0]["stock_2020"]
    assert positive.sort_index().equals(matrix["both_sexes"].rename("stock_2020").sort_index())
    assert (dyads["stock_2020"] == 0).sum() == len(dyads) - len(matrix)
    assert (dyads["stock_2020"] >= 0).all()


def test_unmatched_pairs_keep_their_row_with_blank_geography(dyads: pd.DataFrame) -> None:
    unmatched = bilateral.UNDESA_WITHOUT_CEPII
    origin, destination = (dyads.index.get_level_values(level) for level in ("origin", "destination"))
    involved = origin.isin(unmatched) | destination.isin(unmatched)
    n = len(unmatched)
    assert involved.sum() == 2 * n * (PLACES - 1) - n * (n - 1) == 6_286
    geography = ["dist_km", "distw_km", *bilateral.DUMMIES]
    assert dyads.loc[involved, geography].isna().all().all()
    assert dyads.loc[~involved, ["dist_km", *bilateral.DUMMIES]].notna().all().all()
    assert dyads.loc[("MNE", "SRB"), "stock_2020"] > 0  # kept although CEPII has no Montenegro


def test_dummies_are_zero_one_and_distances_symmetric(dyads: pd.DataFrame) -> None:
    for column in bilateral.DUMMIES:
        assert set(dyads[column].dropna().unique()) <= {0, 1}, column
    swapped = dyads.swaplevel().sort_index()
    ordered = dyads.sort_index()
    for column in ("dist_km", "contig", "colony", "comlang_off"):
        assert ordered[column].fillna(-1).equals(swapped[column].fillna(-1)), column
    assert (dyads["dist_km"].dropna() >= 10).all()


def test_known_geography(dyads: pd.DataFrame) -> None:
    usa_mex = dyads.loc[("USA", "MEX")]
    assert usa_mex["contig"] == 1 and usa_mex["colony"] == 0
    assert 2_000 < usa_mex["dist_km"] < 4_000 and 2_000 < usa_mex["distw_km"] < 4_000
    assert dyads.loc[("FRA", "DZA"), "colony"] == dyads.loc[("DZA", "FRA"), "colony"] == 1
    assert dyads.loc[("FRA", "DZA"), "comlang_off"] == 1
    assert dyads.loc[("GBR", "IND"), "colony"] == 1 and dyads.loc[("GBR", "IND"), "contig"] == 0
    assert dyads.loc[("ESP", "PRT"), "contig"] == 1 and dyads.loc[("AUS", "NZL"), "contig"] == 0
    assert 15_000 < dyads.loc[("FRA", "AUS"), "dist_km"] < 18_000


def test_old_cepii_codes_are_mapped(dyads: pd.DataFrame) -> None:
    assert dyads.loc[("ROU", "MDA"), "contig"] == 1  # CEPII ROM
    assert dyads.loc[("COD", "COG"), "contig"] == 1  # CEPII ZAR
    assert dyads.loc[("TLS", "IDN"), "contig"] == 1  # CEPII TMP
    assert dyads.loc[("PSE", "ISR"), "contig"] == 1  # CEPII PAL
    assert dyads.loc[("SRB", "HUN"), "contig"] == 1  # CEPII YUG (Serbia and Montenegro)
    codes = set(dyads.index.get_level_values("origin"))
    assert not codes & set(bilateral.CEPII_CODES)

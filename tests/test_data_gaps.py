"""What is missing is documented, not lost: dyads without geography, places without early rows,
Kosovo; every country code is a declared foreign key the loader checks; net migration is a flow."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.errors import DataValidationError
from migbook.paths import DATA_DIR

COUNTRY_COLUMNS = {"iso3", "origin", "destination"}


# --- dyads with no CEPII geography ------------------------------------------------------

def test_dyads_without_geography_are_counted_and_documented() -> None:
    dyads = data.load("dyads")
    blank = dyads[dyads["dist_km"].isna()]
    with_migrants = blank[blank["stock_2020"] > 0]
    people, total = int(with_migrants["stock_2020"].sum()), int(dyads["stock_2020"].sum())
    assert (len(blank), len(with_migrants), people) == (6_286, 471, 4_257_575)
    assert round(100 * people / total, 2) == 1.59
    largest = with_migrants.nlargest(3, "stock_2020")[["origin", "destination", "stock_2020"]]
    assert [tuple(r) for r in largest.itertuples(index=False)] == [
        ("SSD", "UGA", 1_022_433), ("SSD", "SDN", 867_593), ("SDN", "SSD", 587_668)]
    # the description states the same numbers, so text and table cannot drift apart
    text = data.describe("dyads")["description"]
    for shown in (f"{len(blank):,} pairs have no CEPII distance", f"{len(with_migrants)} of them have migrants",
                  f"{people:,} persons", f"{100 * people / total:.2f} %", "South Sudan to Uganda (1,022,433)",
                  "South Sudan to Sudan (867,593)"):
        assert shown in text, shown


def test_a_model_dropping_blank_geography_would_lose_exactly_these_people() -> None:
    dyads = data.load("dyads")
    kept = dyads.dropna(subset=["dist_km"])
    assert int(dyads["stock_2020"].sum() - kept["stock_2020"].sum()) == 4_257_575


# --- places with no early rows, and Kosovo -------------------------------------------------

def test_places_without_early_destination_rows() -> None:
    stock = data.load("migrant_stock")
    first = stock.groupby("iso3")["year"].min()
    assert first[["CUW", "MNE", "SSD"]].tolist() == [2010, 2010, 2010]
    assert first["SXM"] == 2005
    assert set(first[first > 1990].index) == {"CUW", "MNE", "SSD", "SXM"}  # no other place starts late
    assert "ANT" not in first.index
    text = data.describe("migrant_stock")["description"]
    assert "Curaçao (CUW), Montenegro (MNE) and South Sudan (SSD) start in 2010" in text
    assert "Sint Maarten (SXM) in 2005" in text
    origin = data.load("migrant_stock_origin")
    assert (origin.groupby("iso3")["year"].min()[["CUW", "MNE", "SSD", "SXM"]] == 1990).all()
    assert "from 1990" in data.describe("migrant_stock_origin")["description"]


def test_kosovo_is_inside_serbia_in_un_desa_but_apart_in_the_economy_table() -> None:
    assert "XKX" in set(data.load("economy")["iso3"])
    for name in ("migrant_stock", "migrant_stock_origin"):
        assert "XKX" not in set(data.load(name)["iso3"]), name
    bilateral = data.load("bilateral_stock_2020")
    assert "XKX" not in set(bilateral["origin"]) | set(bilateral["destination"])
    for name in ("economy", "migrant_stock", "migrant_stock_origin"):
        assert re.search(r"Kosovo.*inside Serbia", data.describe(name)["description"]), name


# --- foreign keys ----------------------------------------------------------------------------

def country_fields(name: str) -> list[str]:
    return [f["name"] for f in data.describe(name)["schema"]["fields"] if f["name"] in COUNTRY_COLUMNS]


def test_every_country_code_column_declares_its_foreign_key() -> None:
    checked = 0
    for name in data.resources():
        if name == "countries":
            continue
        declared = {fk["fields"][0]: fk["reference"] for fk in data.describe(name)["schema"].get("foreignKeys", [])}
        for column in country_fields(name):
            assert declared.get(column) == {"resource": "countries", "fields": ["iso3"]}, (name, column)
            checked += 1
    assert checked >= 19  # 14 tables with iso3, 2 with origin and destination, memberships and treaties, ...


@pytest.mark.parametrize("name", [n for n in data.resources() if n != "countries" and country_fields(n)])
def test_the_loader_refuses_an_unknown_code_in_every_country_column(name: str, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / data.describe(name)["path"]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    column = country_fields(name)[-1]
    table.loc[2, column] = "QQQ"  # spreadsheet row 4
    table.to_csv(path, index=False, lineterminator="\n")
    # A column limited to a few codes refuses by its list of allowed codes, before the foreign key is reached.
    refusal = r"(is not a known code|is not one of \[)"
    with pytest.raises(DataValidationError, match=rf"{path.name}, row 4, column '{column}': 'QQQ' {refusal}"):
        data.load_from(name, copy)


# --- units -------------------------------------------------------------------------------------

def test_net_migration_is_a_yearly_flow() -> None:
    field = next(f for f in data.describe("economy")["schema"]["fields"] if f["name"] == "net_migration")
    assert field["unit"] == "persons per year"
    assert "flow" in field["title"] and "flow" in field["description"]

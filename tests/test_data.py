"""The data package: schemas hold, bad tables are refused with file, row and column, totals reconcile."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import derive_all
from migbook.errors import DataValidationError
from migbook.paths import DATA_DIR


def test_every_resource_loads_with_its_schema_types() -> None:
    for name in data.resources():
        table = data.load(name)
        fields = data.describe(name)["schema"]["fields"]
        assert list(table.columns) == [f["name"] for f in fields]
        assert len(table) > 0
        for f in fields:
            if f["type"] == "integer":
                assert pd.api.types.is_integer_dtype(table[f["name"]]), f["name"]
            if f["type"] == "number":
                assert pd.api.types.is_float_dtype(table[f["name"]]), f["name"]


def test_frictionless_validates_the_package() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_every_resource_documents_source_licence_and_derivation() -> None:
    for name in data.resources():
        meta = data.describe(name)
        assert meta["sources"] and meta["licenses"] and meta["derivation"], name
        assert meta["description"] and meta["title"]
    assert "migrant_stock" in (data.__doc__ or "")


def test_loads_are_cached_copies() -> None:
    first = data.load("countries")
    first.loc[0, "name"] = "changed"
    assert data.load("countries").loc[0, "name"] != "changed"


def test_unknown_dataset_lists_the_real_ones() -> None:
    with pytest.raises(KeyError, match="migrant_stock"):
        data.load("stocks")


def test_world_stock_2020_is_un_desas_figure() -> None:
    stock = data.load("migrant_stock")
    assert stock.query("year == 2020")["both_sexes"].sum() == 280_598_105
    assert stock.query("iso3 == 'USA' and year == 2020")["both_sexes"].item() == 50_632_836
    assert (stock["male"] + stock["female"] == stock["both_sexes"]).all()


# --- corrupted tables -------------------------------------------------------------

@pytest.fixture
def copy_dir(tmp_path: Path) -> Path:
    """A private copy of data/ to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def corrupt(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_wrong_type_names_file_row_and_column(copy_dir: Path) -> None:
    corrupt(copy_dir / "migrant_stock.csv", 5, ",2005,", ",20O5,")
    with pytest.raises(DataValidationError) as err:
        data.load_from("migrant_stock", copy_dir)
    message = str(err.value)
    assert "migrant_stock.csv" in message and "row 5" in message and "column 'year'" in message
    assert "'20O5' is not an integer" in message


def test_missing_column(copy_dir: Path) -> None:
    path = copy_dir / "migrant_stock.csv"
    table = pd.read_csv(path).drop(columns="female")
    table.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=r"migrant_stock\.csv, row 1, column 'female': required column"):
        data.load_from("migrant_stock", copy_dir)


def test_extra_column(copy_dir: Path) -> None:
    path = copy_dir / "countries.csv"
    table = pd.read_csv(path, keep_default_na=False).assign(capital="?")
    table.to_csv(path, index=False)
    with pytest.raises(DataValidationError, match=r"countries\.csv, row 1, column 'capital': column is not in"):
        data.load_from("countries", copy_dir)


def test_duplicate_key(copy_dir: Path) -> None:
    path = copy_dir / "migrant_stock.csv"
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(4, lines[2])  # the row of line 3 again, as line 5
    path.write_text("".join(lines))
    with pytest.raises(DataValidationError, match=r"row 5, column 'year': duplicate primary key \(iso3=ABW"):
        data.load_from("migrant_stock", copy_dir)


def test_unknown_country_code(copy_dir: Path) -> None:
    corrupt(copy_dir / "economy.csv", 10, "ABW,", "ABX,")
    with pytest.raises(DataValidationError, match=r"economy\.csv, row 10, column 'iso3': 'ABX' is not a known code"):
        data.load_from("economy", copy_dir)


def test_out_of_range(copy_dir: Path) -> None:
    corrupt(copy_dir / "migrant_stock.csv", 3, ",9974,", ",-9974,")
    with pytest.raises(DataValidationError, match=r"row 3, column 'male': '-9974' breaks minimum 0"):
        data.load_from("migrant_stock", copy_dir)


def test_value_outside_its_list(copy_dir: Path) -> None:
    corrupt(copy_dir / "countries.csv", 4, "Africa", "Atlantis")
    with pytest.raises(DataValidationError, match=r"row 4, column 'un_region': 'Atlantis' is not one of"):
        data.load_from("countries", copy_dir)


def test_blank_required_value(copy_dir: Path) -> None:
    corrupt(copy_dir / "countries.csv", 3, ",Afghanistan,", ",,")
    with pytest.raises(DataValidationError, match=r"countries\.csv, row 3, column 'name': value is required"):
        data.load_from("countries", copy_dir)


def test_ragged_row(copy_dir: Path) -> None:
    corrupt(copy_dir / "migrant_stock.csv", 7, "\n", ",99\n")
    with pytest.raises(DataValidationError, match=r"migrant_stock\.csv, row 7: row has 6 fields but the header has 5: "
                                                  r"extra value '99'$"):
        data.load_from("migrant_stock", copy_dir)


def test_short_row_names_the_missing_column(copy_dir: Path) -> None:
    path = copy_dir / "migrant_stock.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].rsplit(",", 1)[0] + "\n"  # row 7 loses its last field, 'female'
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"migrant_stock\.csv, row 7, column 'female': row has 4 fields but "
                                                  r"the header has 5: the value is missing$"):
        data.load_from("migrant_stock", copy_dir)


def test_not_utf8(copy_dir: Path) -> None:
    path = copy_dir / "countries.csv"
    path.write_bytes(path.read_bytes().replace("Côte".encode(), "Côte".encode("latin-1"), 1))
    with pytest.raises(DataValidationError, match=r"countries\.csv, row \d+: not UTF-8 text \(invalid continuation"):
        data.load_from("countries", copy_dir)


def test_missing_file(copy_dir: Path) -> None:
    (copy_dir / "economy.csv").unlink()
    with pytest.raises(DataValidationError, match=r"economy\.csv: file not found$"):
        data.load_from("economy", copy_dir)


# --- derivation -----------------------------------------------------------------

def test_derivation_is_deterministic_and_matches_committed_tables(raw_sources: Path, tmp_path: Path) -> None:
    """Deriving twice gives byte-identical tables, and they are the committed ones."""
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = derive_all(sources=raw_sources, out_dir=tmp_path / "first")
    second = derive_all(sources=raw_sources, out_dir=tmp_path / "second")
    assert len(first) >= 10 and [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two derivations"
        assert filecmp.cmp(a, DATA_DIR / a.name, shallow=False), f"{a.name} differs from data/"


def test_derived_totals_reconcile_with_raw_sources(raw_sources: Path) -> None:
    sources = raw_sources
    raw = pd.read_csv(sources / "iom-gdiviz" / "undesa_ims2020_stocks_od.csv", keep_default_na=False)
    by_year = raw.groupby("t")["v"].sum()
    derived = data.load("migrant_stock").groupby("year")["both_sexes"].sum()
    assert (by_year.to_numpy() == derived.to_numpy()).all()
    assert by_year.loc[2020] == pytest.approx(281e6, rel=0.005)  # UN DESA: about 281 million
    wdi = pd.read_csv(sources / "iom-gdiviz" / "wdi_indicators_1990_2023.csv", keep_default_na=False)
    pop = wdi[(wdi["var"] == "pop") & wdi["t"].between(1990, 2022)]["v"].sum()
    assert data.load("economy")["population"].sum() == pytest.approx(pop, rel=1e-9)

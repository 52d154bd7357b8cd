"""Every rule the loader enforces, on tiny tables: the boundary accepted, one step past it refused in one line.

Each refusal is checked word for word: file, row (the header is row 1), column and the rule broken.
The tables are written to a temporary folder, so these tests need nothing but the loader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from migbook.data import loader
from migbook.errors import DataValidationError
from migbook.paths import DATA_DIR, ROOT

PLACES = pd.DataFrame({"code": ["ABC", "DEF"]})


def field(name: str, kind: str = "string", **constraints: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": kind}
    if constraints:
        out["constraints"] = constraints
    return out


def table(tmp_path: Path, text: str | bytes, fields: list[dict[str, Any]], key: list[str] | None = None,
          foreign: list[dict[str, Any]] | None = None) -> pd.DataFrame:
    path = tmp_path / "t.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    schema: dict[str, Any] = {"fields": fields}
    if key:
        schema["primaryKey"] = key
    if foreign:
        schema["foreignKeys"] = foreign
    lookups: list[str] = []

    def lookup(name: str) -> pd.DataFrame:
        lookups.append(name)
        assert name == "places"
        return PLACES

    return loader.validate_table(path, {"name": "t", "path": "t.csv", "schema": schema}, lookup)


def refused(tmp_path: Path, text: str | bytes, fields: list[dict[str, Any]], where: str, rule: str,
            **schema: Any) -> None:
    """The table is refused with exactly ``<file>, <where>: <rule>``, one line."""
    with pytest.raises(DataValidationError) as err:
        table(tmp_path, text, fields, **schema)
    message = str(err.value)
    assert "\n" not in message
    assert message == f"{tmp_path / 't.csv'}{', ' + where if where else ''}: {rule}"


# --- types ----------------------------------------------------------------------------------------

def test_integers_are_typed_and_signed_integers_accepted(tmp_path: Path) -> None:
    out = table(tmp_path, "n\n+5\n-3\n0012\n", [field("n", "integer")])
    assert out["n"].tolist() == [5, -3, 12]
    assert out["n"].dtype == "int64"


def test_integer_column_with_blanks_is_nullable(tmp_path: Path) -> None:
    out = table(tmp_path, "n,m\n1,a\n,b\n", [field("n", "integer"), field("m")])
    assert str(out["n"].dtype) == "Int64" and out["n"].isna().tolist() == [False, True]


@pytest.mark.parametrize("bad", ["20O5", "1.0", "12a", "a12", "1 2", "1e3", "--1"])
def test_not_an_integer(tmp_path: Path, bad: str) -> None:
    refused(tmp_path, f"n\n1\n2\n{bad}\n", [field("n", "integer")], "row 4, column 'n'",
            f"{bad!r} is not an integer")


def test_numbers_are_floats_and_blanks_missing(tmp_path: Path) -> None:
    out = table(tmp_path, "x,m\n1e3,a\n,b\n-0.5,c\n", [field("x", "number"), field("m")])
    assert out["x"].dtype == "float64"
    assert out["x"].iloc[0] == 1000.0 and pd.isna(out["x"].iloc[1]) and out["x"].iloc[2] == -0.5


def test_not_a_number(tmp_path: Path) -> None:
    refused(tmp_path, "x\n1.5\nabc\n", [field("x", "number")], "row 3, column 'x'", "'abc' is not a number")


def test_strings_keep_blanks_as_missing(tmp_path: Path) -> None:
    out = table(tmp_path, "s,m\nNA,a\n,b\n", [field("s"), field("m")])
    assert out["s"].iloc[0] == "NA" and pd.isna(out["s"].iloc[1])


def test_fields_without_a_type_are_strings(tmp_path: Path) -> None:
    out = table(tmp_path, "s\n007\n", [{"name": "s"}])
    assert out["s"].tolist() == ["007"]


def test_unsupported_type(tmp_path: Path) -> None:
    refused(tmp_path, "d\n2020-01-01\n", [field("d", "date")], "column 'd'",
            "schema type 'date' is not supported by migbook.data")


# --- constraints ----------------------------------------------------------------------------------

def test_required(tmp_path: Path) -> None:
    assert table(tmp_path, "s,m\nx,\n", [field("s", required=True), field("m")])["s"].tolist() == ["x"]
    assert table(tmp_path, "s,m\nx,\n", [field("s"), field("m", required=False)])["m"].isna().all()
    refused(tmp_path, "s,m\nx,1\n,2\n", [field("s", required=True), field("m")], "row 3, column 's'",
            "value is required but blank")


def test_minimum_is_inclusive(tmp_path: Path) -> None:
    fields = [field("n", "integer", minimum=0), field("x", "number", minimum=0.5)]
    out = table(tmp_path, "n,x\n0,0.5\n7,9\n", fields)
    assert out["n"].tolist() == [0, 7]
    refused(tmp_path, "n,x\n0,0.5\n-1,1\n", fields, "row 3, column 'n'", "'-1' breaks minimum 0")
    refused(tmp_path, "n,x\n0,0.5\n1,0.499\n", fields, "row 3, column 'x'", "'0.499' breaks minimum 0.5")


def test_maximum_is_inclusive(tmp_path: Path) -> None:
    fields = [field("year", "integer", maximum=2020), field("x", "number", maximum=1)]
    out = table(tmp_path, "year,x\n2020,1\n1990,0\n", fields)
    assert out["year"].tolist() == [2020, 1990]
    refused(tmp_path, "year,x\n2020,1\n2021,1\n", fields, "row 3, column 'year'", "'2021' breaks maximum 2020")
    refused(tmp_path, "year,x\n2020,1\n2020,1.001\n", fields, "row 3, column 'x'", "'1.001' breaks maximum 1")


def test_range_ignores_blanks(tmp_path: Path) -> None:
    out = table(tmp_path, "n,m\n,a\n3,b\n", [field("n", "integer", minimum=1, maximum=5), field("m")])
    assert out["n"].isna().tolist() == [True, False]


def test_enum(tmp_path: Path) -> None:
    fields = [field("k", enum=["a", "b"]), field("y", "integer", enum=[0, 1])]
    assert table(tmp_path, "k,y\na,0\nb,1\n,\n", fields)["k"].tolist()[:2] == ["a", "b"]
    refused(tmp_path, "k,y\na,0\nc,1\n", fields, "row 3, column 'k'", "'c' is not one of ['a', 'b']")
    refused(tmp_path, "k,y\na,0\nb,2\n", fields, "row 3, column 'y'", "'2' is not one of [0, 1]")


@pytest.mark.parametrize("bad", ["ABCD", "AB", "xABC", "abc", "AB1"])
def test_pattern_must_match_the_whole_value(tmp_path: Path, bad: str) -> None:
    fields = [field("iso3", pattern="[A-Z]{3}")]
    assert table(tmp_path, "iso3\nABC\nXYZ\n", fields)["iso3"].tolist() == ["ABC", "XYZ"]
    refused(tmp_path, f"iso3\nABC\n{bad}\n", fields, "row 3, column 'iso3'",
            f"{bad!r} does not match pattern [A-Z]{{3}}")


def test_pattern_ignores_blanks(tmp_path: Path) -> None:
    out = table(tmp_path, "d,m\n,a\n2020-01-01,b\n", [field("d", pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}"), field("m")])
    assert out["d"].isna().tolist() == [True, False]


def test_unique(tmp_path: Path) -> None:
    fields = [field("code", unique=True), field("m")]
    assert table(tmp_path, "code,m\nA,1\nB,1\n,2\n,3\n", fields)["code"].tolist()[:2] == ["A", "B"]
    refused(tmp_path, "code,m\nA,1\nB,2\nC,3\nB,4\n", fields, "row 5, column 'code'",
            "'B' is a duplicate (must be unique)")
    # a column not marked unique may repeat
    assert len(table(tmp_path, "code,m\nA,1\nA,1\n", [field("code", unique=False), field("m")])) == 2


def test_primary_key(tmp_path: Path) -> None:
    fields = [field("iso3"), field("year", "integer")]
    assert len(table(tmp_path, "iso3,year\nABC,2000\nABC,2005\nDEF,2000\n", fields, key=["iso3", "year"])) == 3
    refused(tmp_path, "iso3,year\nABC,2000\nDEF,2000\nABC,2000\n", fields, "row 4, column 'year'",
            "duplicate primary key (iso3=ABC, year=2000)", key=["iso3", "year"])


def test_foreign_key(tmp_path: Path) -> None:
    fk = [{"fields": ["place"], "reference": {"resource": "places", "fields": ["code"]}}]
    fields = [field("place"), field("m")]
    assert table(tmp_path, "place,m\nABC,1\nDEF,2\n,3\n", fields, foreign=fk)["place"].tolist()[:2] == ["ABC", "DEF"]
    refused(tmp_path, "place,m\nABC,1\nXYZ,2\n", fields, "row 3, column 'place'",
            "'XYZ' is not a known code in places", foreign=fk)


def test_every_foreign_key_is_checked(tmp_path: Path) -> None:
    fk = [{"fields": [c], "reference": {"resource": "places", "fields": ["code"]}} for c in ("origin", "destination")]
    refused(tmp_path, "origin,destination\nABC,DEF\nDEF,QQQ\n", [field("origin"), field("destination")],
            "row 3, column 'destination'", "'QQQ' is not a known code in places", foreign=fk)


# --- the file and its rows ---------------------------------------------------------------------------

def test_short_row_names_the_missing_column(tmp_path: Path) -> None:
    fields = [field("a"), field("b"), field("c")]
    refused(tmp_path, "a,b,c\n1,2,3\n1,2\n", fields, "row 3, column 'c'",
            "row has 2 fields but the header has 3: the value is missing")
    refused(tmp_path, "a,b,c\n1,2,3\n1,2,3\n1\n", fields, "row 4, column 'b'",
            "row has 1 fields but the header has 3: the value is missing")


def test_blank_line_is_a_short_row(tmp_path: Path) -> None:
    refused(tmp_path, "a,b\n1,2\n\n3,4\n", [field("a"), field("b")], "row 3, column 'a'",
            "row has 0 fields but the header has 2: the value is missing")


def test_long_row(tmp_path: Path) -> None:
    refused(tmp_path, "a,b\n1,2\n1,2,99\n", [field("a"), field("b")], "row 3",
            "row has 3 fields but the header has 2: extra value '99'")


def test_quoted_commas_and_newlines_are_one_field(tmp_path: Path) -> None:
    out = table(tmp_path, 'a,b\n"x, y","two\nlines"\n', [field("a"), field("b")])
    assert out.iloc[0].tolist() == ["x, y", "two\nlines"]


def test_malformed_quoting(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match=r"t\.csv, row 3: malformed CSV row \("):
        table(tmp_path, 'a,b\n1,2\n"3"x,4\n', [field("a"), field("b")])


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError) as err:
        loader.validate_table(tmp_path / "gone.csv", {"schema": {"fields": [field("a")]}}, None)
    assert str(err.value) == f"{tmp_path / 'gone.csv'}: file not found"


def test_empty_file(tmp_path: Path) -> None:
    refused(tmp_path, "", [field("a")], "row 1", "file is empty: a header row is required")


def test_header_only_gives_an_empty_typed_table(tmp_path: Path) -> None:
    out = table(tmp_path, "a,n\n", [field("a"), field("n", "integer")])
    assert list(out.columns) == ["a", "n"] and len(out) == 0


def test_not_utf8_names_the_row(tmp_path: Path) -> None:
    refused(tmp_path, "name\nParis\nC\xf4te\n".encode("latin-1"), [field("name")], "row 3",
            "not UTF-8 text (invalid continuation byte at byte 12)")


def test_header_must_match_the_schema(tmp_path: Path) -> None:
    fields = [field("a"), field("b")]
    refused(tmp_path, "a\n1\n", fields, "row 1, column 'b'", "required column is missing from the header")
    refused(tmp_path, "a,b,c\n1,2,3\n", fields, "row 1, column 'c'", "column is not in the schema")
    refused(tmp_path, "b,a\n1,2\n", fields, "row 1", "columns are out of order: expected ['a', 'b']")


def test_first_bad_row_is_named(tmp_path: Path) -> None:
    refused(tmp_path, "n\n1\n2\n-3\n-4\n", [field("n", "integer", minimum=0)], "row 4, column 'n'",
            "'-3' breaks minimum 0")


def test_files_inside_the_repository_are_named_from_its_root() -> None:
    resource = {"schema": {"fields": [field("nope")]}}
    with pytest.raises(DataValidationError) as err:
        loader.validate_table(DATA_DIR / "border_patrol.csv", resource, None)
    assert str(err.value) == "data/border_patrol.csv, row 1, column 'nope': required column is missing from the header"
    assert DATA_DIR.is_relative_to(ROOT)


# --- the package ---------------------------------------------------------------------------------------

def test_resources_in_package_order() -> None:
    names = loader.resources()
    assert names[0] == "countries" and "figures" in names and len(names) == len(set(names)) >= 17


def test_describe_unknown_lists_the_datasets() -> None:
    with pytest.raises(KeyError) as err:
        loader.describe("nothing")
    assert err.value.args[0].startswith("no dataset named 'nothing'; the datasets are: countries, migrant_stock")


def test_load_from_another_folder_and_clear_cache(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(DATA_DIR, tmp_path / "data")
    assert loader.load_from("countries", tmp_path / "data").equals(loader.load("countries"))
    first = loader.load_from("border_patrol", tmp_path / "data")
    (tmp_path / "data" / "border_patrol.csv").write_text("fiscal_year\n", encoding="utf-8")
    assert loader.load_from("border_patrol", tmp_path / "data").equals(first)  # cached
    loader.clear_cache()
    with pytest.raises(DataValidationError, match="required column is missing"):
        loader.load_from("border_patrol", tmp_path / "data")
    loader.clear_cache()


def test_primary_key_compares_only_its_own_columns(tmp_path: Path) -> None:
    fields = [field("a"), field("b"), field("c"), field("note")]
    refused(tmp_path, "a,b,c,note\n1,2,3,x\n1,2,3,y\n", fields, "row 3, column 'c'",
            "duplicate primary key (a=1, b=2, c=3)", key=["a", "b", "c"])
    refused(tmp_path, "a,b,c,note\n1,2,3,x\n1,5,6,y\n", fields, "row 3, column 'a'",
            "duplicate primary key (a=1)", key=["a"])


def test_non_utf8_after_a_blank_first_line(tmp_path: Path) -> None:
    refused(tmp_path, b"\n\xff\n", [field("a")], "row 2", "not UTF-8 text (invalid start byte at byte 1)")

"""Reading and validating the data package: ``load(name)`` is the one way to read a table.

Every table lives in ``data/`` as a CSV file described in
``data/datapackage.json`` (a Frictionless Data Package: schema, source,
licence and derivation of each resource). :func:`load` checks the file against
its schema before returning it, so a table with a wrong type, a missing or
extra column, a duplicate key or an unknown country code never reaches a
chart: it raises :class:`~migbook.errors.DataValidationError` naming the file,
the row (counted as in a spreadsheet: the header is row 1), the column and the
rule broken, and returns nothing.

Loaded tables are cached for the session; each call returns a fresh copy.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from migbook.errors import DataValidationError
from migbook.paths import DATA_DIR, ROOT

PACKAGE_FILE = "datapackage.json"


@functools.cache
def _package(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    with open(data_dir / PACKAGE_FILE, encoding="utf-8") as handle:
        return json.load(handle)


def resources() -> list[str]:
    """Names of the resources in the data package, in package order."""
    return [r["name"] for r in _package()["resources"]]


def describe(name: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The resource's metadata: title, description, sources, licences, derivation, schema."""
    package = _package(data_dir)
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource
    names = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"no dataset named {name!r}; the datasets are: {names}")


def load(name: str) -> pd.DataFrame:
    """Return dataset ``name`` as a typed DataFrame, validated against its schema.

    >>> load("migrant_stock").query("year == 2020")["both_sexes"].sum()
    np.int64(280598105)
    """
    return _load_validated(name, DATA_DIR).copy()


def clear_cache() -> None:
    """Forget loaded tables (after re-deriving them in the same session)."""
    _load_validated.cache_clear()
    _package.cache_clear()


@functools.cache
def _load_validated(name: str, data_dir: Path) -> pd.DataFrame:
    resource = describe(name, data_dir)
    path = data_dir / resource["path"]
    return validate_table(path, resource, lambda ref: _load_validated(ref, data_dir))


def load_from(name: str, data_dir: Path) -> pd.DataFrame:
    """Like :func:`load`, for a data package in another folder (used by tests and derivation)."""
    return _load_validated(name, Path(data_dir)).copy()


# --- validation -----------------------------------------------------------------

def _shown(path: Path) -> str:
    """The path as a reader would type it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _fail(path: Path, row: int | None, column: str | None, message: str) -> DataValidationError:
    where = [_shown(path)]
    if row is not None:
        where.append(f"row {row}")
    if column is not None:
        where.append(f"column '{column}'")
    return DataValidationError(f"{', '.join(where)}: {message}")


def _read_strings(path: Path) -> pd.DataFrame:
    """The table as text, every row checked to have exactly the header's fields."""
    if not path.is_file():
        raise _fail(path, None, None, "file not found")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw.count(b"\n", 0, err.start) + 1
        raise _fail(path, row, None, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as err:
        raise _fail(path, len(records) + 1, None, f"malformed CSV row ({err})") from None
    if not records:
        raise _fail(path, 1, None, "file is empty: a header row is required")
    header, rows = records[0], records[1:]
    for number, record in enumerate(rows, start=2):
        if len(record) < len(header):
            missing = header[len(record)]
            raise _fail(path, number, missing,
                        f"row has {len(record)} fields but the header has {len(header)}: the value is missing")
        if len(record) > len(header):
            raise _fail(path, number, None, f"row has {len(record)} fields but the header has {len(header)}: "
                                            f"extra value {record[len(header)]!r}")
    # Every row now has the header's fields, so pandas' faster reader sees the same table.
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)


def _check_header(path: Path, frame: pd.DataFrame, names: list[str]) -> None:
    header = list(frame.columns)
    if header == names:
        return
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    if missing:
        raise _fail(path, 1, missing[0], "required column is missing from the header")
    if extra:
        raise _fail(path, 1, extra[0], "column is not in the schema")
    raise _fail(path, 1, None, f"columns are out of order: expected {names}")


def _first(mask: pd.Series) -> int:
    """Spreadsheet row number of the first True in ``mask`` (header is row 1)."""
    return int(mask.to_numpy().argmax()) + 2


_INTEGER = r"[+-]?[0-9]+"


def _convert(path: Path, field: dict[str, Any], text: pd.Series) -> pd.Series:
    name, kind = field["name"], field.get("type", "string")
    blank = text == ""
    constraints = field.get("constraints", {})
    if constraints.get("required") and blank.any():
        raise _fail(path, _first(blank), name, "value is required but blank")
    if kind == "string":
        values = text.astype("str").mask(blank)
    elif kind == "integer":
        bad = ~blank & ~text.str.fullmatch(_INTEGER)
        if bad.any():
            raise _fail(path, _first(bad), name, f"{text[bad].iloc[0]!r} is not an integer")
        values = pd.to_numeric(text.mask(blank), errors="raise").astype("Int64")
        if not blank.any():
            values = values.astype("int64")
    elif kind == "number":
        values = pd.to_numeric(text.mask(blank), errors="coerce")
        bad = ~blank & values.isna()
        if bad.any():
            raise _fail(path, _first(bad), name, f"{text[bad].iloc[0]!r} is not a number")
        values = values.astype("float64")
    else:
        raise _fail(path, None, name, f"schema type {kind!r} is not supported by migbook.data")
    _check_constraints(path, name, constraints, values, text)
    return values


def _check_constraints(path: Path, name: str, constraints: dict[str, Any],
                       values: pd.Series, text: pd.Series) -> None:
    present = values.notna()
    rules = {
        "minimum": lambda v, x: v < x,
        "maximum": lambda v, x: v > x,
    }
    for rule, breaks in rules.items():
        if rule in constraints:
            bad = present & breaks(values, constraints[rule]).fillna(False)
            if bad.any():
                raise _fail(path, _first(bad), name,
                            f"{text[bad].iloc[0]!r} breaks {rule} {constraints[rule]}")
    if "enum" in constraints:
        bad = present & ~values.isin(constraints["enum"])
        if bad.any():
            raise _fail(path, _first(bad), name, f"{text[bad].iloc[0]!r} is not one of {constraints['enum']}")
    if "pattern" in constraints:
        bad = present & ~text.str.fullmatch(constraints["pattern"])
        if bad.any():
            raise _fail(path, _first(bad), name,
                        f"{text[bad].iloc[0]!r} does not match pattern {constraints['pattern']}")
    if constraints.get("unique"):
        bad = present & values.duplicated(keep="first")
        if bad.any():
            raise _fail(path, _first(bad), name, f"{text[bad].iloc[0]!r} is a duplicate (must be unique)")


def validate_table(path: Path, resource: dict[str, Any], lookup: Any) -> pd.DataFrame:
    """Read ``path`` and check it against ``resource``'s schema; return the typed table.

    ``lookup(name)`` returns another (validated) resource, for foreign keys.
    """
    schema = resource["schema"]
    fields = schema["fields"]
    raw = _read_strings(path)
    _check_header(path, raw, [f["name"] for f in fields])
    typed = pd.DataFrame({f["name"]: _convert(path, f, raw[f["name"]]) for f in fields})
    key = schema.get("primaryKey", [])
    if key:
        dup = typed.duplicated(subset=key, keep="first")
        if dup.any():
            row = typed[dup].iloc[0]
            shown = ", ".join(f"{k}={row[k]}" for k in key)
            raise _fail(path, _first(dup), key[-1], f"duplicate primary key ({shown})")
    for fk in schema.get("foreignKeys", []):
        own, ref = fk["fields"], fk["reference"]
        target = lookup(ref["resource"])
        known = set(target[ref["fields"][0]])
        column = own[0]
        bad = typed[column].notna() & ~typed[column].isin(known)
        if bad.any():
            raise _fail(path, _first(bad), column,
                        f"{raw[column][bad].iloc[0]!r} is not a known code in {ref['resource']}")
    return typed

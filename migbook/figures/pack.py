"""Figures' data written compactly into the page: columns, with repeated values stored once.

A figure's Vega-Lite spec carries its precomputed grid inline as records (one JSON
object per row), so every row repeats every column name and, in a model's grid,
the same x list and control values. :func:`pack` writes each inline dataset as
columns instead; a column with few distinct values (the controls, a shared x list)
keeps each distinct value once and an index per row. The page script
(``migbook-charts.js``) unpacks it before drawing; :func:`unpack` does the same in
Python, so a test can show the round trip gives back the very same spec.

A packed dataset: ``{"migbook-packed": rows, "columns": [{"name": n, "values": [...]}
| {"name": n, "pool": [distinct values], "index": [one per row]}]}``.
"""

from __future__ import annotations

import json
from typing import Any

MARK = "migbook-packed"
POOL_SHARE = 0.5  # pool a column when its distinct values are at most this share of its rows


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def pack_values(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Records as packed columns; None when they are not records sharing one set of keys."""
    if not rows or not all(isinstance(row, dict) for row in rows):
        return None
    names = list(rows[0])
    if any(list(row) != names for row in rows):
        return None
    columns = []
    for name in names:
        cells = [row[name] for row in rows]
        pool: dict[str, int] = {}
        index = [pool.setdefault(_key(cell), len(pool)) for cell in cells]
        if len(pool) <= POOL_SHARE * len(cells):
            distinct = list({_key(cell): cell for cell in cells}.values())
            columns.append({"name": name, "pool": distinct, "index": index})
        else:
            columns.append({"name": name, "values": cells})
    return {MARK: len(rows), "columns": columns}


def unpack_values(packed: dict[str, Any]) -> list[dict[str, Any]]:
    """The records :func:`pack_values` packed."""
    columns = [(c["name"], c["values"] if "values" in c else [c["pool"][i] for i in c["index"]])
               for c in packed["columns"]]
    return [{name: cells[i] for name, cells in columns} for i in range(packed[MARK])]


def _walk(spec: Any, change: Any) -> Any:
    """A copy of ``spec`` with ``change`` applied to every inline dataset's values (the data of any view)."""
    if isinstance(spec, list):
        return [_walk(item, change) for item in spec]
    if not isinstance(spec, dict):
        return spec
    out = {key: _walk(value, change) for key, value in spec.items()}
    for key in ("data", "datasets"):
        if key not in out or not isinstance(out[key], dict):
            continue
        if key == "data" and "values" in out[key]:
            out[key] = {**out[key], "values": change(out[key]["values"])}
        elif key == "datasets":
            out[key] = {name: change(values) for name, values in out[key].items()}
    return out


def pack(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every inline dataset packed (datasets that are not plain records stay as they are)."""
    def change(values: Any) -> Any:
        packed = pack_values(values) if isinstance(values, list) else None
        return packed if packed is not None and len(_key(packed)) < len(_key(values)) else values
    return _walk(spec, change)


def unpack(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec :func:`pack` packed, as Vega-Lite reads it."""
    return _walk(spec, lambda values: unpack_values(values) if isinstance(values, dict) and MARK in values
                 else values)

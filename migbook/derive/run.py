"""Read the raw sources, build each table, check it reconciles, write it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from migbook.derive import (
    ageing,
    bilateral,
    border,
    citizenship,
    conflict,
    countries,
    economy,
    europe,
    flows,
    labour,
    memberships,
    refugees,
    regimes,
    stocks,
    votes,
)
from migbook.errors import MigbookError
from migbook.paths import DATA_DIR, data_sources_dir

DEFAULT_SOURCES = data_sources_dir()

# One module per topic; each maps its files in data/ to the functions that build them.
MODULES = [countries, stocks, economy, bilateral, refugees, border, memberships, conflict, regimes, citizenship,
           labour, europe, ageing, flows, votes]
BUILDERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    name: build for module in MODULES for name, build in module.TABLES.items()
}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table the same way every time: UTF-8, LF line ends, no index."""
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def derive_all(sources: Path = DEFAULT_SOURCES, out_dir: Path = DATA_DIR) -> list[Path]:
    """Build every table from ``sources`` into ``out_dir``; return the paths written."""
    if not sources.is_dir():
        raise MigbookError(f"raw data sources not found at {sources} (see data/README.md)")
    written = []
    for name, build in BUILDERS.items():
        path = out_dir / name
        write_csv(build(sources), path)
        written.append(path)
    return written

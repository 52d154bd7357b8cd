"""Which regional blocs opened their labour markets to each other's nationals, and from when.

One table, ``mobility_regimes``: one row per bloc (an organisation code of the organisations table),
hand-entered in ``handmade/mobility_regimes.csv`` with the source of each row. ``status`` is

- ``implemented``: nationals of members may live and work in other members, from ``from_year``;
- ``partial``: some movement is in force (visa-free entry, workers with a job offer) but not a general
  right to live and work;
- ``skilled_only``: mobility for professionals or business travellers only;
- ``agreed``: a free-movement instrument adopted (``agreed``) but not in force.

The checks refuse a row without a source, an unknown organisation, a start before the agreement, and a
``from_year`` on any row that is not ``implemented`` (or none on one that is).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv
from migbook.derive.memberships import HANDMADE

STATUSES = ("implemented", "partial", "skilled_only", "agreed")
COLUMNS = ["organisation", "status", "agreed", "from_year", "instrument", "source"]


def check(table: pd.DataFrame, codes: set[str]) -> None:
    """Refuse a table that breaks a rule of the module docstring, naming the rows."""
    if table["source"].isna().any() or table["instrument"].isna().any():
        raise ReconciliationError("mobility_regimes: every row needs an instrument and a source")
    if table["organisation"].duplicated().any():
        raise ReconciliationError("mobility_regimes: an organisation appears twice")
    unknown = set(table["organisation"]) - codes
    if unknown:
        raise ReconciliationError(f"mobility_regimes: organisations not in organisations.csv: {sorted(unknown)}")
    bad = ~table["status"].isin(STATUSES)
    if bad.any():
        raise ReconciliationError(f"mobility_regimes: unknown status for {table.loc[bad, 'organisation'].tolist()}")
    implemented = table["status"] == "implemented"
    if (implemented != table["from_year"].notna()).any():
        raise ReconciliationError("mobility_regimes: from_year is given exactly for implemented regimes")
    early = table["from_year"].notna() & (table["from_year"] < table["agreed"])
    if early.any():
        names = table.loc[early, "organisation"].tolist()
        raise ReconciliationError(f"mobility_regimes: in force before agreed: {names}")


def mobility_regimes(sources: Path) -> pd.DataFrame:
    """The hand-entered free-movement regimes, checked and sorted by organisation."""
    table = read_csv(HANDMADE / "mobility_regimes.csv", dtype={"agreed": "Int64", "from_year": "Int64"})
    codes = set(read_csv(HANDMADE / "organisations.csv")["code"])
    check(table, codes)
    return table.sort_values("organisation").reset_index(drop=True)[COLUMNS]


TABLES = {"mobility_regimes.csv": mobility_regimes}

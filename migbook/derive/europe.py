"""EU asylum measures table: the published figures of the EU's responsibility-sharing acts, entered by hand.

Each row is one figure from one act (the 2015 distribution key's weights and cap, the two 2015
relocation decisions, the 2024 Annual Solidarity Pool), with the act, its date and the source
it was read from, so that the model's defaults and the chapter's prose can be checked against it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv

HANDMADE = Path(__file__).parent / "handmade" / "eu_asylum_measures.csv"
COLUMNS = ["measure", "act", "date", "value", "unit", "source", "note"]


def eu_asylum_measures(sources: Path) -> pd.DataFrame:
    """The hand-entered table as it stands, checked: one row per measure, each with a source.

    ``sources`` is unused (no raw file: every row names the act it comes from).
    """
    table = read_csv(HANDMADE)
    if list(table.columns) != COLUMNS:
        raise ReconciliationError(f"eu_asylum_measures: columns {list(table.columns)}, expected {COLUMNS}")
    if table["measure"].duplicated().any() or table["source"].isna().any():
        raise ReconciliationError("eu_asylum_measures: a measure repeats or a row names no source")
    return table


TABLES = {"eu_asylum_measures.csv": eu_asylum_measures}

"""What every derivation module shares: reading raw files, and the reconciliation error.

Each module in this package derives one topic's tables. A module exposes
``TABLES``, a mapping from the file name in ``data/`` to the function that
builds it from the raw sources folder. Every function checks that what it
returns reconciles with its raw input (no row or total silently lost) and
raises :class:`ReconciliationError` if not.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.errors import MigbookError

GDIVIZ = "iom-gdiviz"
COCO = "country-converter-classifications"
UNKNOWN_ORIGIN = "XXX"  # UN DESA's "other or unknown" origin


class ReconciliationError(MigbookError):
    """A derived table does not add up to its raw source."""


def read_csv(path: Path, **kwargs: object) -> pd.DataFrame:
    """A raw CSV with blank cells as missing and nothing else guessed (Namibia stays "NA")."""
    return pd.read_csv(path, keep_default_na=False, na_values=[""], **kwargs)


def undesa_stocks(sources: Path) -> pd.DataFrame:
    """UN DESA International Migrant Stock 2020, origin x destination x year x sex (gdiviz)."""
    return read_csv(sources / GDIVIZ / "undesa_ims2020_stocks_od.csv")


def wdi(sources: Path) -> pd.DataFrame:
    """The World Development Indicators extract of gdiviz, long format."""
    return read_csv(sources / GDIVIZ / "wdi_indicators_1990_2023.csv")

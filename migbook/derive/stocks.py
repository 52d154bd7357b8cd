"""International migrant stock tables (UN DESA 2020 revision, through gdiviz)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, undesa_stocks


def migrant_stock(sources: Path) -> pd.DataFrame:
    """International migrant stock by country of destination and year, by sex (persons)."""
    raw = undesa_stocks(sources)
    wide = raw.pivot_table(index=["to", "t"], columns="sex", values="v", aggfunc="sum", fill_value=0)
    out = pd.DataFrame({
        "iso3": wide.index.get_level_values("to"),
        "year": wide.index.get_level_values("t"),
        "both_sexes": (wide["Male"] + wide["Female"]).to_numpy(),
        "male": wide["Male"].to_numpy(),
        "female": wide["Female"].to_numpy(),
    }).sort_values(["iso3", "year"]).reset_index(drop=True)
    raw_by_year = raw.groupby("t")["v"].sum()
    out_by_year = out.groupby("year")["both_sexes"].sum()
    if not raw_by_year.equals(out_by_year.rename_axis("t")):
        raise ReconciliationError("migrant_stock: yearly totals differ from the raw UN DESA table")
    return out


TABLES = {"migrant_stock.csv": migrant_stock}

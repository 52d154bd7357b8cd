"""Where countries stand for Chapter 3's figures: net migration over 2000-2019, the ideal agreement it implies."""

from __future__ import annotations

import functools

import pandas as pd

from migbook import data
from migbook.models import win_sets as model

RATE_YEARS = (2000, 2019)


@functools.cache
def _positions() -> pd.DataFrame:
    rates = data.net_migration_rate(*RATE_YEARS)
    rates["ideal"] = model.ideal_points(rates["net_migration_rate"].to_numpy())
    rates["receiving"] = rates["net_migration_rate"] > 0
    return rates


def positions() -> pd.DataFrame:
    """Countries with a net migration rate, their ideal agreement and whether they are receiving countries."""
    return _positions().copy()

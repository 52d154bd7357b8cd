"""The south-west border view (:mod:`migbook.data.borders`) against the Border Patrol table it reshapes."""

from __future__ import annotations

import pandas as pd
import pytest

from migbook import data


def fiscal_year(day: str) -> int:
    """The US federal fiscal year of a date: FY2000 runs from October 1999 to September 2000."""
    when = pd.Timestamp(day)
    return when.year + 1 if when.month >= 10 else when.year


def test_view_holds_every_value_of_the_three_series_and_nothing_else() -> None:
    table = data.load("border_patrol").query("1992 <= fiscal_year <= 2019").set_index("fiscal_year")
    view = data.southwest_border()
    assert set(view["measure"]) == set(data.SOUTHWEST)
    for measure in data.SOUTHWEST:
        series = view[view["measure"] == measure].set_index("fiscal_year")["value"]
        assert series.to_dict() == table[measure].dropna().astype(int).to_dict(), measure


def test_series_cover_the_years_they_should() -> None:
    view = data.southwest_border()
    years = view.groupby("measure")["fiscal_year"].agg(["min", "max", "count"])
    assert years.loc["agents_southwest"].tolist() == [1992, 2019, 28]
    assert years.loc["apprehensions_southwest"].tolist() == [1992, 2019, 28]
    assert years.loc["deaths_southwest"].tolist() == [1998, 2019, 22]


def test_window_is_respected() -> None:
    view = data.southwest_border(2000, 2005)
    assert view["fiscal_year"].between(2000, 2005).all() and len(view) == 18


@pytest.mark.parametrize("row", data.OPERATIONS.to_dict(orient="records"), ids=lambda r: r["operation"])
def test_operations_are_placed_in_the_fiscal_year_they_began(row: dict) -> None:
    assert row["fiscal_year"] == fiscal_year(row["began"])
    assert row["source"] in {"cornelius2001", "nevins2002"}


def test_the_fiscal_year_rule() -> None:
    assert fiscal_year("1994-10-01") == 1995 and fiscal_year("1994-09-30") == 1994

"""The figures ledger: every figure the book quotes, with where it comes from.

Each row of ``data/figures.csv`` is a figure as a chapter states it (``text``,
e.g. "about 180 million"), its value and unit, and its origin:

* ``quoted``: from a source text (``source`` is its bibliography key); ``locator``
  is a phrase of that text, around the figure, that :func:`locate` finds;
* ``published``: from a publication outside the source texts (an official record,
  a later edition of a dataset, a treaty); ``source`` is its bibliography key and
  ``locator`` says where in it the figure stands (page, table, article or section),
  so a reader can check it; it cannot be checked offline, so the row must say where;
* ``data``: computed from the book's datasets; ``check`` names the value and
  ``tolerance`` how far the text may round it. Two forms:
  ``stock:PLACE:YEAR:COLUMN`` (a row of :func:`migbook.data.stock_by_place`), and
  ``table|RESOURCE|QUERY|COLUMN|AGG`` (a pandas ``query`` on a dataset, then
  ``AGG`` of a column: sum, count, nunique, mean, min, max or first);
* ``derived``: the book's own arithmetic on other rows (``note`` shows it).

The tests hold the chapters to the ledger: every figure in a chapter's running
prose must be one of its ledger rows, and every row must match its source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from migbook import data, paths
from migbook.qa import booktext

SOURCE_TEXTS = {
    "cooperation2019": "000_cf2dc12b90d066c6.txt",
    "adamson2006": "001_dfdba23a949ff975.txt",
    "overview_ir": "002_0c7177f551345b15.txt",
}
_LIGATURES = {"\ufb01": "fi", "\ufb02": "fl", "º": "fl", "ª": "fi"}


def ledger(chapter: str | None = None) -> pd.DataFrame:
    """The ledger, or the rows of one chapter (``"01"``)."""
    table = data.load("figures")
    return table if chapter is None else table[table["chapter"] == chapter].reset_index(drop=True)


def normalise(text: str) -> str:
    """Text with ligatures repaired, words re-joined across line-end hyphens, spaces and dashes unified."""
    for bad, good in _LIGATURES.items():
        text = text.replace(bad, good)
    text = re.sub(r"-\s*\n\s*", "", text)
    text = text.replace("–", "-").replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).lower()


def locate(source: str, locator: str, seeds_dir: Path | None = None) -> bool:
    """Whether ``locator`` stands in the source text ``source`` (a bibliography key)."""
    text = ((seeds_dir or paths.seeds_dir()) / SOURCE_TEXTS[source]).read_text(errors="ignore")
    return normalise(locator) in normalise(text)


AGGREGATES = ("sum", "count", "nunique", "mean", "min", "max", "first")


def table_value(check: str) -> float:
    """``table|RESOURCE|QUERY|COLUMN|AGG``: e.g. ``table|treaties|treaty == 'MWC'|iso3|nunique``."""
    try:
        _, resource, query, column, agg = check.split("|")
    except ValueError:
        raise ValueError(f"a table check has five parts separated by |, got {check!r}") from None
    if agg not in AGGREGATES:
        raise ValueError(f"unknown aggregate {agg!r} in {check!r}; use one of {AGGREGATES}")
    rows = data.load(resource).query(query) if query.strip() else data.load(resource)
    values = rows[column]
    return float(values.iloc[0] if agg == "first" else getattr(values, agg)())


def data_value(check: str) -> float:
    """The value a ``data`` row names, e.g. ``stock:World:2020:share_pct``.

    ``persons_per_migrant`` is 100 divided by the share, the "one person in N" form.
    """
    if check.startswith("table|"):
        return table_value(check)
    kind, place, year, column = check.split(":")
    if kind != "stock":
        raise ValueError(f"unknown check kind {kind!r} in {check!r}")
    table = data.stock_by_place()
    row = table[(table["place"] == place) & (table["year"] == int(year))]
    if len(row) != 1:
        raise ValueError(f"no single row for {place} in {year} ({check!r})")
    if column == "persons_per_migrant":
        return 100 / float(row["share_pct"].iloc[0])
    return float(row[column].iloc[0])


def uncovered_numbers(chapter_text: str, texts: list[str]) -> list[str]:
    """Numbers in the chapter's running prose that no ledger ``text`` accounts for.

    A number is accounted for when it lies inside an occurrence of a ledger row's
    text in the same paragraph.
    """
    missing = []
    for paragraph in booktext.figure_paragraphs(chapter_text):
        covered = [m.span() for t in texts for m in re.finditer(re.escape(t), paragraph)]
        for start, end in booktext.number_spans(paragraph):
            if not any(a <= start and end <= b for a, b in covered):
                missing.append(f"{paragraph[start:end]!r} in: {paragraph[max(0, start - 60):end + 40]!r}")
    return missing

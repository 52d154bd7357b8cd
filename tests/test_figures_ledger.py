"""Every figure a chapter prints is in the ledger, and every ledger row matches its source."""

from __future__ import annotations

import os

import pytest

from migbook import paths
from migbook.paths import ROOT
from migbook.qa import booktext, ledger

CHAPTERS = {p.name[:2]: p for p in sorted((ROOT / "book" / "chapters").glob("*.md"))}


@pytest.fixture(scope="module")
def seeds_dir() -> object:
    if paths.seeds_dir().is_dir():
        return paths.seeds_dir()
    if os.environ.get("CI"):
        pytest.fail(f"source texts missing at {paths.seeds_dir()}: CI runs with ../shared beside the repo")
    pytest.skip(f"source texts not found at {paths.seeds_dir()}")


def rows(kind: str | None = None) -> list[dict]:
    table = ledger.ledger()
    if kind:
        table = table[table["kind"] == kind]
    return table.to_dict(orient="records")


def test_every_chapter_has_ledger_rows() -> None:
    assert set(ledger.ledger()["chapter"]) == set(CHAPTERS)


@pytest.mark.parametrize("row", rows(), ids=lambda r: r["id"])
def test_row_is_printed_in_its_chapter_with_its_value(row: dict) -> None:
    assert row["id"].startswith(f"ch{row['chapter']}-")
    assert row["text"] in CHAPTERS[row["chapter"]].read_text(), f"{row['text']!r} is not in the chapter"
    low, high = booktext.parse_quantity(row["text"])
    assert low == pytest.approx(row["value"])
    if high is None:
        assert row["value_high"] != row["value_high"] or row["value_high"] is None  # blank (NaN)
    else:
        assert high == pytest.approx(row["value_high"])


def test_every_source_is_a_bibliography_key_or_a_dataset() -> None:
    import re

    from migbook import data

    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(), re.M))
    unknown = set(ledger.ledger()["source"]) - keys - set(data.resources())
    assert not unknown, f"ledger sources that are neither bibliography keys nor datasets: {unknown}"


@pytest.mark.parametrize("row", rows("quoted"), ids=lambda r: r["id"])
def test_quoted_row_stands_in_its_source_text(row: dict, seeds_dir: object) -> None:
    assert row["source"] in ledger.SOURCE_TEXTS
    assert ledger.locate(row["source"], row["locator"], seeds_dir), f"locator not found: {row['locator']!r}"
    stated = {float(n.replace(",", "")) for n in booktext.NUMBER.findall(row["locator"])}
    stated |= {float(v) for w, v in booktext.WORD_NUMBERS.items() if w in row["locator"].lower().split()}
    scaled = {row["value"] / scale for scale in (1, 1e3, 1e6, 1e9)}
    assert stated & scaled, f"the locator does not state {row['value']}"


@pytest.mark.parametrize("row", rows("data"), ids=lambda r: r["id"])
def test_data_row_matches_the_dataset(row: dict) -> None:
    assert abs(ledger.data_value(row["check"]) - row["value"]) <= row["tolerance"]


@pytest.mark.parametrize("row", rows("derived"), ids=lambda r: r["id"])
def test_derived_row_shows_its_arithmetic(row: dict) -> None:
    assert row["note"], "a derived figure must show how it was computed"


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_every_figure_in_the_chapter_is_in_the_ledger(chapter: str) -> None:
    texts = ledger.ledger(chapter)["text"].tolist()
    missing = ledger.uncovered_numbers(CHAPTERS[chapter].read_text(), texts)
    assert not missing, "figures with no ledger row:\n" + "\n".join(missing)

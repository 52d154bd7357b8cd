"""Every figure a chapter prints is in the ledger, and every ledger row matches its source."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from migbook import data, paths
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


@pytest.mark.parametrize("row", rows("published"), ids=lambda r: r["id"])
def test_published_row_names_its_publication_and_where_in_it(row: dict) -> None:
    """A figure from outside the source texts cites a bibliography entry and a place in it."""
    import re

    entries = dict(re.findall(r"^@\w+\{([^,]+),(.*?)^\}", (ROOT / "book" / "references.bib").read_text(), re.M | re.S))
    assert row["source"] in entries, f"{row['source']!r} is not a bibliography key"
    assert row["source"] not in ledger.SOURCE_TEXTS, "a figure from a source text is quoted, with its locator"
    assert re.search(r"\byear\s*=", entries[row["source"]]), "the publication needs a year"
    assert isinstance(row["locator"], str) and len(row["locator"].strip()) >= 5, "say where in the publication"


@pytest.mark.parametrize("row", rows("data"), ids=lambda r: r["id"])
def test_data_row_matches_the_dataset(row: dict) -> None:
    assert abs(ledger.data_value(row["check"]) - row["value"]) <= row["tolerance"]


def _value(row_id: str, column: str = "value") -> float:
    return float(ledger.ledger().set_index("id").loc[row_id, column])


def _stock(place: str, year: int) -> float:
    table = data.stock_by_place()
    return float(table[(table["place"] == place) & (table["year"] == year)]["stock"].item())


def _born_in(region: str, year: int) -> float:
    """International migrants born in a UN region in a year (UN DESA 2020 revision, by origin)."""
    sums = data.regional_sums("migrant_stock_origin")
    return float(sums.query("un_region == @region and year == @year and measure == 'both_sexes'")["value"].item())


def _mwc_parties() -> list[str]:
    treaties = data.load("treaties")
    return sorted(set(treaties[(treaties["treaty"] == "MWC") & treaties["action_year"].notna()]["iso3"]))


def _rates() -> pd.Series:
    return data.net_migration_rate(2000, 2019).set_index("iso3")["net_migration_rate"]


def _sides(side: str, among: object = None) -> float:
    rates = _rates() if among is None else _rates()[among]
    return float((data.migration_side(rates) == side).sum())


def _top_ten_hosts_outside_the_mwc() -> float:
    stock = data.load("migrant_stock").query("year == 2020").merge(data.load("countries"), on="iso3")
    top = stock[stock["kind"] == "place"].nlargest(10, "both_sexes")["iso3"]
    treaties = data.load("treaties")
    in_mwc = set(treaties[treaties["treaty"] == "MWC"]["iso3"])
    return float((~top.isin(in_mwc)).sum())


# Each derived figure recomputed from the data, or from the ledger rows it is the arithmetic of:
# (low, high) with high None for a single figure.
DERIVED = {
    "ch01-34-in-35": lambda: (_value("ch01-one-in-35") - 1, None),
    "ch01-turnover": lambda: (100 * _value("ch01-yearly-movers") / _value("ch01-migrants-abroad"),
                              100 * _value("ch01-yearly-movers", "value_high") / _value("ch01-migrants-abroad")),
    "ch01-mean-stay": lambda: (_value("ch01-migrants-abroad") / _value("ch01-yearly-movers", "value_high"),
                               _value("ch01-migrants-abroad") / _value("ch01-yearly-movers")),
    "ch01-growth-1990-2020": lambda: (100 * (_stock("World", 2020) / _stock("World", 1990) - 1), None),
    "ch02-top-ten-hosts": lambda: (_top_ten_hosts_outside_the_mwc(), None),
    "ch03-netmig-senders": lambda: (_sides("net emigration"), None),
    "ch03-netmig-receivers": lambda: (_sides("net immigration"), None),
    "ch03-netmig-balanced": lambda: (_sides("roughly balanced"), None),
    "ch03-parties-emigration": lambda: (_sides("net emigration", _mwc_parties()), None),
    "ch03-parties-balanced": lambda: (_sides("roughly balanced", _mwc_parties()), None),
    "ch03-parties-immigration": lambda: (_sides("net immigration", _mwc_parties()), None),
    "ch03-egypt-rate": lambda: (float(_rates()["EGY"]), None),
    "ch03-band-growth": lambda: (100 * ((1 + data.BALANCE_BAND / 1000) ** 20 - 1), None),
    "ch03-parties-max-rate": lambda: (float(_rates()[_mwc_parties()].max()), None),
    "ch03-uae-rate": lambda: (float(_rates()["ARE"]), None),
    "ch03-qatar-rate": lambda: (float(_rates()["QAT"]), None),
    "ch05-asia-born-2000": lambda: (_born_in("Asia", 2000), None),
}


def states(text: str, stated: float, computed: float) -> bool:
    """Whether the chapter's words for a figure (``text``, with number ``stated``) are true of ``computed``.

    "more than X": X < computed < 1.1 X (so 83 % is "more than 80 percent", never "more than 90 percent");
    "about X": within half a unit or 5 %; a range "A to B": each end rounds to the figure; otherwise exact.
    """
    words = text.lower()
    if "more than" in words:
        return stated < computed < 1.1 * stated
    if "about" in words:
        return abs(computed - stated) <= max(0.5, 0.05 * abs(stated))
    return abs(computed - stated) <= 0.5 if " to " in words else computed == stated


def test_every_derived_row_is_recomputed() -> None:
    assert set(DERIVED) == {r["id"] for r in rows("derived")}, "add a recomputation for each derived row"


@pytest.mark.parametrize("row", rows("derived"), ids=lambda r: r["id"])
def test_derived_row_agrees_with_the_data(row: dict) -> None:
    assert row["note"], "a derived figure must show how it was computed"
    low, high = DERIVED[row["id"]]()
    assert states(row["text"], row["value"], low), f"{row['text']!r} but the data give {low:.4g}"
    if high is None:
        assert row["value_high"] != row["value_high"]  # blank (NaN)
    else:
        assert states(row["text"], row["value_high"], high), f"{row['text']!r} but the data give {high:.4g}"


def test_the_wording_rule_refuses_an_overstatement() -> None:
    assert states("more than 80 percent", 80, 83.3)
    assert not states("more than 90 percent", 90, 83.3)
    assert not states("more than 80 percent", 80, 80.0)
    assert not states("more than 10 percent", 10, 83.3)
    assert states("about 64", 64, 63.7) and not states("about 60", 60, 63.7)
    assert states("3 to 6 percent", 3, 2.78) and not states("3 to 6 percent", 3, 2.4)
    assert states("118 lost", 118, 118.0) and not states("118 lost", 118, 117.0)


# --- the rules the ledger tests rely on ---------------------------------------------------------------


def test_a_number_is_covered_only_inside_a_ledger_text() -> None:
    """Rule: a number is accounted for when it lies wholly inside an occurrence of a ledger text in its paragraph."""
    paragraph = ("In 2019 some 281 million people, or 3.6 percent, lived abroad, and 40 percent of them "
                 "in cities {cite:p}`x`.")

    def uncovered(texts: list[str]) -> list[str]:
        return [m.split(" in: ")[0].strip("'") for m in ledger.uncovered_numbers(paragraph, texts)]

    assert uncovered(["281 million", "3.6 percent"]) == ["40"]  # after every covered text
    assert uncovered(["3.6 percent", "40 percent"]) == ["281"]  # before every covered text
    assert uncovered(["281 million", "40 percent"]) == ["3.6"]  # between two
    assert uncovered(["281 million", "3.6 percent", "40 percent"]) == []
    assert uncovered(["281 million", "6 percent", "40 percent"]) == ["3.6"]  # half covered is not covered
    assert uncovered([]) == ["281", "3.6", "40"]
    assert "lived abroad, and 40 percent" in ledger.uncovered_numbers(paragraph, ["281 million", "3.6 percent"])[0]


def test_a_locator_must_stand_whole_in_the_source(tmp_path: object) -> None:
    """Rule: the whole locator (after normalising ligatures, line-end hyphens, dashes and spaces) is in the text."""
    (tmp_path / ledger.SOURCE_TEXTS["adamson2006"]).write_text(
        "Today approximately 180 mil-\nlion people live outside their coun\ufb01rmed\u2013birth country.")
    assert ledger.locate("adamson2006", "approximately 180 million people live", tmp_path)
    assert ledger.locate("adamson2006", "APPROXIMATELY  180\nmillion", tmp_path)
    assert ledger.locate("adamson2006", "counfirmed-birth", tmp_path)
    assert not ledger.locate("adamson2006", "approximately 190 million people", tmp_path)
    assert not ledger.locate("adamson2006", "approximately 180 million people live inside", tmp_path)


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_every_figure_in_the_chapter_is_in_the_ledger(chapter: str) -> None:
    texts = ledger.ledger(chapter)["text"].tolist()
    missing = ledger.uncovered_numbers(CHAPTERS[chapter].read_text(), texts)
    assert not missing, "figures with no ledger row:\n" + "\n".join(missing)

"""The list of figures and models (book/figures.md) is generated, covers every explorer and links true pages."""

from __future__ import annotations

import html
import importlib
import re
from pathlib import Path

import pytest

from migbook import explorers, figurelist
from migbook.explorers import _catalogue
from migbook.paths import BOOK_DIR

LISTING = figurelist.table()
PAGE_HTML = LISTING.to_html()
LINKS = re.findall(r'<tr><th scope="row"><code>explorers\.(\w+)\(\)</code></th>(.*?)</tr>', PAGE_HTML)


def test_the_figures_page_shows_the_generated_list() -> None:
    code = "".join(figurelist.CODE_CELL.findall((BOOK_DIR / "figures.md").read_text()))
    assert "figurelist.table()" in code
    assert not figurelist.CALL.search(code), "the page's code lists no explorer by hand"


def test_every_catalogued_explorer_has_one_row() -> None:
    assert sorted(name for name, _ in LINKS) == sorted(explorers.catalogue())
    assert "responsibility_sharing" in dict(LINKS) and "remittance_cost" in dict(LINKS)


@pytest.mark.parametrize(("name", "cells"), LINKS, ids=[name for name, _ in LINKS])
def test_every_link_points_to_a_page_that_calls_the_explorer(name: str, cells: str) -> None:
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*>', cells)
    assert hrefs, f"{name} is shown on no page"
    for href in hrefs:
        assert href.endswith(".html") and not href.startswith(("/", "http"))
        source = (BOOK_DIR / html.unescape(href)).resolve().with_suffix(".md")
        assert source.is_file(), href
        code = "".join(figurelist.CODE_CELL.findall(source.read_text()))
        assert re.search(rf"\bexplorers\.{name}\(", code), f"{source.name} does not call explorers.{name}()"


@pytest.mark.parametrize("row", figurelist.rows(), ids=lambda r: r.name)
def test_models_and_data_are_the_explorers_own(row: figurelist.Row) -> None:
    entry = explorers.catalogue()[row.name]
    assert row.datasets == entry.datasets
    for module in row.models:
        importlib.import_module(module)
    own = f"migbook.models.{row.name}"
    if importlib.util.find_spec(own) is not None:
        assert own in row.models, f"{row.name} is drawn from {own}"


def test_a_data_figure_in_a_model_module_gets_no_model() -> None:
    # explorers/citizenship.py holds the simulator and a data figure; only the first uses the model.
    rows = {r.name: r for r in figurelist.rows()}
    assert rows["citizenship"].models == ("migbook.models.citizenship",)
    assert rows["foreign_born_and_citizenship"].models == ()


def test_a_new_explorer_is_listed_without_editing_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is hard-coded: register an explorer and a page that calls it, and the list picks both up."""
    monkeypatch.setattr(_catalogue, "_REGISTRY", dict(_catalogue._REGISTRY))

    @_catalogued("capital_flows")
    def trial_figure() -> object:
        """A trial figure."""
        return explorers.border_market()

    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "99-trial.md").write_text(
        "# A trial chapter\n\nText that mentions explorers.trial_figure() outside code.\n\n"
        "```{code-cell} ipython3\nexplorers.trial_figure()\n```\n")
    (tmp_path / "notes.md").write_text("# Notes\n\nexplorers.trial_figure() in prose only.\n")
    listing = figurelist.Listing(book_dir=tmp_path, page=tmp_path / "figures.md")
    row = {r.name: r for r in listing.rows()}["trial_figure"]
    assert [p.title for p in row.pages] == ["A trial chapter"]
    assert row.pages[0].href(tmp_path / "figures.md") == "chapters/99-trial.html"
    assert row.models == ()  # its code reaches no migbook.models module of its own module
    assert row.datasets == ("capital_flows",)
    assert re.search(r'<a href="chapters/99-trial.html"[^>]*>A trial chapter</a>', listing.to_html())


def _catalogued(*datasets: str) -> object:
    return _catalogue.catalogued(*datasets)

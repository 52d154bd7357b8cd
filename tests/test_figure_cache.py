"""Figures kept between builds (issue #14): a kept figure is the very HTML computing it gives, and any change to
the figure, the package's code, the data or the libraries computes it again."""

from __future__ import annotations

import dataclasses
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from migbook import explorers, figure_cache
from migbook.figures.grid import GridExplorer
from migbook.figures.twin import MODE_VARIABLE

CODE = "0" * 32


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A build's figure folder, as the book's build sets it for its kernels (static twins, one code key)."""
    folder = tmp_path / figure_cache.FOLDER
    monkeypatch.setenv(figure_cache.CACHE_VARIABLE, str(folder))
    monkeypatch.setenv(MODE_VARIABLE, "static")
    monkeypatch.setattr(figure_cache, "_CODE_KEY", {"key": CODE})
    yield folder


def _tree(root: Path) -> Path:
    """A small stand-in for the package and its data."""
    (root / "package" / "models").mkdir(parents=True)
    (root / "package" / "models" / "stock_flow.py").write_text("RATE = 0.04\n")
    (root / "package" / "__pycache__").mkdir()
    (root / "data").mkdir()
    (root / "data" / "migrant_stock.csv").write_text("year,stock\n2020,281\n")
    return root


def test_the_code_key_follows_the_models_the_data_and_the_libraries(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(tmp_path)
    key = lambda: figure_cache.code_key(root / "package", root / "data")  # noqa: E731
    first = key()
    assert key() == first
    (root / "package" / "__pycache__" / "stock_flow.cpython-311.pyc").write_bytes(b"compiled")
    assert key() == first  # compiled files are not code
    (root / "package" / "models" / "stock_flow.py").write_text("RATE = 0.05\n")  # a model changed
    second = key()
    assert second != first
    (root / "data" / "migrant_stock.csv").write_text("year,stock\n2020,282\n")  # a data table changed
    third = key()
    assert third not in {first, second}
    (root / "data" / "new.csv").write_text("a\n1\n")  # a table added
    fourth = key()
    assert fourth not in {first, second, third}
    versions = {"altair": "6.3.0", "pandas": "9.9", "numpy": "2.3.0"}
    monkeypatch.setattr(figure_cache.importlib.metadata, "version", versions.get)  # a new pandas
    assert key() not in {first, second, third, fourth}


def _like(figure: GridExplorer, **changes: object) -> GridExplorer:
    """``figure`` with ``changes``, named as its explorer named it."""
    changed = dataclasses.replace(figure, **changes)
    changed.name, changed.datasets = figure.name, figure.datasets
    return changed


def test_the_figure_key_follows_the_figure_and_its_arguments() -> None:
    first, again = explorers.stock_flow(), explorers.stock_flow()
    key = figure_cache.figure_key(first, CODE)
    assert figure_cache.figure_key(again, CODE) == key  # the same call: the same figure
    assert figure_cache.figure_key(first, "1" * 32) != key  # other code, data or libraries
    assert figure_cache.figure_key(first, CODE, ("theme dark",)) != key  # another Altair theme
    other_start = dataclasses.replace(first.controls[0], default=first.controls[0].values[-1])
    assert figure_cache.figure_key(_like(first), CODE) == key
    for changed in (_like(first, caption="Another caption"), _like(first, controls=[other_start, *first.controls[1:]]),
                    _like(first, thin=None)):
        assert figure_cache.figure_key(changed, CODE) != key
    first.caption = "Changed after it was made"  # a page that changes the figure it was given
    assert figure_cache.figure_key(first, CODE) != key
    assert figure_cache.figure_key(explorers.migrant_stock(), CODE) != key


def _run_here(**params: float) -> object:
    return explorers.stock_flow().run(**params)


def test_a_figure_that_runs_code_from_outside_the_package_is_never_kept(kept: Path) -> None:
    figure = _like(explorers.stock_flow(), run=_run_here)  # a function the code key does not cover
    with pytest.raises(figure_cache.Uncacheable, match="_run_here"):
        figure_cache.figure_key(figure, CODE)
    calls: list[int] = []
    for _ in range(2):
        assert figure_cache.kept_html(figure, lambda: calls.append(1) or "<p>made</p>") == "<p>made</p>"
    assert len(calls) == 2 and not kept.exists()
    nested = _like(explorers.stock_flow(), thin=lambda run: run)  # a lambda written here
    with pytest.raises(figure_cache.Uncacheable):
        figure_cache.figure_key(nested, CODE)


@pytest.mark.parametrize("name", ["stock_flow", "migrant_stock"])  # Chapter 1's figures: a grid and a selector
def test_a_kept_figure_is_the_html_computing_it_gives(kept: Path, monkeypatch: pytest.MonkeyPatch,
                                                      name: str) -> None:
    make = getattr(explorers, name)
    computed = make().static().to_html()
    assert make()._repr_mimebundle_()["text/html"] == computed  # computed, then kept
    [path] = (kept / CODE).iterdir()
    assert path.read_text(encoding="utf-8") == computed

    def not_again(self: object) -> None:
        raise AssertionError("a kept figure was computed again")

    monkeypatch.setattr(type(make()), "static", not_again)
    assert make()._repr_mimebundle_()["text/html"] == computed  # read back, byte for byte


def test_outside_the_books_build_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(figure_cache.CACHE_VARIABLE, raising=False)
    calls: list[int] = []
    for _ in range(2):
        figure_cache.kept_html(explorers.win_sets(), lambda: calls.append(1) or "<p>made</p>")
    assert len(calls) == 2


def test_a_figure_that_printed_or_warned_is_computed_again(kept: Path, capsys: pytest.CaptureFixture) -> None:
    figure = explorers.win_sets()

    def warns() -> str:
        print("FutureWarning: something will change", file=sys.stderr)
        return "<p>made</p>"

    for _ in range(2):
        assert figure_cache.kept_html(figure, warns) == "<p>made</p>"
    assert capsys.readouterr().err.count("FutureWarning") == 2  # shown by every build, so -W fails every build
    assert not kept.exists()
    with pytest.warns(UserWarning, match="shown"):  # however warnings are shown (here: to pytest)
        figure_cache.kept_html(figure, lambda: warnings.warn("shown", stacklevel=1) or "<p>w</p>")
    figure_cache.kept_html(figure, lambda: print("to stdout") or "<p>made</p>")
    assert not kept.exists()


def test_another_build_of_the_same_code_finds_the_figure_and_older_code_is_removed(kept: Path) -> None:
    figure = explorers.win_sets()
    figure_cache.kept_html(figure, lambda: "<p>kept</p>")
    (kept / ("1" * 32)).mkdir()  # left by a build of older code
    (kept / "stray.tmp").write_text("half")
    figure_cache.keep_only(kept, CODE)
    assert [p.name for p in kept.iterdir()] == [CODE]
    assert figure_cache.kept_html(figure, lambda: "<p>again</p>") == "<p>kept</p>"


@pytest.mark.parametrize("fresh", [True, False])
def test_a_fresh_build_empties_the_folder_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: bool) -> None:
    monkeypatch.setenv(figure_cache.CACHE_VARIABLE, "")  # the build sets it: put back as it was after the test
    monkeypatch.setattr(figure_cache, "code_key", lambda: CODE)
    folder = tmp_path / figure_cache.FOLDER
    (folder / CODE).mkdir(parents=True)
    (folder / CODE / "figure.html").write_text("<p>old</p>")
    figure_cache._builder_inited(SimpleNamespace(outdir=str(tmp_path / "html"), fresh_env_used=fresh))
    assert figure_cache.folder() == folder
    assert (folder / CODE / "figure.html").exists() is not fresh  # --all: computed afresh; an update: read


def test_every_explorer_of_the_book_can_be_kept() -> None:
    for name, entry in explorers.catalogue().items():
        figure = entry.make()
        assert figure.name == name
        figure_cache.figure_key(figure, CODE)  # raises Uncacheable if not

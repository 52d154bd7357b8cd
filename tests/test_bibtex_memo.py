"""The bibliography's formatted entries kept between builds (issue #14): the very text formatting gives, formatted
again when a bibliography file changes, and never kept when formatting fails (its warning comes back)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pybtex.database
import pytest
from pybtex.plugin import find_plugin
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import FieldIsMissing

from migbook import bibtex_memo
from migbook.paths import BOOK_DIR

BROKEN = "\n@article{broken2020, author = {Doe, Jane}, title = {No journal}, year = {2020}}\n"


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the entries pybtex really formats (the memo in front of it, as in the build)."""
    bibtex_memo.keep_formatted_entries()
    real = getattr(BaseStyle.format_entry, "__wrapped__", BaseStyle.format_entry)
    calls: list[str] = []

    def counted(style: BaseStyle, label: str, entry: object, bib_data: object = None) -> object:
        calls.append(entry.key)
        return real(style, label, entry, bib_data)

    monkeypatch.setattr(BaseStyle, "format_entry", bibtex_memo._memoised(counted))
    return calls


def _texts(bib: Path) -> list[str]:
    """Every entry of ``bib`` formatted as the bibliography domain does (an entry that fails: its error)."""
    data = pybtex.database.parse_file(str(bib))
    style = find_plugin("pybtex.style.formatting", "plain")()
    entries = list(style.sort(data.entries.values()))
    out = []
    for label, entry in zip(style.format_labels(entries), entries, strict=True):
        try:
            out.append(style.format_entry(label, entry).text.render_as("text"))
        except FieldIsMissing as err:
            out.append(f"missing: {err}")
    return out


def _env_updated(bib: Path) -> tuple[Callable[[], list[str]], SimpleNamespace]:
    """The domain's env_updated with the memo, for a domain that holds ``bib`` (and its environment)."""
    domain = SimpleNamespace(bibdata=SimpleNamespace(encoding="utf-8", bibfiles={bib: None}), env=SimpleNamespace())
    with_memo = bibtex_memo._with_memo(lambda _domain: _texts(bib))
    return lambda: with_memo(domain), domain.env


def test_kept_entries_are_the_text_formatting_gives_and_are_formatted_once(formatted: list[str]) -> None:
    bib = BOOK_DIR / "references.bib"
    plain = _texts(bib)  # outside the domain's env_updated: no memo in use
    assert len(plain) > 100 and len(formatted) == len(plain)
    env_updated, env = _env_updated(bib)
    assert env_updated() == plain and len(formatted) == 2 * len(plain)
    assert env_updated() == plain and len(formatted) == 2 * len(plain)  # the next build: none formatted again
    assert len(getattr(env, bibtex_memo.MEMO)["entries"]) == len(plain)


def test_a_changed_bibliography_is_formatted_again(tmp_path: Path, formatted: list[str]) -> None:
    bib = tmp_path / "references.bib"
    shutil.copy(BOOK_DIR / "references.bib", bib)
    env_updated, _env = _env_updated(bib)
    first = env_updated()
    bib.write_text(bib.read_text(encoding="utf-8").replace("{Adamson, Fiona", "{Adamsen, Fiona", 1), encoding="utf-8")
    second = env_updated()
    assert len(formatted) == 2 * len(first)  # every entry again (an entry may cross-reference another)
    assert second != first and any("Adamsen" in text for text in second)


def test_an_entry_that_fails_is_never_kept(tmp_path: Path, formatted: list[str]) -> None:
    bib = tmp_path / "references.bib"
    bib.write_text((BOOK_DIR / "references.bib").read_text(encoding="utf-8") + BROKEN, encoding="utf-8")
    env_updated, env = _env_updated(bib)
    for _ in range(2):
        assert sum(text.startswith("missing:") for text in env_updated()) == 1  # reported by every build
    assert formatted.count("broken2020") == 2
    assert all(key != "broken2020" for _style, _label, key in getattr(env, bibtex_memo.MEMO)["entries"])

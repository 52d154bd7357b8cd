"""The book's text: its own words, the shape every chapter follows, sources for its numbers."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from pathlib import Path

import pytest

from migbook.paths import ROOT, overlap_tool
from migbook.qa.booktext import blocks, figure_paragraphs, number_spans, word_count

BOOK = ROOT / "book"
CHAPTERS = sorted((BOOK / "chapters").glob("*.md"))
CHECK_OVERLAP = overlap_tool()
OVERLAP_WORDS = 10  # runs of this many words repeated from a source text fail the book

def bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\{([^,]+),", (BOOK / "references.bib").read_text(), re.M))


def glossary_terms() -> set[str]:
    text = (BOOK / "glossary.md").read_text()
    body = text.split("{glossary}", 1)[1]
    return {line.strip().lower() for line in body.splitlines()
            if line and not line.startswith((" ", ":", "`"))}


def test_book_does_not_repeat_the_source_texts() -> None:
    if not CHECK_OVERLAP.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHECK_OVERLAP} missing: CI must run with ../shared beside the repository")
        pytest.skip("../shared/tools/check-overlap not found")
    # The run length is the project's rule, not the environment's: OVERLAP_WORDS set outside cannot weaken it.
    env = {**os.environ, "OVERLAP_WORDS": str(OVERLAP_WORDS)}
    result = subprocess.run([str(CHECK_OVERLAP), str(BOOK)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stdout
    assert f"({OVERLAP_WORDS}+ words)" in result.stdout, result.stdout


def test_overlap_rule_is_not_weakened_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert OVERLAP_WORDS == 10
    monkeypatch.setenv("OVERLAP_WORDS", "400")
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **kw: calls.append(kw) or subprocess.CompletedProcess(
        a, 0, stdout="no passage repeats the source texts (10+ words)", stderr=""))
    monkeypatch.setattr(CHECK_OVERLAP.__class__, "exists", lambda self: True)
    test_book_does_not_repeat_the_source_texts()
    assert calls and calls[0]["env"]["OVERLAP_WORDS"] == "10"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
class TestChapter:
    def test_length(self, path: Path) -> None:
        assert 2000 <= word_count(path.read_text()) <= 3500

    def test_shape(self, path: Path) -> None:
        text = path.read_text()
        assert "## Learning objectives" in text and "## Summary" in text
        exercises = re.findall(r"^```\{exercise\}\n:label: (\S+)", text, re.M)
        solutions = re.findall(r"^```\{solution\} (\S+)\n:class: dropdown", text, re.M)
        assert len(exercises) >= 3 and set(exercises) <= set(solutions), "every exercise needs a hidden solution"
        assert len(re.findall(r"^explorers\.\w+\(\)$", text, re.M)) >= 2, "at least two interactive figures"

    def test_headings_in_order(self, path: Path) -> None:
        levels = [len(m) for kind, body in blocks(path.read_text()) if kind == "prose"
                  for m in re.findall(r"^(#+) ", body, re.M)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels

    def test_citations_and_terms_resolve(self, path: Path) -> None:
        text = path.read_text()
        cited = {k.strip() for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", text) for k in group.split(",")}
        assert cited and cited <= bib_keys(), cited - bib_keys()
        terms = {(m[1] or m[0]).strip("<> ").lower()
                 for m in re.findall(r"\{term\}`([^`<]*?)\s*(<[^>]+>)?`", text)}
        assert terms <= glossary_terms(), terms - glossary_terms()

    def test_every_number_in_the_prose_has_a_source(self, path: Path) -> None:
        """Each paragraph of running prose that states a figure cites a source in that paragraph.

        Dates (1990, the 2000s) are not figures. Exercises, solutions, code, headings and
        paragraphs about the toy model are not checked: their numbers are the model's.
        """
        unsourced = [p[:120] for p in figure_paragraphs(path.read_text())
                     if number_spans(p) and "{cite:" not in p]
        assert not unsourced, "paragraphs with numbers but no citation:\n" + "\n".join(unsourced)


def test_bibliography_parses_with_one_entry_per_key() -> None:
    """The bibliography merges by union (see .gitattributes): every entry must still close, and no key repeat."""
    from pybtex.database import parse_file

    text = (BOOK / "references.bib").read_text()
    keys = re.findall(r"^@\w+\{([^,]+),", text, re.M)
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert len(parse_file(str(BOOK / "references.bib")).entries) == len(keys)

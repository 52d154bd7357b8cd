"""The instructor's road: `migbook new chapter|lesson|model` writes skeletons that meet the book's rules.

Every test works on a copy of the repository in a temporary folder, never on the repository itself.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jupytext
import pytest
import test_book_text as book_text
import yaml

from migbook import explorers, scaffold
from migbook.build import build_command
from migbook.errors import MigbookError
from migbook.paths import ROOT

IGNORE = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".pytest_cache", ".ruff_cache",
                                ".ipynb_checkpoints", "*.egg-info")
MODEL = "gravity_toy"
CHAPTER = "12-regional-cases"
LESSON = "12-regional-cases"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repository (no .git, .venv, builds or caches) to scaffold into."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=IGNORE)
    return copy


def env_for(repo: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(repo)}


def new(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """``migbook new ...`` run against the copy, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "migbook.cli", "new", *args, "--root", str(repo)], cwd=repo,
                          env=env_for(repo), capture_output=True, text=True)


def toc(repo: Path) -> dict:
    return yaml.safe_load((repo / "_toc.yml").read_text())


def part_files(part: dict) -> list[str]:
    return [entry["file"] for entry in part["chapters"]]


def dunder_all(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "__all__")
    return [e.value for e in node.value.elts]


def test_the_table_of_contents_round_trips_unchanged(repo: Path) -> None:
    before = (repo / "_toc.yml").read_text()
    scaffold.write_toc(repo, *scaffold.read_toc(repo))
    assert (repo / "_toc.yml").read_text() == before


def test_new_chapter_is_written_and_listed_in_the_last_numbered_part(repo: Path) -> None:
    before = toc(repo)
    paths = scaffold.new_chapter(CHAPTER, root=repo)
    page = repo / "book" / "chapters" / f"{CHAPTER}.md"
    assert paths == [page, repo / "_toc.yml"] and page.is_file()
    text = page.read_text()
    assert text.startswith("---\njupytext:") and f"\n(ch{CHAPTER[:2]})=\n# Regional cases\n" in text
    assert (repo / "_toc.yml").read_text().startswith("# Table of contents:")
    after = toc(repo)
    numbered = [p for p in after["parts"] if p.get("numbered")]
    assert part_files(numbered[-1])[-1] == f"book/chapters/{CHAPTER}"
    numbered[-1]["chapters"].pop()
    assert after == before  # nothing else moved


def test_new_chapter_in_a_new_part(repo: Path) -> None:
    numbered = sum(1 for p in toc(repo)["parts"] if p.get("numbered"))
    scaffold.new_chapter(CHAPTER, root=repo, part="Part VI. Beyond", title="Regions and their rules")
    parts = toc(repo)["parts"]
    captions = [p["caption"] for p in parts]
    assert captions[numbered:numbered + 2] == ["Part VI. Beyond", "Interactive lessons"]
    assert parts[numbered]["numbered"] is True and part_files(parts[numbered]) == [f"book/chapters/{CHAPTER}"]
    assert "\n# Regions and their rules\n" in (repo / "book" / "chapters" / f"{CHAPTER}.md").read_text()


def test_skeleton_chapter_has_the_shape_the_book_text_tests_check(repo: Path) -> None:
    """TestChapter's checks, word count aside (the author writes the words)."""
    scaffold.new_chapter(CHAPTER, root=repo)
    path = repo / "book" / "chapters" / f"{CHAPTER}.md"
    checks = book_text.TestChapter()
    checks.test_shape(path)
    checks.test_headings_in_order(path)
    checks.test_citations_and_terms_resolve(path)
    checks.test_every_number_in_the_prose_has_a_source(path)
    text = path.read_text()
    assert "## Further reading" in text and text.count("TODO") >= 10
    assert set(re.findall(r"\bexplorers\.(\w+)\(", text)) <= set(explorers.catalogue())


def test_new_lesson_is_written_listed_and_runs(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scaffold.new_lesson(LESSON, root=repo)
    lessons = next(p for p in toc(repo)["parts"] if p["caption"] == "Interactive lessons")
    files = part_files(lessons)
    assert f"book/lessons/{LESSON}" in files and files == sorted(files)
    path = repo / "book" / "lessons" / f"{LESSON}.md"
    text = path.read_text()
    for part in (f"# Lesson {int(LESSON[:2])}: Regional cases", ":tags: [remove-cell]", "questions.numeric(",
                 "## What to take away"):
        assert part in text
    assert "`migbook lesson" not in text, "the book adds the note on how to run a lesson; the lesson never says it"
    assert set(re.findall(r"\bexplorers\.(\w+)\(", text)) <= set(explorers.catalogue())
    monkeypatch.setenv("MIGBOOK_MODE", "static")
    namespace: dict = {}
    for cell in jupytext.read(path).cells:
        if cell.cell_type == "code":
            exec(cell.source, namespace)  # the lesson's cells run as they are


def test_new_model_is_written_registered_and_passes_the_catalogue_checks(repo: Path) -> None:
    paths = scaffold.new_model(MODEL, root=repo)
    package = repo / "migbook"
    assert set(paths) == {package / "models" / f"{MODEL}.py", package / "explorers" / f"{MODEL}.py",
                          repo / "tests" / f"test_model_{MODEL}.py", package / "models" / "__init__.py",
                          package / "explorers" / "__init__.py"}
    for init in (package / "models" / "__init__.py", package / "explorers" / "__init__.py"):
        names = dunder_all(init)
        assert MODEL in names and names == sorted(names, key=scaffold._sort_key)
    assert f"from migbook.explorers.{MODEL} import {MODEL}\n" in (package / "explorers" / "__init__.py").read_text()
    assert MODEL in scaffold.explorer_names(repo)
    # The catalogue's checks of both twins and the model's doctest pass; the placeholder test fails until replaced.
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rf", "tests/test_catalogue.py",
         "-k", MODEL, f"migbook/models/{MODEL}.py", f"tests/test_model_{MODEL}.py"],
        cwd=repo, env=env_for(repo), capture_output=True, text=True)
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 1 and re.match(r"1 failed, 5 passed", summary), result.stdout[-3000:]
    assert "replace with a test against a published result" in result.stdout
    assert "FAILED tests/test_model_gravity_toy.py::test_reproduces_a_published_result" in result.stdout
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed (it is in requirements.lock)"
    lint = subprocess.run([ruff, "check", "migbook", "tests"], cwd=repo, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout


@pytest.mark.parametrize(("kind", "name"), [("chapter", CHAPTER), ("lesson", LESSON), ("model", MODEL)])
def test_a_second_new_with_the_same_name_is_refused_in_one_line(repo: Path, kind: str, name: str) -> None:
    first = new(repo, kind, name)
    assert first.returncode == 0, first.stderr
    assert "wrote" in first.stdout
    tree = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    second = new(repo, kind, name)
    assert second.returncode == 1
    assert second.stderr.startswith("migbook: error: ") and len(second.stderr.strip().splitlines()) == 1
    assert "Traceback" not in second.stderr and "already" in second.stderr
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == tree  # nothing written


@pytest.mark.parametrize(("kind", "name", "message"), [
    ("chapter", "foo", "two digits"),
    ("chapter", "05-Regional_Cases", "two digits"),
    ("lesson", "5-stocks", "two digits"),
    ("chapter", "03-another-third", "already has chapter 03"),
    ("model", "1bad", "lower-case Python identifier"),
    ("model", "class", "lower-case Python identifier"),
    ("model", "win_sets", "already exists"),
    ("model", "top_origins", "already taken"),
    ("model", "catalogue", "already taken"),
])
def test_bad_names_are_refused(repo: Path, kind: str, name: str, message: str) -> None:
    toc_before = (repo / "_toc.yml").read_text()
    result = new(repo, kind, name)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert result.stderr.startswith("migbook: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert (repo / "_toc.yml").read_text() == toc_before


def test_a_chapter_can_only_show_a_catalogued_explorer(repo: Path) -> None:
    with pytest.raises(MigbookError, match="no catalogued explorer named 'nothing_here'"):
        scaffold.new_chapter(CHAPTER, root=repo, model="nothing_here")
    assert not (repo / "book" / "chapters" / f"{CHAPTER}.md").exists()
    result = new(repo, "lesson", LESSON, "--part", "Part III")
    assert result.returncode == 1 and "--part applies to chapters only" in result.stderr


@pytest.mark.build
def test_a_new_chapter_with_a_new_model_builds_offline_with_warnings_as_errors(repo: Path, tmp_path: Path) -> None:
    """The skeletons build: a reduced book (the new chapter, the glossary and the references) with -W.

    A full build takes minutes; this one executes a single chapter that shows the new model's explorer.
    """
    start = time.perf_counter()
    scaffold.new_model(MODEL, root=repo)
    scaffold.new_chapter(CHAPTER, root=repo, model=MODEL)
    (repo / "_toc.yml").write_text(
        f"format: jb-book\nroot: book/chapters/{CHAPTER}\nchapters:\n  - file: book/glossary\n"
        "  - file: book/references\n")
    out = tmp_path / "out"
    result = subprocess.run(build_command(out, root=repo), cwd=repo, env=env_for(repo), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    html = (out / "_build" / "html" / "book" / "chapters" / f"{CHAPTER}.html").read_text()
    assert html.count('class="migbook-chart"') == 2
    assert "TODO: the caption" in html and "Growing by 2 % a year" in html  # the new model's explorer
    print(f"scaffold and reduced build: {time.perf_counter() - start:.1f} s")

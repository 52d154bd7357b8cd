"""Figures kept between builds, in a real build of a one-figure book (issue #14): a rebuild reads the kept figure,
writes the very page computing it writes, and ``--all`` computes it again."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import notebook_page

from migbook import figure_cache, sphinxext
from migbook.build import build_command
from migbook.paths import ROOT

pytestmark = [pytest.mark.build]

CONFIG = """\
title: mini
only_build_toc_files: true
execute:
  execute_notebooks: force
  allow_errors: false
sphinx:
  extra_extensions:
    - migbook.sphinxext
"""
CAPTION = "Stock-flow model of a migrant population."
MARK = "Read from the kept figure."


def _book(root: Path) -> Path:
    (root / "_config.yml").write_text(CONFIG)
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: figure\n")
    (root / "index.md").write_text("# Index\n")
    page = root / "figure.md"
    page.write_text(notebook_page("A figure", "from migbook import explorers\nexplorers.stock_flow()"))
    return page


def _build(root: Path, touched: Path | None = None, all_pages: bool = False) -> str:
    """Build the book in ``root`` (after marking ``touched`` changed); return the figure's page."""
    if touched is not None:
        os.utime(touched)  # modified now, after the last build read it: Sphinx reads it again
    out = root / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(build_command(out, all_pages, root=root, jobs=1), cwd=root, capture_output=True,
                            text=True, timeout=600, env=env)
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return (out / "_build" / "html" / "figure.html").read_text(encoding="utf-8")


def test_a_rebuild_reads_the_kept_figure_and_writes_the_same_page(tmp_path: Path) -> None:
    page = _book(tmp_path)
    first = _build(tmp_path)
    assert first.count(CAPTION) == 1
    [kept] = (tmp_path / "out" / "_build" / figure_cache.FOLDER).glob("*/*.html")
    computed = kept.read_text(encoding="utf-8")
    # (The page marks its first chart for its first layout: migbook.sphinxext.with_first_chart_marked.)
    assert 'class="migbook-figure"' in computed and computed in first.replace(f" {sphinxext.FIRST_MARK}", "")

    kept.write_text(computed.replace(CAPTION, MARK), encoding="utf-8")  # proof of where the next page came from
    assert MARK in _build(tmp_path, touched=page)

    kept.write_text(computed, encoding="utf-8")
    from_kept = _build(tmp_path, touched=page)
    kept.write_text(computed.replace(CAPTION, MARK), encoding="utf-8")
    recomputed = _build(tmp_path, all_pages=True)  # --all: computed afresh, whatever was kept
    assert CAPTION in from_kept and MARK not in from_kept  # the page was written again, from the kept figure
    assert MARK not in recomputed and from_kept == recomputed  # byte for byte
    assert kept.read_text(encoding="utf-8") == computed  # and kept again

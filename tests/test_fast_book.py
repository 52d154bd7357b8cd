"""A fast book (issue #14), on a built book: what each page loads, MathJax only with math and after the charts,
icons drawn without Font Awesome's script, and a parallel build that writes the same pages as a serial one."""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

from migbook import build_schedule, icons, sphinxext, warm_kernels
from migbook.build import build_command
from migbook.paths import ROOT

pytestmark = [pytest.mark.build]

THEME_CSS = icons.THEME_CSS.read_text(encoding="utf-8")
# When MathJax's script was added and when the charts had all drawn, in ms since navigation.
TIMELINE_JS = """window.__timeline = {};
document.addEventListener("migbook:charts-drawn", function () { window.__timeline.charts = performance.now(); });
new MutationObserver(function () {
  if (window.__timeline.mathjax === undefined && document.getElementById("MathJax-script")) {
    window.__timeline.mathjax = performance.now();
  }
}).observe(document, { childList: true, subtree: true });"""


def _pages(html: Path) -> dict[str, str]:
    return {str(p.relative_to(html)): p.read_text(encoding="utf-8") for p in sorted(html.rglob("*.html"))
            if "_static" not in p.parts and "_sources" not in p.parts}


def _has_math(text: str) -> bool:
    return sphinxext.MATH_MARK in text


def test_no_page_loads_font_awesome_and_every_icon_is_drawn_by_the_font(built_book: Path) -> None:
    pages = _pages(built_book)
    assert len(pages) >= 10
    for name, text in pages.items():
        assert "fontawesome" not in text, f"{name} still loads Font Awesome's script"
        assert icons.icons_in(text) or 'http-equiv="refresh"' in text.lower(), f"{name}: no icons at all?"
        missing = icons.undrawn(text, THEME_CSS)
        assert not missing, f"{name}: icons the font cannot draw: {missing}"


def test_mathjax_only_on_pages_with_math_and_only_through_the_late_loader(built_book: Path) -> None:
    pages = _pages(built_book)
    with_math = [name for name, text in pages.items() if _has_math(text)]
    without = [name for name, text in pages.items() if not _has_math(text)]
    assert "book/chapters/01-why-migration-is-international.html" in with_math
    assert "book/intro.html" in without
    for name in with_math:
        text = pages[name]
        assert sphinxext.MATHJAX_LOADER in text and "window.MathJax" in text, name
        assert sphinxext.MATHJAX_ENTRY not in text, f"{name} loads MathJax directly, before its charts"
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', text)
        if "migbook-charts.js" in text:  # deferred scripts run in order: the loader after the charts' script
            assert [s for s in scripts if "migbook-charts" in s or "migbook-mathjax" in s][-1].startswith(
                "../" * name.count("/") + "_static/" + sphinxext.MATHJAX_LOADER), name
    for name in without:  # (myst-nb's class names, tex2jax_ignore mathjax_ignore, may still say "mathjax")
        scripts = " ".join(re.findall(r"<script[^>]*>", pages[name]))
        assert "mathjax" not in scripts.lower() and "window.MathJax" not in pages[name], f"{name} loads MathJax"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_math_is_typeset_after_the_charts_have_drawn(built_book: Path, book_url: str, watched: object,
                                                     scheme: str) -> None:
    name = "book/chapters/01-why-migration-is-international.html"
    page = watched.page
    page.add_init_script(TIMELINE_JS)
    page.goto(book_url + name if scheme == "http" else (built_book / name).as_uri())
    page.wait_for_selector("mjx-container", timeout=30_000)
    assert page.locator("mjx-container").count() >= 3
    timeline = page.evaluate("window.__timeline")
    assert timeline["charts"] <= timeline["mathjax"], timeline
    assert page.locator(".migbook-chart[data-rendered='true'] svg").count() >= 1
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


@pytest.mark.browser
def test_a_page_without_math_requests_no_mathjax_and_shows_its_icons(built_book: Path, book_url: str,
                                                                    watched: object) -> None:
    requested: list[str] = []
    page = watched.page
    page.on("request", lambda request: requested.append(request.url))
    page.goto(book_url + "book/intro.html", wait_until="networkidle")
    assert not [url for url in requested if "mathjax" in url.lower()]
    assert not [url for url in requested if url.split("?")[0].endswith("fontawesome.js")]
    assert [url for url in requested if url.split("?")[0].endswith("/webfonts/fa-solid-900.woff2")]  # the icons' font
    assert page.evaluate("typeof window.MathJax") == "undefined"
    # The search button's magnifying glass is drawn from the web font: a glyph of real size, in the FA font.
    icon = page.locator("button.search-button-field i.fa-magnifying-glass").first
    box = icon.bounding_box()
    assert box and box["width"] >= 8 and box["height"] >= 8
    family = icon.evaluate("el => getComputedStyle(el, '::before').fontFamily")
    assert "Font Awesome 6 Free" in family
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"', '\\uf002')")
    assert not watched.external and not watched.errors


MINI_CONFIG = """\
title: mini
only_build_toc_files: true
execute:
  execute_notebooks: force
  allow_errors: false
html:
  use_multitoc_numbering: true
sphinx:
  extra_extensions:
    - migbook.sphinxext
"""


def _mini_book(root: Path, pages: int) -> None:
    (root / "_config.yml").write_text(MINI_CONFIG)
    names = [f"page{i}" for i in range(pages)]
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n"
                                   + "".join(f"  - file: {n}\n" for n in names))
    (root / "index.md").write_text("# Index\n\nA page with math: $x^2$.\n")
    for i, name in enumerate(names):
        (root / f"{name}.md").write_text(textwrap.dedent(f"""\
            ---
            jupytext:
              text_representation:
                format_name: myst
            kernelspec:
              display_name: Python 3
              name: python3
            ---
            # Page {i}

            ```{{code-cell}} ipython3
            import os
            from pathlib import Path
            # Which process launched the kernel (read the page), and the kernel's parent.
            reader, parent = os.environ["JPY_PARENT_PID"], os.getppid()
            (Path(os.environ["MINI_READERS"]) / "{name}").write_text(f"{{reader}} {{parent}}")
            print({i} * {i}, os.environ.get("MIGBOOK_MODE"))
            ```
            """))


def _built(root: Path, jobs: int, warm: bool) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """The pages of a build of the mini book with ``jobs`` readers, with warm kernels or plain ones, and for
    each page which process read it and which process its kernel's parent was."""
    out, readers = root / f"out{jobs}", root / f"readers{jobs}"
    readers.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MINI_READERS": str(readers),
           warm_kernels.SWITCH: "1" if warm else "0"}
    result = subprocess.run(build_command(out, root=root, jobs=jobs), cwd=root, capture_output=True, text=True,
                            timeout=600, env=env)
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return _pages(out / "_build" / "html"), {p.name: tuple(p.read_text().split()) for p in readers.iterdir()}


def test_a_parallel_build_writes_the_same_pages_as_a_serial_one(tmp_path: Path) -> None:
    _mini_book(tmp_path, pages=7)  # Sphinx reads in parallel only above five pages
    serial, serial_readers = _built(tmp_path, jobs=1, warm=False)  # as Sphinx and Jupyter do it by themselves
    parallel, parallel_readers = _built(tmp_path, jobs=2, warm=True)
    assert len(serial_readers) == len(parallel_readers) == 7
    # Serially one process reads every page and starts its kernels itself.
    assert len({reader for reader, _ in serial_readers.values()}) == 1
    assert all(reader == parent for reader, parent in serial_readers.values()), serial_readers
    # In parallel each page is read by a process of its own (one page per task: migbook.build_schedule), and
    # every kernel is forked by the one warm server (migbook.warm_kernels).
    assert len({reader for reader, _ in parallel_readers.values()}) == 7, parallel_readers
    parents = {parent for _, parent in parallel_readers.values()}
    assert len(parents) == 1 and not parents & {reader for reader, _ in parallel_readers.values()}
    assert sorted(serial) == sorted(parallel) and len(serial) >= 8
    for name, text in serial.items():
        assert text == parallel[name], f"{name} differs between the serial and the parallel build"
    assert "36 static" in parallel["page6.html"]  # executed at build time, in static mode
    record = json.loads((tmp_path / "out2" / "_build" / build_schedule.SECONDS_FILE).read_text())
    assert {f"page{i}" for i in range(7)} <= set(record) and all(v > 0 for v in record.values()), record

"""A fast book (issue #14), page side: no Font Awesome script, equations as MathML written at build time (no
MathJax), and the theme's icons still drawn, from the web font the theme's stylesheet already declares."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pydata_sphinx_theme
import pytest
import sphinx_book_theme

from migbook import icons, mathml, sphinxext
from migbook.build import JOBS_VARIABLE, build_command, build_jobs
from migbook.errors import MigbookError
from migbook.figures.twin import MODE_VARIABLE

THEME_CSS = icons.THEME_CSS.read_text(encoding="utf-8")
TEMPLATE_DIRS = [Path(pydata_sphinx_theme.__file__).parent / "theme",
                 Path(sphinx_book_theme.__file__).parent / "theme", sphinxext.TEMPLATES]


def test_the_theme_macros_lose_the_font_awesome_script_and_nothing_else() -> None:
    original = (icons.THEME / icons.MACROS).read_text(encoding="utf-8")
    trimmed = icons.macros_without_script(original)
    assert "fontawesome" in original and "fontawesome" not in trimmed
    removed = [line for line in original.splitlines() if line not in trimmed.splitlines()]
    assert len(removed) == 2 and "fontawesome.js" in removed[1]
    for kept in ("bootstrap.js", "pydata-sphinx-theme.js", "pydata-sphinx-theme.css", "macro body_post"):
        assert kept in trimmed


def test_a_theme_that_moved_its_script_stops_the_build() -> None:
    with pytest.raises(MigbookError, match=r"fontawesome\.js"):
        icons.macros_without_script("{% macro head_js_preload() %}{% endmacro %}")


def test_written_templates_are_found_before_the_themes(tmp_path: Path) -> None:
    target = icons.write_templates(tmp_path)
    assert (target / icons.MACROS).read_text(encoding="utf-8") == icons.macros_without_script(
        (icons.THEME / icons.MACROS).read_text(encoding="utf-8"))


def test_the_stylesheet_draws_every_icon_the_templates_use() -> None:
    used = [icon for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")
            for icon in icons.icons_in(path.read_text(encoding="utf-8"))]
    names = {name for icon in used for name in icon if name not in icons.STYLES}
    assert {"fa-magnifying-glass", "fa-sun", "fa-moon", "fa-bars"} <= names, names
    assert not [icon for icon in used if icon & icons.STYLES and not icon & icons.glyphs(THEME_CSS)]
    assert re.search(r"@font-face\{[^}]*Font Awesome\\? 6 Free[^}]*fa-solid-900\.woff2", THEME_CSS)


def test_an_icon_the_font_cannot_draw_is_reported() -> None:
    page = '<i class="fa-solid fa-bars"></i><i class="fa-solid fa-no-such-icon"></i><span class="fa-bars"></span>'
    assert icons.undrawn(page, THEME_CSS) == [{"fa-solid", "fa-no-such-icon"}, {"fa-bars"}]


def test_equations_are_written_as_mathml_by_our_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODE_VARIABLE, "restored-after-the-test")  # setup() sets it for the build
    config = SimpleNamespace(html_math_renderer=None, templates_path=[])
    sphinxext._config_inited(SimpleNamespace(outdir=str(tmp_path / "html")), config)
    assert config.html_math_renderer == mathml.RENDERER
    registered: dict[str, tuple] = {}
    extensions: list[str] = []
    app = SimpleNamespace(add_html_math_renderer=lambda name, inline, block: registered.update({name: (inline, block)}),
                          connect=lambda *args, **kwargs: None, add_css_file=lambda *args: None,
                          setup_extension=extensions.append)
    sphinxext.setup(app)
    assert registered == {mathml.RENDERER: ((mathml.visit_math, None), (mathml.visit_displaymath, None))}
    assert extensions == ["migbook.build_schedule", "migbook.warm_kernels", "migbook.bibtex_plugins",
                          "migbook.bibtex_memo", "migbook.figure_cache", "migbook.stylesheets"]
    assert not (sphinxext.ASSETS / "migbook" / "migbook-mathjax.js").exists()


def test_build_jobs_follow_the_cores_or_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(JOBS_VARIABLE, raising=False)
    assert build_jobs() == len(os.sched_getaffinity(0))
    monkeypatch.setenv(JOBS_VARIABLE, "3")
    assert build_jobs() == 3
    assert "run_jupyter_book(3)" in build_command(Path("out"))[2]
    assert "run_jupyter_book(1)" in build_command(Path("out"), jobs=1)[2]
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(JOBS_VARIABLE, bad)
        with pytest.raises(MigbookError, match=JOBS_VARIABLE):
            build_jobs()


def test_undeclared_extensions_are_declared_parallel_safe_and_no_others(tmp_path: Path) -> None:
    extensions = {name: SimpleNamespace(parallel_read_safe=None) for name in sphinxext.PARALLEL_SAFE_UNDECLARED}
    extensions["some_other_extension"] = SimpleNamespace(parallel_read_safe=None)
    extensions["unsafe_one"] = SimpleNamespace(parallel_read_safe=False)
    app = SimpleNamespace(outdir=str(tmp_path / "html"), extensions=extensions,
                          config=SimpleNamespace(html_static_path=[]))
    sphinxext._builder_inited(app)
    assert [n for n, e in extensions.items() if e.parallel_read_safe] == list(sphinxext.PARALLEL_SAFE_UNDECLARED)
    assert extensions["unsafe_one"].parallel_read_safe is False


def test_chart_scripts_load_async_at_high_priority_with_a_version(tmp_path: Path) -> None:
    for name, text in zip(sphinxext.CHART_SCRIPTS, ("bundle", "charts"), strict=True):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    tags = sphinxext.chart_scripts(lambda name: f"../_static/{name}", [tmp_path / "missing", tmp_path])
    bundle, charts = tags.strip().split("\n")
    assert re.fullmatch(r'<script async fetchpriority="high" id="migbook-vega" '
                        r'src="\.\./_static/migbook/vega-bundle\.js\?v=[0-9a-f]{8}"></script>', bundle)
    assert re.fullmatch(r'<script async fetchpriority="high" src="\.\./_static/migbook/migbook-charts\.js'
                        r'\?v=[0-9a-f]{8}"></script>', charts)
    # The chart script finds the bundle by that id, to wait for it.
    assert 'getElementById("migbook-vega")' in (sphinxext.ASSETS / sphinxext.CHART_SCRIPTS[1]).read_text()


def test_the_layout_puts_the_chart_scripts_first_and_defers_the_search_scripts() -> None:
    layout = (sphinxext.TEMPLATES / "layout.html").read_text(encoding="utf-8")
    assert '{%- extends "!layout.html" %}' in layout
    css = re.search(r"\{%- block css %\}(.*?)\{%- endblock css %\}", layout, re.S)
    assert css and css[1].index("migbook_chart_scripts") < css[1].index("super()")
    assert "replace('<script src=', '<script defer src=')" in layout
    # On a page with figures, Sphinx's head scripts and the search scripts are held, the loader inlined first.
    for block in ("scripts", "extrahead"):
        held = re.search(rf"\{{%- block {block} %\}}(.*?)\{{%- endblock {block} %\}}", layout, re.S)
        assert held and "super() | migbook_held" in held[1], block
    assert css[1].index("migbook_chart_scripts") < css[1].index("migbook_held_loader") < css[1].index("super()")


def test_held_scripts_are_neither_run_nor_fetched_and_keep_their_attributes_and_type() -> None:
    head = ('<script src="a.js?v=1"></script>\n<script>let hint = "<b>";</script>\n'
            '<script data-sd-tabs-storage-prefix="t-" src="tabs.js"></script>\n'
            '<script type="module" src="m.js"></script>\n<link rel="stylesheet" href="s.css" />\n'
            '<script defer="defer" src="q.js"></script>\n<script async src="r.js"></script>\n')
    assert sphinxext.held(head) == (
        '<script type="migbook/after-charts" src="a.js?v=1"></script>\n'
        '<script type="migbook/after-charts">let hint = "<b>";</script>\n'
        '<script type="migbook/after-charts" data-sd-tabs-storage-prefix="t-" src="tabs.js"></script>\n'
        '<script type="migbook/after-charts" src="m.js" data-migbook-type="module"></script>\n'
        '<link rel="stylesheet" href="s.css" />\n'
        '<script defer="defer" src="q.js"></script>\n<script async src="r.js"></script>\n')


def test_the_held_scripts_loader_is_inlined_without_its_comment() -> None:
    source = sphinxext.HELD_LOADER.read_text(encoding="utf-8")
    inlined = sphinxext.held_loader()
    assert source.startswith("/*") and not inlined.startswith("/*") and inlined in source
    assert "window.migbookLoadHeldScripts" in inlined and "</script" not in inlined
    assert f'script[type="{sphinxext.HELD}"]' in inlined
    charts = (sphinxext.ASSETS / "migbook" / "migbook-charts.js").read_text(encoding="utf-8")
    assert "window.migbookLoadHeldScripts()" in charts


def test_script_preloads_are_dropped_and_nothing_else() -> None:
    head = ('<link href="t.css" rel="stylesheet" />\n  <link rel="preload" as="script" href="b.js?d=1" />\n'
            '<link rel="preload" as="script" href="p.js?d=1" />\n<link rel="preload" as="font" href="f.woff2" />\n')
    assert sphinxext.without_script_preloads(head) == (
        '<link href="t.css" rel="stylesheet" />\n<link rel="preload" as="font" href="f.woff2" />\n')


def _held_page(folder: Path, charts_ran: bool) -> Path:
    """A page holding scripts as a page with figures does: files and inline scripts in its head, one in the
    <template>; each says when it ran, one waits for DOMContentLoaded and one for load (both passed by then)."""
    files = {"a.js": 'window.ran = (window.ran || []).concat("a");',
             # As most scripts do (togglebutton.js among them): run now if the page is ready, else when it is.
             "b.js": 'window.ran.push("b"); var go = function () { window.ran.push("b: ready " + typeof fromInline); };'
                     ' if (document.readyState !== "loading") { go(); }'
                     ' else { document.addEventListener("DOMContentLoaded", go); }',
             "c.js": 'window.ran.push("c " + typeof window.fromInline); window.addEventListener("load", function () {'
                     ' window.ran.push("c: load"); });'}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    mark = '<script>document.documentElement.dataset.migbookCharts = "drawing";</script>' if charts_ran else ""
    head = sphinxext.held('<script src="a.js"></script><script src="b.js"></script>'
                          '<script>window.ran.push("inline"); var fromInline = 1;</script>')
    page = folder / f"held-{charts_ran}.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><title>held</title>{mark}'
                    f"<script>{sphinxext.held_loader()}</script>{head}</head><body><p>text</p>"
                    f'<template id="migbook-after-charts"><script src="c.js"></script></template></body></html>',
                    encoding="utf-8")
    return page


@pytest.mark.browser
def test_held_scripts_run_in_their_order_once_the_charts_have_drawn(tmp_path: Path, watched: object) -> None:
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    page.goto(_held_page(tmp_path, charts_ran=True).as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    # Held: neither run nor fetched until the charts say so.
    assert page.evaluate("window.ran") is None and requested == ["held-True.html"]
    page.evaluate("window.migbookLoadHeldScripts()")
    page.wait_for_function("document.documentElement.dataset.migbookTheme === 'loaded'")
    page.wait_for_function("window.ran.length === 6")
    ran = page.evaluate("window.ran")
    # In the page's order, the inline script after the files before it, the template's last; what waits for the
    # page to be ready (DOMContentLoaded, then load, both long passed) after them all, as it would have.
    assert ran == ["a", "b", "inline", "c number", "b: ready number", "c: load"], ran
    assert page.evaluate("document.addEventListener === EventTarget.prototype.addEventListener "
                         "&& document.readyState === 'complete'")
    page.evaluate("window.migbookLoadHeldScripts()")  # a second call loads nothing twice
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran.length") == 6 and requested.count("a.js") == 1
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


@pytest.mark.browser
def test_held_scripts_run_with_the_page_when_the_chart_script_never_ran(tmp_path: Path, watched: object) -> None:
    page = watched.page
    page.goto(_held_page(tmp_path, charts_ran=False).as_uri(), wait_until="load")
    page.wait_for_function("document.documentElement.dataset.migbookTheme === 'loaded' && window.ran.length === 6")
    assert page.evaluate("window.ran") == ["a", "b", "inline", "c number", "b: ready number", "c: load"]
    assert not watched.external and not watched.errors, (watched.external, watched.errors)

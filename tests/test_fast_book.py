"""A fast book (issue #14), on a built book: what each page loads, every equation written as MathML (no MathJax),
icons drawn without Font Awesome's script, and a parallel build that writes the same pages as a serial one."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import notebook_page, page_address
from fontTools.ttLib import TTFont

from migbook import build_schedule, icons, sphinxext, stylesheets, warm_kernels
from migbook.build import build_command
from migbook.paths import ROOT
from migbook.qa.browser import serious_violations, set_theme, wait_for_charts
from migbook.qa.equations import book_equations

pytestmark = [pytest.mark.build]

THEME_CSS = icons.THEME_CSS.read_text(encoding="utf-8")
# Raw TeX a page must not show: a TeX command, MathJax's delimiters, or a dollar that opens math (not a price).
RAW_TEX = re.compile(r"\\[A-Za-z]+|\\[()[\]]|\$\$|\$[A-Za-z\\{]")
# Where TeX may stay: the equations' annotations, and code.
TEX_ALLOWED = re.compile(r"<(annotation|pre|code|script|style|textarea)\b.*?</\1>", re.S)
ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)


def _pages(html: Path, stubs: bool = True) -> dict[str, str]:
    """The built book's pages by name; ``stubs=False`` leaves out those that only redirect."""
    pages = {str(p.relative_to(html)): p.read_text(encoding="utf-8") for p in sorted(html.rglob("*.html"))
             if "_static" not in p.parts and "_sources" not in p.parts}
    return pages if stubs else {n: t for n, t in pages.items() if 'http-equiv="refresh"' not in t.lower()}


def test_no_page_loads_font_awesome_and_every_icon_is_drawn_by_the_font(built_book: Path) -> None:
    pages = _pages(built_book)
    assert len(pages) >= 10
    for name, text in pages.items():
        assert "fontawesome" not in text, f"{name} still loads Font Awesome's script"
        assert icons.icons_in(text) or 'http-equiv="refresh"' in text.lower(), f"{name}: no icons at all?"
        missing = icons.undrawn(text, THEME_CSS)
        assert not missing, f"{name}: icons the font cannot draw: {missing}"


def test_every_equation_is_mathml_in_its_page_and_no_page_loads_mathjax(built_book: Path) -> None:
    pages = _pages(built_book)
    sources = book_equations()
    assert sum(len(found) for found in sources.values()) >= 440
    for source, found in sources.items():
        name = source.removesuffix(".md") + ".html"
        if name not in pages:
            continue
        text = pages[name]
        assert [html.unescape(tex) for tex in ANNOTATION.findall(text)] == [tex.strip() for tex, _ in found], name
        assert text.count('<math display="block">') == sum(display for _, display in found), name
        assert text.count("<math ") == len(found), name
    for name, text in pages.items():
        body = TEX_ALLOWED.sub("", text[text.find("<body"):])
        assert not RAW_TEX.findall(body), f"{name} shows raw TeX: {RAW_TEX.findall(body)[:5]}"
        scripts = " ".join(re.findall(r"<script[^>]*>", text)).lower()
        assert "mathjax" not in scripts and "window.MathJax" not in text, f"{name} loads MathJax"
    assert not (built_book / "_static" / "mathjax").exists()


def test_chart_pages_fetch_their_scripts_first_and_no_script_blocks_the_parser_for_search(built_book: Path) -> None:
    pages = _pages(built_book)
    with_charts = [name for name, text in pages.items() if 'class="migbook-chart"' in text]
    assert "book/chapters/01-why-migration-is-international.html" in with_charts
    for name, text in pages.items():
        if 'http-equiv="refresh"' in text.lower():  # a stub that only redirects
            continue
        head = text[:text.index("</head>")]
        for script in ("searchtools.js", "language_data.js", "searchindex.js"):
            tag = re.search(rf'<script[^>]*src="[^"]*{script}"[^>]*>', head)
            wait = 'type="migbook/after-charts"' if 'class="migbook-chart"' in text else "defer"
            assert name.endswith("search.html") or (tag and wait in tag[0]), f"{name}: {script} stops the parser"
        charts = [m.start() for m in re.finditer(r'<script async fetchpriority="high"[^>]*src="[^"]*'
                                                 r'(vega-bundle|migbook-charts)\.js\?v=', head)]
        held = re.search(r'<template id="migbook-after-charts">(.*?)</template>', text, re.S)
        theme_scripts = re.findall(r'<script defer src="[^"]*/(bootstrap|pydata-sphinx-theme)\.js', text)
        if name in with_charts:
            assert len(charts) == 2 and charts[1] < head.index('rel="stylesheet"'), name
            assert text.count("vega-bundle.js") == 1, f"{name} loads the bundle twice"
            # The theme's scripts wait for the charts, and are not fetched ahead of the bundle.
            assert held and re.findall(r"/(bootstrap|pydata-sphinx-theme)\.js", held[1]) == [
                "bootstrap", "pydata-sphinx-theme"], name
            assert theme_scripts == ["bootstrap", "pydata-sphinx-theme"] and 'as="script"' not in head
            # No other script in the head stops the parser or is fetched before the charts have drawn: each is
            # held, but for the theme's two-line mode script and the loader of the held ones.
            blocking = [tag for tag in re.findall(r"<script\b[^>]*>", head)
                        if not re.search(r'\b(async|defer)\b|type="migbook/after-charts"', tag)]
            assert blocking == ["<script>", '<script data-cfasync="false">'], (name, blocking)
            assert "window.migbookLoadHeldScripts" in head and head.count("documentation_options.js") == 1
        else:
            assert not charts and "vega-bundle.js" not in text, f"{name} loads the charts' scripts without a chart"
            assert not held and theme_scripts == ["bootstrap", "pydata-sphinx-theme"], name


# When the charts had all drawn and when the theme's first script was added to the page, in ms since navigation.
TIMELINE_JS = """window.__timeline = {};
document.addEventListener("migbook:charts-drawn", function () { window.__timeline.charts = performance.now(); });
new MutationObserver(function () {
  if (window.__timeline.theme === undefined && document.querySelector("body > script[src*='bootstrap.js']")) {
    window.__timeline.theme = performance.now();
  }
}).observe(document, { childList: true, subtree: true });"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_the_theme_scripts_run_after_the_charts_and_work(built_book: Path, book_url: str, watched: object,
                                                        scheme: str) -> None:
    name = "book/chapters/01-why-migration-is-international.html"
    page = watched.page
    page.add_init_script(TIMELINE_JS)
    page.goto(page_address(built_book, book_url, scheme, name), wait_until="load")
    wait_for_charts(page)
    timeline = page.evaluate("window.__timeline")
    assert timeline["charts"] <= timeline["theme"], timeline
    assert page.evaluate("typeof window.bootstrap") == "object"
    # Sphinx's held head scripts ran too, the inline ones after the files they use.
    page.wait_for_function("document.documentElement.dataset.migbookTheme === 'loaded'")
    assert page.evaluate("DOCUMENTATION_OPTIONS.pagename") == name.removesuffix(".html")
    assert page.evaluate("DOCUMENTATION_OPTIONS.search_as_you_type") is False
    before = page.evaluate("document.documentElement.dataset.mode")
    page.locator("button.theme-switch-button").first.click()  # pydata-sphinx-theme.js handles it (light -> auto)
    page.wait_for_function(f"document.documentElement.dataset.mode !== '{before}'")
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


@pytest.mark.browser
def test_held_scripts_still_add_their_copy_buttons(built_book: Path, book_url: str, watched: object) -> None:
    page = watched.page
    page.goto(book_url + "book/chapters/03-state-driven-cooperation.html", wait_until="load")
    wait_for_charts(page)
    page.wait_for_function("document.documentElement.dataset.migbookTheme === 'loaded'")
    blocks = page.locator("div.highlight")
    assert blocks.count() >= 1, "no code block on the page: this test checks nothing"
    page.wait_for_function("document.querySelectorAll('div.highlight button.copybtn').length === "
                           "document.querySelectorAll('div.highlight').length")
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_equations_are_drawn_natively_in_the_text_colour(built_book: Path, book_url: str, watched: object,
                                                        scheme: str) -> None:
    name = "book/chapters/01-why-migration-is-international.html"
    page = watched.page
    page.goto(page_address(built_book, book_url, scheme, name), wait_until="load")
    for theme in ("light", "dark"):
        set_theme(page, theme)
        drawn = page.evaluate("""() => [...document.querySelectorAll('math')].map(m => {
            const box = m.getBoundingClientRect(), text = getComputedStyle(m.closest('p, div')).color;
            return [box.width, box.height, getComputedStyle(m).color === text, m.getAttribute('display')]; })""")
        assert len(drawn) >= 60
        assert all(width >= 4 and height >= 6 for width, height, _, _ in drawn), drawn[:5]  # (an n: 8 px high)
        assert all(same for _, _, same, _ in drawn), f"{theme}: an equation not in the text colour"
        assert sum(display == "block" for *_, display in drawn) == 5
        # An annotation (the TeX) is never drawn: MathML Core draws only the first child of <semantics>.
        assert page.evaluate("[...document.querySelectorAll('annotation')].every(a => !a.getClientRects().length "
                             "|| a.getBoundingClientRect().width === 0)")
    assert page.evaluate("typeof window.MathJax") == "undefined"
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


@pytest.mark.browser
def test_a_math_page_on_a_phone_scrolls_wide_equations_in_their_box_and_passes_axe(built_book: Path, book_url: str,
                                                                                   watched: object) -> None:
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(book_url + "book/chapters/02-states-regions-global-governance.html", wait_until="load")
    wait_for_charts(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.locator(".migbook-math-display")
    wide = [i for i in range(boxes.count()) if boxes.nth(i).evaluate("e => e.scrollWidth > e.clientWidth")]
    assert wide, "no display equation wider than a phone: this test checks nothing"
    box = boxes.nth(wide[0])
    box.focus()  # a keyboard reader scrolls it with the arrow keys
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert box.evaluate("e => e.scrollLeft") > 0
    page.mouse.wheel(0, -200)  # scrolled: the theme shows its "Back to top" button, which must read well too
    page.wait_for_selector("#pst-back-to-top", state="visible")
    assert not watched.external and not watched.errors
    # (Before axe: its CSS rules fetch the stylesheets' @imports relative to the page, a 404 that is axe's own.)
    assert not serious_violations(page)


@pytest.mark.browser
def test_a_page_without_math_requests_no_mathjax_and_shows_its_icons(built_book: Path, book_url: str,
                                                                    watched: object) -> None:
    requested: list[str] = []
    page = watched.page
    page.on("request", lambda request: requested.append(request.url))
    page.goto(book_url + "book/intro.html", wait_until="networkidle")
    assert not [url for url in requested if "mathjax" in url.lower()]
    assert not [url for url in requested if url.split("?")[0].endswith("fontawesome.js")]
    # The icons' font, cut to the icons the book draws (migbook.icon_fonts); not the whole of it.
    assert [url for url in requested if re.search(r"/_static/migbook/fonts/fa-solid-900-\w+\.woff2$", url)]
    assert not [url for url in requested if "/webfonts/" in url]
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
        (root / f"{name}.md").write_text(notebook_page(f"Page {i}", f"""\
import os
from pathlib import Path
# Which process launched the kernel (read the page), and the kernel's parent.
reader, parent = os.environ["JPY_PARENT_PID"], os.getppid()
(Path(os.environ["MINI_READERS"]) / "{name}").write_text(f"{{reader}} {{parent}}")
print({i} * {i}, os.environ.get("MIGBOOK_MODE"))"""))


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


# --- one stylesheet a page, holding only the rules the book can use (migbook.stylesheets) --------------------

# Every element's computed style (no custom properties: what they change shows in the properties that use them),
# each distinct style sent once.
COMPUTED_STYLES_JS = """() => {
  // The theme's scroll-spy marks the "On this page" entry of the section in view as active, whenever an
  // IntersectionObserver fires: between two loads that can differ (charts drawing move the sections). Both loads
  // are read with the first entry active, set in this same task so no observer can change it before the read.
  // (as the theme's activate() does in #pst-page-toc-nav: the link, with aria-current, and its entry)
  document.querySelectorAll("#pst-page-toc-nav .active").forEach(el => el.classList.remove("active"));
  document.querySelectorAll("#pst-page-toc-nav [aria-current]").forEach(el => el.removeAttribute("aria-current"));
  const first = document.querySelector("#pst-page-toc-nav a");
  if (first) {
    first.classList.add("active");
    first.setAttribute("aria-current", "true");
    first.closest(".toc-entry").classList.add("active");
  }
  const ids = new Map(), out = [];
  for (const el of document.querySelectorAll("body, body *")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && (style.content === "none" || style.content === "normal")) { continue; }
      const values = [];
      for (let i = 0; i < style.length && !style[i].startsWith("--"); i++) {
        values.push(style[i] + ":" + style.getPropertyValue(style[i]));
      }
      const text = values.join(";");
      if (!ids.has(text)) { ids.set(text, ids.size); }
      // (named by its classes and link too, so that a difference says which element, and a class a script
      // adds in one load but not the other shows as such)
      out.push([el.tagName + (el.id ? "#" + el.id : "") + Array.from(el.classList, c => "." + c).join("")
                + (el.getAttribute("href") ? "[" + el.getAttribute("href").slice(0, 60) + "]" : "") + (pseudo || ""),
                ids.get(text)]);
    }
  }
  return [out, Array.from(ids.keys())];
}"""
# Which of the left-out selectors match an element of the page in any state: each without its pseudo-elements
# and the pseudo-classes of what a reader does (hover, focus...), which querySelector cannot test.
STATES = (r"::?(?:before|after|first-line|first-letter|marker|placeholder|selection|backdrop|file-selector-button"
          r"|-(?:webkit|moz|ms)-[\w-]+)(?:\([^)]*\))?"
          r"|:(?:hover|focus|focus-visible|focus-within|active|visited|link|any-link|target|checked|autofill)(?![\w-])")
LEFT_OUT_MATCHES_JS = r"""(selectors) => {
  const states = new RegExp(""" + json.dumps(STATES) + r""", "gi");
  const found = [], untestable = [];
  for (const selector of selectors) {
    try { if (document.querySelector(selector.replace(states, "") || "*")) { found.push(selector); } }
    catch (error) { untestable.push(selector); }
  }
  return [found, untestable];
}"""


def _combined_link(text: str) -> re.Match[str]:
    """A page's link to its combined stylesheet: groups (the way up to the book's root, the stylesheet's file
    under _static/, the theme's files it holds)."""
    found = re.search(rf'<link rel="stylesheet" type="text/css" href="([^"]*)_static/({stylesheets.FOLDER}/'
                      rf'styles-[0-9a-f]+\.css)\?v=[0-9a-f]+" {stylesheets.COMBINES}="([^"]*)" />', text)
    assert found, "the page does not link its combined stylesheet"
    return found


def _left_out(built_book: Path, text: str) -> list[str]:
    """The selectors of the theme's files that the page's combined stylesheet, as written, does not hold."""
    static = built_book / "_static"
    link = _combined_link(text)
    every: list[str] = []  # with no word at all, every selector that needs a class or an id is left out
    stylesheets.combined([static / f for f in html.unescape(link[3]).split()], static / stylesheets.FOLDER,
                         frozenset(), every)
    served = stylesheets.selectors_in((static / link[2]).read_text(encoding="utf-8"))
    return [selector for selector in every if selector not in served]


def _styles(page: object, url: str, theme: str) -> tuple[list[tuple[str, str]], bytes]:
    page.goto(url, wait_until="load")
    wait_for_charts(page)
    # No transition half-way when the styles are read (the theme's buttons fade to the dark mode's colours).
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; animation: none !important }")
    set_theme(page, theme)
    page.evaluate("document.fonts.ready")
    elements, styles = page.evaluate(COMPUTED_STYLES_JS)
    # The icons as drawn (the page's header and its article's buttons), for the cut icon font (icon_fonts).
    shots = b"".join(page.locator(f"{part}:visible").first.screenshot() for part in (".bd-header", ".bd-header-article")
                     if page.locator(f"{part}:visible").count())
    return [(element, styles[style]) for element, style in elements], shots


def test_every_page_links_one_stylesheet_a_third_of_the_theme_s(built_book: Path) -> None:
    pages = _pages(built_book, stubs=False)
    links = {name: _combined_link(text) for name, text in pages.items()}
    assert len(links) >= 30 and len({m[3] for m in links.values()}) == 1, "pages differ in their stylesheets"
    for name, text in pages.items():
        assert text[:text.index("</head>")].count('rel="stylesheet"') == 1, name
    files = html.unescape(next(iter(links.values()))[3]).split()
    assert files[:2] == ["styles/theme.css", "styles/pydata-sphinx-theme.css"] and "migbook/migbook.css" in files
    [css] = (built_book / "_static" / stylesheets.FOLDER).glob("styles-*.css")
    original = sum((built_book / "_static" / f).stat().st_size for f in files)
    assert css.stat().st_size < original / 3, (css.stat().st_size, original)


@pytest.mark.browser
def test_no_rule_left_out_of_the_stylesheet_matches_anything_on_any_page(built_book: Path, book_url: str,
                                                                          watched: object) -> None:
    pages = _pages(built_book, stubs=False)
    left_out = _left_out(built_book, next(iter(pages.values())))
    assert len(left_out) > 3000  # Bootstrap's components, Font Awesome's icons, sphinx-design's grids...
    page = watched.page
    untestable: set[str] = set()
    for name in pages:
        page.goto(book_url + name, wait_until="load")
        wait_for_charts(page)
        if name == "book/chapters/01-why-migration-is-international.html":  # what a reader opens, too
            page.locator("button.search-button__button:visible").first.click()
            page.keyboard.press("Escape")
            page.locator(".dropdown-toggle:visible").first.click()
            page.locator(".primary-toggle:visible").first.click()
            page.wait_for_timeout(300)
        found, untested = page.evaluate(LEFT_OUT_MATCHES_JS, left_out)
        assert not found, f"{name}: rules left out of its stylesheet would style it: {found[:10]}"
        untestable |= set(untested)
    # Selectors querySelector cannot read once the action pseudo-classes are gone (:not(:hover)...): few.
    assert len(untestable) < len(left_out) / 50, sorted(untestable)[:20]
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["book/intro.html", "book/chapters/03-state-driven-cooperation.html",
                                  "book/lessons/01-stock-and-flow.html", "book/references.html"])
def test_every_element_is_styled_as_by_the_theme_s_own_stylesheets(built_book: Path, book_url: str,
                                                                  watched: object, name: str) -> None:
    text = (built_book / name).read_text(encoding="utf-8")
    link = _combined_link(text)
    theirs = text.replace(link[0], "".join(f'<link rel="stylesheet" href="{link[1]}_static/{f}" />\n'
                                          for f in html.unescape(link[3]).split()))
    page = watched.page
    for theme in ("light", "dark"):
        ours, our_icons = _styles(page, book_url + name, theme)
        page.route(book_url + name, lambda route: route.fulfill(body=theirs, content_type="text/html"))
        expected, their_icons = _styles(page, book_url + name, theme)
        page.unroute(book_url + name)
        assert our_icons == their_icons, f"{name} ({theme}): the icons are not drawn as with the theme's fonts"
        assert len(ours) == len(expected) > 300, name
        differ = [(a[0], sorted(set(a[1].split(";")) ^ set(b[1].split(";")))[:6])
                  for a, b in zip(ours, expected, strict=True) if a != b]
        assert not differ, f"{name} ({theme}): {differ[:5]}"
    assert not watched.external and not watched.errors, (watched.external, watched.errors)


def test_every_icon_of_every_page_is_in_the_cut_font_its_stylesheet_names(built_book: Path) -> None:
    pages = _pages(built_book, stubs=False)
    link = _combined_link(next(iter(pages.values())))
    css_file = built_book / "_static" / link[2]
    css = css_file.read_text(encoding="utf-8")
    fonts = {}  # which cut font draws each style of icon
    for face in re.findall(r"@font-face\s*\{[^}]*\}", css):
        url = re.search(r'url\("?([^")]+\.woff2)"?\)', face)[1]
        style = "brands" if "Brands" in face else "solid" if "font-weight:900" in face else "regular"
        assert url.startswith("fonts/"), f"the {style} icon font is not cut: {url}"
        fonts[style] = set(TTFont(css_file.parent / url).getBestCmap())
    glyphs = {name: int(code, 16) for selectors, code in re.findall(r'([^{}]+)\{content:"\\(\w+)"\}', THEME_CSS)
              for name in re.findall(r"\.fa-([a-z0-9-]+):before", selectors)}
    styles = {"fa-solid": "solid", "fas": "solid", "fa-regular": "regular", "far": "regular",
              "fa-brands": "brands", "fab": "brands"}
    seen = 0
    for name, text in pages.items():
        for icon in icons.icons_in(text):
            [style] = {styles[c] for c in icon if c in styles}
            [glyph] = {glyphs[c.removeprefix("fa-")] for c in icon if c.removeprefix("fa-") in glyphs}
            assert glyph in fonts[style], f"{name}: {sorted(icon)} is not in the cut {style} font"
            seen += 1
    assert seen > 200 and sum(len(cmap) for cmap in fonts.values()) < 150  # of Font Awesome's 2,000


@pytest.mark.browser
def test_a_link_to_a_section_far_down_a_chart_page_lands_on_it(built_book: Path, book_url: str,
                                                                watched: object) -> None:
    """Sections away from the first figure are laid out only on screen until the charts have drawn
    (sphinxext.FIRST_LAYOUT): a reader who follows a link to one still finds it at the top of the window."""
    name = "book/chapters/07-border-control.html"
    text = (built_book / name).read_text(encoding="utf-8")
    anchors = re.findall(r'class="reference internal nav-link" href="#([^"]+)"', text)  # the page's contents
    first = text.index(sphinxext.FIRST_MARK + ">")
    far = [a for a in anchors if text.index(f'<section id="{a}">') > first][-3:]
    assert len(far) == 3, "no section after the first figure: this test checks nothing"
    page = watched.page
    for anchor in far:
        page.goto(f"{book_url}{name}#{anchor}", wait_until="load")
        page.wait_for_function("document.documentElement.dataset.migbookTheme === 'loaded'")  # (not scrolling)
        scrolled = [page.evaluate("scrollY")]
        while len(scrolled) < 20 and (len(scrolled) < 2 or scrolled[-1] != scrolled[-2]):  # (a smooth scroll)
            page.wait_for_timeout(250)
            scrolled.append(page.evaluate("scrollY"))
        top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        at_end = page.evaluate("Math.ceil(innerHeight + scrollY) >= document.documentElement.scrollHeight")
        assert 0 <= top <= 120 or (at_end and top >= 0), (anchor, top)
    assert not watched.external and not watched.errors, (watched.external, watched.errors)

"""Sphinx extension that makes the built book self-contained and its figures static twins.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``. It

* sets ``MIGBOOK_MODE=static`` before any notebook runs, so every explorer in
  the book renders its static twin (see :mod:`migbook.twin`);
* vendors the JavaScript the pages need from an installed package, never from a
  CDN: the Vega, Vega-Lite and vega-embed bundle of ``vl-convert-python``;
* adds the Vega bundle only to pages that hold a figure, first in the page's head, so each chart is
  drawn as soon as it is parsed; on those pages every other script that would stop the parser is held
  (:func:`held`) and run, in its order, after the charts (``templates/layout.html``, ``templates/held-scripts.js``);
* writes every equation as MathML when the page is written (:mod:`migbook.mathml`), so
  no page loads MathJax (a fast book, issue #14), and loads no Font Awesome script
  (1.4 MB): the theme's stylesheet already draws every icon from Font Awesome's own
  web font (see :mod:`migbook.icons`);
* declares the two Jupyter Book extensions that do not say so safe for Sphinx's
  parallel read, so ``migbook build`` executes pages side by side (:mod:`migbook.build`).
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sphinxcontrib.bibtex.plugin
import vl_convert
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from migbook import icons, mathml
from migbook.mode import MODE_VARIABLE

ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"  # our versions of theme components (accessibility fixes)
# Jupyter Book extensions that do not declare whether Sphinx may read pages in parallel. Both were read for
# this: sphinx_multitoc_numbering renumbers sections after reading, in the main process, and
# sphinx_jupyterbook_latex only sets env flags at builder-inited (before the readers fork) and acts on LaTeX.
PARALLEL_SAFE_UNDECLARED = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")


def _round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class RoundAuthorYear(AuthorYearReferenceStyle):
    """Author-year citations in round brackets, as social science writes them: (Adamson, 2006)."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round_brackets)
    bracket_textual: BracketStyle = field(default_factory=_round_brackets)
    bracket_author: BracketStyle = field(default_factory=_round_brackets)
    bracket_label: BracketStyle = field(default_factory=_round_brackets)
    bracket_year: BracketStyle = field(default_factory=_round_brackets)


VEGA_WRAPPER = ("(function () {\n", "\n})();\n")


def vega_bundle() -> str:
    """vl-convert's Vega + Vega-Lite + vega-embed bundle, wrapped so it can load as a page script.

    The bundle declares top-level ``const``s; the wrapper keeps them private
    and leaves only ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``.
    """
    return VEGA_WRAPPER[0] + vl_convert.javascript_bundle() + VEGA_WRAPPER[1]


def vega_bundle_key() -> str:
    """What :func:`vega_bundle` depends on: vl-convert's version (the bundle ships inside it) and the wrapper."""
    return f"vl-convert-python {importlib.metadata.version('vl-convert-python')} {VEGA_WRAPPER!r}"


def _write_vega_bundle(path: Path, stamp: Path) -> None:
    """Write :func:`vega_bundle` to ``path`` unless the copy there was written for the same
    :func:`vega_bundle_key` (kept in ``stamp``): vl-convert takes seconds to hand the bundle out, and a
    one-page rebuild would otherwise pay that every time."""
    key = vega_bundle_key()
    if path.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return
    _write_if_changed(path, vega_bundle())
    stamp.write_text(key, encoding="utf-8")


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def vendor(target: Path) -> Path:
    """Write the vendored browser assets into ``target`` (idempotent); return it."""
    # The key beside the vendored folder, not in it: Sphinx copies that folder into every build.
    _write_vega_bundle(target / "migbook" / "vega-bundle.js", target.with_name(target.name + ".vega-key"))
    return target


_SCRIPT_PRELOAD = re.compile(r'[ \t]*<link rel="preload" as="script"[^>]*>\n?')


def without_script_preloads(html: str) -> str:
    """The theme's head without its script preloads: a page with figures fetches the theme's scripts only after
    its charts have drawn (templates/layout.html), so they must not compete with the Vega bundle before."""
    return _SCRIPT_PRELOAD.sub("", html)


_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")
_TYPE = re.compile(r'\s+type="([^"]*)"')
_NOT_BLOCKING = re.compile(r"\s(defer|async)\b")
HELD = "migbook/after-charts"  # the type of a script held back until the page's charts have drawn
HELD_LOADER = TEMPLATES / "held-scripts.js"  # what loads them then, inline in the head of a page with figures


def held(html: str) -> str:
    """Every script in ``html`` that would stop the parser held back until the page's charts have drawn: its type
    made HELD (a type the browser does not run or fetch), any type it had kept in ``data-migbook-type`` for when
    it is loaded. A deferred or async script stops nothing and is left alone (the lessons' question checker:
    it must be ready as soon as a student can type an answer).

    >>> held('<script src="a.js"></script>')
    '<script type="migbook/after-charts" src="a.js"></script>'
    >>> held('<script>var b = 1;</script><script defer src="q.js"></script>')
    '<script type="migbook/after-charts">var b = 1;</script><script defer src="q.js"></script>'
    """
    def hold(tag: re.Match[str]) -> str:
        attributes = tag[1]
        if _NOT_BLOCKING.search(attributes):
            return tag[0]
        kept = _TYPE.search(attributes)
        if kept:
            attributes = _TYPE.sub("", attributes, count=1) + f' data-migbook-type="{kept[1]}"'
        return f'<script type="{HELD}"{attributes}>'

    return _SCRIPT_TAG.sub(hold, html)


# Until a chart page's figures have drawn and its held scripts have run (held-scripts.js then marks the page
# data-migbook-theme="loaded"), a section that does not hold the first figure is laid out only once it nears
# the screen: the first layout, which the first chart waited for on the two cores, covers what the reader sees
# and that figure, not the whole chapter (measured with benchmarks/run.py: README, "A fast book").
# Afterwards the page is laid out as the theme made it, so nothing stays clipped or measured by a placeholder.
# Not when the address names a part of the page (:target): the browser scrolls there at once, and sections
# measured by a placeholder above it would leave the reader elsewhere once laid out.
FIRST_MARK = "data-migbook-first"  # on the page's first chart (the one the reader waits for)
FIRST_LAYOUT = ('html:not([data-migbook-theme="loaded"]):not(:has(:target)) .bd-article section '
                f"section:not(:has([{FIRST_MARK}])){{content-visibility:auto;contain-intrinsic-size:auto 800px}}")


def with_first_chart_marked(body: str) -> str:
    """``body`` with its first chart marked (:data:`FIRST_MARK`), so :data:`FIRST_LAYOUT` spares its sections.

    >>> with_first_chart_marked('<div class="migbook-chart" id="a"></div><div class="migbook-chart" id="b">')
    '<div class="migbook-chart" id="a" data-migbook-first></div><div class="migbook-chart" id="b">'
    """
    start = body.find(CHART_MARK)
    end = body.find(">", start)
    return body if start < 0 or end < 0 else f"{body[:end]} {FIRST_MARK}{body[end:]}"


@functools.cache
def held_loader() -> str:
    """The script that loads a page's held scripts, for inlining into the page: without its opening comment."""
    text = HELD_LOADER.read_text(encoding="utf-8")
    return text[text.index("*/") + 2:].strip() if text.startswith("/*") else text.strip()


def _builder_inited(app: Sphinx) -> None:
    templates = getattr(getattr(app, "builder", None), "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["migbook_without_script_preloads"] = without_script_preloads
        templates.environment.filters["migbook_held"] = held
    target = vendor(Path(app.outdir).parent / "vendor")
    app.config.html_static_path = [*app.config.html_static_path, str(ASSETS), str(target)]
    for name in PARALLEL_SAFE_UNDECLARED:
        if name in app.extensions and app.extensions[name].parallel_read_safe is None:
            app.extensions[name].parallel_read_safe = True


def _config_inited(app: Sphinx, config: Any) -> None:
    config.html_math_renderer = mathml.RENDERER  # MathML written at build time, not MathJax in the browser
    generated = icons.write_templates(Path(app.outdir).parent / "migbook-templates")
    config.templates_path = [str(TEMPLATES), str(generated), *config.templates_path]


def _dependencies() -> list[str]:
    """Files whose change must re-run the notebook pages: the package's code and the data (and the held scripts'
    loader, which only the pages with figures, all notebooks, carry)."""
    package = Path(__file__).parent
    data = package.parent / "data"
    return sorted(str(p) for p in [*package.rglob("*.py"), HELD_LOADER, *data.glob("*")] if p.is_file())


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    if "{code-cell}" in source[0]:
        for path in _dependencies():
            app.env.note_dependency(path)


def _is_thebe(asset: Any) -> bool:
    return "thebe" in str(asset).lower()  # the file name, or the body of an inline script


_UNNAMED_TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
_NAMED_TOGGLE = _UNNAMED_TOGGLE.replace("<summary>", '<summary aria-label="Show or hide the pages in this part">')


def _named_toggles(generate: Any) -> Any:
    """Wrap the theme's navigation builder so its expand/collapse toggles have an accessible name."""
    def generate_toctree_html(*args: Any, **kwargs: Any) -> Any:
        return str(generate(*args, **kwargs)).replace(_UNNAMED_TOGGLE, _NAMED_TOGGLE)
    return generate_toctree_html


LESSON_PAGES = "book/lessons/"


def live_note(lesson: str) -> str:
    """The note every lesson page carries under its title: how to run it live. ``migbook classroom``
    turns it into an "Open this lesson live" link (:func:`migbook.classroom.rewrite_lesson_notes`), so a
    lesson's own text never says how to start it."""
    return (f'<p class="migbook-live-note" data-lesson="{lesson}">To work through this lesson live, with your '
            f"answers checked, run <code>migbook lesson {lesson}</code>; for a class, the instructor runs "
            "<code>migbook classroom</code> and every lesson page links to its live version.</p>")


def _with_live_note(pagename: str, body: str) -> str:
    """A lesson page's body with :func:`live_note` after its title (other pages unchanged)."""
    if not pagename.startswith(LESSON_PAGES) or "</h1>" not in body:
        return body
    head, tail = body.split("</h1>", 1)
    return f"{head}</h1>{live_note(pagename.removeprefix(LESSON_PAGES))}{tail}"


CHART_MARK = 'class="migbook-chart"'  # how a figure's chart starts in a page's body
CHART_SCRIPTS = ("migbook/vega-bundle.js", "migbook/migbook-charts.js")  # under _static/


@functools.cache
def _version(path: Path) -> str:
    """A short checksum of a static file, for its URL (a reader's cache never keeps an old copy)."""
    return f"{zlib.crc32(path.read_bytes()):08x}"


def chart_scripts(url: Callable[[str], str], static: list[Path]) -> str:
    """The tags that draw a page's charts, for the top of its head (templates/layout.html): async and at high
    priority, so neither waits for the stylesheets or the other scripts (the chart script waits for the bundle
    itself). ``url`` gives a file's address from the page; ``static`` lists the folders copied to ``_static/``."""
    tags = []
    for name, extra in zip(CHART_SCRIPTS, (' id="migbook-vega"', ""), strict=True):
        source = next(folder / name for folder in static if (folder / name).is_file())
        tags.append(f'<script async fetchpriority="high"{extra} src="{url(name)}?v={_version(source)}"></script>')
    return "\n".join(tags) + "\n"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if "body" in context:
        context["body"] = _with_live_note(pagename, context["body"])
    # The sidebar's toggles are <summary> elements with an icon only (axe: summary-name).
    if "generate_toctree_html" in context:
        context["generate_toctree_html"] = _named_toggles(context["generate_toctree_html"])
    # Docutils marks bibliography entries with the deprecated role doc-biblioentry inside a
    # role="list"; a list's children must be list items (axe: aria-required-children).
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    if 'class="migbook-question"' in context.get("body", ""):
        app.add_js_file("migbook/migbook-questions.js", loading_method="defer")
    if CHART_MARK in context.get("body", "") and "pathto" in context:
        context["body"] = with_first_chart_marked(context["body"])
        context["migbook_chart_scripts"] = chart_scripts(lambda name: context["pathto"](f"_static/{name}", 1),
                                                         [Path(p) for p in app.config.html_static_path])
        context["migbook_held_loader"] = held_loader()
        context["migbook_first_layout"] = FIRST_LAYOUT
    # Thebe (live code through Binder) needs the network, and sphinx-thebe declares
    # THEBE_JS_URL twice, a SyntaxError on every page: drop its scripts and styles.
    # (After add_js_file above, which appends to the list the context shares.)
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not _is_thebe(asset)]


def setup(app: Sphinx) -> dict[str, Any]:
    os.environ[MODE_VARIABLE] = "static"
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYear
    )
    app.add_html_math_renderer(mathml.RENDERER, (mathml.visit_math, None), (mathml.visit_displaymath, None))
    app.setup_extension("migbook.build_schedule")  # every core busy while pages execute (issue #14)
    app.setup_extension("migbook.warm_kernels")  # each page's kernel forked from one that has imported
    app.setup_extension("migbook.bibtex_plugins")  # citations resolved without re-reading every package's metadata
    app.setup_extension("migbook.bibtex_memo")  # the bibliography formatted once per change of its files (#14)
    app.setup_extension("migbook.figure_cache")  # figures kept between builds: a rebuild recomputes no grid (#14)
    app.setup_extension("migbook.stylesheets")  # one stylesheet a page, holding only rules the book can use (#14)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("source-read", _source_read)
    app.connect("html-page-context", _page_context, priority=900)  # after sphinx-thebe's
    app.add_css_file("migbook/migbook.css")
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}

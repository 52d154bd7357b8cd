"""The book's list of figures and models, generated from the explorer catalogue and the book's pages.

Nothing here is kept by hand: the explorers come from :func:`migbook.explorers.catalogue`,
the pages that show each one from scanning the code cells of ``book/`` for
``explorers.NAME(``, its model from the ``migbook.models`` modules its explorer module
uses, and its data from the tables named in ``@catalogued(...)``. A new explorer
appears in the list as soon as it is catalogued and a page calls it.
"""

from __future__ import annotations

import html
import os
import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

from migbook import data, explorers
from migbook.explorers import Entry
from migbook.paths import BOOK_DIR

CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.M | re.S)
CALL = re.compile(r"\bexplorers\.(\w+)\(")
TITLE = re.compile(r"^# (.+)$", re.M)
KINDS = ("chapters", "lessons", "data")  # the order pages are listed in: chapters, then lessons, then data pages
PAGE = BOOK_DIR / "figures.md"  # where the list is shown: links are relative to it
LINK_STYLE = "color: inherit; text-decoration: underline"


@dataclass(frozen=True)
class Page:
    """A page of the book that shows an explorer: its source file and title."""

    path: Path
    title: str

    def href(self, from_page: Path = PAGE) -> str:
        """The link to the page's HTML from ``from_page``'s HTML (both built beside their sources)."""
        return Path(os.path.relpath(self.path.with_suffix(".html"), from_page.parent)).as_posix()


@dataclass(frozen=True)
class Row:
    """One explorer: its name, what it shows, the pages that show it, its model module and its data tables."""

    name: str
    shows: str
    pages: tuple[Page, ...]
    models: tuple[str, ...]
    datasets: tuple[str, ...]


def _rank(path: Path, book_dir: Path) -> tuple[int, str]:
    parts = path.relative_to(book_dir).parts
    kind = KINDS.index(parts[0]) if len(parts) > 1 and parts[0] in KINDS else len(KINDS)
    return kind, path.as_posix()


def pages_calling(book_dir: Path = BOOK_DIR) -> dict[str, list[Page]]:
    """Each explorer name called in a code cell of a page under ``book_dir``, with those pages in book order."""
    found: dict[str, list[Page]] = {}
    for path in sorted(book_dir.rglob("*.md"), key=lambda p: _rank(p, book_dir)):
        text = path.read_text()
        calls = {name for cell in CODE_CELL.findall(text) for name in CALL.findall(cell)}
        if not calls:
            continue
        title = TITLE.search(text)
        page = Page(path, title.group(1).strip() if title else path.stem)
        for name in sorted(calls):
            found.setdefault(name, []).append(page)
    return found


def _model_of(value: object) -> str:
    """The ``migbook.models`` module a value is or comes from (a module, a function, a class, DEFAULTS), or ''."""
    if isinstance(value, types.ModuleType):
        name = value.__name__
    elif isinstance(value, (types.FunctionType, type)):
        name = value.__module__
    else:
        name = type(value).__module__
    public = name.startswith("migbook.models.") and not name.rsplit(".", 1)[1].startswith("_")
    return name if public else ""


def _names(code: types.CodeType) -> set[str]:
    """The global names a function's code (and the functions defined inside it) refers to."""
    found = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found |= _names(const)
    return found


def models_of(entry: Entry) -> tuple[str, ...]:
    """The ``migbook.models`` modules the explorer uses, following the functions of its own module it calls.

    Only what the explorer's code reaches counts, so two explorers in one module (a model figure and a data
    figure) get each its own answer. An explorer over data alone has none.
    """
    make = getattr(entry.make, "__wrapped__", entry.make)
    module = vars(sys.modules[make.__module__])
    used: set[str] = set()
    seen: set[str] = set()
    todo = [make]
    while todo:
        function = todo.pop()
        for name in _names(function.__code__) - seen:
            seen.add(name)
            value = module.get(name)
            if value is None:
                continue
            if _model_of(value):
                used.add(_model_of(value))
            elif isinstance(value, types.FunctionType) and value.__module__ == make.__module__:
                todo.append(value)
    return tuple(sorted(used))


def rows(book_dir: Path = BOOK_DIR) -> list[Row]:
    """Every catalogued explorer, in the order of the first page that shows it (unshown ones last)."""
    pages = pages_calling(book_dir)
    out = [Row(name, entry.doc, tuple(pages.get(name, ())), models_of(entry), entry.datasets)
           for name, entry in explorers.catalogue().items()]
    return sorted(out, key=lambda r: (_rank(r.pages[0].path, book_dir) if r.pages else (len(KINDS) + 1, ""), r.name))


def _dataset(name: str) -> str:
    title = data.describe(name).get("title", name)
    return f"<code>{html.escape(name)}</code> ({html.escape(title)})"


@dataclass
class Listing:
    """The list as an accessible HTML table (a caption, column headers with scope), for the book's page."""

    book_dir: Path = BOOK_DIR
    page: Path = PAGE

    def to_html(self) -> str:
        body = []
        for row in self.rows():
            # The output area keeps its own colours in dark mode, so the links take the text's colour, underlined.
            links = "; ".join(f'<a href="{html.escape(p.href(self.page))}" style="{LINK_STYLE}">'
                              f"{html.escape(p.title)}</a>" for p in row.pages) or "not yet shown"
            models = ", ".join(f"<code>{html.escape(m)}</code>" for m in row.models) or "none (data only)"
            tables = ", ".join(_dataset(d) for d in row.datasets) or "none (model runs only)"
            body.append(f'<tr><th scope="row"><code>explorers.{html.escape(row.name)}()</code></th>'
                        f"<td>{html.escape(row.shows)}</td><td>{links}</td><td>{models}</td><td>{tables}</td></tr>")
        return ('<table class="migbook-figure-list"><caption>Every interactive figure of the book, the pages that '
                "show it, its model and its data</caption><thead><tr>"
                '<th scope="col">Explorer</th><th scope="col">What it shows</th><th scope="col">Shown on</th>'
                '<th scope="col">Model</th><th scope="col">Data</th></tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>")

    def rows(self) -> list[Row]:
        return rows(self.book_dir)

    def _repr_html_(self) -> str:
        return self.to_html()


def table() -> Listing:
    """The list of figures and models for ``book/figures.md``."""
    return Listing()

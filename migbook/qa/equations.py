"""Every equation the book's pages write, found as myst-parser finds it (for the tests of :mod:`migbook.mathml`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from migbook.paths import ROOT

# The MyST syntax the book enables (_config.yml: dollarmath, amsmath, colon_fence), parsed as myst-parser does.
MYST = (MarkdownIt("commonmark").use(front_matter_plugin).use(myst_block_plugin).use(myst_role_plugin)
        .use(colon_fence_plugin).use(dollarmath_plugin).use(amsmath_plugin).enable("table"))
# Token type -> whether the equation is displayed.
MATH_TOKENS = {"math_inline": False, "math_inline_double": True, "math_block": True, "math_block_label": True,
               "amsmath": True}


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def equations(text: str) -> Iterator[tuple[str, bool]]:
    """Every equation of a MyST page as (TeX, display), in page order, directive bodies included (not code cells)."""
    for token in _tokens(MYST.parse(text)):
        if token.type in ("fence", "colon_fence") and token.info.startswith("{") and "code-cell" not in token.info:
            yield from equations(token.content)
        elif token.type in MATH_TOKENS:
            yield token.content, MATH_TOKENS[token.type]


def book_equations(root: Path = ROOT) -> dict[str, list[tuple[str, bool]]]:
    """Each page source of the book (relative to ``root``, ``.md``) with its equations."""
    return {str(page.relative_to(root)): list(equations(page.read_text(encoding="utf-8")))
            for page in sorted((root / "book").rglob("*.md"))}

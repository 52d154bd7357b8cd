"""The theme's icons drawn from Font Awesome's web font, without Font Awesome's 1.4 MB script.

pydata-sphinx-theme loads ``scripts/fontawesome.js`` on every page to turn each
``<i class="fa-solid fa-bars">`` into an inline SVG. Its stylesheet already carries
Font Awesome's own CSS and ``@font-face`` rules for the same version (6.5.2): without
the script the browser draws the same glyphs from the web font, fetching only the
font files the page uses (the solid set, cut to the book's icons by
:mod:`migbook.icon_fonts`: 3 KB of its 153 KB, shared by every page), and has
1.4 MB less JavaScript to run before the charts. :func:`write_templates` writes the
theme's script macros minus that one script, for Sphinx to find before the theme's own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydata_sphinx_theme

from migbook.errors import MigbookError

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
MACROS = "static/webpack-macros.html"  # the template that lists the theme's scripts
THEME_CSS = THEME / "static" / "styles" / "pydata-sphinx-theme.css"
SCRIPT = re.compile(r"[ \t]*<!-- So that users can add custom icons -->\n"
                    r"[ \t]*<script defer src=\"\{\{ pathto\('_static/scripts/fontawesome\.js', 1\) \}\}[^\n]*\n")
STYLES = {"fa-solid", "fas", "fa-regular", "far", "fa-brands", "fab"}  # which font a glyph comes from
_CLASSES = re.compile(r'class="([^"]*\bfa-[^"]*)"')
_GLYPH = re.compile(r"\.fa-([a-z0-9-]+):before")


def macros_without_script(text: str) -> str:
    """The theme's script macros with the Font Awesome script removed (an error if it is not where we expect)."""
    trimmed, count = SCRIPT.subn("", text)
    if count != 1:
        raise MigbookError(f"pydata-sphinx-theme's {MACROS} no longer loads fontawesome.js as migbook.icons "
                           "expects: check the theme's icons before building")
    return trimmed


def write_templates(target: Path) -> Path:
    """Write our copy of the theme's script macros under ``target`` (only when it changes); return ``target``."""
    path = target / MACROS
    text = macros_without_script((THEME / MACROS).read_text(encoding="utf-8"))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def icons_in(html: str) -> list[set[str]]:
    """The Font Awesome classes of each icon element in a page (``{"fa-solid", "fa-bars"}``, ...)."""
    return [{c for c in classes.split() if c.startswith("fa") and (c in STYLES or c.startswith("fa-"))}
            for classes in _CLASSES.findall(html)]


def glyphs(css: str) -> set[str]:
    """The icon classes a stylesheet draws from the web font (``fa-bars``, ...)."""
    return {f"fa-{name}" for name in _GLYPH.findall(css)}


def undrawn(html: str, css: str) -> list[set[str]]:
    """The icons of a page the stylesheet cannot draw: no font style (solid, regular, brands) or no glyph."""
    drawn = glyphs(css)
    return [icon for icon in icons_in(html) if not (icon & STYLES and icon & drawn)]

"""Font Awesome's web fonts cut to the icons the book draws (issue #14).

The theme draws its icons (search, menu, light and dark, download...) from Font Awesome's solid font: 153 KB,
fetched and decoded by every page while its first chart waits for the same two cores, to draw about twenty of
its 1,400 glyphs. :func:`with_subset_fonts` gives the book's combined stylesheet (:mod:`migbook.stylesheets`)
fonts holding only the characters its rules can draw (``content`` and Font Awesome's ``--fa`` strings), written
once under ``_static/migbook/fonts/`` and named for what they hold, so a rebuild that changes no icon reuses
them. Other fonts are left as they are.
"""

from __future__ import annotations

import hashlib
import os
import re
from importlib.metadata import version
from pathlib import Path

FAMILIES = ("Font Awesome 6 Free", "Font Awesome 6 Brands")  # icon fonts: each glyph drawn by a CSS rule
FOLDER = "migbook/fonts"  # under _static/
_FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}")
_CONTENT = re.compile(r"""(?:\bcontent|--fa[\w-]*)\s*:[^;{}"']*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.S)
_WOFF2 = re.compile(r"""url\(\s*(["']?)([^"')]+\.woff2)\1\s*\)""")


def _unescaped(text: str) -> str:
    """A CSS string's text, its escapes (``\\f0c9``, ``\\"``) read."""
    return re.sub(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)",
                  lambda m: chr(int(m[1], 16)) if m[1] else m[2], text, flags=re.S)


def drawn_characters(css: str) -> set[str]:
    r"""Every character a stylesheet writes as generated content (``content``, ``--fa...`` declarations).

    >>> sorted(drawn_characters('.fa-bars:before { content: "\\f0c9" } @media print { .x { --fa: "\\f00d" } }'))
    ['\uf00d', '\uf0c9']
    """
    found: set[str] = set()
    for double, single in _CONTENT.findall(css):
        found.update(_unescaped(double or single))
    return found


def subset_font(source: Path, characters: set[str], folder: Path) -> Path:
    """``source`` (a WOFF2 font) cut to ``characters``, written in ``folder`` under a name that says what it
    holds (reused if there)."""
    key = hashlib.sha256(source.read_bytes())
    key.update("".join(sorted(characters)).encode("utf-8", "surrogatepass"))
    key.update(version("fonttools").encode())
    target = folder / f"{source.stem}-{key.hexdigest()[:12]}.woff2"
    if target.exists():
        return target
    from fontTools import subset  # (only when a font must be cut: a rebuild that changes no icon does not)

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the font's names and copyright stay in it (Font Awesome Free: SIL OFL 1.1)
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.part")
    subset.save_font(font, str(partial), options)
    partial.replace(target)
    return target


def with_subset_fonts(css: str, css_folder: Path, static: Path) -> str:
    """``css`` (a stylesheet in ``css_folder``) with each icon font's WOFF2 file replaced by one cut to the
    characters its rules draw."""
    characters = drawn_characters(css)

    def cut(face: re.Match[str]) -> str:
        block = face.group(0)
        if not any(family in block.replace("\\ ", " ") for family in FAMILIES):  # `Font Awesome\ 6 Free`
            return block

        def to_subset(url: re.Match[str]) -> str:
            source = Path(os.path.normpath(css_folder / url.group(2)))
            made = subset_font(source, characters, static / FOLDER)
            return f'url("{os.path.relpath(made, css_folder).replace(os.sep, "/")}")'

        return _WOFF2.sub(to_subset, block)

    return _FONT_FACE.sub(cut, css)

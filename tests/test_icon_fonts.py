"""The icon fonts cut to the icons the book draws (migbook.icon_fonts, issue #14). That every icon of every built
page is in its cut font is checked on the built book (test_fast_book.py)."""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

from migbook import icon_fonts, icons

SOLID = icons.THEME / "static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"
BARS, MOON = "\uf0c9", "\uf186"


def test_a_cut_font_holds_the_characters_asked_for_and_little_else(tmp_path: Path) -> None:
    made = icon_fonts.subset_font(SOLID, {BARS, MOON}, tmp_path)
    cmap = TTFont(made).getBestCmap()
    assert {ord(BARS), ord(MOON)} <= set(cmap) and ord("\uf002") not in cmap  # not the magnifying glass
    assert made.stat().st_size < 5_000 < 100_000 < SOLID.stat().st_size
    assert TTFont(made)["name"].getDebugName(0) == "Copyright (c) Font Awesome"  # its names are kept
    before = made.stat().st_mtime_ns
    assert icon_fonts.subset_font(SOLID, {MOON, BARS}, tmp_path) == made and made.stat().st_mtime_ns == before
    assert icon_fonts.subset_font(SOLID, {BARS}, tmp_path) != made  # named for what it holds


def test_only_the_icon_fonts_of_a_stylesheet_are_cut(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    fonts = static / "vendor" / "webfonts"
    fonts.mkdir(parents=True)
    (fonts / "fa-solid-900.woff2").write_bytes(SOLID.read_bytes())
    (fonts / "text.woff2").write_bytes(b"not read")
    css = ('@font-face{font-family:Font Awesome\\ 6 Free;font-weight:900;'
           'src:url(../vendor/webfonts/fa-solid-900.woff2) format("woff2"),url(../vendor/webfonts/x.ttf)}\n'
           '@font-face{font-family:"Body text";src:url(../vendor/webfonts/text.woff2) format("woff2")}\n'
           '.fa-bars:before{content:"\\f0c9"}\n')
    out = icon_fonts.with_subset_fonts(css, static / "migbook", static)
    [made] = (static / icon_fonts.FOLDER).glob("fa-solid-900-*.woff2")
    assert f'url("fonts/{made.name}") format("woff2"),url(../vendor/webfonts/x.ttf)' in out
    assert "url(../vendor/webfonts/text.woff2)" in out and out.endswith('.fa-bars:before{content:"\\f0c9"}\n')
    assert ord(BARS) in TTFont(made).getBestCmap()

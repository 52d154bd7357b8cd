"""One stylesheet a page, holding only the rules the book can use (migbook.stylesheets, issue #14): which
selectors are kept, how files are joined, and the pages rewritten. The browser test that every element of
every built page is styled exactly as by the theme's own files is in test_fast_book.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tinycss2

from migbook import stylesheets
from migbook.stylesheets import COMBINES, bundle, can_match, combined, required


def _selector(text: str) -> list:
    rule = tinycss2.parse_one_rule(text + "{}")
    return stylesheets._selectors(rule.prelude)


@pytest.mark.parametrize(("selector", "needs"), [
    (".a .b", {"a", "b"}),
    ("#top > .note::before", {"top", "note"}),
    ('html[data-theme="dark"] .card', {"card"}),
    (".a:not(.b)", {"a"}),
    (":is(.p, .q) .r", {"r"}),
    (".x:has(> .y)", {"x"}),
    ("p", set()),
    (":root", set()),
])
def test_a_selector_requires_its_classes_and_ids_but_not_what_a_pseudo_class_holds(selector: str,
                                                                                  needs: set[str]) -> None:
    [tokens] = _selector(selector)
    assert required(tokens) == needs


def test_a_rule_is_kept_when_any_of_its_selectors_can_match() -> None:
    prelude = tinycss2.parse_one_rule(".unused, .used p {}").prelude
    assert can_match(prelude, frozenset({"used"}))
    assert not can_match(prelude, frozenset({"other"}))
    assert can_match(tinycss2.parse_one_rule(".bs-tooltip-auto {}").prelude, frozenset())  # built by a script


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def test_files_are_joined_in_order_with_imports_inlined_and_addresses_moved(tmp_path: Path) -> None:
    static = tmp_path / "_static"
    _write(static, {
        "basic.css": "@charset \"UTF-8\";\n.used { background: url(file.png) }\n.gone { color: red }\n",
        "styles/theme.css": '@import "../basic.css";\n.used { color: blue }\n',
        "styles/big.css": ("@font-face { font-family: F; src: url(../fonts/f.woff2) format(\"woff2\") }\n"
                           "@media (min-width: 10em) { .gone { margin: 0 } }\n"
                           "@media print { .used, .gone { display: none } }\n"
                           ".logo { background: url(\"data:image/svg+xml,<svg/>\") }\n"
                           "[data-theme=dark] .used { color: white }\n"),
    })
    css = combined([static / "styles/theme.css", static / "styles/big.css"], static / "migbook",
                   frozenset({"used", "logo"}))
    assert css.startswith('@charset "UTF-8";') and css.count("@charset") == 1
    assert ".gone { color: red }" not in css and "@media (min-width" not in css
    assert "@media print {.used, .gone { display: none }}" in css  # a kept rule keeps its whole selector list
    assert "url(../file.png)" in css and "url(../fonts/f.woff2)" in css
    assert 'url("data:image/svg+xml,<svg/>")' in css
    order = [css.index(s) for s in ("url(../file.png)", ".used { color: blue }", "@font-face",
                                    "[data-theme=dark] .used")]
    assert order == sorted(order)


def test_an_import_it_cannot_inline_stops_the_build(tmp_path: Path) -> None:
    _write(tmp_path, {"a.css": "@import url(https://example.org/x.css);\n"})
    with pytest.raises(ValueError, match=r"a\.css: cannot inline @import"):
        combined([tmp_path / "a.css"], tmp_path, frozenset())


def _page(depth: str, extra: str = "") -> str:
    return ("<!DOCTYPE html>\n<html><head>\n"
            f'<link href="{depth}_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
            f'<link rel="stylesheet" type="text/css" href="{depth}_static/pygments.css?v=2" />\n'
            '<link rel="stylesheet" href="https://example.org/remote.css" />\n'
            f'<link rel="icon" href="{depth}_static/favicon.png" />\n{extra}'
            '<script defer src="' + depth + '_static/scripts/menu.js"></script>\n'
            '</head><body><p class="used">Hi</p>\n'
            '<link rel="stylesheet" href="not-in-the-head.css" /></body></html>\n')


def test_every_page_links_one_stylesheet_and_a_second_build_changes_nothing(tmp_path: Path) -> None:
    _write(tmp_path, {
        "_static/styles/theme.css": ".used { color: blue } .scripted { color: green } .nowhere { color: red }\n",
        "_static/pygments.css": ".highlight .k { font-weight: bold }\n",
        "_static/scripts/menu.js": 'el.classList.add("scripted");\n',
        "_static/scripts/unused.js": 'el.classList.add("nowhere");\n',  # a script no page loads
        "index.html": _page(""),
        "book/chapters/one.html": _page("../../"),
    })
    written = bundle(tmp_path)
    [(name, files)] = written.items()
    assert files == ["styles/theme.css", "pygments.css"]
    css = (tmp_path / "_static" / name).read_text(encoding="utf-8")
    assert ".used" in css and ".scripted" in css and ".nowhere" not in css and ".highlight .k" not in css
    for page, depth in (("index.html", ""), ("book/chapters/one.html", "../../")):
        text = (tmp_path / page).read_text(encoding="utf-8")
        head = text[:text.index("</head>")]
        links = re.findall(r'<link [^>]*rel="stylesheet"[^>]*>', head)
        assert len(links) == 2 and "https://example.org/remote.css" in links[1], links
        assert f'href="{depth}_static/{name}?v=' in links[0]
        assert f'{COMBINES}="styles/theme.css pygments.css"' in links[0]
        assert 'rel="icon"' in head and "not-in-the-head.css" in text
    pages = {p: p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.html")}
    assert bundle(tmp_path) == written
    assert {p: p.read_text(encoding="utf-8") for p in pages} == pages
    (tmp_path / "book/chapters/one.html").write_text(_page("../../"), encoding="utf-8")  # rewritten by Sphinx
    bundle(tmp_path)
    assert {p: p.read_text(encoding="utf-8") for p in pages} == pages


def test_a_class_a_new_page_uses_brings_its_rules_back_and_a_new_version(tmp_path: Path) -> None:
    _write(tmp_path, {"_static/styles/theme.css": ".used { color: blue } .later { color: red }\n",
                      "_static/pygments.css": "", "index.html": _page("")})
    [name] = bundle(tmp_path)
    before = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert ".later" not in (tmp_path / "_static" / name).read_text(encoding="utf-8")
    _write(tmp_path, {"new.html": _page("").replace('class="used"', 'class="later"')})
    bundle(tmp_path)
    assert ".later" in (tmp_path / "_static" / name).read_text(encoding="utf-8")
    after = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.sub(r"\?v=\w+", "", after) == re.sub(r"\?v=\w+", "", before) and after != before


def test_a_rebuild_that_changes_nothing_a_rule_needs_reuses_the_stylesheet(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, {"_static/basic.css": ".used { margin: 0 }\n",
                      "_static/styles/theme.css": ('@import "../basic.css";\n'
                                                   ".used { color: blue } .later { color: red }\n"),
                      "_static/pygments.css": "", "index.html": _page("")})
    [name] = bundle(tmp_path)
    calls: list[int] = []
    real = stylesheets.combined
    monkeypatch.setattr(stylesheets, "combined", lambda *args: calls.append(1) or real(*args))
    _write(tmp_path, {"other.html": _page("").replace("Hi", "New words, no new class")})
    bundle(tmp_path)
    assert calls == []  # nothing a rule needs changed: the last stylesheet is kept
    _write(tmp_path, {"_static/basic.css": ".used { margin: 1px }\n"})  # an imported file changed
    bundle(tmp_path)
    assert len(calls) == 1 and "margin: 1px" in (tmp_path / "_static" / name).read_text(encoding="utf-8")
    _write(tmp_path, {"new.html": _page("").replace('class="used"', 'class="later"')})  # a word a rule needs
    bundle(tmp_path)
    assert len(calls) == 2 and ".later" in (tmp_path / "_static" / name).read_text(encoding="utf-8")

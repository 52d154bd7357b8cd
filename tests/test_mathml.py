"""Equations as MathML written at build time (issue #14): every equation of the book converts, with its TeX kept."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from migbook import mathml
from migbook.errors import MigbookError
from migbook.qa.equations import book_equations, equations


def _math(tex: str, display: bool = False) -> ElementTree.Element:
    return ElementTree.fromstring(mathml.to_mathml(tex, display))


def test_every_equation_of_the_book_converts_with_its_tex_kept() -> None:
    found = [(page, tex, display) for page, found in book_equations().items() for tex, display in found]
    inline = [e for e in found if not e[2]]
    display = [e for e in found if e[2]]
    assert len(inline) >= 400 and len(display) >= 16, (len(inline), len(display))  # the book's, as of issue #14
    failures = []
    for page, tex, is_display in found:
        try:
            math = _math(tex, is_display)
        except MigbookError as err:
            failures.append(f"{page}: {err}")
            continue
        assert math.get("display") == ("block" if is_display else "inline")
        annotation = math.find("semantics/annotation")
        assert annotation is not None and annotation.text == tex.strip(), (page, tex)
        drawn = math.find("semantics")[0]
        assert drawn.tag == "mrow" and len(drawn), (page, tex)
        assert "\\" not in "".join(drawn.itertext()), f"{page}: TeX left in the drawn MathML of {tex}"
    assert not failures, "\n".join(failures)


def test_the_parser_finds_math_where_the_book_writes_it() -> None:
    page = ("# T\n\nInline $a_1$ and\n\n$$\nx = \\frac{1}{2}\n$$\n\n```{note}\nIn a note, $b$.\n```\n\n"
            ":::{admonition} A\nIn a fence, $c$.\n:::\n\n```{code-cell} ipython3\nprint('$d$')\n```\n")
    assert list(equations(page)) == [("a_1", False), ("\nx = \\frac{1}{2}\n", True), ("b", False), ("c", False)]


def test_the_constructs_the_book_uses_become_mathml_core() -> None:
    math = _math(r"\delta \ \ge\ \max\!\left(\frac{T - R}{T - P},\ \text{ideal}_i\right) \qquad \Longrightarrow"
                 r"\ \bigcap_{i} W_i = \ln 2\,F_t", display=True)
    text = ElementTree.tostring(math, encoding="unicode")
    for tag in ("mfrac", "mtext", "msub", "munder", "mspace"):
        assert f"<{tag}" in text, tag
    assert "\u27f9" in text and "\u22c2" in text and "\u03b4" in text  # long right double arrow, big cap, delta
    assert "mathspace" not in text and "xmlns" not in text  # MathML 3 named widths and the namespace are gone
    assert re.search(r'<mspace style="margin-inline-end:-0\.1667em"', text)  # \! pulls closer
    assert re.search(r"<mspace width=\"0\.167em\"", text)  # \,


def test_tex_with_markup_characters_stays_text() -> None:
    math = _math(r"p < p^* \text{ if } a \& b")
    assert math.find("semantics/annotation").text == r"p < p^* \text{ if } a \& b"
    assert "<" in "".join(math.find("semantics")[0].itertext())


@pytest.mark.parametrize("tex", [r"\frac{1}{", r"\begin{matrix} a", r"x^"])
def test_an_equation_that_does_not_convert_is_an_error(tex: str) -> None:
    with pytest.raises(MigbookError, match="does not convert to MathML"):
        mathml.to_mathml(tex)


CONF = """\
extensions = ["myst_parser", "migbook.sphinxext"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_theme = "basic"
"""
PAGE = r"""# Equations

Inline $x^2 < y$ in a sentence.

$$
F^* = \frac{I}{e + n + d}
$$ (steady)

See {eq}`steady`.

\begin{align}
a &= b \\
c &= d
\end{align}
"""


@pytest.mark.build
def test_sphinx_writes_mathml_and_no_mathjax(tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text(PAGE)
    out = tmp_path / "html"
    assert build_main(["-W", "-q", "-b", "html", str(tmp_path), str(out)]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    inline = re.search(rf'<span class="{mathml.INLINE_CLASS}"><math display="inline">.*?</math></span>', page)
    assert inline and "<mo>&lt;</mo>" in inline[0] and r"x^2 &lt; y</annotation>" in inline[0]
    display = re.search(rf'<div class="{mathml.DISPLAY_CLASS}" id="equation-steady" tabindex="0">'
                        r'\s*<span class="eqno">\(1\)', page)
    assert display, page
    assert page.count('<math display="block">') == 2 and "<mfrac>" in page and "<mtable" in page
    scripts = " ".join(re.findall(r"<script[^>]*>", page)).lower()
    assert "mathjax" not in scripts and "window.MathJax" not in page
    assert not (out / "_static" / "mathjax").exists()

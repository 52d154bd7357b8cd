"""Equations as MathML, written when Sphinx writes a page: the reader's browser draws them natively.

Chromium and Firefox draw MathML Core, so a page with math needs no MathJax (1.1 MB of script plus its
fonts, issue #14). Each equation keeps its TeX as an ``application/x-tex`` annotation (MathML Core draws
only the first child of ``<semantics>``; the annotation is there for copying and assistive tools).
Registered by :mod:`migbook.sphinxext` as the HTML math renderer ``migbook``.
"""

from __future__ import annotations

import html
from typing import Any
from xml.etree import ElementTree

from docutils import nodes
from latex2mathml.converter import convert_to_element
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from migbook.errors import MigbookError

RENDERER = "migbook"
INLINE_CLASS = "migbook-math"
DISPLAY_CLASS = "migbook-math-display"
# latex2mathml writes TeX's spaces with MathML 3's named widths, which MathML Core does not know (in em).
NAMED_SPACES = {"thinmathspace": 3 / 18, "mediummathspace": 4 / 18, "thickmathspace": 5 / 18}
# Operators whose limits TeX sets under and over them in a display (\sum_i, \max_{i \in P}): latex2mathml writes
# them as sub- and superscripts; MathML Core sets them under and over in a display and beside them in the text.
BIG_OPERATORS = set("\u2211\u220f\u2210\u22c2\u22c3\u2a00\u2a01\u2a02\u2a04\u2a06\u222b")
LIMITS = {"msub": "munder", "msup": "mover", "msubsup": "munderover"}

logger = logging.getLogger(__name__)


def _core_spaces(math: ElementTree.Element) -> None:
    """Named widths as ems; a negative space (``\\!``) as a negative margin that pulls the next item closer."""
    for space in math.iter("mspace"):
        width = space.get("width", "")
        named = NAMED_SPACES.get(width.removeprefix("negative"))
        if named is None:
            continue
        if width.startswith("negative"):
            del space.attrib["width"]
            space.set("style", f"margin-inline-end:-{named:.4f}em")
        else:
            space.set("width", f"{named:.4f}em")


def _is_big_operator(base: ElementTree.Element) -> bool:
    return base.tag == "mo" and (base.text in BIG_OPERATORS or (base.text or "").isalpha())


def _limits_under_and_over(math: ElementTree.Element) -> None:
    """Scripts of a big operator as limits (``munder``, ``mover``) that move beside it outside a display."""
    for element in math.iter():
        if element.tag in LIMITS and len(element) and _is_big_operator(element[0]):
            element.tag = LIMITS[element.tag]
            element[0].set("movablelimits", "true")


def _plain(math: ElementTree.Element) -> None:
    """No namespace on the tags, and characters for the entity references latex2mathml writes as text (&#x3B4;)."""
    for element in math.iter():
        element.attrib.pop("xmlns", None)  # HTML needs no namespace on <math>
        if element.text:
            element.text = html.unescape(element.text)


def to_mathml(tex: str, display: bool = False) -> str:
    """One equation's TeX as a ``<math>`` element with its TeX as annotation; MigbookError if it does not convert."""
    try:
        math = convert_to_element(tex.strip(), display="block" if display else "inline")
    except Exception as err:  # latex2mathml raises its own errors and plain ones (IndexError, KeyError)
        raise MigbookError(f"this equation does not convert to MathML ({type(err).__name__}: {err}): {tex}") from err
    _plain(math)
    _core_spaces(math)
    _limits_under_and_over(math)
    semantics = ElementTree.Element("semantics")
    semantics.extend(list(math))
    for child in list(math):
        math.remove(child)
    annotation = ElementTree.SubElement(semantics, "annotation", encoding="application/x-tex")
    annotation.text = tex.strip()
    math.append(semantics)
    return ElementTree.tostring(math, encoding="unicode", short_empty_elements=False)


def _converted(translator: Any, node: nodes.Element, tex: str, display: bool) -> str:
    """The equation's MathML, or (with a build warning, an error under -W) its TeX as code."""
    try:
        return to_mathml(tex, display)
    except MigbookError as err:
        logger.warning(str(err), location=node)
        return f"<code>{translator.encode(tex)}</code>"


def visit_math(translator: Any, node: nodes.math) -> None:
    """Inline math: ``<math display="inline">`` in the text's flow."""
    translator.body.append(translator.starttag(node, "span", "", CLASS=INLINE_CLASS))
    translator.body.append(_converted(translator, node, node.astext(), display=False) + "</span>")
    raise nodes.SkipNode


def _equation_number(translator: Any, node: nodes.math_block) -> None:
    """The equation's number and its permalink, as Sphinx's MathJax renderer writes them."""
    translator.body.append(f'<span class="eqno">({get_node_equation_number(translator, node)})')
    translator.add_permalink_ref(node, _("Link to this equation"))
    translator.body.append("</span>")


def visit_displaymath(translator: Any, node: nodes.math_block) -> None:
    """Display math: each equation (parts are separated by a blank line) as ``<math display="block">``, in a box
    that scrolls sideways on a narrow screen (focusable, so the keyboard can scroll it too)."""
    translator.body.append(translator.starttag(node, "div", CLASS=DISPLAY_CLASS, tabindex="0"))
    if node.get("number") and not node.get("nowrap"):
        _equation_number(translator, node)
    parts = [node.astext()] if node.get("nowrap") else [p for p in node.astext().split("\n\n") if p.strip()]
    for part in parts:
        translator.body.append(_converted(translator, node, part, display=True))
    translator.body.append("</div>\n")
    raise nodes.SkipNode

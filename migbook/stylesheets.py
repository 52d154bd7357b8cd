"""The book's stylesheets as one file holding only the rules its pages can use (issue #14).

Sphinx and its theme link ten stylesheets from every page, 542 KB, three quarters of them rules for classes no
page of the book uses (Bootstrap's components, Font Awesome's 2,000 icons, sphinx-design's grids). Traced in
Chromium on the two-core box, a chapter page spent some 30 ms more of its main thread parsing them and matching
its elements against them than it needed, and ten requests where one would do, all while the Vega bundle
competed for the same cores: its first chart came later by about as much.

At the end of each build, every page's stylesheet links under ``_static/`` are replaced by one link to
``_static/migbook/styles-KEY.css``: the same files in the same order (``@import`` inlined, ``url()`` rewritten
for the new place), keeping a rule when some selector of it can match: when every class and id the selector
requires occurs in the built pages or in the scripts they load (which add classes as a reader opens a menu or a
tooltip): 163 KB. A rule is kept or dropped whole, so the cascade is the theme's. The link keeps the list it
replaced (``data-migbook-combines``), so the next build (pages Sphinx did not rewrite) and the tests (which
compare every element's computed style with the theme's own files) can rebuild it. The original files stay in
``_static``. Its icon font is cut to the icons it can draw (:mod:`migbook.icon_fonts`).
"""

from __future__ import annotations

import hashlib
import html as htmllib
import os
import posixpath
import re
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import tinycss2
from tinycss2.serializer import serialize_string_value, serialize_url

from migbook import icon_fonts

FOLDER = "migbook"  # under _static/
COMBINES = "data-migbook-combines"
DYNAMIC_PREFIXES = ("bs-",)  # classes Bootstrap's scripts build from pieces (`bs-${name}-auto`)
NESTING_AT_RULES = {"media", "supports", "layer", "container", "document", "scope"}
VERSION = "1"  # of what :func:`combined` writes: a new one makes the next build combine the stylesheets again
_LINK = re.compile(r"<link\b[^>]*>\n?")
_NAME = re.compile(r"[.#]((?:[\w-]|\\.)+)")  # every class or id a selector could name (and some colours)
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")
_WORD = re.compile(rb"[A-Za-z0-9_-]+")
_CLASS_ATTRIBUTE = re.compile(rb"""\bclass\s*=\s*["']([^"']*)["']""")
_DATA = re.compile(rb'<script type="application/json"[^>]*>.*?</script>', re.S)  # a figure's spec


def vocabulary(html: Path) -> frozenset[str]:
    """Every word of a built book's pages and of the scripts they load: the classes and ids a selector may need.
    (Not the figures' data, which the charts' script reads, or a script no page names.)

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "index.html").write_text('<p class="lead note:wide" id="top">Hi</p>')
    >>> sorted(vocabulary(folder))
    ['Hi', 'class', 'id', 'lead', 'note', 'note:wide', 'p', 'top', 'wide']
    """
    words: set[bytes] = set()
    pages = []
    for page in html.rglob("*.html"):
        if html / "_static" not in page.parents:
            pages.append(_DATA.sub(b"", page.read_bytes()))
    text = b"\n".join(pages)
    words.update(_WORD.findall(text))
    for classes in _CLASS_ATTRIBUTE.findall(text):
        words.update(htmllib.unescape(classes.decode("utf-8", "replace")).encode().split())
    for script in (html / "_static").rglob("*.js"):
        if script.name.encode() in text:
            words.update(_WORD.findall(script.read_bytes()))
    return frozenset(word.decode("utf-8", "replace") for word in words)


def _selectors(prelude: list[Any]) -> list[list[Any]]:
    """A rule's selector list, split at its top-level commas (a comma inside :is() is inside a block)."""
    out: list[list[Any]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            out.append([])
        elif token.type != "comment":
            out[-1].append(token)
    return out


def required(selector: list[Any]) -> set[str]:
    """The classes and ids an element must carry for ``selector`` (a list of tokens) to match it; what is inside
    a functional pseudo-class (:not(), :is(), :has()...) or an attribute selector is not required."""
    need: set[str] = set()
    for before, token in zip([None, *selector], selector, strict=False):
        a_class = token.type == "ident" and before is not None and before.type == "literal" and before.value == "."
        if a_class or (token.type == "hash" and token.is_identifier):
            need.add(token.value)
    return need


def can_match(prelude: list[Any], words: frozenset[str]) -> bool:
    """Whether some selector of a rule could match an element of the book."""
    for selector in _selectors(prelude):
        if all(name in words or name.startswith(DYNAMIC_PREFIXES) for name in required(selector)):
            return True
    return False


def selectors_in(text: str) -> set[str]:
    """Every selector of a stylesheet's rules (those inside @media and the like too), as :func:`combined` lists
    the ones it leaves out.

    >>> sorted(selectors_in(".a, .b p { color: red } @media print { #c { display: none } }"))
    ['#c', '.a', '.b p']
    """
    found: set[str] = set()
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            found.update(tinycss2.serialize(selector).strip() for selector in _selectors(rule.prelude))
        elif rule.type == "at-rule" and rule.lower_at_keyword in NESTING_AT_RULES and rule.content is not None:
            found |= selectors_in(tinycss2.serialize(rule.content))
    return found


def _moved_url(url: str, source: Path, target: Path) -> str:
    """``url`` as written in ``source``, for a stylesheet in the folder ``target``."""
    if not url or re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", url, re.I):
        return url  # data:, absolute or a fragment: unchanged
    path, rest = re.match(r"([^?#]*)(.*)", url, re.S).groups()
    return os.path.relpath(os.path.normpath(source.parent / path), target).replace(os.sep, "/") + rest


def _rewrite_urls(tokens: Iterable[Any], source: Path, target: Path) -> None:
    for token in tokens:
        if token.type == "url":
            token.value = _moved_url(token.value, source, target)
            token.representation = f"url({serialize_url(token.value)})"
        elif token.type == "function" and token.lower_name == "url":
            for argument in token.arguments:
                if argument.type == "string":
                    argument.value = _moved_url(argument.value, source, target)
                    argument.representation = f'"{serialize_string_value(argument.value)}"'
        if getattr(token, "content", None) is not None and token.type in ("() block", "[] block", "{} block"):
            _rewrite_urls(token.content, source, target)
        if token.type == "function":
            _rewrite_urls(token.arguments, source, target)


def _serialize(node: Any) -> str:
    return tinycss2.serialize([node])


def _purged(rules: Iterable[Any], words: frozenset[str], source: Path, target: Path,
            dropped: list[str]) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if can_match(rule.prelude, words):
                _rewrite_urls(rule.content, source, target)
                out.append(_serialize(rule))
            else:
                dropped += [tinycss2.serialize(selector).strip() for selector in _selectors(rule.prelude)]
        elif rule.type == "at-rule":
            if rule.lower_at_keyword == "charset":
                continue
            if rule.lower_at_keyword in NESTING_AT_RULES and rule.content is not None:
                inner = _purged(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                words, source, target, dropped)
                if inner:
                    out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
            else:
                _rewrite_urls(rule.prelude, source, target)
                if rule.content is not None:
                    _rewrite_urls(rule.content, source, target)
                out.append(_serialize(rule))
        elif rule.type == "error":
            raise ValueError(f"{source}: {rule.message} (line {rule.source_line})")
    return out


def _rules(source: Path, target: Path, words: frozenset[str], dropped: list[str],
           seen: tuple[Path, ...] = ()) -> list[str]:
    """``source``'s rules that can match, its ``@import``s inlined in place; the selectors of the others are
    added to ``dropped``."""
    if source in seen:
        raise ValueError(f"{source}: imports itself")
    parsed = tinycss2.parse_stylesheet(source.read_text(encoding="utf-8"), skip_comments=True,
                                       skip_whitespace=True)
    out: list[str] = []
    for index, rule in enumerate(parsed):
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            inside = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
            where = inside[0].value if inside and inside[0].type in ("string", "url") else None
            if where is None or len(inside) != 1 or re.match(r"^[a-z]+:", where):
                raise ValueError(f"{source}: cannot inline @import {tinycss2.serialize(rule.prelude).strip()}")
            out += _rules(source.parent / where, target, words, dropped, (*seen, source))
        else:
            out += _purged(parsed[index:index + 1], words, source, target, dropped)
    return out


def combined(files: list[Path], target: Path, words: frozenset[str], dropped: list[str] | None = None) -> str:
    """The stylesheets ``files``, in order, as one stylesheet for the folder ``target`` holding only the rules
    that can match ``words``; the selectors of the rules left out are added to ``dropped`` if given."""
    parts = ['@charset "UTF-8";']
    for source in files:
        parts.append(f"/* {source.name} */")
        parts += _rules(source, target, words, [] if dropped is None else dropped)
    return "\n".join(parts) + "\n"


def _sources(files: list[Path]) -> list[Path]:
    """``files`` and, before each, what it imports."""
    out: list[Path] = []
    for source in files:
        text = source.read_text(encoding="utf-8")
        out += [*_sources([source.parent / where for where in _IMPORT.findall(text)]), source]
    return out


def content_key(files: list[Path], words: frozenset[str]) -> str:
    """What :func:`combined` would write from ``files`` for ``words`` depends on: the files, the words among them
    that a selector could need, this module's and its libraries' versions. Cheap: nothing is parsed."""
    digest = hashlib.sha256(" ".join([VERSION, version("tinycss2"), version("fonttools")]).encode())
    names: set[str] = set()
    for source in _sources(files):
        text = source.read_text(encoding="utf-8")
        digest.update(f"\0{source}\0{text}".encode())
        names.update(re.sub(r"\\(.)", r"\1", name) for name in _NAME.findall(text))
    digest.update("\0".join(sorted(names & words)).encode())
    return digest.hexdigest()


def _kept(css_file: Path, key: str) -> str | None:
    """The combined stylesheet written by an earlier build for the same ``key``, with every file it names."""
    key_file = css_file.with_suffix(".key")
    if not (css_file.exists() and key_file.exists() and key_file.read_text(encoding="utf-8") == key):
        return None
    css = css_file.read_text(encoding="utf-8")
    named = [css_file.parent / url for url in _URL.findall(css) if not re.match(r"^([a-z]+:|/|#)", url, re.I)]
    return css if all(path.exists() for path in named) else None


def _attribute(tag: str, name: str) -> str | None:
    found = re.search(rf"""\s{name}\s*=\s*["']([^"']*)["']""", tag)
    return htmllib.unescape(found.group(1)) if found else None


def _local_stylesheet(tag: str, page: Path, static: Path) -> str | None:
    """The ``_static/``-relative path of a stylesheet link under ``static``, else None."""
    if (_attribute(tag, "rel") or "").lower() != "stylesheet":
        return None
    href = _attribute(tag, "href") or ""
    if re.match(r"^([a-z][a-z0-9+.-]*:|/)", href, re.I):
        return None
    path = Path(os.path.normpath(page.parent / re.split(r"[?#]", href)[0]))
    try:
        return path.relative_to(static).as_posix()
    except ValueError:
        return None


def _links(head: str, page: Path, static: Path) -> tuple[list[str], list[str]]:
    """The head's stylesheet link tags to replace, and the ``_static/`` files they stand for, in order."""
    tags, files = [], []
    for match in _LINK.finditer(head):
        tag = match.group(0)
        kept = _attribute(tag, COMBINES)
        if kept is not None:
            tags.append(tag)
            files += kept.split()
        elif (file := _local_stylesheet(tag, page, static)) is not None:
            tags.append(tag)
            files.append(file)
    return tags, files


def bundle(html: Path) -> dict[str, list[str]]:
    """Give every page of the built book in ``html`` one combined stylesheet; return the combined files written
    (``_static/``-relative) with the files each holds."""
    static = html / "_static"
    target = static / FOLDER
    words = vocabulary(html)
    pages = []
    for page in sorted(html.rglob("*.html")):
        if static in page.parents:
            continue
        text = page.read_text(encoding="utf-8")
        end = text.find("</head>")
        if end < 0:
            continue
        tags, files = _links(text[:end], page, static)
        if files:
            pages.append((page, text, end, tags, files))
    written: dict[str, tuple[str, str, list[str]]] = {}  # key: (file under _static/, its version, what it holds)
    for page, text, end, tags, files in pages:
        key = hashlib.sha256("\n".join(files).encode()).hexdigest()[:12]
        if key not in written:
            name = f"{FOLDER}/styles-{key}.css"
            sources = [static / f for f in files]
            content = content_key(sources, words)
            css = _kept(static / name, content)
            if css is None:  # (a rebuild that changed no file and no word a rule needs keeps the last one)
                css = icon_fonts.with_subset_fonts(combined(sources, target, words), target, static)
                target.mkdir(parents=True, exist_ok=True)
                (static / name).write_text(css, encoding="utf-8")
                (static / name).with_suffix(".key").write_text(content, encoding="utf-8")
            written[key] = (name, hashlib.sha256(css.encode()).hexdigest()[:8], files)
        name, version, _ = written[key]
        href = posixpath.relpath(f"_static/{name}", page.parent.relative_to(html).as_posix() or ".")
        link = (f'<link rel="stylesheet" type="text/css" href="{href}?v={version}" '
                f'{COMBINES}="{htmllib.escape(" ".join(files))}" />\n')
        head = text[:end]
        first = head.index(tags[0])
        head = head[:first] + "\0" + head[first + len(tags[0]):]
        for tag in tags[1:]:
            head = head.replace(tag, "", 1)
        new = head.replace("\0", link, 1) + text[end:]
        if new != text:
            page.write_text(new, encoding="utf-8")
    return {name: files for name, _, files in written.values()}


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        bundle(Path(app.outdir))


def setup(app: Any) -> dict[str, Any]:
    # Last: other extensions write stylesheets at the end of the build too (pydata-sphinx-theme its light and dark
    # pygments.css, myst-nb and sphinx-exercise theirs).
    app.connect("build-finished", _build_finished, priority=1000)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


"""Reading the book's MyST sources as text: prose, paragraphs and the numbers they state.

Used by the tests that hold the book to its rules (its own words, sources for
its numbers, the shape of a chapter) and by the figures ledger.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^(`{3,}|:{3,})\s*\{?([\w:-]*)\}?")
ROLE = re.compile(r"\{(cite:[pt]|term|ref|numref|doc)\}`[^`]*`")
INLINE_MATH = re.compile(r"\$[^$\n]+\$")
DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
# Paragraphs about a toy model state its settings, not sourced figures.
MODEL_TALK = re.compile(r"\$[^$\n]+\$|\bslider|\bexplorer\b|\bthe model\b", re.I)
YEAR = re.compile(r"\b(1[89]|20)\d\d(s|\b)")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def blocks(text: str) -> list[tuple[str, str]]:
    """Split MyST text into (kind, body) runs: 'prose', or the name of a fenced directive ('code' if none)."""
    out, kind, buf, closer = [], "prose", [], None
    for line in FRONT_MATTER.sub("", text).splitlines():
        if closer is None:
            m = FENCE.match(line)
            if m:
                out.append((kind, "\n".join(buf)))
                kind, buf, closer = (m.group(2) or "code"), [], m.group(1)
                continue
        elif line.strip() == closer:
            out.append((kind, "\n".join(buf)))
            kind, buf, closer = "prose", [], None
            continue
        buf.append(line)
    out.append((kind, "\n".join(buf)))
    return out


def prose(text: str) -> str:
    """Running prose for counting words: no front matter, code, math, solutions, option lines or role targets."""
    keep = [body for kind, body in blocks(text) if kind not in {"code-cell", "code", "math", "solution"}]
    out = DISPLAY_MATH.sub(" ", "\n".join(keep))
    out = re.sub(r"^:\w+:.*$", "", out, flags=re.M)
    out = re.sub(r"\{cite:[pt]\}`[^`]*`", "", out)
    out = re.sub(r"\{term\}`([^`<]*)(<[^>]*>)?`", r"\1", out)
    return re.sub(r"^\(.*\)=$", "", out, flags=re.M)


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", prose(text)))


def figure_paragraphs(text: str) -> Iterator[str]:
    """Paragraphs of running prose that may state sourced figures.

    Skips headings, labels, directives (exercises, solutions, code) and
    paragraphs about a toy model.
    """
    for kind, body in blocks(text):
        if kind != "prose":
            continue
        for paragraph in re.split(r"\n\s*\n", DISPLAY_MATH.sub(" ", body)):
            stripped = paragraph.strip()
            if stripped and not stripped.startswith(("#", "(")) and not MODEL_TALK.search(stripped):
                yield stripped


def number_spans(paragraph: str) -> list[tuple[int, int]]:
    """Where the paragraph states a number (dates and citation keys excluded), as (start, end) offsets."""
    masked = ROLE.sub(lambda m: " " * len(m.group()), paragraph)
    masked = YEAR.sub(lambda m: " " * len(m.group()), masked)
    return [m.span() for m in NUMBER.finditer(masked)]


def parse_quantity(text: str) -> tuple[float, float | None]:
    """The number a phrase states: '5 to 10 million' -> (5e6, 1e7); 'twelve months' -> (12, None)."""
    words = text.lower().replace(",", "")
    found = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", words)]
    if not found:
        found = [float(WORD_NUMBERS[w]) for w in re.findall(r"[a-z]+", words) if w in WORD_NUMBERS][:1]
    if not found:
        raise ValueError(f"no number in {text!r}")
    scale = next((SCALE[w] for w in re.findall(r"[a-z]+", words) if w in SCALE), 1.0)
    low = found[0] * scale
    high = found[1] * scale if len(found) > 1 and re.search(r"\d\s*(to|–|-)\s*\d", words) else None
    return low, high

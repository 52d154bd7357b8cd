"""Skeletons for the instructor's road: ``migbook new chapter|lesson|model NAME``.

Each function writes the files of a new chapter, lesson or model with every
section the book's standard asks for (``TODO`` marks what the author writes)
and registers them: pages in ``_toc.yml``, a model in ``migbook.models`` and its
explorer in ``migbook.explorers``. They refuse, with a :class:`MigbookError`,
a bad name or one already taken, before writing anything. Every function takes
the repository as ``root`` (default: this one) and returns the paths it wrote
or changed.
"""

from __future__ import annotations

import ast
import keyword
import re
from pathlib import Path
from typing import Any

import yaml

from migbook.errors import MigbookError
from migbook.paths import ROOT

PAGE_NAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")
MODEL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
LESSONS_CAPTION = "Interactive lessons"
LINE_LENGTH = 120
# Names the explorers package already uses for something other than an explorer.
TAKEN = frozenset({"catalogue", "catalogued", "entries", "datasets", "explorers", "models", "figures", "data"})
# The placeholder figures of a new chapter or lesson: a model and a data explorer the book already has.
PLACEHOLDER_MODEL = "win_sets"
PLACEHOLDER_DATA = "migrant_stock_by_region"
_CATALOGUED = re.compile(r"^@catalogued\([^)]*\)\s*\ndef (\w+)\(", re.M)

FRONT_MATTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


# ---------------------------------------------------------------- names and checks

def _page_name(kind: str, name: str) -> tuple[int, str]:
    match = PAGE_NAME.match(name)
    if not match:
        raise MigbookError(f"a {kind} name is two digits, a hyphen and lower-case words joined by hyphens "
                           f"(e.g. 05-regional-cases), got {name!r}")
    return int(match[1]), match[2]


def _title(slug: str) -> str:
    """The default title of a page: its slug in words, capitalised. ``regional-cases`` gives *Regional cases*."""
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:]


def _refuse_taken_page(folder: Path, name: str, kind: str, root: Path) -> None:
    path = folder / f"{name}.md"
    if path.exists():
        raise MigbookError(f"{path.relative_to(root)} already exists; choose another name")
    number = name[:2]
    same = sorted(p.name for p in folder.glob(f"{number}-*.md"))
    if same:
        raise MigbookError(f"the book already has {kind} {number} ({same[0]}); choose another number")


def explorer_names(root: Path) -> set[str]:
    """The explorers catalogued in ``root`` (found in the source, so any copy of the repository can be asked)."""
    folder = root / "migbook" / "explorers"
    return {m for path in folder.glob("*.py") for m in _CATALOGUED.findall(path.read_text(encoding="utf-8"))}


def _model_names(root: Path) -> set[str]:
    return {p.stem for p in (root / "migbook" / "models").glob("*.py")}


def _check_explorer(root: Path, name: str) -> None:
    if name not in explorer_names(root):
        raise MigbookError(f"no catalogued explorer named {name!r}; `migbook new model {name}` makes one")


def _check_model_name(root: Path, name: str) -> None:
    if not MODEL_NAME.match(name) or keyword.iskeyword(name):
        raise MigbookError(f"a model name is a lower-case Python identifier (e.g. gravity or push_pull), got {name!r}")
    if name in _model_names(root):
        raise MigbookError(f"a model named {name!r} already exists (migbook/models/{name}.py)")
    explorers = root / "migbook" / "explorers"
    if name in explorer_names(root) or (explorers / f"{name}.py").exists() or name in TAKEN:
        raise MigbookError(f"the name {name!r} is already taken in migbook.explorers; choose another")
    if (root / "tests" / f"test_model_{name}.py").exists():
        raise MigbookError(f"tests/test_model_{name}.py already exists; choose another name")


# ---------------------------------------------------------------- the table of contents

class _TocDumper(yaml.SafeDumper):
    """Block style with lists indented under their key, as ``_toc.yml`` is written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def read_toc(root: Path) -> tuple[str, dict[str, Any]]:
    """The comment lines heading ``_toc.yml``, and its content."""
    path = root / "_toc.yml"
    if not path.is_file():
        raise MigbookError(f"no _toc.yml in {root}")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    head = "".join(line for line in lines[:next((i for i, x in enumerate(lines) if not x.startswith("#")),
                                                 len(lines))])
    toc = yaml.safe_load(text)
    if not isinstance(toc, dict) or not isinstance(toc.get("parts"), list):
        raise MigbookError("_toc.yml has no list of parts")
    return head, toc


def write_toc(root: Path, head: str, toc: dict[str, Any]) -> Path:
    """Write ``_toc.yml`` back in its own style, keeping the comment lines at its head."""
    path = root / "_toc.yml"
    body = yaml.dump(toc, Dumper=_TocDumper, sort_keys=False, default_flow_style=False, allow_unicode=True,
                     width=1000)
    path.write_text(head + body, encoding="utf-8")
    return path


def _listed(toc: dict[str, Any]) -> set[str]:
    def walk(entries: list[dict[str, Any]]) -> list[str]:
        return [f for e in entries for f in [e.get("file", ""), *walk(e.get("sections", []))]]
    return set(walk([c for part in toc["parts"] for c in part.get("chapters", [])]))


def _add_chapter_to_toc(toc: dict[str, Any], file: str, part: str | None) -> None:
    parts = toc["parts"]
    numbered = [i for i, p in enumerate(parts) if p.get("numbered")]
    captions = [p.get("caption") for p in parts]
    if part is not None and part in captions:
        parts[captions.index(part)].setdefault("chapters", []).append({"file": file})
    elif part is not None:
        parts.insert(numbered[-1] + 1 if numbered else 0,
                     {"caption": part, "numbered": True, "chapters": [{"file": file}]})
    elif numbered:
        parts[numbered[-1]].setdefault("chapters", []).append({"file": file})
    else:
        raise MigbookError('_toc.yml has no numbered part to add the chapter to; name one with --part "..."')


def _add_lesson_to_toc(toc: dict[str, Any], file: str) -> None:
    parts = toc["parts"]
    for part in parts:
        if part.get("caption") == LESSONS_CAPTION:
            chapters = part.setdefault("chapters", [])
            chapters.append({"file": file})
            chapters.sort(key=lambda entry: entry.get("file", ""))
            return
    numbered = [i for i, p in enumerate(parts) if p.get("numbered")]
    parts.insert(numbered[-1] + 1 if numbered else len(parts),
                 {"caption": LESSONS_CAPTION, "chapters": [{"file": file}]})


# ---------------------------------------------------------------- chapters

def chapter_text(number: int, title: str, model_explorer: str = PLACEHOLDER_MODEL,
                 data_explorer: str = PLACEHOLDER_DATA) -> str:
    """The skeleton of chapter ``number``: every section of the standard, with TODO where the prose goes."""
    ch = f"ch{number:02d}"
    model_note = ("# TODO: replace this placeholder with the chapter's model explorer (`migbook new model NAME`)."
                  if model_explorer == PLACEHOLDER_MODEL else "# The chapter's model explorer.")
    return FRONT_MATTER + f"""
({ch})=
# {title}

TODO: open the chapter in two or three paragraphs of your own words: the question it asks, why it matters for
international relations, and the argument it builds, step by step. Say whose argument it is and cite it, as in
{{cite:p}}`cooperation2019`.

## Learning objectives

By the end of this chapter you should be able to:

- TODO: an objective a student can check (explain, compare, compute, assess);
- TODO: an objective about the model and what it shows;
- TODO: an objective about reading the data.

## TODO: the first step of the argument

TODO: write the first section. Link each term the chapter defines to the glossary on its first use, as with
{{term}}`international migrant` (add new terms to `book/glossary.md`). Every figure in the prose needs a row in
`data/figures.csv` and a citation in the same paragraph.

```{{code-cell}} ipython3
:tags: [remove-cell]

from migbook import explorers
```

## TODO: the model

TODO: say what the model assumes and how it simplifies the argument, then what to try with the controls and what
the student should see, with the numbers the explorer really shows.

```{{code-cell}} ipython3
:tags: [remove-input]

{model_note}
explorers.{model_explorer}()
```

TODO: say what the figure teaches, and where the model stops being a fair picture of the argument.

## TODO: the evidence

TODO: bring in the data: say which dataset, edition and year the figure shows, and cite it, as here for the
United Nations estimates of the migrant stock {{cite:p}}`undesa2020`.

```{{code-cell}} ipython3
:tags: [remove-input]

# TODO: replace this placeholder with a figure over the data this chapter discusses.
explorers.{data_explorer}()
```

TODO: say what the student should notice in the data, and how it bears on the argument.

## Exercises

```{{exercise}}
:label: {ch}-ex-model

TODO: an exercise that computes with the model, by hand or with the explorer.
```

```{{solution}} {ch}-ex-model
:class: dropdown

TODO: the worked answer, with the numbers the model gives.
```

```{{exercise}}
:label: {ch}-ex-data

TODO: an exercise that reads the data, with `migbook.data` or the figure's table.
```

```{{solution}} {ch}-ex-data
:class: dropdown

TODO: the answer, with the code that reads the data and the numbers it prints.
```

```{{exercise}}
:label: {ch}-ex-argue

TODO: a question to argue in about 300 words, using the chapter's sources and model.
```

```{{solution}} {ch}-ex-argue
:class: dropdown

TODO: the points a good answer makes, on both sides.
```

## Summary

- TODO: one point per section, each with its citation.
- TODO: what the model shows, and its limits.
- TODO: what the data show.

## Further reading

- TODO: two to four standard works beyond the source texts, each with a line on why to read it, for example
  {{cite:t}}`keohane1977`.
- TODO: a second work, such as {{cite:t}}`krasner1983`.
"""


def new_chapter(name: str, root: Path = ROOT, part: str | None = None, title: str | None = None,
                model: str | None = None) -> list[Path]:
    """Write ``book/chapters/NAME.md`` and list it in ``_toc.yml`` (in ``part``, or the last numbered part).

    ``model`` names the explorer the model section shows (default: a placeholder to replace).
    """
    root = Path(root)
    number, slug = _page_name("chapter", name)
    folder = root / "book" / "chapters"
    _refuse_taken_page(folder, name, "chapter", root)
    if model is not None:
        _check_explorer(root, model)
    if part is not None and not part.strip():
        raise MigbookError("--part needs a caption, e.g. --part \"Part III. Regional cases\"")
    head, toc = read_toc(root)
    file = f"book/chapters/{name}"
    if file in _listed(toc):
        raise MigbookError(f"_toc.yml already lists {file}")
    _add_chapter_to_toc(toc, file, part)
    path = folder / f"{name}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(chapter_text(number, title or _title(slug), model or PLACEHOLDER_MODEL), encoding="utf-8")
    return [path, write_toc(root, head, toc)]


# ---------------------------------------------------------------- lessons

def lesson_text(name: str, number: int, title: str, model_explorer: str = PLACEHOLDER_MODEL) -> str:
    """The skeleton of a Voila lesson: imports, an explorer, a checked question, what to take away."""
    note = ("# TODO: replace this placeholder with the chapter's model explorer."
            if model_explorer == PLACEHOLDER_MODEL else "# The chapter's model explorer.")
    return FRONT_MATTER + f"""
# Lesson {number}: {title}

% Do not say how to start the lesson: the book puts that note under the title, and `migbook classroom` turns it
% into an "Open this lesson live" link (see book/instructors.md).

This lesson goes with Chapter {number}. TODO: say in two sentences what the student will do and find out.

```{{code-cell}} ipython3
:tags: [remove-cell]

from migbook import explorers, questions
from migbook.models.win_sets import DEFAULTS
```

## 1. TODO: the first step

TODO: say what to look at, what to try with the controls, and what to watch for.

```{{code-cell}} ipython3
:tags: [remove-input]

{note}
explorers.{model_explorer}()
```

```{{code-cell}} ipython3
:tags: [remove-input]

# TODO: ask what the student can compute with the model or read off the figure; take the answer from migbook.
questions.numeric(
    "TODO: a question. How wide, on each side, are the win-sets when the explorer starts?",
    answer=DEFAULTS.width,
    unit="points", tolerance=0,
    explanation="TODO: why this is the answer, in a sentence or two.",
    hint="TODO: a hint that points to where the answer can be found.",
)
```

## What to take away

- TODO: the first point the student should keep.
- TODO: the second.
- TODO: how this connects to the chapter's argument.
"""


def new_lesson(name: str, root: Path = ROOT, title: str | None = None, model: str | None = None) -> list[Path]:
    """Write ``book/lessons/NAME.md`` and list it under "Interactive lessons" in ``_toc.yml``."""
    root = Path(root)
    number, slug = _page_name("lesson", name)
    folder = root / "book" / "lessons"
    _refuse_taken_page(folder, name, "lesson", root)
    if model is not None:
        _check_explorer(root, model)
    head, toc = read_toc(root)
    file = f"book/lessons/{name}"
    if file in _listed(toc):
        raise MigbookError(f"_toc.yml already lists {file}")
    _add_lesson_to_toc(toc, file)
    path = folder / f"{name}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(lesson_text(name, number, title or _title(slug), model or PLACEHOLDER_MODEL), encoding="utf-8")
    return [path, write_toc(root, head, toc)]


# ---------------------------------------------------------------- models

MODEL_TEMPLATE = '''\
"""TODO: one line naming the model and the work it follows (author, year).

TODO: a paragraph on what the model assumes and what it shows, with the units
of every quantity. The placeholder below is a growth path: a level (thousands
of people) that grows by a share ``rate`` each year for ``years`` years.
Replace it with the model, keep the inputs validated (``migbook.models._checks``)
and keep a runnable example in every docstring.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import non_negative, share, whole_number


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point (TODO: say where each value comes from)."""

    level: float = 100.0  # thousands of people
    rate: float = 0.02  # a share per year
    years: int = 20


DEFAULTS = Defaults()


def path(level: object, rate: object, years: int = DEFAULTS.years) -> np.ndarray:
    """The level at 0, 1, ..., ``years`` years, growing by ``rate`` a year: one row per level and rate.

    ``level`` is in thousands of people, ``rate`` a share per year (4 % is 0.04).

    >>> path(100, [0.0, 0.1], 2).round(2).tolist()
    [[100.0, 100.0, 100.0], [100.0, 110.0, 121.0]]
    """
    start = np.atleast_1d(non_negative("level", level, "thousands of people"))
    growth = np.atleast_1d(share("rate", rate))
    n = whole_number("years", years, 0, 1000)
    try:
        start, growth = np.broadcast_arrays(start, growth)
    except ValueError:
        raise ParameterError(f"level and rate must have the same length, got {start.size} and {growth.size}") from None
    return start[:, None] * (1 + growth[:, None]) ** np.arange(n + 1)[None, :]
'''

EXPLORER_TEMPLATE = '''\
"""The model figure of :mod:`migbook.models.{name}` (TODO: say which chapter shows it)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH
from migbook.models import {name} as model
from migbook.models.{name} import DEFAULTS

RATES = tuple(range(11))  # the static twin's choices, in per cent a year
TABLE_EVERY_YEARS = 5


def run(rate: int) -> pd.DataFrame:
    """One run in long form: year (x), level in thousands (y) and the series label."""
    levels = model.path(DEFAULTS.level, rate / 100, DEFAULTS.years)[0]
    return pd.DataFrame({{"x": np.arange(levels.size), "y": levels.round(1), "series": "level"}})


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """One line: the level over the years."""
    return base.mark_line(point=True, strokeWidth=2.5, color=PALETTE[0]).encode(
        x=alt.X("x:Q", title="Years from the start", axis=alt.Axis(format="d")),
        y=alt.Y("y:Q", title="Level (thousand people)", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("x:Q", title="Year", format="d"),
                 alt.Tooltip("y:Q", title="Thousands", format=",.1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """The sentence a screen reader hears: where the level starts and where it ends."""
    first, last = run["y"].iloc[0], run["y"].iloc[-1]
    return (f"Growing by {{params['rate']}} % a year, the level goes from {{first:,.1f}} thousand to "
            f"{{last:,.1f}} thousand in {{int(run['x'].iloc[-1])}} years.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """The level every five years."""
    every = run[run["x"] % TABLE_EVERY_YEARS == 0]
    return pd.DataFrame({{"Year": every["x"].to_numpy(), "Level (thousands)": every["y"].to_numpy()}})


@catalogued()
def {name}() -> GridExplorer:
    """TODO: one line on what the figure shows (the catalogue and the data pages list it)."""
    rate = round(100 * DEFAULTS.rate)
    return GridExplorer(
        title="TODO: the figure's title",
        caption="TODO: the caption: what the model is and what the line shows.",
        controls=[Control("rate", "Growth rate (% a year)", RATES, rate)],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=f"The level every {{TABLE_EVERY_YEARS}} years at {{rate}} % a year",
    )
'''

TEST_TEMPLATE = '''\
"""Tests of :mod:`migbook.models.{name}` against published or closed-form results (TODO: name them)."""

from __future__ import annotations

import pytest

from migbook.errors import ParameterError
from migbook.models import {name} as model
from migbook.models.{name} import DEFAULTS


def test_reproduces_a_published_result() -> None:
    # A scaffolded test must not pass: name the source and its number in the test that replaces this one.
    pytest.fail("replace with a test against a published result: author, year, number")


def test_a_percentage_is_refused_where_a_share_is_meant() -> None:
    with pytest.raises(ParameterError, match="rate"):
        model.path(DEFAULTS.level, 4, DEFAULTS.years)
'''


def _sort_key(name: str) -> tuple[int, str]:
    """isort's order for ``__all__``: CONSTANTS, then Classes, then the rest."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


def _module_node(tree: ast.Module, test: Any, what: str, path: Path) -> ast.stmt:
    for node in tree.body:
        if test(node):
            return node
    raise MigbookError(f"cannot find {what} in {path}")


def _is_all(node: ast.stmt) -> bool:
    return isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)


def _all_lines(names: list[str], multiline: bool) -> list[str]:
    one = "__all__ = [" + ", ".join(f'"{n}"' for n in names) + "]"
    if not multiline and len(one) <= LINE_LENGTH:
        return [one]
    return ["__all__ = [", *(f'    "{n}",' for n in names), "]"]


def _import_lines(module: str, names: list[str]) -> list[str]:
    one = f"from {module} import " + ", ".join(names)
    if len(one) <= LINE_LENGTH:
        return [one]
    return [f"from {module} import (", *(f"    {n}," for n in names), ")"]


def _replace(lines: list[str], node: ast.stmt, new: list[str]) -> list[str]:
    return [*lines[:node.lineno - 1], *new, *lines[node.end_lineno:]]


def _new_all(tree: ast.Module, path: Path, name: str) -> tuple[ast.stmt, list[str]]:
    node = _module_node(tree, _is_all, "__all__", path)
    names = [e.value for e in node.value.elts]  # type: ignore[attr-defined]
    return node, _all_lines(sorted({*names, name}, key=_sort_key), node.end_lineno > node.lineno)


def register_model(root: Path, name: str) -> Path:
    """Import model ``name`` in ``migbook/models/__init__.py``: the import, ``__all__`` and the docstring's list."""
    path = root / "migbook" / "models" / "__init__.py"
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines()
    # Bottom to top, so the line numbers of the nodes still to edit stay right.
    all_node, all_lines = _new_all(tree, path, name)
    lines = _replace(lines, all_node, all_lines)
    imp = _module_node(tree, lambda n: isinstance(n, ast.ImportFrom) and n.module == "migbook.models",
                       "the import of the models", path)
    names = sorted({*(a.name for a in imp.names), name}, key=_sort_key)  # type: ignore[attr-defined]
    lines = _replace(lines, imp, _import_lines("migbook.models", names))
    bullets = [i for i, line in enumerate(lines[:imp.lineno]) if line.startswith("* :mod:`~migbook.models.")]
    if bullets:
        last = bullets[-1]
        lines[last] = lines[last][:-1] + ";" if lines[last].endswith(".") else lines[last]
        lines.insert(last + 1, f"* :mod:`~migbook.models.{name}`: TODO (one line on the model).")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def register_explorer(root: Path, name: str) -> Path:
    """Import explorer ``name`` in ``migbook/explorers/__init__.py`` (in isort's order) and add it to ``__all__``."""
    path = root / "migbook" / "explorers" / "__init__.py"
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines()
    all_node, all_lines = _new_all(tree, path, name)
    lines = _replace(lines, all_node, all_lines)
    module = f"migbook.explorers.{name}"
    imports = [n for n in tree.body
               if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("migbook.explorers.")]
    if not imports:
        raise MigbookError(f"cannot find the imports of the explorers in {path}")
    after = [n for n in imports if (n.module or "").lower() > module.lower()]
    at = after[0].lineno - 1 if after else imports[-1].end_lineno
    lines.insert(at, f"from {module} import {name}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def new_model(name: str, root: Path = ROOT) -> list[Path]:
    """Write a model, its explorer and a failing test to replace, and register the model and the explorer."""
    root = Path(root)
    _check_model_name(root, name)
    files = {
        root / "migbook" / "models" / f"{name}.py": MODEL_TEMPLATE,
        root / "migbook" / "explorers" / f"{name}.py": EXPLORER_TEMPLATE.format(name=name),
        root / "tests" / f"test_model_{name}.py": TEST_TEMPLATE.format(name=name),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return [*files, register_model(root, name), register_explorer(root, name)]

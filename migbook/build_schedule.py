"""Keep every core busy while Sphinx reads (and so executes) the book's pages: one page per task, longest first.

Sphinx's parallel read cuts the pages, in name order, into a few chunks (13, 13 and 9 of the 35 pages on two
cores) and reads each chunk in one forked process: the last chunk starts when the first ends, so one core sat
idle near the end (measured under load 7: the read took 181 s where its chunks' 313 s over two cores is 156 s).
Here every page is its own task and the longest pages go first (a page's
reading time is mostly its notebook's execution), so the last tasks are short ones and both cores stay busy to
the end. How long each page took is recorded at the end of every build, beside the HTML folder
(:data:`SECONDS_FILE`); without that record, pages with code cells go first. The order is only a schedule: what
each page reads, executes and writes is the same, in any order
(``tests/test_fast_book.py`` compares a parallel build with a serial one).
"""

from __future__ import annotations

import contextlib
import functools
import json
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sphinx.builders
from sphinx.application import Sphinx
from sphinx.builders import Builder

SECONDS_FILE = "migbook-read-seconds.json"  # beside the HTML folder, in the build's output folder
CODE_CELL = "{code-cell}"


def by_cost(docnames: Sequence[str], cost: Callable[[str], float]) -> list[str]:
    """``docnames`` from the costliest to the cheapest (ties in name order)."""
    return sorted(docnames, key=lambda name: (-cost(name), name))


def task_order(ordered: Sequence[str], nproc: int) -> list[list[str]]:
    """One-page chunks to hand to Sphinx's ``ParallelTasks`` so that they *start* in the order ``ordered``.

    ``ParallelTasks`` starts the first ``nproc`` tasks as they are added and the waiting ones last-added
    first (``dict.popitem``): so the rest go in reversed.
    """
    head, rest = list(ordered[:nproc]), list(ordered[nproc:])
    return [[name] for name in [*head, *reversed(rest)]]


def recorded_seconds(build_dir: Path) -> dict[str, float]:
    """How long each page took to read in the last build written to ``build_dir`` (empty if none)."""
    try:
        record = json.loads((build_dir / SECONDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in record.items()} if isinstance(record, dict) else {}


def page_cost(builder: Builder, seconds: dict[str, float], docname: str) -> float:
    """A page's expected reading time: last build's, else 1 for a page with code cells and 0 for text."""
    if docname in seconds:
        return seconds[docname]
    try:
        text = Path(builder.env.doc2path(docname)).read_text(encoding="utf-8")
    except OSError:
        return 0.0
    return 1.0 if CODE_CELL in text else 0.0


@contextlib.contextmanager
def _chunks(make_chunks: Callable[..., list[Any]]) -> Iterator[None]:
    original = sphinx.builders.make_chunks
    sphinx.builders.make_chunks = make_chunks
    try:
        yield
    finally:
        sphinx.builders.make_chunks = original


def _read_longest_first(builder: Builder, read_parallel: Callable[..., None], docnames: list[str],
                        nproc: int) -> None:
    seconds = recorded_seconds(Path(builder.outdir).parent)
    ordered = by_cost(docnames, functools.partial(page_cost, builder, seconds))
    with _chunks(lambda _docnames, nprocs, maxbatch=10: task_order(ordered, nprocs)):
        read_parallel(builder, docnames, nproc)


def schedule_longest_first() -> None:
    """Make Sphinx's parallel read (in this process) read one page per task, longest first."""
    original = Builder._read_parallel
    if getattr(original, "migbook", False):
        return

    def _read_parallel(builder: Builder, docnames: list[str], nproc: int) -> None:
        _read_longest_first(builder, original, docnames, nproc)

    _read_parallel.migbook = True  # type: ignore[attr-defined]
    Builder._read_parallel = _read_parallel  # type: ignore[method-assign]


# --- recording each page's reading time (Sphinx events; the reading happens in forked processes) -----------

def _started(app: Sphinx, docname: str, source: list[str]) -> None:
    app.env.migbook_read_started = time.perf_counter()  # type: ignore[attr-defined]


def _read(app: Sphinx, doctree: Any) -> None:
    started = getattr(app.env, "migbook_read_started", None)
    if started is not None:
        seconds = _seconds(app.env)
        seconds[app.env.docname] = round(time.perf_counter() - started, 2)


def _seconds(env: Any) -> dict[str, float]:
    if not hasattr(env, "migbook_read_seconds"):
        env.migbook_read_seconds = {}
    return env.migbook_read_seconds


def _merge(app: Sphinx, env: Any, docnames: list[str], other: Any) -> None:
    theirs = _seconds(other)
    _seconds(env).update({name: theirs[name] for name in docnames if name in theirs})


def _write_record(app: Sphinx, exception: Exception | None) -> None:
    seconds = _seconds(app.env)
    if exception is None and seconds:
        record = {**recorded_seconds(Path(app.outdir).parent), **seconds}
        (Path(app.outdir).parent / SECONDS_FILE).write_text(json.dumps(record, indent=1, sort_keys=True),
                                                             encoding="utf-8")


def record_read_seconds(app: Sphinx) -> None:
    """Record how long each page takes to read, for the next build's schedule (:data:`SECONDS_FILE`)."""
    app.connect("source-read", _started, priority=0)  # first: before any other handler of the page's source
    app.connect("doctree-read", _read, priority=1000)  # last
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _write_record)


def setup(app: Sphinx) -> dict[str, Any]:
    """The Sphinx extension (set up by :mod:`migbook.sphinxext`): the schedule and its record."""
    schedule_longest_first()
    record_read_seconds(app)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}

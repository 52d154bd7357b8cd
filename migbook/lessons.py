"""Voila lessons: list them, turn their MyST source into notebooks, and serve one.

Lessons are MyST markdown notebooks in ``book/lessons/`` (text that diffs well;
they are also pages of the book, with static twins). ``migbook lesson NAME``
converts one to ``.ipynb`` with jupytext and starts Voila on 127.0.0.1 with
migbook's offline template, a cell timeout and idle-kernel culling.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import jupytext

from migbook.errors import MigbookError
from migbook.paths import BUILD_DIR, LESSONS_DIR

TEMPLATE_PATH = Path(__file__).parent / "assets" / "jupyter"
CELL_TIMEOUT_S = 120
CULL_IDLE_S = 900
DENIED_EXTENSIONS = ["jupyterlab-jupytext", "@voila-dashboards/jupyterlab-preview"]


def names() -> list[str]:
    """The lessons, by file name without extension."""
    return sorted(p.stem for p in LESSONS_DIR.glob("*.md"))


def notebook(name: str, out_dir: Path = BUILD_DIR / "lessons") -> Path:
    """Write lesson ``name`` as a notebook for Voila; return its path."""
    source = LESSONS_DIR / f"{name}.md"
    if not source.is_file():
        raise MigbookError(f"no lesson named {name!r}; the lessons are: {', '.join(names()) or 'none'}")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.ipynb"
    jupytext.write(live_notebook(jupytext.read(source)), target)
    return target


GUARD_SOURCE = ("from migbook.kernel_imports import skip_unused as _migbook_skip\n_migbook_skip()\n"
                "from migbook.guard import install as _migbook_guard\n_migbook_guard()\n"
                "from migbook.widget_messages import answer_states_once as _migbook_states\n_migbook_states()\n"
                "from migbook.kernel_streams import flush_only_when_written as _migbook_flush\n_migbook_flush()")
RELEASE_SOURCE = ("from migbook.widget_messages import prepare_states as _migbook_prepare\n_migbook_prepare()\n"
                  "from migbook.kernel_imports import release_freed_memory as _migbook_release, "
                  "freeze_lesson as _migbook_freeze\n_migbook_release()\n_migbook_freeze()")
_HOW_TO_RUN = re.compile(r"`migbook (?:lesson|classroom)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_run_instructions(markdown: str) -> str:
    """``markdown`` without the sentences that tell the reader how to start a lesson (they name
    `migbook lesson ...` or `migbook classroom`): inside the live lesson they make no sense.

    >>> without_run_instructions("Intro. Run it\\nlive with `migbook lesson 05-x`.\\n\\n## Next")
    'Intro.\\n\\n## Next'
    """
    paragraphs = re.split(r"(\n\s*\n)", markdown)
    out = []
    for part in paragraphs:
        if _HOW_TO_RUN.search(part) and not part.lstrip().startswith(("#", "```", ":::")):
            kept = [s for s in _SENTENCE_END.split(part.strip()) if not _HOW_TO_RUN.search(s)]
            part = " ".join(kept)
        out.append(part)
    return "".join(out)


def live_notebook(nb: object) -> object:
    """The lesson as Voila runs it: a hidden first cell that keeps tracebacks from the page
    (:mod:`migbook.guard`) and modules the lesson never uses out of the kernel (:mod:`migbook.kernel_imports`), and
    that answers a page's request for the widgets' state in one pass (:mod:`migbook.widget_messages`), a hidden
    last cell that prepares that answer, returns the memory the set-up freed to the system (a warm kernel waits
    lighter) and leaves what remains out of garbage collection (a kernel exits in a tenth of the CPU time),
    and no sentence about how to start the lesson (the book's lesson page says that; see ``book/instructors.md``)."""
    import nbformat

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = without_run_instructions(cell.source)
    guard = nbformat.v4.new_code_cell(GUARD_SOURCE, metadata={"tags": ["remove-cell"]})
    nb.cells.insert(0, guard)
    nb.cells.append(nbformat.v4.new_code_cell(RELEASE_SOURCE, metadata={"tags": ["remove-cell"]}))
    return nb


def voila_command(path: Path, port: int) -> list[str]:
    """The Voila command line that serves one lesson on 127.0.0.1."""
    return [
        sys.executable, "-m", "voila", str(path),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--template=migbook",
        "--theme=light",
        f"--VoilaExecutor.timeout={CELL_TIMEOUT_S}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        "--MappingKernelManager.cull_interval=60",
        "--VoilaConfiguration.show_tracebacks=False",
        # JupyterLab extensions installed alongside that cannot load in Voila's page
        # (jupytext's raises a console error there); the widget manager stays on.
        f"--VoilaConfiguration.extension_denylist={DENIED_EXTENSIONS!r}",
    ]


def voila_environment() -> dict[str, str]:
    """The environment for Voila: migbook's template on the Jupyter path, live twins."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(TEMPLATE_PATH), env.get("JUPYTER_PATH")]))
    env.pop("MIGBOOK_MODE", None)
    return env


def run_lesson(name: str, port: int = 8866) -> int:
    """Serve lesson ``name`` with Voila until interrupted; return Voila's exit status."""
    from migbook.build import check_port

    check_port(port)
    path = notebook(name)
    print(f"lesson {name}: http://127.0.0.1:{port}/  (Ctrl+C stops it)", flush=True)
    return subprocess.call(voila_command(path, port), env=voila_environment())

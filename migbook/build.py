"""Build the book with Jupyter Book 1 and serve the result on 127.0.0.1."""

from __future__ import annotations

import atexit
import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import NoReturn

from migbook import warm_kernels
from migbook.errors import MigbookError
from migbook.kernel_imports import skip_unused
from migbook.mode import MODE_VARIABLE
from migbook.paths import BUILD_DIR, ROOT

MAX_PORT = 65535
JOBS_VARIABLE = "MIGBOOK_BUILD_JOBS"  # how many pages to read (and execute) at once; default: one per core


def build_jobs() -> int:
    """Processes that read and execute pages at once: ``MIGBOOK_BUILD_JOBS``, else one per core we may use."""
    value = os.environ.get(JOBS_VARIABLE, "")
    if value:
        if not value.isdigit() or int(value) < 1:
            raise MigbookError(f"{JOBS_VARIABLE} must be a whole number of at least 1, got {value!r}")
        return int(value)
    return max(1, len(os.sched_getaffinity(0)))


def run_jupyter_book(jobs: int) -> object:
    """Jupyter Book's own command line (arguments from ``sys.argv``), with Sphinx reading ``jobs`` pages at once.

    ``jupyter-book build`` has no option for Sphinx's parallel read (``-j``), though its
    ``build_sphinx`` takes ``jobs``: pass it in. Each reading process executes its own pages'
    notebooks, so the kernels of a clean build run side by side. Like a page's kernel, the build leaves out the
    modules it never uses (:mod:`migbook.kernel_imports`: Jupyter Book checks its configuration with jsonschema,
    never a string's IRI format); profiled, that import was most of a one-page rebuild's start. Returns the
    command's exit status, as ``sys.exit`` takes it (the build command ends with :func:`exit_without_teardown`).
    """
    skip_unused()  # before Jupyter Book imports jsonschema, which would build a Lark grammar it never uses
    start_kernels_early(sys.argv)
    import jupyter_book.sphinx
    from jupyter_book.cli.main import main

    # The build command imports build_sphinx from jupyter_book.sphinx when it runs.
    jupyter_book.sphinx.build_sphinx = functools.partial(jupyter_book.sphinx.build_sphinx, jobs=jobs)
    try:
        main()
    except SystemExit as done:  # how Jupyter Book's command line ends, built or not
        return done.code
    return None


def exit_without_teardown(code: object) -> NoReturn:
    """End the process as ``sys.exit(code)`` does (other threads finished, exit handlers run, streams flushed,
    the same status), without the interpreter's teardown: unloading the 1,600 modules a build imports and
    freeing its objects one by one took 0.6 s of every rebuild (the shared box under load 7), and the build
    process has written everything by then."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as sys.exit does with a message
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def start_kernels_early(argv: list[str]) -> None:
    """For ``jupyter-book build ROOT [--path-output OUT] [--all]`` arguments: start the page kernels' fork server
    now if the build will execute a page (:func:`migbook.warm_kernels.start_early`), while Sphinx starts."""
    if argv[1:2] != ["build"] or len(argv) < 3:
        return
    root = Path(argv[2])
    output = Path(argv[argv.index("--path-output") + 1]) if "--path-output" in argv[:-1] else root
    environment = None if "--all" in argv else output / "_build" / ".doctrees" / "environment.pickle"
    os.environ[MODE_VARIABLE] = "static"  # as migbook.sphinxext sets it for the build: the server imports in it
    warm_kernels.start_early(root, environment)


def build_command(output: Path, all_pages: bool = False, root: Path = ROOT, jobs: int | None = None) -> list[str]:
    """``jupyter-book build`` of the book in ``root`` with every notebook executed and warnings treated as errors,
    ``jobs`` pages read at once (default :func:`build_jobs`)."""
    jobs = build_jobs() if jobs is None else jobs
    command = [
        sys.executable, "-c",
        f"from migbook.build import exit_without_teardown, run_jupyter_book; "
        f"exit_without_teardown(run_jupyter_book({int(jobs)}))",
        "build", str(root), "--path-output", str(output), "--warningiserror", "--keep-going",
    ]
    return [*command, "--all"] if all_pages else command


def build_book(output: str | Path | None = None, all_pages: bool = False) -> Path:
    """Build the HTML book into ``output`` (default ``_build``); return the HTML folder."""
    out = Path(output) if output else BUILD_DIR.parent
    result = subprocess.run(build_command(out, all_pages), cwd=ROOT)
    if result.returncode != 0:
        raise MigbookError("the book did not build cleanly: see the warnings above")
    return out / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(directory: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``directory`` on 127.0.0.1 (port 0 picks a free port)."""
    check_port(port)
    handler = functools.partial(_QuietHandler, directory=str(directory))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as err:
        raise MigbookError(f"cannot serve on 127.0.0.1:{port} ({err.strerror}); try --port 0") from None


def check_port(port: int) -> int:
    """``port`` if it is a TCP port number (0 to 65535; 0 picks a free one), else a one-line error."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= MAX_PORT:
        raise MigbookError(f"port must be a whole number from 0 to {MAX_PORT}, got {port!r}")
    return port


def serve_book(directory: str | Path | None = None, port: int = 8000) -> None:
    """Serve the built book until interrupted, printing its URL first."""
    check_port(port)
    root = Path(directory) if directory else BUILD_DIR / "html"
    if not (root / "index.html").is_file():
        raise MigbookError(f"no built book at {root}: run `migbook build` first")
    with make_server(root, port) as server:
        print(f"serving the book at http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C stops it)",
              flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()

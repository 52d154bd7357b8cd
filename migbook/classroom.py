"""``migbook classroom``: one server for a class, the built book at ``/`` and every lesson live at ``/live/NAME``.

It is Voila (:class:`ClassroomVoila`, a subclass of ``voila.app.Voila``) serving the
lessons' notebooks, with these changes:

* **The book** (``_build/html``) is served at ``/``. Each lesson page's note on how to
  run it (written by :mod:`migbook.sphinxext`, class ``migbook-live-note``) becomes a
  link, "Open this lesson live", to ``/live/NAME``.
* **Preheated pools**: every lesson has a pool of kernels that have already imported
  migbook and run the lesson (Voila's ``preheat_kernel``); :func:`pool_sizes` sizes them
  from ``--students``. At most :data:`WARMING_AT_ONCE` kernels warm up at a time, so
  refilling the pools never takes both cores from students already at work, and a
  student who arrives when a pool is empty waits in line for the next warm kernel. A pool
  refills :data:`REFILL_DELAY_S` s after a kernel is taken, once a class's arrival is over.
* **No leaks**: a tab that closes sends Voila's shutdown beacon, which works here (the
  page gets the ``_xsrf`` cookie the beacon needs); a kernel with no page connected (a
  beacon lost, or a page that never connected) is shut down after :data:`CULL_IDLE_S` s idle, checked every
  :data:`CULL_INTERVAL_S` s; a kernel stays alive while its page is connected. A kernel shut down leaves the
  class at once (it no longer counts, nobody can take it) and is killed :data:`LEAVE_DELAY_S` s later, at the
  lowest priority (:data:`LEAVING_NICE`): a lesson's kernel has nothing to save, and its end waits until the
  students arriving with it have their charts. Ctrl+C (or SIGTERM) stops the server and every kernel.
* **Kernels at the server's priority**: a move's redraw is computed in its kernel while the rest of the class is
  still arriving, and a kernel given less than the server waited for a core (measured: see the note before
  :data:`AUTOGROUP_RETRY_S` in the source).
* **A cap**: with ``--max-kernels`` students' kernels running, ``/live/...`` answers
  503 with a "the class is full, try again in a minute" page instead of starting another.
* **Safe**: the page cannot execute code (Voila lets only widget messages through),
  the directory listing, the contents API and raw notebook files are not served,
  kernels cannot be listed or deleted over HTTP, a cell has :data:`CELL_TIMEOUT_S` s,
  and errors show one friendly line (:mod:`migbook.guard`), the detail going to the log.
* Kernels talk to the server over Unix sockets (``ipc``), not TCP ports: no race for
  ports when thirty kernels start at once.
* **Charts drawn by the page**: kernels send Vega-Lite specs that the page draws with the
  vendored Vega bundle (``migbook-live-charts.js``), and a control's move sends only the
  chart's new data or parameter values (:mod:`migbook.figures.live`); a warm kernel gives
  the memory its lesson's set-up freed back to the system before it waits in the pool.
* **Less work per student** (profiled with py-spy, thirty arriving at once): Voila's front-end files are sent
  gzipped and remembered (:mod:`migbook.static_cache`; they were most of the server's time). The 86 chunks of it
  that a page asked for one by one come joined in one script (:func:`voila_chunks`: 12 requests a page instead of
  97). The Vega bundle and the chunks are read and gzipped once before the server listens (the first page to ask
  for the bundle had held every student up for 1.5 s). A kernel answers the page's request for its widgets'
  state in one pass and sends no echo of a move back to its one page (:mod:`migbook.widget_messages`). A
  kernel's websocket sends each message at once (no Nagle delay), and a leaving student's kernel is ended after
  the class's arrival, not during it.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import hashlib
import html
import ipaddress
import json
import math
import os
import re
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from migbook import lessons
from migbook.errors import MigbookError
from migbook.paths import BUILD_DIR

LIVE_PATH = "/live/"
CELL_TIMEOUT_S = 30
CULL_IDLE_S = 30
CULL_INTERVAL_S = 10  # a closed tab's kernel is gone within CULL_IDLE_S + CULL_INTERVAL_S (40 s)
WARMING_AT_ONCE = 2
# A pool refills this long after a student takes one of its kernels (Voila's default is 1 s): a class arrives within
# seconds, and warming its thirty replacements at once took both cores from the students' first moves. Control to
# redrawn chart, thirty at once, under a load average of 8 to 17: p50 1.34 s / p95 1.93 s refilling after 1 s,
# 0.51 / 0.91 s after 20 s. The cost: a student who finds the pool empty waits up to this much longer.
REFILL_DELAY_S = 20
# A kernel that is shut down (its tab closed, or culled) is killed at once (SIGKILL, jupyter_client's ``now=True``),
# after being given the lowest priority: it holds nothing to save, and ending it politely (a shutdown request, then
# Python's exit) cost about 80 ms of CPU a kernel. Thirty students leaving after one move each took both cores from
# the students still moving; killed, the class's kernels used 1.4 to 1.9 s of CPU while it arrived instead of 3.5 s.
LEAVING_NICE = 19  # added to the server's niceness, at most 19 (the lowest priority)
# ... and not at the moment the student leaves but this long after. Ending a kernel frees its 140 MB, about 5 ms of
# CPU on an idle box and about 17 ms while a class arrives; thirty students who each leave right after their first
# move spent 0.5 s of the two cores ending kernels while the others were still arriving (the kernels' CPU while the
# class arrived: 1.0-1.1 s killed at once, 0.6 s killed 15 s later; 2026-12-01, idle box). A class's arrival is over
# in a few seconds; the kernel is killed well within the 60 s the issue allows (a culled one, within 50 s).
LEAVE_DELAY_S = 8.0
# Kernels run at the server's priority. Until 2026-12-02 every kernel was made 10 nicer than the server, which did
# nothing: Jupyter starts each kernel in a session of its own, and Linux (sched_autogroup) shares the cores between
# sessions before niceness counts, so a kernel's niceness weighed only against its own threads. Made to count (the
# kernel's session made nicer, :func:`lower_priority`), it made the class slower: six classes of thirty in a row
# against one server on the idle box, p95 of control to redrawn chart per class, median (and range) 154 ms (93 to
# 248) with kernels at the server's priority, 179 ms (149 to 305) with them 10 nicer; once everyone had arrived
# 82 against 118 ms, and first chart p95 0.74 against 0.95 s (the server in a session of its own; in the
# benchmark's, with the simulated browsers: 171 against 192 ms, 84 against 145 ms, 0.75 against 1.00 s). The
# server is no longer what a move waits for: its kernel's own work is (a redraw took 23 to 61 ms in a nicer kernel,
# on average per class, against 3 to 10 ms). Only a leaving kernel, which has nothing left to do but end, is given
# the lowest priority.
AUTOGROUP_RETRY_S = 0.11  # Linux lets an unprivileged process change an autogroup's niceness once per 100 ms
AUTOGROUP_TRIES = 100  # one change a try, machine-wide: enough for a hundred students leaving at the same moment
PROC = Path("/proc")  # where Linux shows each process's autogroup (absent where the kernel has none)
DEFAULT_STUDENTS = 30
LOCAL_IP = "127.0.0.1"
TEMPLATE = "migbook-classroom"  # migbook's Voila template plus the scripts that draw live charts in the page
LIVE_SCRIPTS = "/migbook/live/"
CHUNKS = "voila-chunks.js"  # Voila's front-end chunks, joined (:func:`voila_chunks`)
LIVE_SCRIPT_NAMES = ("vega-bundle.js", "migbook-live-charts.js", CHUNKS)  # what lesson pages load from LIVE_SCRIPTS
CHUNK_LIST = Path(__file__).parent / "assets" / "jupyter" / "voila" / "templates" / TEMPLATE / "voila-chunks.txt"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.M)

CELL_ERROR = "This part of the lesson could not be shown. The rest still works; tell your instructor if it persists."
CELL_TIMEOUT = "This part of the lesson took too long and was stopped. Reload the page to try again."

_NOTE = re.compile(r'<p class="migbook-live-note" data-lesson="([A-Za-z0-9_-]+)">.*?</p>', re.S)


def default_max_kernels(students: int) -> int:
    """Students' kernels allowed at once: the class, plus room for reloads while closed tabs are culled."""
    return students + max(5, math.ceil(students / 3))


def pool_sizes(names: Iterable[str], students: int, today: Iterable[str] = ()) -> dict[str, int]:
    """Warm kernels to keep per lesson: ``students`` for each of today's lessons and one for every other;
    with no lesson named for today, the class shared over all lessons (at least one each).

    >>> pool_sizes(["a", "b", "c"], 30, today=["b"])
    {'a': 1, 'b': 30, 'c': 1}
    >>> pool_sizes(["a", "b", "c"], 7)
    {'a': 3, 'b': 3, 'c': 3}
    """
    names, today = list(names), set(today)
    if unknown := today - set(names):
        raise MigbookError(f"no lesson named {', '.join(sorted(unknown))}; the lessons are: {', '.join(names)}")
    if students < 1:
        raise MigbookError(f"--students must be 1 or more, got {students}")
    if today:
        return {name: students if name in today else 1 for name in names}
    each = max(1, math.ceil(students / max(1, len(names))))
    return {name: each for name in names}


def rewrite_lesson_notes(page: str) -> str:
    """A book page as the classroom serves it: each lesson's "how to run it" note becomes a link to it live.

    >>> rewrite_lesson_notes('<h1>L</h1><p class="migbook-live-note" data-lesson="01-x">Run it: '
    ...                      '<code>migbook lesson 01-x</code>.</p>')
    '<h1>L</h1><p class="migbook-live-note"><a href="/live/01-x">Open this lesson live</a> \
(on this classroom server; your answers are checked as you go).</p>'
    """
    return _NOTE.sub(lambda m: (f'<p class="migbook-live-note"><a href="{LIVE_PATH}{m.group(1)}">'
                                "Open this lesson live</a> (on this classroom server; your answers are checked "
                                "as you go).</p>"), page)


def message_page(title: str, text: str, refresh_s: int | None = None) -> str:
    """A small, accessible page (the class is full, no such lesson)."""
    refresh = f'<meta http-equiv="refresh" content="{refresh_s}">' if refresh_s else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{refresh}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            "<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;"
            "line-height:1.5;color:#1a1a1a}</style></head>"
            f'<body><main><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p>'
            '<p><a href="/">Back to the book</a></p></main></body></html>')


FULL_TITLE = "The class is full"
FULL_TEXT = ("The class is full, try again in a minute. Every live lesson on this server is in use; "
             "a place frees up as soon as someone closes a lesson. This page tries again by itself.")


def prepare(folder: Path) -> Path:
    """Write every lesson as a live notebook into ``folder`` (emptied of old ones); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.ipynb"):
        old.unlink()
    for name in lessons.names():
        lessons.notebook(name, out_dir=folder)
    return folder


def voila_arguments(folder: Path, port: int, ip: str, cell_timeout: int = CELL_TIMEOUT_S) -> list[str]:
    """Voila's command line for the classroom (the options :func:`migbook.lessons.voila_command` uses and more)."""
    return [
        str(folder),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={ip}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--VoilaConfiguration.preheat_kernel=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *[f"--VoilaConfiguration.extension_denylist={name}" for name in lessons.DENIED_EXTENSIONS],
        f"--VoilaExecutor.timeout={cell_timeout}",
        "--VoilaExecutor.interrupt_on_timeout=True",
        "--VoilaExecutor.allow_errors=True",
        f"--VoilaExecutor.cell_error_instruction={CELL_ERROR}",
        f"--VoilaExecutor.cell_timeout_instruction={CELL_TIMEOUT}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=True",
        "--KernelManager.transport=ipc",
    ]


@functools.cache
def live_script(name: str) -> str:
    """A script the classroom's lesson pages load from :data:`LIVE_SCRIPTS`, read once (vl-convert takes tens of
    milliseconds to hand out its bundle, and every student's page asks for it)."""
    if name == "vega-bundle.js":
        from migbook.sphinxext import vega_bundle

        return vega_bundle()
    return (lessons.TEMPLATE_PATH / "voila" / "templates" / TEMPLATE / "static" / name).read_text()


def chunk_urls(listing: Path = CHUNK_LIST) -> list[str]:
    """The addresses of the Voila chunks a lesson's page would load one by one (``voila-chunks.txt``)."""
    lines = (line.strip() for line in listing.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def chunk_file(url: str, roots: dict[str, list[str]]) -> Path | None:
    """The file Voila serves at ``url``: under the first of the roots its prefix maps to that holds it (what
    Voila's static handlers do); None if there is none."""
    for prefix, dirs in roots.items():
        if url.startswith(prefix):
            relative = url[len(prefix):]
            for root in dirs:
                path = (Path(root) / relative).resolve()
                if path.is_relative_to(Path(root).resolve()) and path.is_file():
                    return path
    return None


def _warn(text: str) -> None:
    print(f"migbook: warning: {text}", file=sys.stderr, flush=True)


def voila_chunks(static_paths: list[str], labextensions_paths: list[str], listing: Path = CHUNK_LIST,
                 warn: Callable[[str], None] = _warn) -> str:
    """One script holding every chunk of ``voila-chunks.txt``, which a lesson's page loads before ``voila.js``.

    Voila's front end is split by webpack into about ninety files that the page asked for one by one as each
    arrived; with thirty students that was thirty times ninety requests queued on the server's one thread with
    the students' moves (about half its time while a class arrived, py-spy). A chunk only registers its modules
    with webpack (``self.webpackChunk….push``), and webpack's runtime takes up chunks registered before it ran
    and then never asks for them: loaded first, joined, they are one request. Each is read from the file Voila
    itself would send, so a list older than Voila is never wrong, only less use: a chunk it names that Voila no
    longer has is left out, with a warning (the page asks for whatever it needs that is not there, one by one).
    Source-map comments are dropped (they would point under the wrong folder)."""
    roots = {"/voila/static/": static_paths, "/voila/labextensions/": labextensions_paths}
    parts, missing = [], []
    for url in chunk_urls(listing):
        path = chunk_file(url, roots)
        if path is None:
            missing.append(url)
            continue
        text = _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))
        parts.append(f"/* {url} */\n{text}\n;")
    if missing:
        warn(f"{len(missing)} of the chunks listed in {listing} are not served by this Voila (first: {missing[0]}); "
             "lesson pages will ask for them one by one. After an upgrade of Voila or ipywidgets, record the list "
             "again (see the list's notes).")
    return "\n".join(parts)


@functools.lru_cache(maxsize=8)
def script_etag(text: str) -> str:
    """A weak validator for a live script (the same for its gzipped and plain forms), computed once per text."""
    return f'W/"{hashlib.sha1(text.encode("utf-8")).hexdigest()}"'


def live_scripts(static_paths: list[str], labextensions_paths: list[str],
                 warn: Callable[[str], None] = _warn) -> dict[str, str]:
    """The live scripts by name, read and gzipped once, before the server listens: the first page that asked for
    the Vega bundle used to stop the server while vl-convert handed it out (1.5 s on the two-core box, every
    other student waiting), and the benchmark never saw it, since its first page load comes before the class."""
    from migbook.static_cache import compressed_text

    scripts = {name: live_script(name) for name in LIVE_SCRIPT_NAMES if name != CHUNKS}
    scripts[CHUNKS] = voila_chunks(static_paths, labextensions_paths, warn=warn)
    for text in scripts.values():
        compressed_text(text)
        script_etag(text)
    return scripts


def kernel_pid(kernel: Any) -> int | None:
    """The process id of a kernel manager's kernel (a local kernel), or None."""
    pid = getattr(getattr(getattr(kernel, "provisioner", None), "process", None), "pid", None)
    return pid if isinstance(pid, int) else None


def autogroup(pid: int | str = "self") -> tuple[str, int] | None:
    """The scheduling autogroup of process ``pid`` (its name and niceness), or None where it has none of its own:
    a process in the root group (Linux shows an empty file, as for a container's first process and every process
    of its session), a Linux built without ``CONFIG_SCHED_AUTOGROUP`` (no file), not Linux, or the process is gone.

    >>> autogroup(2**22 + 1) is None  # no such process: Linux's pids stop at 2**22
    True
    """
    try:
        name, _, nice = (PROC / str(pid) / "autogroup").read_text().split()
        return name, int(nice)
    except (OSError, ValueError):
        return None


def session_niceness(pid: int | str = "self") -> int | None:
    """The niceness with which process ``pid`` and its session weigh against other sessions for the cores: its
    autogroup's, or where it has none of its own (see :func:`autogroup`), its own; None if it is gone.

    >>> session_niceness() == (autogroup() or ("", os.getpriority(os.PRIO_PROCESS, 0)))[1]
    True
    """
    group = autogroup(pid)
    if group is not None:
        return group[1]
    try:
        return os.getpriority(os.PRIO_PROCESS, 0 if pid == "self" else int(pid))
    except (OSError, AttributeError, ValueError):  # gone, or not a system with niceness
        return None


def lower_priority(pid: int, by: int) -> bool:
    """Make process ``pid`` ``by`` nicer than this one (a smaller share of the cores), at most 19, never less nice
    than it is; nothing if it is gone or the system has no such thing (Windows). False if it must be asked again
    in :data:`AUTOGROUP_RETRY_S` s.

    Jupyter starts every kernel in a session of its own, and Linux (``sched_autogroup``, on by default in the
    common distributions) shares the cores between sessions first: a process's niceness weighs only against the
    processes of its own session. So the kernel's session, its *autogroup*, is made nicer too (where Linux has
    autogroups), ``by`` nicer than this one's session (:func:`session_niceness`). Linux lets a process without
    ``CAP_SYS_ADMIN`` change an autogroup's niceness once every 100 ms, machine-wide: hence the False."""
    if hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            target = min(19, os.getpriority(os.PRIO_PROCESS, 0) + by)
            if os.getpriority(os.PRIO_PROCESS, pid) < target:  # never raised back
                os.setpriority(os.PRIO_PROCESS, pid, target)
    mine, theirs = autogroup(), autogroup(pid)
    if theirs is None or (mine is not None and theirs[0] == mine[0]):
        return True  # no session of its own to lower, or ours
    target = min(19, (session_niceness() or 0) + by)
    if theirs[1] >= target:
        return True
    try:
        (PROC / str(pid) / "autogroup").write_text(str(target))
    except OSError as err:
        return err.errno != errno.EAGAIN  # gone, or not allowed: nothing more to do
    return True


def record_activity(manager: Any, kernel: Any, session: Any, msg_list: list[bytes]) -> None:
    """What jupyter_server records of a message a kernel publishes (``start_watching_activity``): the time of
    its last activity and, from status messages, its execution state. jupyter_server deserializes each message with
    jupyter_client's ``Session``, turning every date in it into a datetime with dateutil, about 0.5 ms a message in
    the classroom's server (py-spy and cProfile, thirty students at once; a move is four messages); this reads the
    two headers with ``json.loads``. The messages come from the kernel's own socket, and recording them decides
    only when an idle kernel is culled."""
    from jupyter_server._tz import utcnow

    _idents, parts = session.feed_identities(msg_list)
    header, parent = json.loads(parts[1]), json.loads(parts[2])
    msg_type, parent_type = header.get("msg_type"), parent.get("msg_type")
    if manager.track_message_type(msg_type) or manager.track_message_type(parent_type) \
            or kernel.execution_state == "busy":
        manager.last_kernel_activity = kernel.last_activity = utcnow()
    if msg_type == "status":
        state = json.loads(parts[4]).get("execution_state")
        if manager.track_message_type(parent_type):
            kernel.execution_state = state
        elif kernel.execution_state == "starting" and state != "starting":
            kernel.execution_state = "idle"


def counting_class(base: type) -> type:
    """``base`` (a multi-kernel manager) that counts students' kernels and kills a kernel that is shut down, at the
    lowest priority (:data:`LEAVING_NICE`), :data:`LEAVE_DELAY_S` s later."""

    from jupyter_server._tz import utcnow

    class CountingKernelManager(base):
        """Knows which kernels students took from a pool (Voila starts a kernel outside the pools only before
        a lesson's first pool kernel is warm; those few are not counted)."""

        def __init__(self, **kwargs: Any) -> None:
            self.students_ids: set[str] = set()
            self.leaving: dict[str, asyncio.Future] = {}  # kernels shut down, waiting for their end
            self.stopping = False
            super().__init__(**kwargs)

        async def shutdown_kernel(self, kernel_id: str, now: bool = False, restart: bool = False) -> Any:
            """A restart as jupyter_client does it; otherwise the kernel leaves the class now, at the lowest
            priority, and is killed :data:`LEAVE_DELAY_S` s later (a second shutdown meanwhile changes nothing)."""
            self.students_ids.discard(kernel_id)
            if restart:
                return await super().shutdown_kernel(kernel_id, now=now, restart=restart)
            if self.stopping:  # the server is stopping: nothing waits
                return await super().shutdown_kernel(kernel_id, now=True)
            if kernel_id in self.leaving:
                return None
            self._nicer(kernel_id, LEAVING_NICE)
            self.leaving[kernel_id] = asyncio.ensure_future(self._kill_later(kernel_id))
            return None

        async def _kill_later(self, kernel_id: str) -> None:
            try:
                await asyncio.sleep(LEAVE_DELAY_S)
                if kernel_id in self.list_kernel_ids():  # not ended meanwhile (the server stopping ends them all)
                    await super().shutdown_kernel(kernel_id, now=True)
            except Exception:  # the server goes on; the detail is logged
                self.log.exception("ending kernel %s failed", kernel_id)
            finally:
                self.leaving.pop(kernel_id, None)

        async def shutdown_all(self, now: bool = False) -> None:
            """Every kernel, those waiting to be killed too, ended now (Ctrl+C, SIGTERM)."""
            self.stopping = True
            for waiting in self.leaving.values():
                waiting.cancel()
            await super().shutdown_all(now=now)

        def _nicer(self, kernel_id: str, by: int, tries: int = AUTOGROUP_TRIES) -> None:
            pid = kernel_pid(self._kernels.get(kernel_id))
            if pid is not None and not lower_priority(pid, by) and tries > 1:
                asyncio.get_running_loop().call_later(AUTOGROUP_RETRY_S, self._nicer, kernel_id, by, tries - 1)

        def start_watching_activity(self, kernel_id: str) -> None:
            """jupyter_server's watch on a kernel's messages (its last activity, for the cull, and its execution
            state), reading each message's header and its parent's header as plain JSON (see
            :func:`record_activity`)."""
            kernel = self._kernels[kernel_id]
            kernel.reason = ""
            kernel.last_activity = utcnow()
            kernel._activity_stream = kernel.connect_iopub()
            kernel._activity_stream.on_recv(functools.partial(record_activity, self, kernel, kernel.session))

        def students_kernels(self) -> int:
            """Students' kernels running now."""
            running = set(self.list_kernel_ids())
            self.students_ids &= running
            return len(self.students_ids)

    return CountingKernelManager


def prompt_websocket(base: type) -> type:
    """``base`` (a kernel's websocket handler) sending each message at once (TCP_NODELAY).

    With Nagle's algorithm on (tornado's default after the upgrade), a message written while the previous one waits
    for its acknowledgement is held until that arrives, and the browser delays it by up to 40 ms: a move's redraw
    follows the kernel's busy status, and took 44 ms for one student alone instead of 5 ms (2026-12-01)."""

    class PromptKernelWebsocketHandler(base):
        async def open(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            self.set_nodelay(True)
            await super().open(*args, **kwargs)

    return PromptKernelWebsocketHandler


def _app_class() -> type:
    """:class:`ClassroomVoila`, built on first use (importing Voila takes a second)."""
    import tornado.web
    import voila.app as voila_app
    from jupyter_server._tz import utcnow
    from jupyter_server.services.kernels.handlers import KernelHandler
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    from traitlets import Dict, Int, Unicode
    from voila.tornado.contentshandler import VoilaContentsHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from migbook.static_cache import gzip_body, gzipped_static, remembered_static

    class ReadOnlyKernelHandler(KernelHandler):
        """A page may ask about its own kernel (by its unguessable id); nobody may delete one over HTTP."""

        def delete(self, kernel_id: str) -> None:
            raise tornado.web.HTTPError(403, "kernels are not deleted over HTTP in the classroom")

    class LiveLessonHandler(TornadoVoilaHandler):
        """``/live/NAME``: the lesson from its warm pool, or the "class is full" page at the cap."""

        async def get(self, name: str) -> None:  # type: ignore[override]
            app = self.settings["migbook_classroom"]
            if name not in app.pools:
                self.set_status(404)
                self.finish(message_page("No such lesson", f"There is no lesson called {name}. "
                                                           "The lessons are listed in the book."))
                return
            if app.students_kernels() >= app.max_kernels:
                self.log.warning("class full: %d students' kernels", app.students_kernels())
                self.set_status(503)
                self.set_header("Retry-After", "60")
                self.finish(message_page(FULL_TITLE, FULL_TEXT, refresh_s=60))
                return
            # The page's shutdown beacon (sent when its tab closes) carries the _xsrf cookie if there is one;
            # without it the beacon is refused and the kernel waits for the idle cull. Set it.
            self.xsrf_token  # noqa: B018 (the property sets the cookie)
            await super().get(path=f"{name}.ipynb")

    class LiveScriptsHandler(tornado.web.RequestHandler):
        """The vendored Vega bundle, the script that draws live charts and Voila's chunks (the classroom
        template loads all three), read once and sent gzipped where the browser takes it."""

        def initialize(self, scripts: dict[str, str]) -> None:
            self.scripts = scripts

        def get(self, name: str) -> None:
            text = self.scripts[name]
            self.set_header("Content-Type", "text/javascript; charset=UTF-8")
            # Asked again on every page and answered 304 while unchanged: a browser that kept the chunks of a
            # Voila since upgraded would register them for the new voila.js.
            self.set_header("Cache-Control", "no-cache")
            self.set_header("Etag", script_etag(text))
            self.set_header("Vary", "Accept-Encoding")
            if self.check_etag_header():  # (tornado checks by itself only the Etags it computes)
                self.set_status(304)
                self.finish()
                return
            gzip_body(self, text)

    class BookHandler(tornado.web.StaticFileHandler):
        """The built book; lesson pages get their "Open this lesson live" link."""

        rewritten = False

        def compute_etag(self) -> str | None:
            return None if self.rewritten else super().compute_etag()

        async def get(self, path: str, include_body: bool = True) -> None:
            if path.startswith("_sources"):  # the pages' source files: a lesson's code is not for students
                raise tornado.web.HTTPError(404)
            self.path = self.parse_url_path(path)
            absolute = self.get_absolute_path(self.root, self.path)
            valid = self.validate_absolute_path(self.root, absolute)
            if valid is None:  # redirected to add a slash
                return
            if valid.endswith(".html"):
                self.rewritten = True
                self.set_header("Content-Type", "text/html; charset=UTF-8")
                self.set_header("Cache-Control", "no-cache")
                text = Path(valid).read_text(encoding="utf-8")
                self.finish(rewrite_lesson_notes(text) if include_body else None)
                return
            await super().get(path, include_body)

    def manager_class(base: type) -> type:
        class ClassroomKernelManager(base):
            """Voila's pooling kernel manager, with pools sized per lesson, a cap on kernels warming up at
            once, and a kernel's idle clock restarted when a student takes it (so the cull gives its page
            the full time to connect)."""

            def __init__(self, **kwargs: Any) -> None:
                self._warming = asyncio.Semaphore(WARMING_AT_ONCE)
                super().__init__(**kwargs)

            async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs: Any) -> Any:
                async with self._warming:
                    content = await super()._initialize(notebook_path, kernel_id, **kwargs)
                    try:  # hold the slot until the lesson has run in the kernel
                        await asyncio.shield(content["task"])
                    except Exception:  # the student's page reports it; the pool goes on
                        self.log.exception("warming a kernel for %s failed", notebook_path)
                    return content

            async def get_rendered_notebook(self, notebook_name: str, *args: Any, **kwargs: Any) -> Any:
                result = await super().get_rendered_notebook(notebook_name, *args, **kwargs)
                self.students_ids.add(result[2])
                kernel = self._kernels.get(result[2])
                if kernel is not None:
                    kernel.last_activity = utcnow()
                return result

        return ClassroomKernelManager

    class ClassroomVoila(voila_app.Voila):
        book_dir = Unicode(config=True, help="the built book (_build/html)")
        max_kernels = Int(DEFAULT_STUDENTS, config=True, help="students' kernels allowed at once")
        pools = Dict(config=True, help="warm kernels to keep per lesson name")
        scripts = Dict(help="the live scripts by name (:func:`live_scripts`), read before the server listens")

        def students_kernels(self) -> int:
            return self.kernel_manager.students_kernels()

        def init_settings(self) -> dict:
            original = voila_app.voila_kernel_manager_factory

            def factory(base: type, *args: Any, **kwargs: Any) -> type:
                return manager_class(original(counting_class(base), *args, **kwargs))

            self.config.VoilaKernelManager.kernel_pools_config = {
                f"{name}.ipynb": {"pool_size": size} for name, size in self.pools.items()}
            self.config.VoilaKernelManager.fill_delay = float(REFILL_DELAY_S)
            voila_app.voila_kernel_manager_factory = factory
            self.scripts = live_scripts(self.static_paths, self.labextensions_path, warn=self.log.warning)
            try:
                settings = super().init_settings()
            finally:
                voila_app.voila_kernel_manager_factory = original
            settings["migbook_classroom"] = self
            return settings

        def init_handlers(self) -> list:
            dropped = (TornadoVoilaTreeHandler, VoilaContentsHandler, TornadoVoilaHandler)
            handlers = []
            render_options: dict[str, Any] = {}
            for handler in super().init_handlers():
                if handler[1] is TornadoVoilaHandler:
                    render_options = handler[2]
                if handler[1] in dropped:
                    continue
                if handler[1] is KernelHandler:
                    handler = (handler[0], ReadOnlyKernelHandler, *handler[2:])
                elif isinstance(handler[1], type) and issubclass(handler[1], KernelWebsocketHandler):
                    handler = (handler[0], prompt_websocket(handler[1]), *handler[2:])
                elif isinstance(handler[1], type) and issubclass(handler[1], tornado.web.StaticFileHandler):
                    # Voila's front end does not change while we serve: its answers are remembered too.
                    wrap = remembered_static if handler[0].startswith("/voila/") else gzipped_static
                    handler = (handler[0], wrap(handler[1]), *handler[2:])
                handlers.append(handler)
            handlers.append((LIVE_PATH + r"([A-Za-z0-9_-]+)/?", LiveLessonHandler, render_options))
            handlers.append((LIVE_SCRIPTS + f"({'|'.join(map(re.escape, LIVE_SCRIPT_NAMES))})", LiveScriptsHandler,
                             {"scripts": self.scripts}))
            handlers.append((r"/(.*)", gzipped_static(BookHandler),
                             {"path": self.book_dir, "default_filename": "index.html"}))
            return handlers

    return ClassroomVoila


def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return ip == "localhost"


def run_classroom(port: int = 8866, students: int = DEFAULT_STUDENTS, ip: str = LOCAL_IP,
                  today: Iterable[str] = (), max_kernels: int | None = None,
                  book_dir: Path | str | None = None) -> int:
    """Serve the book and every lesson live until Ctrl+C; return 0."""
    from migbook.build import check_port

    book_dir = Path(book_dir or BUILD_DIR / "html")
    if not (book_dir / "index.html").is_file():
        raise MigbookError(f"no built book in {book_dir}: run `migbook build` first")
    pools = pool_sizes(lessons.names(), students, today)
    cap = max_kernels if max_kernels is not None else default_max_kernels(students)
    if cap < 1:
        raise MigbookError(f"--max-kernels must be 1 or more, got {cap}")
    check_port(port)
    if not _is_loopback(ip):
        print(f"migbook: warning: serving on {ip}, not only this machine: anyone who can reach port {port} "
              "can open the book and start lessons (there is no login). Use this on a trusted lab network "
              "only; for accounts, see JupyterHub in book/instructors.md.", file=sys.stderr, flush=True)
    folder = prepare(BUILD_DIR / "classroom")
    print(f"classroom: http://{ip}:{port}/  (the book; lessons live at {LIVE_PATH}NAME)\n"
          f"  {sum(pools.values())} kernels warming for {len(pools)} lessons, at most {cap} students' kernels "
          "at once; Ctrl+C stops the server and every kernel", flush=True)
    serve(folder, book_dir, port=port, ip=ip, pools=pools, max_kernels=cap)
    return 0


def serve(folder: Path, book_dir: Path, port: int, ip: str, pools: dict[str, int], max_kernels: int,
          cell_timeout: int = CELL_TIMEOUT_S) -> None:
    """Serve the notebooks of ``folder`` live and ``book_dir`` at ``/`` until Ctrl+C or SIGTERM.

    ``pools`` maps a notebook's name (without ``.ipynb``) to its number of warm kernels.
    """
    from migbook.figures.live import CHARTS_VARIABLE
    from migbook.widget_messages import NO_ECHO

    for key, value in lessons.voila_environment().items():
        os.environ[key] = value
    os.environ.pop("MIGBOOK_MODE", None)
    os.environ[CHARTS_VARIABLE] = "browser"  # kernels send specs; the page draws them (no JS engine per kernel)
    os.environ.update(NO_ECHO)  # a kernel has one page: no echo of each move back to it (migbook.widget_messages)
    # A shell that starts a command in the background may leave SIGINT ignored; Ctrl+C must always stop us.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    _app_class().launch_instance(argv=voila_arguments(Path(folder), port, ip, cell_timeout),
                                 book_dir=str(book_dir), max_kernels=max_kernels, pools=pools)

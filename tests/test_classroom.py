"""`migbook classroom`: the book at / and every lesson live, from warm pools; closed tabs free their kernels, a cap
answers "the class is full", and nothing a student does runs code, reaches a file or another kernel, or shows a
traceback. Each claim is tried against a running server (HTTP, the kernel's websocket, and chromium)."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import jupytext
import psutil
import pytest

from migbook import classroom, lessons
from migbook.guard import FRIENDLY
from migbook.scaffold import FRONT_MATTER
from migbook.sphinxext import _with_live_note

LESSON = "01-stock-and-flow"
FREED_WITHIN_S = 60  # the bound for a closed tab's kernel
LOAD_TIMEOUT_MS = 90_000


# ------------------------------------------------------------------ no server needed

def test_pools_are_sized_from_the_class() -> None:
    names = lessons.names()
    assert classroom.pool_sizes(names, 30, today=[LESSON])[LESSON] == 30
    assert sum(classroom.pool_sizes(names, 30).values()) >= 30
    assert classroom.default_max_kernels(30) > 30
    with pytest.raises(Exception, match="no lesson named"):
        classroom.pool_sizes(names, 30, today=["99-nothing"])
    with pytest.raises(Exception, match="--students"):
        classroom.pool_sizes(names, 0)


@pytest.mark.parametrize("name", lessons.names())
def test_live_lesson_is_guarded_and_never_says_how_to_start_it(name: str, tmp_path: Path) -> None:
    nb = jupytext.read(lessons.notebook(name, out_dir=tmp_path))
    assert nb.cells[0].source == lessons.GUARD_SOURCE
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "`migbook lesson" not in text and "`migbook classroom" not in text


def test_lesson_pages_get_the_note_and_the_classroom_turns_it_into_a_link() -> None:
    body = '<section><h1>Lesson 1</h1><p>Text.</p></section>'
    static = _with_live_note("book/lessons/01-x", body)
    assert "migbook lesson 01-x" in static and "Open this lesson live" not in static
    assert _with_live_note("book/chapters/01-x", body) == body
    served = classroom.rewrite_lesson_notes(static)
    assert '<a href="/live/01-x">Open this lesson live</a>' in served and "migbook lesson" not in served


def _run(coroutine: object) -> object:
    """``asyncio.run`` in a thread of its own: another test may have left an event loop running in this one."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


class Autogroups:
    """The scheduling autogroups Linux shows in /proc: this machine's own, or (``root``) a folder standing for
    /proc as Linux shows it, so that the code for sessions is checked whatever this machine's Linux does: an
    autogroup for each session (``"sessions"``); ours in the root group, whose processes show an empty file while
    each new session still gets an autogroup (``"root group"``: a container's first process and its session, as on
    the CI machine); or none at all (``"none"``, ``CONFIG_SCHED_AUTOGROUP`` off, where niceness alone shares the
    cores)."""

    def __init__(self, root: Path | None = None, kind: str = "sessions") -> None:
        self.root, self.kind, self.sessions = root, kind, 0
        if root is not None:
            self._show("self", "" if kind == "root group" else self._new())

    def _new(self) -> str:
        self.sessions += 1
        return f"/autogroup-{self.sessions} nice 0\n"

    def _show(self, pid: int | str, line: str) -> None:
        assert self.root is not None
        if self.kind != "none":
            (self.root / str(pid)).mkdir()
            (self.root / str(pid) / "autogroup").write_text(line)

    @property
    def linux_has_them(self) -> bool:
        """Whether Linux has autogroups here: then every new session has one of its own."""
        return (classroom.PROC / "self" / "autogroup").exists()

    def new_session(self, pid: int) -> None:
        """Process ``pid`` was started in a session of its own (``start_new_session``)."""
        if self.root is not None:
            self._show(pid, self._new())

    def my_session(self, pid: int) -> None:
        """Process ``pid`` was started in this one's session."""
        if self.root is not None and self.kind != "none":
            self._show(pid, (self.root / "self" / "autogroup").read_text())


@pytest.fixture(params=["this machine's", "sessions", "root group", "none"])
def autogroups(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Autogroups:
    if request.param == "this machine's":
        return Autogroups()
    monkeypatch.setattr(classroom, "PROC", tmp_path)
    write_text = Path.write_text

    def write_as_linux(path: Path, data: str, *args: object, **kwargs: object) -> int:
        """A niceness written to a process's autogroup file is its session's, as Linux shows it when read."""
        if path.name == "autogroup" and path.parent.parent == tmp_path and data.strip().lstrip("-").isdigit():
            data = f"{path.read_text().split()[0]} nice {int(data)}\n"
        return write_text(path, data, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_as_linux)
    return Autogroups(tmp_path, request.param)


def _sleeper(autogroups: Autogroups, own_session: bool = True) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=own_session)
    (autogroups.new_session if own_session else autogroups.my_session)(process.pid)
    return process


def test_kernels_run_at_the_servers_priority_and_one_shut_down_is_killed_later_with_the_lowest_priority(
        autogroups: Autogroups, monkeypatch: pytest.MonkeyPatch) -> None:
    seen, started = [], []
    monkeypatch.setattr(classroom, "LEAVE_DELAY_S", 0.3)

    class Base:  # the part of jupyter_client's multi-kernel manager the classroom's manager builds on
        log = logging.getLogger("test")

        def __init__(self, **_: object) -> None:
            self._kernels: dict[str, object] = {}

        async def start_kernel(self, kernel_id: str = "k", **_: object) -> str:
            process = _sleeper(autogroups)  # in a session of its own, as jupyter_client starts every kernel
            started.append(process)
            self._kernels[kernel_id] = SimpleNamespace(provisioner=SimpleNamespace(process=process))
            return kernel_id

        async def restart_kernel(self, kernel_id: str) -> None:
            await self.start_kernel(kernel_id)

        async def shutdown_kernel(self, kernel_id: str, now: bool = False, restart: bool = False) -> None:
            seen.append((kernel_id, now, restart, psutil.Process(started[-1].pid).nice()))
            if not restart:
                del self._kernels[kernel_id]

        async def shutdown_all(self, now: bool = False) -> None:
            for kernel_id in list(self._kernels):
                await self.shutdown_kernel(kernel_id, now=now)

        def list_kernel_ids(self) -> list[str]:
            return list(self._kernels)

    manager = classroom.counting_class(Base)()
    mine, served, group = psutil.Process().nice(), classroom.session_niceness(), classroom.autogroup()

    def group_nice() -> int | None:
        """The niceness of the kernel's own session, None where Linux has no autogroups."""
        theirs = classroom.autogroup(started[-1].pid)
        assert (theirs is not None) == autogroups.linux_has_them, "a new session has an autogroup where Linux has them"
        if theirs is None:
            return None
        assert group is None or theirs[0] != group[0], "the kernel leads a session of its own"
        return theirs[1]

    async def lesson() -> None:
        assert await manager.start_kernel() == "k"
        session = served if autogroups.linux_has_them else None
        assert psutil.Process(started[-1].pid).nice() == mine and group_nice() == session
        await manager.restart_kernel("k")
        assert psutil.Process(started[-1].pid).nice() == mine and group_nice() == session
        await manager.shutdown_kernel("k", restart=True)
        assert seen.pop()[1:3] == (False, True), "a restart keeps jupyter_client's polite shutdown"
        manager.students_ids.add("k")
        await manager.shutdown_kernel("k")
        assert manager.students_kernels() == 0, "a leaving student's kernel no longer counts"
        assert not seen and psutil.Process(started[-1].pid).nice() == 19, "given the lowest priority, not yet ended"
        assert group_nice() == (19 if autogroups.linux_has_them else None), "its session too (sched_autogroup)"
        await manager.shutdown_kernel("k")  # the cull, say, before it ends: nothing more
        await asyncio.sleep(classroom.LEAVE_DELAY_S + 0.2)
        assert seen == [("k", True, False, 19)], "killed once, LEAVE_DELAY_S later"
        assert not manager.leaving
        # The server stopping while a kernel waits to be killed: it is ended now, and once.
        await manager.start_kernel("j")
        await manager.shutdown_kernel("j")
        await manager.shutdown_all()
        assert [call[0] for call in seen[1:]] == ["j"] and not manager.list_kernel_ids()
        await asyncio.sleep(classroom.LEAVE_DELAY_S + 0.2)
        assert len(seen) == 2, "ended once"
        await manager.start_kernel("i")
        await manager.shutdown_kernel("i")
        assert seen[2:] == [("i", True, False, mine)], "while stopping, a shutdown kills at once"

    try:
        _run(lesson())
    finally:
        for process in started:
            process.kill()
            process.wait()
    assert classroom.kernel_pid(SimpleNamespace()) is None


def test_an_autogroup_niceness_refused_for_now_is_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without CAP_SYS_ADMIN, Linux changes an autogroup's niceness once per 100 ms machine-wide (EAGAIN)."""
    asked: list[tuple[int, int]] = []

    def lower_priority(pid: int, by: int) -> bool:
        asked.append((pid, by))
        return len(asked) >= 3

    monkeypatch.setattr(classroom, "lower_priority", lower_priority)
    monkeypatch.setattr(classroom, "AUTOGROUP_RETRY_S", 0.01)

    class Base:
        def __init__(self, **_: object) -> None:
            self._kernels = {"k": SimpleNamespace(provisioner=SimpleNamespace(process=SimpleNamespace(pid=42)))}

    manager = classroom.counting_class(Base)()

    async def lesson() -> None:
        manager._nicer("k", 7)
        await asyncio.sleep(0.2)
        assert asked == [(42, 7)] * 3, "asked again until it took"
        asked.clear()
        manager._nicer("k", 7, tries=2)
        await asyncio.sleep(0.2)
        assert len(asked) == 2, "and not for ever"
        asked.clear()
        del manager._kernels["k"]
        manager._nicer("k", 7)
        assert not asked, "a kernel gone meanwhile is left alone"

    _run(lesson())


def test_lowering_a_process_lowers_it_and_its_session_never_raises_them_and_leaves_ours_alone(
        autogroups: Autogroups, monkeypatch: pytest.MonkeyPatch) -> None:
    mine, group = psutil.Process().nice(), classroom.autogroup()
    process, neighbour = _sleeper(autogroups), _sleeper(autogroups, own_session=False)
    try:
        assert classroom.lower_priority(process.pid, 3)
        assert psutil.Process(process.pid).nice() == min(19, mine + 3)
        theirs = classroom.autogroup(process.pid)
        if not autogroups.linux_has_them:  # niceness alone shares the cores
            assert theirs is None
        else:
            assert theirs is not None and theirs[1] == min(19, classroom.session_niceness() + 3), \
                "its session made nicer too, than ours (our autogroup's, or where we are in the root group, our own)"
        assert classroom.lower_priority(process.pid, 1), "never raised back"
        assert psutil.Process(process.pid).nice() == min(19, mine + 3)
        assert classroom.autogroup(process.pid) == theirs

        assert classroom.lower_priority(neighbour.pid, 5)
        assert psutil.Process(neighbour.pid).nice() == min(19, mine + 5)
        assert classroom.autogroup() == classroom.autogroup(neighbour.pid) == group, \
            "a process of our own session: our session left alone"

        def refusing(error: OSError) -> Callable[..., None]:
            def write_text(*_args: object, **_kwargs: object) -> None:
                raise error
            return write_text

        monkeypatch.setattr(Path, "write_text", refusing(OSError(errno.EAGAIN, "Resource temporarily unavailable")))
        assert classroom.lower_priority(process.pid, 9) is (theirs is None), \
            "refused for now: to be asked again (nothing to ask where there are no autogroups)"
        monkeypatch.setattr(Path, "write_text", refusing(PermissionError()))
        assert classroom.lower_priority(process.pid, 9), "not allowed: nothing more to do"
    finally:
        for each in (process, neighbour):
            each.kill()
            each.wait()
    assert classroom.lower_priority(process.pid, 3), "gone: nothing to do"


def test_kernel_websockets_send_each_message_at_once() -> None:
    calls = []

    class Base:  # a kernel's websocket handler
        def set_nodelay(self, value: bool) -> None:
            calls.append(("nodelay", value))

        async def open(self, kernel_id: str) -> None:
            calls.append(("open", kernel_id))

    _run(classroom.prompt_websocket(Base)().open("k"))
    assert calls == [("nodelay", True), ("open", "k")]


def test_the_classroom_serves_kernels_through_its_own_handlers(tmp_path: Path) -> None:
    """The app Voila builds routes each kernel's websocket through the prompt handler, its model through the
    read-only one, and has no notebook tree or contents API (the app is set up, not started: no kernel runs)."""
    from jupyter_server.services.kernels.handlers import KernelHandler
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    app = classroom._app_class()(book_dir=str(tmp_path), max_kernels=2, pools={})
    app.initialize(classroom.voila_arguments(tmp_path, 8899, "127.0.0.1"))
    app.init_settings()
    routes = {pattern: handler for pattern, handler, *_ in app.init_handlers()}

    sockets = [h for h in routes.values() if isinstance(h, type) and issubclass(h, KernelWebsocketHandler)]
    assert sockets and all(h.__name__ == "PromptKernelWebsocketHandler" for h in sockets)
    models = [h for h in routes.values() if isinstance(h, type) and issubclass(h, KernelHandler)]
    assert [h.__name__ for h in models] == ["ReadOnlyKernelHandler"]
    assert not [p for p in routes if p.startswith(("/voila/tree", "/voila/render", "/voila/api/contents"))]
    assert routes["/(.*)"].__name__ == "GzippedBookHandler"  # the book, not Voila's notebook renderer
    assert any(p.startswith(classroom.LIVE_PATH) for p in routes)
    [scripts] = [p for p in routes if p.startswith(classroom.LIVE_SCRIPTS)]
    assert all(re.fullmatch(scripts, classroom.LIVE_SCRIPTS + name) for name in classroom.LIVE_SCRIPT_NAMES)


def test_the_live_scripts_are_read_and_gzipped_before_the_server_listens(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The first page to ask for the Vega bundle must not stop the server while vl-convert hands it out; nor the
    first to ask for Voila's chunks while they are read and joined."""
    from migbook import sphinxext, static_cache

    calls: list[int] = []
    monkeypatch.setattr(sphinxext, "vega_bundle", lambda: calls.append(1) or "/* the bundle */")
    joined: list[int] = []
    real_chunks = classroom.voila_chunks
    monkeypatch.setattr(classroom, "voila_chunks", lambda *a, **k: joined.append(1) or real_chunks(*a, **k))
    classroom.live_script.cache_clear()
    static_cache.compressed_text.cache_clear()
    try:
        app = classroom._app_class()(book_dir=str(tmp_path), max_kernels=2, pools={})
        app.initialize(classroom.voila_arguments(tmp_path, 8899, "127.0.0.1"))
        app.init_settings()  # (what Voila does before it listens)
        assert calls == [1] and joined == [1]
        assert set(app.scripts) == set(classroom.LIVE_SCRIPT_NAMES)
        assert "webpackChunk" in app.scripts[classroom.CHUNKS]
        assert static_cache.compressed_text.cache_info().currsize == len(classroom.LIVE_SCRIPT_NAMES)
        routes = {pattern: (handler, *rest) for pattern, handler, *rest in app.init_handlers()}
        [(_handler, options)] = [r for p, r in routes.items() if p.startswith(classroom.LIVE_SCRIPTS)]
        assert options["scripts"] is app.scripts  # what the handler serves: nothing read or joined again
        for text in app.scripts.values():  # served from memory: nothing compressed again
            static_cache.compressed_text(text)
        assert calls == [1] and joined == [1]
        assert static_cache.compressed_text.cache_info().misses == len(classroom.LIVE_SCRIPT_NAMES)
    finally:
        classroom.live_script.cache_clear()
        static_cache.compressed_text.cache_clear()


def _chunk_roots(tmp_path: Path) -> tuple[list[str], list[str], Path]:
    """Two static folders and a labextensions folder, as Voila searches them, and a list of three chunks."""
    first, second, labext = tmp_path / "static1", tmp_path / "static2", tmp_path / "labextensions"
    (labext / "@w" / "manager" / "static").mkdir(parents=True)
    first.mkdir()
    second.mkdir()
    (first / "1.voila.js").write_text('(self.webpackChunk_A=self.webpackChunk_A||[]).push([[1],{}]);\n'
                                      "//# sourceMappingURL=1.voila.js.map")
    (second / "1.voila.js").write_text("/* shadowed by the first folder */")
    (second / "2.voila.js").write_text("(self.webpackChunk_A=self.webpackChunk_A||[]).push([[2],{}]);")
    (labext / "@w" / "manager" / "static" / "7.ab.js").write_text('(self["webpackChunk@w/manager"]||[]).push([[7]])')
    (tmp_path / "outside.js").write_text("/* not Voila's */")
    listing = tmp_path / "voila-chunks.txt"
    listing.write_text("# what the page loads\n/voila/static/1.voila.js\n\n/voila/static/2.voila.js\n"
                       "/voila/labextensions/@w/manager/static/7.ab.js\n")
    return [str(first), str(second)], [str(labext)], listing


def test_voila_chunks_are_joined_from_where_voila_serves_them(tmp_path: Path) -> None:
    statics, labexts, listing = _chunk_roots(tmp_path)
    assert classroom.chunk_urls(listing) == ["/voila/static/1.voila.js", "/voila/static/2.voila.js",
                                             "/voila/labextensions/@w/manager/static/7.ab.js"]
    joined = classroom.voila_chunks(statics, labexts, listing)
    assert joined.index("push([[1]") < joined.index("push([[2]") < joined.index("push([[7]]")
    assert "shadowed" not in joined, "the first folder holding a file wins, as in Voila's handler"
    assert "sourceMappingURL" not in joined
    assert "/* /voila/static/2.voila.js */" in joined


@pytest.mark.parametrize("url", ["/voila/static/3.voila.js", "/voila/static/../outside.js", "/elsewhere/1.voila.js"])
def test_a_chunk_voila_does_not_serve_is_left_out_with_a_warning(tmp_path: Path, url: str) -> None:
    """A list older than Voila leaves out what Voila no longer has (the page asks for it itself), and says so;
    nothing outside Voila's folders is read."""
    statics, labexts, listing = _chunk_roots(tmp_path)
    listing.write_text(f"/voila/static/2.voila.js\n{url}\n")
    warnings: list[str] = []
    joined = classroom.voila_chunks(statics, labexts, listing, warn=warnings.append)
    assert "push([[2]" in joined and url not in joined and "not Voila's" not in joined
    assert len(warnings) == 1 and url in warnings[0] and "record the list" in warnings[0]


def test_the_listed_chunks_are_the_installed_voila_s() -> None:
    """Every chunk in voila-chunks.txt is one the installed Voila serves (else the classroom warns, and its pages
    ask for that chunk one by one)."""
    from voila.paths import collect_static_paths
    from voila.utils import get_voila_labextensions_path

    urls = classroom.chunk_urls()
    assert len(urls) > 50 and all(u.endswith(".js") for u in urls)
    warnings: list[str] = []
    joined = classroom.voila_chunks(collect_static_paths(["voila", "nbconvert"], "lab"),
                                    get_voila_labextensions_path(), warn=warnings.append)
    assert not warnings, "record voila-chunks.txt again (see its notes)"
    assert joined.count("webpackChunk") >= len(urls)


def test_activity_is_recorded_as_jupyter_server_records_it() -> None:
    """The classroom's cheaper watch on kernel messages gives the same last activity and execution state."""
    from jupyter_client.session import Session
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    session = Session(key=b"secret")

    class Stream:
        def on_recv(self, callback: object) -> None:
            self.callback = callback

    class Kernel:
        def __init__(self) -> None:
            self.session, self.execution_state, self.last_activity = session, "starting", None

        def connect_iopub(self) -> Stream:
            self.stream = Stream()
            return self.stream

    class Base:
        untracked_message_types = MappingKernelManager().untracked_message_types
        track_message_type = MappingKernelManager.track_message_type

        def __init__(self, **_: object) -> None:
            self._kernels = {"k": Kernel()}
            self.log = SimpleNamespace(debug=lambda *a: None)

    theirs, ours = Base(), classroom.counting_class(Base)()
    MappingKernelManager.start_watching_activity(theirs, "k")
    ours.start_watching_activity("k")
    requests = {kind: session.msg(kind, {}) for kind in ("execute_request", "comm_msg", "kernel_info_request")}
    sent = [("status", {"execution_state": "starting"}, None),
            ("status", {"execution_state": "idle"}, "kernel_info_request"),
            ("status", {"execution_state": "busy"}, "comm_msg"), ("comm_msg", {"data": {}}, "comm_msg"),
            ("status", {"execution_state": "idle"}, "comm_msg"),
            ("status", {"execution_state": "busy"}, "kernel_info_request"),
            ("status", {"execution_state": "busy"}, "execute_request"), ("stream", {"text": "x"}, "execute_request"),
            ("stream", {"text": "y"}, "kernel_info_request"),  # untracked, but the kernel is busy: activity
            ("status", {"execution_state": "idle"}, "execute_request"), ("comm_open", {}, None),
            ("stream", {"text": "z"}, "kernel_info_request")]  # untracked and idle: no activity
    seen = {"theirs": [], "ours": []}
    for kind, content, parent in sent:
        message = session.msg(kind, content, parent=requests.get(parent))
        frames = [b"kernel.k." + kind.encode(), *session.serialize(message)]
        for name, manager in (("theirs", theirs), ("ours", ours)):
            kernel = manager._kernels["k"]
            kernel.last_activity = None
            kernel.stream.callback(frames)
            seen[name].append((kind, parent, kernel.execution_state, kernel.last_activity is not None))
    assert seen["ours"] == seen["theirs"]
    assert {state for *_, state, _ in seen["ours"]} >= {"idle", "busy"}, "the sequence exercises both states"


# ------------------------------------------------------------------ a running classroom

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the classroom exited early:\n{process.stdout.read()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    pytest.fail(f"the classroom did not listen on port {port} within {timeout_s} s")


class Server:
    def __init__(self, process: subprocess.Popen, port: int, log: Path) -> None:
        self.process, self.port, self.log = process, port, log
        self.url = f"http://127.0.0.1:{port}"

    def get(self, path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, str, dict]:
        request = urllib.request.Request(self.url + path, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace"), dict(err.headers)

    def kernels(self) -> dict[str, psutil.Process]:
        """The server's kernel processes, by kernel id."""
        out = {}
        for child in psutil.Process(self.process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                found = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(child.cmdline()))
                if found:
                    out[found.group(1)] = child
        return out

    def wait_for_log(self, text: str, within_s: float = 300) -> None:
        deadline = time.monotonic() + within_s
        while text not in self.log.read_text():
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"the server never logged {text!r}")
            time.sleep(1)

    def wait_gone(self, kernel_id: str, within_s: float = FREED_WITHIN_S) -> float:
        start = time.monotonic()
        while kernel_id in self.kernels():
            if time.monotonic() - start > within_s:
                pytest.fail(f"kernel {kernel_id} still running {within_s} s later")
            time.sleep(1)
        return time.monotonic() - start


@contextlib.contextmanager
def running(command: list[str], port: int) -> Iterator[Server]:
    log = Path(tempfile.mkstemp(prefix="classroom-", suffix=".log")[1])
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True)
    process.stdout = log.open()  # for wait_for_port's message
    server = Server(process, port, log)
    try:
        wait_for_port(port, process)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def kernel_id_of(page: str) -> str:
    found = re.search(r'"kernelId": "([0-9a-f-]{36})"', page)
    assert found, "the lesson page names its kernel"
    return found.group(1)


@pytest.fixture(scope="module")
def server(built_book: Path) -> Iterator[Server]:
    """`migbook classroom` as an instructor starts it, for a class of one (a cap of two kernels)."""
    port = free_port()
    command = [sys.executable, "-m", "migbook.cli", "classroom", "--port", str(port), "--students", "1",
               "--today", LESSON, "--max-kernels", "2", "--book", str(built_book)]
    with running(command, port) as srv:
        srv.wait_for_log(f"Kernel pool of {LESSON}.ipynb is filled")  # the instructor starts before the class
        yield srv


@pytest.mark.voila
@pytest.mark.random_order(disabled=True)
class TestClassroom:
    def test_book_at_root_and_every_lesson_page_links_to_its_live_version(self, server: Server,
                                                                         built_book: Path) -> None:
        status, page, _ = server.get("/")
        assert status == 200 and "book/intro.html" in page  # the book's own index, which opens its first page
        status, page, _ = server.get("/book/intro.html")
        assert status == 200 and "<html" in page
        for name in lessons.names():
            static = (built_book / "book" / "lessons" / f"{name}.html").read_text()
            assert f"<code>migbook lesson {name}</code>" in static and "Open this lesson live" not in static
            status, page, _ = server.get(f"/book/lessons/{name}.html")
            assert status == 200
            assert f'<a href="/live/{name}">Open this lesson live</a>' in page, name
            assert f"<code>migbook lesson {name}</code>" not in page, "the note became the link"
        status, page, _ = server.get("/live/99-no-such-lesson")
        assert status == 404 and "Traceback" not in page

    @pytest.mark.browser
    def test_a_student_opens_a_lesson_from_the_book_and_a_closed_tab_frees_its_kernel(
            self, server: Server, watched: object) -> None:
        page = watched.page
        asked: list[str] = []
        page.on("request", lambda request: asked.append(urllib.parse.urlsplit(request.url).path))
        page.goto(f"{server.url}/book/lessons/{LESSON}.html")
        page.get_by_role("link", name=re.compile("^Open this lesson live")).click()
        start = time.monotonic()
        page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
        first_chart_s = time.monotonic() - start
        body = page.inner_text("body")
        assert "migbook lesson" not in body and "Traceback" not in body
        box = page.locator(".migbook-live").first
        chart = box.locator(".widget-html-content:has(svg)").first
        drawn = box.locator(".migbook-vl[data-drawn=true]").first.element_handle()
        # The summary's container, not its <p>: each redraw replaces the <p>.
        status = box.locator(".widget-html-content:has(> .migbook-status)").first
        before, said = chart.inner_html(), status.inner_text().strip()
        assert drawn.get_attribute("aria-label") == said, "the chart's description is the spoken sentence"
        handle = box.locator(".noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("([el, old]) => el.innerHTML !== old", arg=[chart.element_handle(), before],
                               timeout=15_000)
        # The move sent only the new run's data: the chart drawn at first was updated in place, not re-embedded,
        # and the sentence (on the chart and under it) follows the new setting.
        box.locator(".migbook-vl-update[data-drawn=true]").wait_for(state="attached", timeout=15_000)
        page.wait_for_function("([el, old]) => el.innerText !== old", arg=[status.element_handle(), said],
                               timeout=15_000)
        now = status.inner_text().strip()
        assert drawn.evaluate("el => el.isConnected") and drawn.get_attribute("aria-label") == now
        inflow = box.locator(".noUi-handle").first.get_attribute("aria-valuenow")
        assert f"With {int(float(inflow)):,} thousand arrivals a year" in now, (inflow, now)
        kernel = kernel_id_of(page.content())
        assert kernel in server.kernels()
        assert not watched.external, f"requests to non-local hosts: {watched.external}"
        assert not watched.errors, f"console errors: {watched.errors}"
        # Voila's front end came as voila.js and the joined chunks, each asked for once: no chunk one by one.
        one_by_one = [p for p in asked if re.search(r"/static/[0-9]+\.([0-9a-f]+\.)?(voila\.)?js$", p)]
        assert not one_by_one, f"chunks not in {classroom.CHUNK_LIST.name} (record it again): {one_by_one}"
        assert asked.count(classroom.LIVE_SCRIPTS + classroom.CHUNKS) == 1
        assert len([p for p in asked if p.endswith("/voila.js")]) == 1
        page.goto(f"{server.url}/")  # leaving the lesson sends its shutdown beacon, as closing the tab does
        freed_s = server.wait_gone(kernel)
        print(f"first chart {first_chart_s:.1f} s (warm pool); kernel freed {freed_s:.0f} s after leaving")

        # A tab closed without its beacon (a crash, a lost network): the idle cull frees it.
        lesson = watched.context.new_page()
        lesson.goto(f"{server.url}/live/{LESSON}", timeout=LOAD_TIMEOUT_MS)
        lesson.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
        kernel = kernel_id_of(lesson.content())
        lesson.close(run_before_unload=False)
        server.wait_gone(kernel)

    def test_pages_that_never_connect_are_freed_and_the_cap_shows_class_full(self, server: Server) -> None:
        taken = []
        for _ in range(2):
            status, page, _ = server.get(f"/live/{LESSON}")
            assert status == 200
            taken.append(kernel_id_of(page))
        status, page, headers = server.get(f"/live/{LESSON}")
        assert status == 503 and "The class is full" in page and "try again in a minute" in page
        assert headers.get("Retry-After") == "60" and "Traceback" not in page
        for kernel in taken:
            server.wait_gone(kernel)
        status, page, _ = server.get(f"/live/{LESSON}")
        assert status == 200, "a place frees up once the unconnected kernels are gone"
        server.wait_gone(kernel_id_of(page))

    def test_execute_requests_from_the_page_are_refused(self, server: Server) -> None:
        import websocket

        status, page, _ = server.get(f"/live/{LESSON}")
        assert status == 200
        kernel = kernel_id_of(page)
        marker = Path(tempfile.gettempdir()) / f"migbook-pwned-{uuid.uuid4().hex}"
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{server.port}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}",
            timeout=5)
        try:
            def send(msg_type: str, content: dict) -> str:
                msg_id = uuid.uuid4().hex
                ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": msg_type, "username": "s",
                                               "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                                    "parent_header": {}, "metadata": {}, "content": content,
                                    "channel": "shell", "buffers": []}))
                return msg_id

            def replies_to(msg_id: str, wait_s: float) -> list[dict]:
                out, deadline = [], time.monotonic() + wait_s
                while time.monotonic() < deadline:
                    try:
                        msg = json.loads(ws.recv())
                    except websocket.WebSocketTimeoutException:
                        continue
                    if msg.get("parent_header", {}).get("msg_id") == msg_id:
                        out.append(msg)
                return out

            execute = send("execute_request", {"code": f"open({str(marker)!r}, 'w').write('x')", "silent": False,
                                               "store_history": False, "user_expressions": {},
                                               "allow_stdin": False, "stop_on_error": True})
            assert replies_to(execute, 5) == [], "the kernel never sees an execute request"
            info = send("kernel_info_request", {})
            assert any(m["msg_type"] == "kernel_info_reply" for m in replies_to(info, 10)), \
                "the channel itself works (so the refusal above is the filter, not a dead socket)"
            assert not marker.exists()
        finally:
            ws.close()
        server.wait_gone(kernel)

    def test_a_move_redraws_the_chart_with_no_echo_and_the_scripts_come_gzipped(self, server: Server) -> None:
        """A kernel has one page: a control's move comes back as the chart's update, not also as an echo of the
        move (``JUPYTER_WIDGETS_ECHO=0``), and the page's scripts are sent gzipped to a browser that takes it."""
        import gzip

        import websocket

        status, page, _ = server.get(f"/live/{LESSON}")
        assert status == 200
        kernel = kernel_id_of(page)
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{server.port}/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}",
            timeout=30)
        try:
            def send(msg_type: str, content: dict, metadata: dict | None = None) -> str:
                msg_id = uuid.uuid4().hex
                ws.send(json.dumps({"header": {"msg_id": msg_id, "msg_type": msg_type, "username": "s",
                                               "session": uuid.uuid4().hex, "version": "5.3", "date": ""},
                                    "parent_header": {}, "metadata": metadata or {}, "content": content,
                                    "channel": "shell", "buffers": []}))
                return msg_id

            def until_idle(msg_id: str) -> list[dict]:
                out, deadline = [], time.monotonic() + 60
                while time.monotonic() < deadline:
                    msg = json.loads(ws.recv())
                    if msg.get("parent_header", {}).get("msg_id") == msg_id:
                        out.append(msg)
                        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                            return out
                pytest.fail("the kernel never finished the message")

            control = uuid.uuid4().hex
            send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                 metadata={"version": "1.0.0"})
            asked = until_idle(send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}))
            states = next(m["content"]["data"]["states"] for m in asked if m["msg_type"] == "comm_msg")
            slider = next(model for model, entry in states.items() if entry["model_name"] == "IntSliderModel")
            value, top = states[slider]["state"]["value"], states[slider]["state"]["max"]
            moved = until_idle(send("comm_msg", {"comm_id": slider, "data": {
                "method": "update", "state": {"value": value + 1 if value < top else value - 1},
                "buffer_paths": []}}))
            methods = [m["content"]["data"]["method"] for m in moved if m["msg_type"] == "comm_msg"]
            redrawn = [m for m in moved if m["msg_type"] == "comm_msg"
                       and "migbook-vl" in str(m["content"]["data"].get("state", {}).get("value", ""))]
            assert redrawn, f"the move redrew no chart: {methods}"
            assert "echo_update" not in methods, "the kernel echoed the move back to its only page"
        finally:
            ws.close()
        script = re.search(r'src="(/voila/static/voila\.js[^"]*)"', page)
        assert script, "the lesson page loads Voila's script"
        request = urllib.request.Request(server.url + script.group(1), headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert b"webpack" in gzip.decompress(response.read())
        # Voila's chunks, joined: gzipped, and asked again on every page (never kept stale past an upgrade),
        # answered 304 while unchanged.
        chunks = server.url + classroom.LIVE_SCRIPTS + classroom.CHUNKS
        with urllib.request.urlopen(urllib.request.Request(chunks, headers={"Accept-Encoding": "gzip"}),
                                    timeout=60) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "no-cache"
            etag = response.headers["Etag"]
            assert etag and b"webpackChunk" in gzip.decompress(response.read())
        status, _, _ = server.get(classroom.LIVE_SCRIPTS + classroom.CHUNKS, headers={"If-None-Match": etag})
        assert status == 304
        status, _, headers = server.get(classroom.LIVE_SCRIPTS + "vega-bundle.js", headers={"If-None-Match": etag})
        assert status == 200 and headers["Etag"] != etag
        server.wait_gone(kernel)

    def test_kernels_run_at_the_servers_priority(self, server: Server) -> None:
        kernels = server.kernels()
        assert kernels, "the pool's kernels are running"
        served = psutil.Process(server.process.pid).nice()
        assert {kernel.nice() for kernel in kernels.values()} == {served}
        served_session = classroom.session_niceness(server.process.pid)
        assert {classroom.session_niceness(kernel.pid) for kernel in kernels.values()} == {served_session}, \
            "and their sessions (sched_autogroup) weigh as the server's"

    def test_no_source_no_files_no_other_kernels(self, server: Server) -> None:
        _, page, _ = server.get(f"/live/{LESSON}")
        kernel = kernel_id_of(page)
        source_marker = "questions.numeric("  # in the lesson's code, never in its rendered page
        assert source_marker not in page
        for path in (f"/{LESSON}.ipynb", f"/live/{LESSON}.ipynb", f"/voila/files/{LESSON}.ipynb",
                     f"/voila/render/{LESSON}.ipynb", f"/voila/api/contents/{LESSON}.ipynb", "/voila/tree",
                     "/voila/api/contents", "/api/contents", "/api/kernels", "/api/sessions", "/api/kernelspecs",
                     "/voila/files/../../../../etc/passwd", "/../../../../etc/passwd", "/..%2f..%2f..%2fetc/passwd",
                     "/voila/static/../../../../../etc/passwd", "/_sources/book/lessons/01-stock-and-flow.md"):
            status, body, _ = server.get(path)
            assert status != 200 or (source_marker not in body and "root:" not in body and "nbformat" not in body), \
                f"{path} answered {status} with a source or a file"
        token = "2|00000000|61626364|1"  # a well-formed XSRF token (tornado's version 2), the same in both places
        xsrf = {"Cookie": f"_xsrf={token}", "X-XSRFToken": token}
        status, _, _ = server.get(f"/api/kernels/{kernel}", method="DELETE", headers=xsrf)
        assert status in (403, 404, 405)
        assert kernel in server.kernels(), "no student can kill a kernel over HTTP"
        server.wait_gone(kernel)

    def test_ctrl_c_stops_the_server_and_every_kernel(self, server: Server) -> None:
        kernels = list(server.kernels().values())
        assert kernels, "the pools are warm"
        server.process.send_signal(signal.SIGINT)
        server.process.wait(timeout=60)
        time.sleep(2)
        assert not [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]


# ------------------------------------------------------------------ errors, in cells and in widget callbacks

BROKEN = FRONT_MATTER + """
# A lesson that goes wrong

```{code-cell} ipython3
raise ValueError("cell-secret-detail")
```

```{code-cell} ipython3
import ipywidgets as w

out = w.Output()
button = w.Button(description="Break it")

def boom(_):
    with out:
        raise RuntimeError("callback-secret-detail")

button.on_click(boom)
w.VBox([button, out])
```

```{code-cell} ipython3
import time
time.sleep(600)
```

```{code-cell} ipython3
print("after the slow cell")
```
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A classroom serving a lesson whose cells fail, time out, and whose widget callback raises."""
    folder, book = tmp_path_factory.mktemp("broken"), tmp_path_factory.mktemp("book")
    (book / "index.html").write_text("<!DOCTYPE html><title>book</title>")
    nb = lessons.live_notebook(jupytext.reads(BROKEN, fmt="md:myst"))
    jupytext.write(nb, folder / "broken.ipynb")
    port = free_port()
    code = ("from migbook.classroom import serve; "
            f"serve({str(folder)!r}, {str(book)!r}, port={port}, ip='127.0.0.1', pools={{'broken': 1}}, "
            "max_kernels=3, cell_timeout=5)")
    with running([sys.executable, "-c", code], port) as srv:
        yield srv


@pytest.mark.voila
@pytest.mark.browser
def test_errors_show_one_friendly_line_and_the_detail_goes_to_the_log(broken: Server, watched: object) -> None:
    page = watched.page
    page.goto(f"{broken.url}/live/broken", timeout=LOAD_TIMEOUT_MS)
    page.get_by_text("after the slow cell").wait_for(timeout=LOAD_TIMEOUT_MS)  # the page finished: no hang
    page.get_by_role("button", name="Break it").click()
    page.get_by_text(FRIENDLY).last.wait_for(timeout=15_000)
    body = page.inner_text("body")
    for leak in ("Traceback", "cell-secret-detail", "callback-secret-detail", "ValueError", "RuntimeError",
                 "--show_tracebacks", "Executing"):
        assert leak not in body, f"the page shows {leak!r}"
    assert body.count(FRIENDLY) >= 2, "the cell and the callback each say one friendly line"
    time.sleep(1)
    log = broken.log.read_text()
    assert "callback-secret-detail" in log and "cell-secret-detail" in log, "the detail is in the server's log"
    assert "Timeout waiting for execute reply (5s)" in log, "the slow cell was stopped at the time-out"

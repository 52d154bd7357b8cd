"""Pre-warmed kernels for the book's build: each page's kernel forked from a process that has imported once.

Every page of the book runs its notebook in a fresh kernel, and a fresh kernel spends most of its short life
starting Python and importing: ipykernel and IPython, then Altair, pandas and the package (``migbook.explorers``):
on the shared two-core box under load 7, the smallest pages took about 5 s with plain kernels, 1.3 to 3 s with
forked ones, and a clean build's CPU time fell from 112 s to 93 s (both builds side by side). Here one
*fork server*, started once per build, imports all that and then forks a kernel for each page: the child
becomes the page's kernel (its own connection file, working folder, environment and standard streams) with
nothing imported twice. Nothing is shared between pages but imported, unexecuted code: every page still runs
all its cells in a kernel of its own, and the server lives only as long as the build (a changed module is
imported afresh by the next build).

How it plugs in: the kernel command of the ``python3`` kernel (``python -m ipykernel_launcher -f CONN``) becomes
``python -m migbook.warm_kernels launch SOCKET -f CONN``, a small launcher that hands the request and its
standard streams to the server, forwards interrupts, and exits with the kernel's status, so Jupyter's kernel
manager sees an ordinary kernel process. ``MIGBOOK_WARM_KERNELS=0`` turns it off.

When it starts: as Sphinx begins reading, if two or more pages with code will be read (a server costs what one
kernel's imports do); and earlier, before Jupyter Book and Sphinx are even imported (:func:`start_early`, from
:mod:`migbook.build`), when a page with code, or the package or data such pages use, changed since the last build.
Sphinx's own start takes about 2 s of a one-page rebuild on one core: the server imports on the other one
meanwhile, so the rebuilt page's kernel is forked ready instead of starting and importing once its page is read
(Chapter 1's rebuild, three of each in turn, the shared box under load 4: its notebook 1.8 to 2.1 s with a plain
kernel, 0.8 to 0.9 s forked; the whole rebuild 4.6 to 5.4 s, 3.4 to 3.9 s).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SWITCH = "MIGBOOK_WARM_KERNELS"  # "0": plain kernels
# What every page's kernel imports: ipykernel's own start, and what the book's first cell pulls in.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "migbook.explorers", "migbook.figures")
LAUNCHER = ["-m", "ipykernel_launcher"]  # how the python3 kernel spec starts a kernel
CONNECT_TIMEOUT_S = 120.0  # how long a launcher waits for the server to finish importing
INTERRUPT, TERMINATE = b"i", b"t"


def enabled() -> bool:
    return os.environ.get(SWITCH, "1") != "0"


# --- the server ------------------------------------------------------------------------------------------

def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take the launcher's streams, folder and environment, and run ipykernel."""
    import random

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    # A session of its own, as Jupyter starts every kernel (start_new_session): with the kernel's autogroup
    # scheduling, Linux shares the cores between sessions, so a kernel in the server's session got a smaller
    # share on a busy machine (measured: the pages of a clean build took 1.4x longer, the box under load 12).
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    random.seed()  # a fresh seed, as a freshly started kernel would have
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    if os.environ.get("JPY_PARENT_PID"):  # ipykernel read it when the server imported it: give the kernel's own
        sys.argv.append(f"--IPKernelApp.parent_handle={int(os.environ['JPY_PARENT_PID'])}")
    if sys.path and sys.path[0] == "":
        del sys.path[0]  # as ipykernel_launcher does; the kernel adds its folder back itself
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()


def _fork_kernel(conn: socket.socket, listener: socket.socket) -> int:
    """Read one launch request from ``conn`` and fork its kernel; return the kernel's pid."""
    message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:  # the kernel: it never returns into the server's loop
        status = 1
        try:
            listener.close()
            conn.close()
            _become_kernel(request, fds)
            status = 0
        except SystemExit as err:
            status = err.code if isinstance(err.code, int) else 1
        finally:
            atexit._run_exitfuncs()  # what a kernel's interpreter does as it exits (IPython's history, ...)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    for fd in fds:
        os.close(fd)
    return pid


def _exit_status(status: int) -> int:
    return os.waitstatus_to_exitcode(status) % 256


def serve(path: str) -> None:
    """Import :data:`PRELOAD`, then fork a kernel for each launcher that connects to the socket at ``path``."""
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ready = path + ".tmp"
    listener.bind(ready)
    listener.listen(64)
    os.rename(ready, path)  # the launchers wait for this name: the server is ready once it exists
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    kernels: dict[socket.socket, int] = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        _serve(listener, selector, kernels)
    except SystemExit:  # the build is over (terminated by KernelServer.stop)
        pass
    finally:  # stopped: no kernel outlives the server
        for pid in kernels.values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    # Without the interpreter's teardown: unloading Altair, pandas and the package took about 1 s at the end of
    # every build that started the server, and the build waits for it (the shared box under load 7).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _serve(listener: socket.socket, selector: selectors.BaseSelector, kernels: dict[socket.socket, int]) -> None:
    while True:
        for key, _ in selector.select(timeout=0.05):
            if key.fileobj is listener:
                conn, _addr = listener.accept()
                kernels[conn] = _fork_kernel(conn, listener)
                selector.register(conn, selectors.EVENT_READ)
                continue
            conn = key.fileobj
            command = conn.recv(1)
            signum = {INTERRUPT: signal.SIGINT, TERMINATE: signal.SIGTERM}.get(command, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                os.kill(kernels[conn], signum)  # a closed launcher (b"") kills its kernel
        for conn, pid in list(kernels.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                with contextlib.suppress(OSError):
                    conn.sendall(bytes([_exit_status(status)]))
                selector.unregister(conn)
                conn.close()
                del kernels[conn]


# --- the launcher (what Jupyter's kernel manager starts) --------------------------------------------------

def _connect(path: str) -> socket.socket:
    deadline = time.monotonic() + CONNECT_TIMEOUT_S
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise SystemExit(f"migbook.warm_kernels: no kernel server at {path}")
        time.sleep(0.02)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(path)
    return conn


def launch(path: str, argv: list[str]) -> int:
    """Have the server at ``path`` fork a kernel with ``argv`` here (folder, environment, streams); forward
    interrupts and terminations to it; return its exit status."""
    conn = _connect(path)
    request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
    socket.send_fds(conn, [request], [0, 1, 2])
    signal.signal(signal.SIGINT, lambda *_: conn.sendall(INTERRUPT))
    signal.signal(signal.SIGTERM, lambda *_: conn.sendall(TERMINATE))
    while True:
        try:
            status = conn.recv(1)
        except InterruptedError:
            continue
        return status[0] if status else 1


# --- the build's side -------------------------------------------------------------------------------------

class KernelServer:
    """The fork server of one build, started by the build's main process before the pages are read."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="migbook-kernels-")
        self.path = os.path.join(self.folder, "server")
        self.process: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-c", f"from migbook.warm_kernels import serve; serve({self.path!r})"],
            stdin=subprocess.DEVNULL)

    def kernel_command(self, command: list[str]) -> list[str]:
        """The launcher's command for a plain ipykernel ``command`` (other kernels' commands unchanged)."""
        if self.process is None or command[1:3] != LAUNCHER:
            return command
        return [sys.executable, "-m", "migbook.warm_kernels", "launch", self.path, *command[3:]]

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        for name in ("server", "server.tmp"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(os.path.join(self.folder, name))
        with contextlib.suppress(OSError):
            Path(self.folder).rmdir()


# --- starting before Sphinx does (migbook.build) ------------------------------------------------------------

CODE_CELL = "{code-cell}"
PAGE_SUFFIXES = (".md", ".ipynb")


def _changed_after(folder: Path, written: float, suffixes: tuple[str, ...] = ()) -> Iterator[Path]:
    """Files under ``folder`` (ending in one of ``suffixes``, if given; not in hidden or ``_`` folders)
    modified after ``written``."""
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith((".", "_"))]
        for name in files:
            path = Path(top) / name
            if (not suffixes or name.endswith(suffixes)) and path.stat().st_mtime > written:
                yield path


def _code_pages(root: Path, written: float) -> Iterator[Path]:
    for path in _changed_after(root, written, PAGE_SUFFIXES):
        if path.suffix == ".ipynb" or CODE_CELL in path.read_text(encoding="utf-8", errors="replace"):
            yield path


def will_execute(root: Path, environment: Path | None, package: Path = Path(__file__).parent,
                 data: Path | None = None) -> bool:
    """Whether a build of the book in ``root`` surely executes a page: a page with code cells changed after
    Sphinx last saved ``environment``, or the package or data such pages depend on did
    (``package`` and ``data``: :func:`migbook.sphinxext._dependencies`). ``environment`` None, or missing: a build
    that reads every page.
    Only a hint for starting the server early: Sphinx still decides what it reads."""
    try:
        written = environment.stat().st_mtime if environment is not None else float("-inf")
    except OSError:
        written = float("-inf")
    if any(_code_pages(root, written)):
        return True
    if written == float("-inf") or not any(_code_pages(root, float("-inf"))):
        return False
    if data is None:
        from migbook.paths import DATA_DIR

        data = DATA_DIR
    return any(_changed_after(package, written, (".py",))) or any(_changed_after(data, written))


def start_early(root: Path, environment: Path | None) -> None:
    """Start the fork server now, before Jupyter Book and Sphinx start (about 2 s), if the build will execute a
    page (:func:`will_execute`): the server imports on the other core while Sphinx starts, so a one-page
    rebuild's kernel is ready when its page is read instead of starting and importing then."""
    if will_execute(root, environment):
        start_server()


# --- the Sphinx extension (set up by migbook.sphinxext) ---------------------------------------------------

MIN_PAGES = 2  # a server costs about what one kernel's imports do: worth it from two executed pages on
_server: KernelServer | None = None


def start_server() -> None:
    """Start this build's fork server (once), stopped when the build ends."""
    global _server
    if _server is None and enabled():
        _server = KernelServer()
        _OWNER["pid"] = os.getpid()
        atexit.register(_stop)


def _format_kernel_cmd(original: Callable[..., list[str]]) -> Callable[..., list[str]]:
    def format_kernel_cmd(manager: Any, extra_arguments: list[str] | None = None) -> list[str]:
        command = original(manager, extra_arguments)
        return _server.kernel_command(command) if _server is not None else command
    format_kernel_cmd.migbook = True  # type: ignore[attr-defined]
    return format_kernel_cmd


def _before_read(app: Any, env: Any, docnames: list[str]) -> None:
    executed = [name for name in docnames if CODE_CELL in _source(env, name)]
    if len(executed) >= MIN_PAGES:
        start_server()


def _source(env: Any, docname: str) -> str:
    try:
        return Path(env.doc2path(docname)).read_text(encoding="utf-8")
    except OSError:
        return ""


def _stop(*_args: Any) -> None:
    global _server
    if _server is not None and os.getpid() == _server_owner():
        _server.stop()
        _server = None


def _server_owner() -> int:
    return _OWNER.get("pid", -1)


_OWNER: dict[str, int] = {}


def setup(app: Any) -> dict[str, Any]:
    from jupyter_client.manager import KernelManager

    if not getattr(KernelManager.format_kernel_cmd, "migbook", False):
        KernelManager.format_kernel_cmd = _format_kernel_cmd(KernelManager.format_kernel_cmd)
    _OWNER["pid"] = os.getpid()
    app.connect("env-before-read-docs", _before_read)
    app.connect("build-finished", _stop)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__" and sys.argv[1:2] == ["launch"]:
    sys.exit(launch(sys.argv[2], sys.argv[3:]))

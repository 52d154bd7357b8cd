"""Warm kernels for the build (issue #14): a kernel forked from the pre-imported server behaves as a kernel started
by Jupyter does: its own folder and environment, interrupts reach it, it goes away when shut down."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from jupyter_client.manager import KernelManager

from migbook import warm_kernels


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[warm_kernels.KernelServer]:
    """A kernel server that Jupyter's kernel managers in this process use, stopped afterwards."""
    warm_kernels.setup(SimpleNamespace(connect=lambda *args, **kwargs: None))  # wraps the kernel command
    server = warm_kernels.KernelServer()
    monkeypatch.setattr(warm_kernels, "_server", server)
    yield server
    server.stop()
    assert not Path(server.folder).exists()


def _run(client: object, code: str) -> tuple[str, dict]:
    out: list[str] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])

    reply = client.execute_interactive(code, output_hook=hook, timeout=120)
    return "".join(out), reply["content"]


def _gone(pid: int, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


FACTS = ("import json, os, sys\n"
         "print(json.dumps([os.getcwd(), os.environ['WARM_TEST'], os.getppid(), os.getpid(), sys.path,"
         " 'altair' in sys.modules]))")


def _started(tmp_path: Path) -> tuple[KernelManager, object]:
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(tmp_path), env={**os.environ, "WARM_TEST": "yes"})
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    return manager, client


def _stopped(manager: KernelManager, client: object) -> None:
    client.stop_channels()
    manager.shutdown_kernel()


def test_a_forked_kernel_is_a_kernel_of_its_own(server: warm_kernels.KernelServer, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    manager, client = _started(tmp_path)
    assert manager.provisioner.process.args[1:5] == ["-m", "migbook.warm_kernels", "launch", server.path]
    try:
        out, reply = _run(client, FACTS)
        assert reply["status"] == "ok", reply
        cwd, variable, parent, pid, path, preloaded = json.loads(out)
        assert Path(cwd) == tmp_path and variable == "yes"
        assert parent == server.process.pid and preloaded  # forked from the server, imports done
        client.execute("import time\ntime.sleep(60)")
        time.sleep(1.0)
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
        out, reply = _run(client, "print(6 * 7)")  # still alive after the interrupt
        assert out.strip() == "42"
    finally:
        _stopped(manager, client)
    assert _gone(pid), "the forked kernel outlived its shutdown"
    monkeypatch.setattr(warm_kernels, "_server", None)  # a plain kernel, as Jupyter starts it, to compare
    manager, client = _started(tmp_path)
    try:
        assert manager.provisioner.process.args[1:3] == ["-m", "ipykernel_launcher"]
        plain_cwd, plain_variable, plain_parent, _pid, plain_path, _preloaded = json.loads(_run(client, FACTS)[0])
    finally:
        _stopped(manager, client)
    assert (plain_cwd, plain_variable, plain_path) == (cwd, variable, path)
    assert plain_parent == os.getpid()


def test_other_kernels_and_no_server_leave_the_command_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    other = ["/usr/bin/R", "--slave", "-f", "{connection_file}"]
    server = SimpleNamespace(process=object(), path="/tmp/x")
    assert warm_kernels.KernelServer.kernel_command(server, other) == other
    plain = ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "conn.json"]
    assert warm_kernels.KernelServer.kernel_command(server, plain)[2:] == [
        "migbook.warm_kernels", "launch", "/tmp/x", "-f", "conn.json"]
    server.process = None  # stopped
    assert warm_kernels.KernelServer.kernel_command(server, plain) == plain


def test_the_switch_turns_warm_kernels_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(warm_kernels.SWITCH, "0")
    assert not warm_kernels.enabled()
    monkeypatch.delenv(warm_kernels.SWITCH)
    assert warm_kernels.enabled()

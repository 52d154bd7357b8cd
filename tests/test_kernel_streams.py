"""A lesson kernel's output streams: a flush with nothing written hands nothing to the IOPub thread, and output
written is still sent by the flush (ipykernel's own OutStream and IOPub thread, over a real ZMQ socket)."""

from __future__ import annotations

import inspect
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import zmq
from ipykernel.iostream import IOPubThread, OutStream
from jupyter_client.session import Session

from migbook import kernel_streams, lessons


@pytest.fixture
def stream(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[OutStream, list[Any], zmq.Socket]]:
    """An OutStream on a started IOPub thread, the callbacks handed to that thread, and a socket that hears it."""
    monkeypatch.setattr(OutStream, "flush", inspect.unwrap(OutStream.flush))  # ipykernel's own, restored after
    context = zmq.Context()
    pub = context.socket(zmq.PUB)
    port = pub.bind_to_random_port("tcp://127.0.0.1")
    sub = context.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(f"tcp://127.0.0.1:{port}")
    thread = IOPubThread(pub)
    thread.start()
    deadline = time.monotonic() + 30
    while not sub.poll(100):  # ZMQ drops what is published before the subscriber has joined: probe until heard
        assert time.monotonic() < deadline, "the subscriber never heard the IOPub thread"
        thread.send_multipart([b"probe"])
    while sub.poll(200):
        sub.recv_multipart()
    out = OutStream(Session(key=b"lesson"), thread, "stdout", watchfd=False)
    handed: list[Any] = []
    schedule = thread.schedule
    monkeypatch.setattr(thread, "schedule", lambda f: handed.append(f) or schedule(f))
    try:
        yield out, handed, sub
    finally:
        out.close()
        thread.stop()
        thread.close()
        sub.close(linger=0)
        context.term()


def _heard(sub: zmq.Socket) -> list[str]:
    """The text of every stream message published so far."""
    session, texts = Session(key=b"lesson"), []
    while sub.poll(1000):
        _, parts = session.feed_identities(sub.recv_multipart())
        texts.append(session.deserialize(parts)["content"]["text"])
    return texts


def test_a_flush_with_nothing_written_hands_nothing_to_the_iopub_thread(stream: Any) -> None:
    out, handed, sub = stream
    out.flush()
    assert len(handed) == 2, "ipykernel's own flush hands the IOPub thread a flush and a wake-up, written or not"
    kernel_streams.flush_only_when_written()
    kernel_streams.flush_only_when_written()  # once is enough; a second call changes nothing
    handed.clear()
    out.flush()
    assert handed == []
    assert _heard(sub) == []


def test_what_was_written_is_still_sent_by_the_flush(stream: Any) -> None:
    out, handed, sub = stream
    kernel_streams.flush_only_when_written()
    out.write("sent before the idle status\n")
    assert kernel_streams.has_output(out)
    out.flush()
    assert not kernel_streams.has_output(out)
    assert _heard(sub) == ["sent before the idle status\n"]
    handed.clear()
    out.flush()  # nothing since
    assert handed == []


def test_a_live_lessons_first_cell_installs_it() -> None:
    code = (f"exec({lessons.GUARD_SOURCE!r})\nfrom ipykernel.iostream import OutStream\n"
            f"print(getattr(OutStream.flush, {kernel_streams._MARK!r}, False))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[-1] == "True"

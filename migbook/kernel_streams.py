"""A live lesson's kernel flushes its output streams only when something was written to them.

After every message it handles, ipykernel flushes ``sys.stdout`` and ``sys.stderr`` before it says it is idle.
From the kernel's main thread, each flush hands two callbacks to the IOPub thread and waits until the second has
run: two thread hand-offs per stream, four per message, whether anything was written or not. A lesson's controls
print nothing, so each move of a slider paid for four hand-offs that sent nothing (py-spy on lesson 01's kernel
over 300 moves, 2026-12-02: about a fifth of the main thread's time in a move was spent waiting on them, and with
thirty kernels moving at once each hand-off waits for a core). :func:`flush_only_when_written` makes a flush with
nothing written since the last one return at once; with output waiting it flushes as before, so what a cell or a
callback prints still reaches the page before the idle status.
"""

from __future__ import annotations

import functools
from typing import Any

_MARK = "_migbook_flush_only_when_written"


def has_output(stream: Any) -> bool:
    """Whether ``stream`` (ipykernel's ``OutStream``) holds output not yet flushed: a write since its last flush
    leaves a buffer behind (ipykernel 7 keeps one per parent message) and a flush scheduled."""
    return bool(stream._buffers) or stream._flush_pending or stream._subprocess_flush_pending


def flush_only_when_written() -> None:
    """Make every ``OutStream.flush`` in this kernel a no-op when nothing was written since the last one (once)."""
    from ipykernel.iostream import OutStream

    if getattr(OutStream.flush, _MARK, False):
        return
    original = OutStream.flush

    @functools.wraps(original)
    def flush(self: Any) -> None:
        if has_output(self):
            original(self)

    setattr(flush, _MARK, True)
    OutStream.flush = flush

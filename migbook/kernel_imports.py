"""What a lesson's kernel leaves unimported: modules that dependencies load but a lesson never uses.

jsonschema, which Altair imports, loads ``rfc3987_syntax`` when it is installed (jupyter-events asks for it), only
to check strings of the "iri" format; that module builds a Lark grammar as it is imported, which costs a lesson's
kernel about 23 MB and, measured on the shared two-core box under load, 12 s of its start. Altair never checks
string formats, so a live lesson's first cell (:data:`migbook.lessons.GUARD_SOURCE`) marks it as absent before
anything imports jsonschema, which then goes on without its IRI check.

After a lesson has run in a warm kernel, :func:`release_freed_memory` (the live lesson's hidden last cell) hands the
heap its set-up freed (the tables read and validated, the charts' first specs) back to the system: glibc keeps freed
memory in the process otherwise, and a kernel waits in the pool holding it. Then :func:`freeze_lesson` moves every
object left to the collector's permanent generation: when the student leaves, the kernel's exit no longer walks
them all in a last full collection (the exit of a process that ran lesson 01 took 0.33 s of CPU, 0.035 s frozen;
thirty students leaving spent 8 s of the two cores' time while others were arriving), and the collections a
redraw triggers pass them over too.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys

UNUSED = ("rfc3987_syntax",)


def skip_unused() -> None:
    """Make ``import`` of each module in :data:`UNUSED` fail (so its importer skips it), unless already imported."""
    for name in UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None in sys.modules: "no such module"


def release_freed_memory() -> None:
    """Collect garbage, then return the freed heap to the system (glibc's ``malloc_trim``; elsewhere nothing)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc (macOS, musl): the memory stays with the process
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def freeze_lesson() -> None:
    """Leave every object alive now (the lesson's set-up) out of garbage collection from here on (``gc.freeze``):
    they live as long as the kernel, and collecting them at its exit cost most of the exit's time."""
    gc.freeze()

"""What a lesson's kernel leaves unimported: modules that dependencies load but a lesson never uses.

jsonschema, which Altair imports, loads ``rfc3987_syntax`` when it is installed (jupyter-events asks for it), only
to check strings of the "iri" format; that module builds a Lark grammar as it is imported, which costs a lesson's
kernel about 23 MB and, measured on the shared two-core box under load, 12 s of its start. Altair never checks
string formats, so a live lesson's first cell (:data:`migbook.lessons.GUARD_SOURCE`) marks it as absent before
anything imports jsonschema, which then goes on without its IRI check.

After a lesson has run in a warm kernel, :func:`release_freed_memory` (the live lesson's hidden last cell) hands the
heap its set-up freed (the tables read and validated, the charts' first specs) back to the system: glibc keeps freed
memory in the process otherwise, and a kernel waits in the pool holding it.
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

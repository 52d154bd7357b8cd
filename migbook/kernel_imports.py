"""What a lesson's kernel leaves unimported: modules that dependencies load but a lesson never uses.

jsonschema, which Altair imports, loads ``rfc3987_syntax`` when it is installed (jupyter-events asks for it), only
to check strings of the "iri" format; that module builds a Lark grammar as it is imported, which costs a lesson's
kernel about 23 MB and, measured on the shared two-core box under load, 12 s of its start. Altair never checks
string formats, so a live lesson's first cell (:data:`migbook.lessons.GUARD_SOURCE`) marks it as absent before
anything imports jsonschema, which then goes on without its IRI check.
"""

from __future__ import annotations

import sys

UNUSED = ("rfc3987_syntax",)


def skip_unused() -> None:
    """Make ``import`` of each module in :data:`UNUSED` fail (so its importer skips it), unless already imported."""
    for name in UNUSED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  # None in sys.modules: "no such module"

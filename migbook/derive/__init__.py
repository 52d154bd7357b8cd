"""Derive the compact tables in ``data/`` from the raw public datasets.

The raw files live outside the repository (``../shared/data-sources``, or ``$MIGBOOK_SHARED/data-sources``; each
folder with a SOURCE.md giving repository, commit and licence) and are never
committed. This package is the committed record of how every derived table was
made. It is deterministic: the same raw files give byte-identical tables.

Run it with ``migbook derive`` (or ``python -m migbook.derive``).
"""

from migbook.derive.run import DEFAULT_SOURCES, derive_all

__all__ = ["DEFAULT_SOURCES", "derive_all"]

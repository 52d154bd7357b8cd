"""The bibliography's formatted entries, kept in Sphinx's environment from one build to the next (issue #14).

Once the pages are read, sphinxcontrib-bibtex formats every entry of the bibliography again (twice each: the
entry and its tooltip), whatever changed: about 1 s of every one-page rebuild on the shared two-core box under
load 7, a text page's as much as a chapter's. What pybtex writes for an entry depends only on the bibliography
files (the entry, and any it cross-references), its label, the formatting style (a pybtex style, which
sphinxcontrib-bibtex builds with no arguments) and the versions of pybtex and sphinxcontrib-bibtex: keep each
formatted entry in the environment under those. A fresh environment (a clean build, ``--all``) starts with none,
so it formats everything as before; a change to a bibliography file, or to either library, empties the memo. An
entry whose formatting fails (a missing field, reported as a warning) is never kept, so the warning comes back.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pybtex.style.formatting
from sphinxcontrib.bibtex.domain import BibtexDomain

MEMO = "migbook_bibtex_formatted"  # the environment's attribute (pickled with it)
LIBRARIES = ("pybtex", "sphinxcontrib-bibtex")
_memo: dict[tuple[str, str, str], Any] | None = None  # the memo in use, while the domain formats its entries


def files_key(bibdata: Any) -> str:
    """A hash of the bibliography files' names and contents, their encoding and the two libraries' versions."""
    digest = hashlib.sha256(str(bibdata.encoding).encode())
    for path in sorted(bibdata.bibfiles, key=str):
        digest.update(f"\0{path}\0".encode())
        digest.update(Path(path).read_bytes())
    digest.update(" ".join(f"{name} {importlib.metadata.version(name)}" for name in LIBRARIES).encode())
    return digest.hexdigest()


def _memoised(format_entry: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(format_entry)
    def memoised(style: Any, label: str, entry: Any, bib_data: Any = None) -> Any:
        kind = type(style)
        if _memo is None or bib_data is not None or not kind.__module__.startswith("pybtex."):
            return format_entry(style, label, entry, bib_data)
        key = (f"{kind.__module__}.{kind.__qualname__}", label, entry.key)
        if key not in _memo:
            _memo[key] = format_entry(style, label, entry)  # a missing field raises: nothing kept
        return _memo[key]

    memoised.migbook = True  # type: ignore[attr-defined]
    return memoised


def _with_memo(env_updated: Callable[[BibtexDomain], Any]) -> Callable[[BibtexDomain], Any]:
    @functools.wraps(env_updated)
    def with_memo(domain: BibtexDomain) -> Any:
        global _memo
        files = files_key(domain.bibdata)
        kept = getattr(domain.env, MEMO, None)
        if not isinstance(kept, dict) or kept.get("files") != files:
            kept = {"files": files, "entries": {}}
            setattr(domain.env, MEMO, kept)
        _memo = kept["entries"]
        try:
            return env_updated(domain)
        finally:
            _memo = None

    with_memo.migbook = True  # type: ignore[attr-defined]
    return with_memo


def keep_formatted_entries() -> None:
    """Make the bibliography domain format each entry once per change of its files (idempotent)."""
    style = pybtex.style.formatting.BaseStyle
    if not getattr(style.format_entry, "migbook", False):
        style.format_entry = _memoised(style.format_entry)  # type: ignore[method-assign]
    if not getattr(BibtexDomain.env_updated, "migbook", False):
        BibtexDomain.env_updated = _with_memo(BibtexDomain.env_updated)  # type: ignore[method-assign]


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension (set up by :mod:`migbook.sphinxext`)."""
    keep_formatted_entries()
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}

"""The bibliography's plugin lookups, answered from one reading of the installed packages' entry points.

sphinxcontrib-bibtex asks pybtex for a plugin (a style, the plain-text backend) for every citation it resolves,
and pybtex answers each time by reading the metadata of every installed package (``importlib.metadata.
entry_points()``): about 57 ms a citation on the shared two-core box, 628 citations, so most of the time the
book's build spent writing pages (36 s of 65 s, profiled with one writer). The installed packages do not change
during a build: read them once. Plugins registered at run time (``register_plugin``, as
:mod:`migbook.sphinxext` registers its citation style) are looked up before the entry points, as before.
"""

from __future__ import annotations

import functools
import importlib.metadata
from typing import Any

import pybtex.plugin
import sphinxcontrib.bibtex.plugin


@functools.cache
def installed_entry_points() -> importlib.metadata.EntryPoints:
    """Every installed package's entry points, read once per process."""
    return importlib.metadata.entry_points()


def entry_points(**params: Any) -> importlib.metadata.EntryPoints:
    """``importlib.metadata.entry_points(group=..., name=...)``, from :func:`installed_entry_points`."""
    return installed_entry_points().select(**params)


def read_entry_points_once() -> None:
    """Make pybtex and sphinxcontrib-bibtex look plugins up in :func:`installed_entry_points`."""
    pybtex.plugin.entry_points = entry_points
    sphinxcontrib.bibtex.plugin.entry_points = entry_points


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension (set up by :mod:`migbook.sphinxext`)."""
    read_entry_points_once()
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}

"""The built book's figures kept between builds, so a one-page rebuild does not recompute their grids (issue #14).

A figure's static twin is most of a chapter's execution: Chapter 1's two figures took 5.8 s of its 8.5 s
notebook (the stock-flow model's 675 runs, a sentence for each, the spec and its packing). Its HTML depends only
on the figure object (what its explorer made of its arguments), the code that draws it, the data it reads and the
libraries that write the spec, so the build keeps it in ``_build/migbook-figures/`` under a key made of all of
these:

* :func:`code_key`: every file of the ``migbook`` package and of ``data/`` (any change to either recomputes every
  figure), the versions of Altair, pandas and numpy, and Python's;
* :func:`figure_key`: the figure object itself, pickled (its explorer's name, the controls, the tables and
  captions its arguments gave, the functions it runs by their names in ``migbook``, whose code the first key
  covers). A figure that holds anything from outside ``migbook``, the standard library or the keyed libraries
  (a function written in the page, say) is not kept: its HTML is computed every time.

Within one build a figure shown on several pages (the same explorer, the same arguments) is computed once: a clean
build of the book took 38.8 s where it took 45.6 s before (the shared box under load 2; the pages' reading summed
53.4 s, 65.6 s), every page byte for byte the same. Chapter 1's one-page rebuild, figures read back: 3.6 to 4.1 s,
9.5 to 9.9 s before (same box, same load, in turn).

What a figure printed while it was computed (a warning, which ``-W`` turns into an error) is never kept: such a
figure is computed again by every build, so the warning is shown again. ``migbook build --all`` empties the
folder before reading (every figure computed afresh, as a clean build does), and each build removes what older
code or data left there. Kernels find the folder in ``MIGBOOK_FIGURE_CACHE``, which only the book's build sets.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import os
import pickle
import shutil
import sys
import tempfile
import types
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

CACHE_VARIABLE = "MIGBOOK_FIGURE_CACHE"  # the folder, set by the book's build for its kernels
FOLDER = "migbook-figures"  # beside the HTML folder, in the build's output folder
PACKAGE_DIR = Path(__file__).resolve().parent
KEYED_LIBRARIES = ("altair", "pandas", "numpy")  # what writes the spec and computes the runs
SKIPPED = {"__pycache__"}


class Uncacheable(Exception):
    """The figure holds something whose code the key does not cover."""


# --- keys ------------------------------------------------------------------------------------------------

def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not SKIPPED & set(p.relative_to(folder).parts))


def code_key(package: Path = PACKAGE_DIR, data: Path | None = None) -> str:
    """A hash of every file of ``package`` and ``data`` (default: the repository's ``data/``), of the keyed
    libraries' versions and of Python's: what a figure's HTML can depend on besides the figure itself."""
    if data is None:
        from migbook.paths import DATA_DIR

        data = DATA_DIR
    digest = hashlib.sha256()
    for label, folder in (("package", package), ("data", data)):
        for path in _files(folder):
            name = f"{label}/{path.relative_to(folder).as_posix()}"
            digest.update(f"{name}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    versions = [f"{name} {importlib.metadata.version(name)}" for name in KEYED_LIBRARIES]
    digest.update("\0".join([*versions, sys.version]).encode())
    return digest.hexdigest()[:32]


def _covered(module: str) -> bool:
    """Whether the key covers the code of ``module``: ours, the keyed libraries' and the standard library's."""
    top = module.split(".", 1)[0]
    return top in {"migbook", *KEYED_LIBRARIES} or top in sys.stdlib_module_names or top == "builtins"


class _KeyPickler(pickle.Pickler):
    """Pickles a figure for its key: functions and classes by name if the key covers their module (a function
    made inside another one also by the values it closes over), and nothing from elsewhere."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, type | types.FunctionType | types.BuiltinFunctionType):
            module = getattr(obj, "__module__", None) or ""
            if not _covered(module):
                raise Uncacheable(f"{getattr(obj, '__qualname__', obj)!r} comes from {module or 'nowhere'}")
        if isinstance(obj, types.FunctionType) and "<" in obj.__qualname__:  # a lambda or a nested function
            cells = tuple(cell.cell_contents for cell in obj.__closure__ or ())
            return tuple, ((obj.__module__, obj.__qualname__, cells, obj.__defaults__, obj.__kwdefaults__),)
        return NotImplemented


def figure_key(figure: Any, code: str, extra: tuple[str, ...] = ()) -> str:
    """The key of ``figure``'s HTML: ``code`` (:func:`code_key`), the pickled figure and ``extra`` (settings of
    the libraries that shape the spec). Raises :class:`Uncacheable` for a figure the key cannot cover."""
    buffer = io.BytesIO()
    try:
        _KeyPickler(buffer, protocol=5).dump(figure)
    except (pickle.PicklingError, TypeError, AttributeError) as err:
        raise Uncacheable(str(err)) from err
    digest = hashlib.sha256(code.encode())
    digest.update(buffer.getvalue())
    digest.update("\0".join(extra).encode())
    return digest.hexdigest()


# --- the store -----------------------------------------------------------------------------------------

class _Watched:
    """A stream that passes everything on and remembers whether anything was written."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.written = stream, False

    def write(self, text: str) -> int:
        self.written = self.written or bool(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def _watching() -> Iterator[list[bool]]:
    """Yields a list that holds True once anything was printed or a warning was shown (wherever it went)."""
    streams = [_Watched(sys.stdout), _Watched(sys.stderr)]
    warned: list[bool] = []
    shown = warnings.showwarning

    def showwarning(*args: Any, **kwargs: Any) -> None:
        warned.append(True)
        shown(*args, **kwargs)

    warnings.showwarning = showwarning
    try:
        with contextlib.redirect_stdout(streams[0]), contextlib.redirect_stderr(streams[1]):  # type: ignore[type-var]
            yield warned
    finally:
        warnings.showwarning = shown
        warned.extend(True for stream in streams if stream.written)


def folder() -> Path | None:
    """The build's figure folder, from ``MIGBOOK_FIGURE_CACHE`` (None outside the book's build)."""
    value = os.environ.get(CACHE_VARIABLE, "")
    return Path(value) if value else None


def _store(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (two pages' kernels may write one figure at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, path)


def kept_html(figure: Any, make: Callable[[], str], extra: tuple[str, ...] = ()) -> str:
    """``make()`` (the figure's HTML), from the build's folder when an earlier build kept it for the same key;
    else computed, and kept if computing it printed nothing. Outside the book's build, just ``make()``."""
    where = folder()
    if where is None:
        return make()
    code = _code_key_once()
    try:
        path = where / code / f"{figure_key(figure, code, extra)}.html"
    except Uncacheable:
        return make()
    with contextlib.suppress(OSError):
        return path.read_text(encoding="utf-8")
    with _watching() as printed:
        html = make()
    if not printed:
        _store(path, html)
    return html


_CODE_KEY: dict[str, str] = {}


def _code_key_once() -> str:
    """:func:`code_key`, computed once per kernel (the files do not change while a page runs)."""
    if "key" not in _CODE_KEY:
        _CODE_KEY["key"] = code_key()
    return _CODE_KEY["key"]


# --- the build's side (a Sphinx extension, set up by migbook.sphinxext) ------------------------------------

def keep_only(where: Path, code: str) -> None:
    """Remove from ``where`` what builds with other code, data or libraries kept."""
    if where.is_dir():
        for entry in where.iterdir():
            if entry.name != code:
                shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)


def _builder_inited(app: Any) -> None:
    where = Path(app.outdir).parent / FOLDER
    os.environ[CACHE_VARIABLE] = str(where)  # before any kernel starts: kernels inherit the build's environment
    if app.fresh_env_used:  # --all (Sphinx's fresh environment), or a first build: every figure computed afresh
        shutil.rmtree(where, ignore_errors=True)
    else:
        keep_only(where, code_key())


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension: point the kernels at the folder, empty it for a fresh build, tidy it."""
    app.connect("builder-inited", _builder_inited)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}

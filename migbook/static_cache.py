"""The classroom's scripts and styles, gzipped once and served from memory.

A live lesson's page loaded about 95 scripts and styles (Voila's front end in chunks, the widget manager, the
vendored Vega bundle): 5.8 MB per student (now 10: the chunks come joined,
:func:`migbook.classroom.voila_chunks`). Tornado's static file handler reads each file from disk in 64 KB pieces
and writes it uncompressed, and with thirty students arriving together that was most of the server's time, on the
one core it has (profiled with py-spy: 32% of the server's busy time in serving static files, 29% in writing them
to sockets). :func:`gzipped_static` makes a static file handler answer a client that accepts gzip with the file
compressed once (kept in memory, keyed by its path, size and modification time) in one write.
"""

from __future__ import annotations

import functools
import gzip
import os
import posixpath
from typing import Any, ClassVar

COMPRESSED_SUFFIXES = (".js", ".css", ".json", ".svg", ".html", ".map", ".txt", ".woff", ".ttf")
LEVEL = 6  # compressed once per file, so the level costs nothing per request


def accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` header takes gzip (and does not refuse it with ``q=0``).

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("identity"), accepts_gzip("gzip;q=0")
    (True, False, False)
    """
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


@functools.lru_cache(maxsize=512)
def _compress(path: str, size: int, mtime_ns: int) -> bytes:
    with open(path, "rb") as handle:
        return gzip.compress(handle.read(), compresslevel=LEVEL, mtime=0)


def compressed_file(path: str) -> bytes:
    """``path`` gzipped, compressed only the first time (again if the file changes)."""
    stat = os.stat(path)
    return _compress(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def compressed_text(text: str) -> bytes:
    """``text`` (UTF-8) gzipped, compressed only the first time."""
    return gzip.compress(text.encode("utf-8"), compresslevel=LEVEL, mtime=0)


def gzipped_static(base: type) -> type:
    """``base`` (a ``tornado.web.StaticFileHandler``) answering gzip-accepting clients from memory.

    Tornado resolves and checks the path as ``base`` does (its roots, its refusals); only the body changes. A
    request with a ``Range`` header, or for a file that is not text, is served as ``base`` serves it.
    """

    class GzippedStatic(base):  # type: ignore[misc, valid-type]
        _gzipped: bytes | None = None

        def _will_gzip(self) -> bool:
            return ((self.absolute_path or "").endswith(COMPRESSED_SUFFIXES) and "Range" not in self.request.headers
                    and accepts_gzip(self.request.headers.get("Accept-Encoding", "")))

        def compute_etag(self) -> str | None:
            etag = super().compute_etag()
            return f'{etag.rstrip(chr(34))}-gz"' if etag and self._will_gzip() else etag

        def set_extra_headers(self, path: str) -> None:
            super().set_extra_headers(path)
            self.set_header("Vary", "Accept-Encoding")
            if self._will_gzip():
                self._gzipped = body = compressed_file(self.absolute_path)
                self.set_header("Content-Encoding", "gzip")
                # Tornado's get() writes whatever self.get_content returns. An attribute on this instance, not an
                # override: tornado also calls the class's get_content (a classmethod) to hash the file for its Etag.
                self.get_content = lambda *_args: [body]  # type: ignore[method-assign]

        def get_content_size(self) -> int:
            return len(self._gzipped) if self._gzipped is not None else super().get_content_size()

    GzippedStatic.__name__ = GzippedStatic.__qualname__ = f"Gzipped{base.__name__}"
    return GzippedStatic


REPLAYED = ("Content-Type", "Content-Encoding", "Vary", "Etag", "Last-Modified", "Expires", "Cache-Control",
            "Accept-Ranges")


def remembered_static(base: type) -> type:
    """:func:`gzipped_static` of ``base``, whose gzipped answers are also remembered and given again without
    looking for the file (its roots searched, its path resolved, its date formatted: most of the ~1 ms a static
    request cost). Only for files that do not change while the server runs (Voila's front end); a conditional or
    ``Range`` request goes the ordinary way. Remembered by the file's path and whether the address carries a
    version (``?v=``, which sets how long a browser may keep it), never by the whole address: a student varying
    the query cannot make the server remember more than two answers per file it has."""

    class RememberedStatic(gzipped_static(base)):  # type: ignore[misc]
        answers: ClassVar[dict[tuple[str, bool], tuple[tuple[tuple[str, str], ...], bytes]]] = {}

        def _key(self, path: str) -> tuple[str, bool]:
            return posixpath.normpath(path), "v" in self.request.arguments

        async def get(self, path: str, include_body: bool = True) -> None:
            headers = self.request.headers
            plain = not any(name in headers for name in ("Range", "If-None-Match", "If-Modified-Since"))
            remembered = self.answers.get(self._key(path)) if plain and include_body \
                and accepts_gzip(headers.get("Accept-Encoding", "")) else None
            if remembered is not None:
                for name, value in remembered[0]:
                    self.set_header(name, value)
                self.finish(remembered[1])
                return
            await super().get(path, include_body)
            if plain and include_body and self._gzipped is not None and self.get_status() == 200:
                kept = tuple((name, value) for name, value in self._headers.get_all() if name in REPLAYED)
                self.answers[self._key(path)] = (kept, self._gzipped)

    RememberedStatic.__name__ = RememberedStatic.__qualname__ = f"Remembered{base.__name__}"
    return RememberedStatic


def gzip_body(handler: Any, text: str) -> None:
    """Finish ``handler`` (a ``tornado.web.RequestHandler``) with ``text``, gzipped from memory if the client
    takes gzip."""
    handler.set_header("Vary", "Accept-Encoding")
    if accepts_gzip(handler.request.headers.get("Accept-Encoding", "")):
        handler.set_header("Content-Encoding", "gzip")
        handler.finish(compressed_text(text))
    else:
        handler.finish(text)

"""The classroom's static files: gzipped once and sent from memory to browsers that take gzip, unchanged otherwise."""

from __future__ import annotations

import asyncio
import gzip
import http.client
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import tornado.web

from migbook.static_cache import accepts_gzip, gzipped_static, remembered_static

SCRIPT = "console.log('migbook');\n" * 400


@dataclass
class Site:
    root: Path
    port: int
    remembered: type  # the remembered handler class (its answers)

    def fetch_raw(self, path: str, **headers: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        """Status, headers and body as sent (not decompressed)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """The handlers served from a thread with its own event loop (the test's thread may have one running, as
    Playwright's does in the browser tests)."""
    (tmp_path / "app.js").write_text(SCRIPT)
    (tmp_path / "kept.js").write_text(SCRIPT)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(200))
    remembered = remembered_static(tornado.web.StaticFileHandler)
    started = threading.Event()
    state: dict[str, object] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application([
            (r"/plain/(.*)", gzipped_static(tornado.web.StaticFileHandler), {"path": str(tmp_path)}),
            (r"/kept/(.*)", remembered, {"path": str(tmp_path)}),
        ])
        server = app.listen(0, "127.0.0.1")
        state.update(loop=loop, server=server, port=next(iter(server._sockets.values())).getsockname()[1])
        started.set()
        loop.run_forever()
        server.stop()
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(10)
    yield Site(tmp_path, state["port"], remembered)  # type: ignore[arg-type]
    state["loop"].call_soon_threadsafe(state["loop"].stop)  # type: ignore[attr-defined]
    thread.join(10)


def test_gzip_for_browsers_that_take_it(site: Site) -> None:
    status, headers, body = site.fetch_raw("/plain/app.js", **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).decode() == SCRIPT
    assert int(headers["Content-Length"]) == len(body) < len(SCRIPT) / 10
    assert "Accept-Encoding" in headers["Vary"]


def test_the_file_as_it_is_otherwise(site: Site) -> None:
    for sent in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip", "Range": "bytes=0-9"}):
        _, headers, body = site.fetch_raw("/plain/app.js", **sent)
        assert "Content-Encoding" not in headers, sent
        assert body.decode() == (SCRIPT[:10] if "Range" in sent else SCRIPT)
    _, headers, body = site.fetch_raw("/plain/logo.png", **{"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in headers and body.startswith(b"\x89PNG")


def test_etags_differ_and_a_revalidation_is_answered(site: Site) -> None:
    zipped = site.fetch_raw("/plain/app.js", **{"Accept-Encoding": "gzip"})[1]["Etag"]
    plain = site.fetch_raw("/plain/app.js")[1]["Etag"]
    assert zipped != plain
    assert site.fetch_raw("/plain/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": zipped})[0] == 304


def test_refusals_are_the_handlers(site: Site) -> None:
    assert site.fetch_raw("/plain/../secret.js", **{"Accept-Encoding": "gzip"})[0] in (403, 404)
    assert site.fetch_raw("/plain/missing.js", **{"Accept-Encoding": "gzip"})[0] == 404


def test_a_remembered_answer_is_given_again_without_the_file(site: Site) -> None:
    _, first_headers, first = site.fetch_raw("/kept/kept.js", **{"Accept-Encoding": "gzip"})
    (site.root / "kept.js").unlink()
    status, headers, second = site.fetch_raw("/kept/kept.js", **{"Accept-Encoding": "gzip"})
    assert status == 200 and second == first
    assert gzip.decompress(second).decode() == SCRIPT
    for name in ("Content-Type", "Content-Encoding", "Etag", "Cache-Control"):
        assert headers.get(name) == first_headers.get(name), name
    assert site.fetch_raw("/kept/kept.js")[0] == 404, "a client without gzip is served from the disk"


def test_varied_addresses_do_not_make_the_server_remember_more(site: Site) -> None:
    for query in ("", "?a=1", "?a=2", "?b=x&c=y", "?v=1", "?v=2&z=3"):
        for path in ("kept.js", "./kept.js", "x/../kept.js", "x/../x/../kept.js"):
            assert site.fetch_raw(f"/kept/{path}{query}", **{"Accept-Encoding": "gzip"})[0] == 200
    assert sorted(site.remembered.answers) == [("kept.js", False), ("kept.js", True)]  # unversioned, versioned


@pytest.mark.parametrize(("header", "takes"), [("gzip", True), ("GZIP;q=0.5", True), ("*", True), ("br", False),
                                               ("", False), ("gzip;q=0", False), ("deflate, gzip ; q=0", False)])
def test_accepts_gzip(header: str, takes: bool) -> None:
    assert accepts_gzip(header) is takes

"""The classroom's static files: gzipped once and sent from memory to browsers that take gzip, unchanged otherwise."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import tornado.web
from tornado.testing import AsyncHTTPTestCase

from migbook.static_cache import accepts_gzip, gzipped_static, remembered_static

SCRIPT = "console.log('migbook');\n" * 400


class StaticCase(AsyncHTTPTestCase):
    root: Path

    def get_app(self) -> tornado.web.Application:
        import tempfile

        self.root = Path(tempfile.mkdtemp())
        (self.root / "app.js").write_text(SCRIPT)
        (self.root / "kept.js").write_text(SCRIPT)
        (self.root / "logo.png").write_bytes(b"\x89PNG" + bytes(200))
        return tornado.web.Application([
            (r"/plain/(.*)", gzipped_static(tornado.web.StaticFileHandler), {"path": str(self.root)}),
            (r"/kept/(.*)", remembered_static(tornado.web.StaticFileHandler), {"path": str(self.root)}),
        ])

    def fetch_raw(self, path: str, **headers: str) -> tornado.httpclient.HTTPResponse:
        return self.fetch(path, headers=headers, decompress_response=False)

    def test_gzip_for_browsers_that_take_it(self) -> None:
        response = self.fetch_raw("/plain/app.js", **{"Accept-Encoding": "gzip, deflate, br"})
        assert response.code == 200 and response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.body).decode() == SCRIPT
        assert int(response.headers["Content-Length"]) == len(response.body) < len(SCRIPT) / 10
        assert "Accept-Encoding" in response.headers["Vary"]

    def test_the_file_as_it_is_otherwise(self) -> None:
        for headers in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip", "Range": "bytes=0-9"}):
            response = self.fetch_raw("/plain/app.js", **headers)
            assert "Content-Encoding" not in response.headers, headers
            assert response.body.decode() == (SCRIPT[:10] if "Range" in headers else SCRIPT)
        picture = self.fetch_raw("/plain/logo.png", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in picture.headers and picture.body.startswith(b"\x89PNG")

    def test_etags_differ_and_a_revalidation_is_answered(self) -> None:
        zipped = self.fetch_raw("/plain/app.js", **{"Accept-Encoding": "gzip"}).headers["Etag"]
        plain = self.fetch_raw("/plain/app.js").headers["Etag"]
        assert zipped != plain
        again = self.fetch_raw("/plain/app.js", **{"Accept-Encoding": "gzip", "If-None-Match": zipped})
        assert again.code == 304

    def test_refusals_are_the_handlers(self) -> None:
        assert self.fetch_raw("/plain/../secret.js", **{"Accept-Encoding": "gzip"}).code in (403, 404)
        assert self.fetch_raw("/plain/missing.js", **{"Accept-Encoding": "gzip"}).code == 404

    def test_a_remembered_answer_is_given_again_without_the_file(self) -> None:
        first = self.fetch_raw("/kept/kept.js", **{"Accept-Encoding": "gzip"})
        (self.root / "kept.js").unlink()
        second = self.fetch_raw("/kept/kept.js", **{"Accept-Encoding": "gzip"})
        assert second.code == 200 and second.body == first.body
        assert gzip.decompress(second.body).decode() == SCRIPT
        for name in ("Content-Type", "Content-Encoding", "Etag", "Cache-Control"):
            assert second.headers.get(name) == first.headers.get(name), name
        assert self.fetch_raw("/kept/kept.js").code == 404, "a client without gzip is served from the disk"

    def test_varied_addresses_do_not_make_the_server_remember_more(self) -> None:
        handler = self._app.wildcard_router.rules[1].target
        for query in ("", "?a=1", "?a=2", "?b=x&c=y", "?v=1", "?v=2&z=3"):
            for path in ("kept.js", "./kept.js", "x/../kept.js", "x/../x/../kept.js"):
                assert self.fetch_raw(f"/kept/{path}{query}", **{"Accept-Encoding": "gzip"}).code == 200
        assert sorted(handler.answers) == [("kept.js", False), ("kept.js", True)]  # unversioned and versioned


@pytest.mark.parametrize(("header", "takes"), [("gzip", True), ("GZIP;q=0.5", True), ("*", True), ("br", False),
                                               ("", False), ("gzip;q=0", False), ("deflate, gzip ; q=0", False)])
def test_accepts_gzip(header: str, takes: bool) -> None:
    assert accepts_gzip(header) is takes

"""Shared fixtures: a from-scratch build of the book, a local server, and Debian's chromium.

Browser tests never download a browser and never skip: where chromium is
missing they fail and say how to install it.
"""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from migbook.build import build_command, make_server
from migbook.errors import MigbookError
from migbook.paths import ROOT
from migbook.qa import browser as browser_tools
from migbook.qa.browser import CHROMIUM_FLAGS, is_local


def chromium_path() -> str:
    """Debian's chromium; fail (never skip) without it."""
    try:
        return browser_tools.chromium_path()
    except MigbookError as err:
        pytest.fail(str(err), pytrace=False)


@pytest.fixture(scope="session")
def raw_sources() -> Path:
    """The raw datasets beside the repository (../shared/data-sources).

    Their absence fails in CI (which always has them) and skips, with this message, elsewhere.
    """
    from migbook.derive import DEFAULT_SOURCES

    if DEFAULT_SOURCES.is_dir():
        return DEFAULT_SOURCES
    if os.environ.get("CI"):
        pytest.fail(f"raw data sources missing at {DEFAULT_SOURCES}: CI must run with ../shared beside the repo")
    pytest.skip(f"raw data sources not found at {DEFAULT_SOURCES}; reconciliation needs them")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built from scratch (fresh output folder, every notebook executed, -W)."""
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(build_command(out), cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"the book did not build:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def book_url(built_book: Path) -> Iterator[str]:
    """The built book served on 127.0.0.1 (a free port)."""
    server = make_server(built_book, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def notebook_page(title: str, code: str) -> str:
    """A MyST notebook page (Jupytext front matter) titled ``title`` with one code cell holding ``code``, for the
    small books the build tests make."""
    return ("---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n"
            f"  display_name: Python 3\n  name: python3\n---\n# {title}\n\n```{{code-cell}} ipython3\n"
            f"{code.rstrip()}\n```\n")


def page_address(built_book: Path, book_url: str, scheme: str, name: str) -> str:
    """Where a built page is read from: the local server (``scheme`` "http") or the file on disk ("file")."""
    return book_url + name if scheme == "http" else (built_book / name).as_uri()


class PageWatch:
    """A browser page that blocks and counts non-local requests and collects console errors."""

    def __init__(self, browser: object) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.external: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"))

    def _console(self, msg: object) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)
        elif msg.type == "warning":
            self.warnings.append(msg.text)

    def _route(self, route: object) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.external.append(url)
            route.abort("blockedbyclient")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: object) -> Iterator[PageWatch]:
    watch = PageWatch(browser)
    yield watch
    watch.close()

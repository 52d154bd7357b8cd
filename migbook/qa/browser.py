"""Debian's chromium, as the browser tests and the benchmarks start it, and what counts as a local request."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

from migbook.errors import MigbookError

CHROMIUM_VARIABLE = "MIGBOOK_CHROMIUM"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
]


def chromium_path() -> str:
    """Debian's chromium, or the one named by ``MIGBOOK_CHROMIUM``; raise (never skip) without one."""
    for candidate in (os.environ.get(CHROMIUM_VARIABLE), "chromium", "chromium-browser"):
        found = candidate and shutil.which(candidate)
        if found:
            return found
    raise MigbookError("chromium not found: install Debian's package (`apt-get install chromium`) "
                       f"or set {CHROMIUM_VARIABLE} to a Chromium executable")


def is_local(url: str) -> bool:
    """True for requests that stay on this machine (loopback, file:, data:, blob:, about:).

    >>> is_local("http://127.0.0.1:8000/index.html"), is_local("https://cdn.jsdelivr.net/x.js")
    (True, False)
    """
    parsed = urlparse(url)
    if parsed.scheme in {"file", "data", "blob", "about", "chrome-error"}:
        return True
    return parsed.hostname in LOCAL_HOSTS or (parsed.hostname or "").startswith("127.")

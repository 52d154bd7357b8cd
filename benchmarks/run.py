"""Print the book's speed and weight figures (a measurement, not a test: nothing here fails on a number).

    python benchmarks/run.py            # or: make bench

Figures: clean build time, rebuild time after touching one page, time for one
model evaluation behind a control (model alone, and model plus live chart),
data load time, the weight of each built page with what it loads, and time to
the first rendered chart in chromium.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from migbook import data, explorers
from migbook.build import build_command, make_server
from migbook.models import stock_flow
from migbook.paths import ROOT
from migbook.qa.browser import CHROMIUM_FLAGS, chromium_path

CHAPTER = "book/chapters/01-why-migration-is-international.html"


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, seconds: list[float]) -> None:
    if len(seconds) == 1:
        print(f"{label:<52} {seconds[0] * 1000:10.1f} ms")
    else:
        print(f"{label:<52} median {statistics.median(seconds) * 1000:8.2f} ms  "
              f"(min {min(seconds) * 1000:.2f}, max {max(seconds) * 1000:.2f}, n={len(seconds)})")


def bench_build(out: Path) -> Path:
    def build() -> None:
        subprocess.run(build_command(out), cwd=ROOT, check=True, capture_output=True)

    report("clean build (every notebook executed)", timed(build))
    page = ROOT / "book" / "intro.md"
    original = page.read_text()
    try:
        page.write_text(original + "\n")
        report("rebuild after touching one page (intro)", timed(build))
    finally:
        page.write_text(original)
    return out / "_build" / "html"


def bench_model() -> None:
    report("model: one simulate() run, 50 years", timed(lambda: stock_flow.simulate(), repeat=200))
    report("model: static grid of the stock-flow explorer", timed(lambda: explorers.stock_flow().grid(), repeat=3))
    box = explorers.stock_flow().live()
    slider = box.controls["inflow"]
    values = iter(range(0, 300, 10))
    report("live twin: slider change -> model + SVG chart", timed(lambda: setattr(slider, "value", next(values)),
                                                                   repeat=25))
    for name in data.resources():
        data.clear_cache()
        report(f"data: load('{name}') uncached, validated", timed(lambda n=name: data.load(n)))


def page_weights(html: Path) -> None:
    print("\npage weights (the HTML, and everything local it loads):")
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        text = page.read_text()
        assets = set(re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css))(?:\?[^"]*)?"', text))
        total = page.stat().st_size
        for asset in assets:
            path = (page.parent / asset).resolve()
            if path.is_file():
                total += path.stat().st_size
        print(f"  {page.relative_to(html)!s:<58} html {page.stat().st_size / 1024:7.0f} KiB   "
              f"with assets {total / 1024:7.0f} KiB")


def first_chart(html: Path) -> None:
    from playwright.sync_api import sync_playwright

    server = make_server(html, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{CHAPTER}"
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for _ in range(5):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(".migbook-chart[data-rendered='true'] svg", timeout=30_000)
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    server.shutdown()
    report("browser: navigation to first rendered chart (ch. 1)", times)


def main() -> None:
    print(f"migbook benchmarks on {sys.platform}, Python {sys.version.split()[0]}\n")
    bench_model()
    out = Path(tempfile.mkdtemp(prefix="migbook-bench-"))
    try:
        html = bench_build(out)
        page_weights(html)
        print()
        first_chart(html)
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()

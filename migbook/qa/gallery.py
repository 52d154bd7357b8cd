"""A gallery of every figure of the built book, in light and dark mode, before and after each control moves.

    python -m migbook.qa.gallery            # or: make gallery (builds the book first)

Writes ``_build/gallery/index.html`` and one PNG per figure, mode and setting,
so that a person can look at all of them at once. Uses Debian's chromium, offline.
"""

from __future__ import annotations

import argparse
import html
import threading
from pathlib import Path

from migbook.build import make_server
from migbook.paths import BUILD_DIR
from migbook.qa.browser import (
    CHROMIUM_FLAGS,
    changes_chart,
    chromium_path,
    controls_of,
    is_local,
    keyboard_moves,
    set_theme,
    wait_for_charts,
)


def chart_pages(html_root: Path) -> list[str]:
    """The built pages that hold a figure."""
    return sorted(str(p.relative_to(html_root)) for p in html_root.rglob("*.html")
                  if "_static" not in p.parts and 'class="migbook-chart"' in p.read_text(encoding="utf-8"))


def shoot(html_root: Path, out: Path) -> list[tuple[str, str]]:
    """Screenshot every figure; return (image file, what it shows) pairs."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, str]] = []
    server = make_server(html_root, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
            page = context.new_page()
            for name in chart_pages(html_root):
                for theme in ("light", "dark"):
                    page.goto(url + name)
                    set_theme(page, theme)
                    for i, chart in enumerate(wait_for_charts(page)):
                        figure = chart.locator("xpath=ancestor::figure[1]")
                        stem = f"{Path(name).stem}-{i}-{theme}"
                        figure.screenshot(path=out / f"{stem}-start.png")
                        shots.append((f"{stem}-start.png", f"{name}, figure {i + 1}, {theme}, at the start"))
                        for key, control in controls_of(chart).items():
                            if any(changes_chart(page, chart, act) for act in keyboard_moves(page, control)):
                                file = f"{stem}-{len(shots)}.png"
                                figure.screenshot(path=out / file)
                                shots.append((file, f"{name}, figure {i + 1}, {theme}, after moving {key}"))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return shots


def write_index(out: Path, shots: list[tuple[str, str]]) -> Path:
    items = "".join(f'<figure><img src="{html.escape(f)}" alt="{html.escape(what)}" loading="lazy">'
                    f"<figcaption>{html.escape(what)}</figcaption></figure>" for f, what in shots)
    page = out / "index.html"
    page.write_text("<!doctype html><html lang='en'><meta charset='utf-8'><title>migbook figure gallery</title>"
                    "<style>body{font-family:system-ui,sans-serif;margin:1rem}figure{display:inline-block;"
                    "margin:0.5rem;max-width:46%;vertical-align:top}img{max-width:100%;border:1px solid #999}"
                    f"</style><h1>Every figure, light and dark, before and after each control moves</h1>{items}",
                    encoding="utf-8")
    return page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=BUILD_DIR / "html", help="the built book")
    parser.add_argument("--out", type=Path, default=BUILD_DIR / "gallery", help="where to write the gallery")
    args = parser.parse_args()
    shots = shoot(args.html, args.out)
    print(f"{len(shots)} screenshots: {write_index(args.out, shots)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Debian's chromium, as the browser tests and the benchmarks start it, and what counts as a local request."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from typing import Any
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


# --- driving the book's figures in a page (Playwright objects) ----------------------------------

RENDER_TIMEOUT_MS = 30_000
SERIOUS = {"serious", "critical"}  # axe impacts a page must not have


# A book page with figures runs the theme's scripts once its charts have drawn (migbook/templates/layout.html).
THEME_LOADED_JS = ("!document.getElementById('migbook-after-charts') || "
                   "document.documentElement.dataset.migbookTheme === 'loaded'")


def wait_for_charts(page: Any) -> list[Any]:
    """Wait until every figure on the page has drawn (or failed), and the theme's scripts that wait for them have
    run; return the chart elements."""
    charts = page.locator(".migbook-chart")
    out = []
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        page.wait_for_function("el => el.dataset.rendered === 'true' || el.dataset.rendered === 'error'",
                               arg=chart.element_handle(), timeout=RENDER_TIMEOUT_MS)
        out.append(chart)
    page.wait_for_function(THEME_LOADED_JS, timeout=RENDER_TIMEOUT_MS)
    return out


def controls_of(chart: Any) -> dict[str, Any]:
    """The figure's controls by name, one element each (radio buttons of a group count once)."""
    controls = chart.locator(".vega-bind input, .vega-bind select")
    firsts: dict[str, Any] = {}
    for j in range(controls.count()):
        control = controls.nth(j)
        firsts.setdefault(control.get_attribute("name") or f"#{j}", control)
    return firsts


def keyboard_moves(page: Any, control: Any) -> list[Callable[[], object]]:
    """Ways to move one control from the keyboard, each to another value: every option of a menu
    (up to eight), every radio button, a slider's two ends."""
    kind = control.evaluate("el => el.tagName + ':' + (el.type || '')")
    if kind.startswith("SELECT"):
        values = [o.get_attribute("value") for o in control.locator("option").all()]
        if len(values) < 2:
            raise AssertionError("a menu with one option cannot be tested (or used)")
        return [lambda v=v: (control.focus(), control.select_option(v)) for v in values[::-1]][:8]
    if kind.endswith("radio"):
        group = control.get_attribute("name")
        radios = page.locator(f'input[type=radio][name="{group}"]')
        return [lambda r=r: (r.focus(), page.keyboard.press("Space")) for r in radios.all()]
    return [lambda k=k: (control.focus(), page.keyboard.press(k)) for k in ("End", "Home")]


def changes_chart(page: Any, chart: Any, act: Callable[[], object], timeout_ms: int = 3_000) -> bool:
    """Do ``act`` and report whether the chart's drawing changed within ``timeout_ms``."""
    before = chart.locator("svg").first.inner_html()
    act()
    try:
        page.wait_for_function("([el, old]) => el.innerHTML !== old",
                               arg=[chart.locator("svg").first.element_handle(), before], timeout=timeout_ms)
    except Exception:  # Playwright's timeout: the drawing did not change
        return False
    return True


def set_theme(page: Any, theme: str) -> None:
    """Switch the book's light or dark mode, as its theme button does, and let the charts redraw."""
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    page.wait_for_timeout(300)


# Text the drawing cannot show whole: outside the SVG's box, or cut short with an ellipsis by a label limit.
CLIPPED_TEXT_JS = """svg => {
  const box = svg.getBoundingClientRect();
  return Array.from(svg.querySelectorAll('text'))
    .map(t => [t.textContent, t.getBoundingClientRect()])
    .filter(([s, r]) => s.trim() && r.width > 0 && (s.includes('\u2026') || r.left < box.left - 1
            || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
    .map(([s]) => s);
}"""


def clipped_text(svg: Any) -> list[str]:
    """The texts of a drawn chart (a Playwright locator of its ``svg``) that a reader cannot read whole."""
    return svg.evaluate(CLIPPED_TEXT_JS)


def signals(chart: Any, names: list[str]) -> dict[str, Any]:
    """The values of a drawn figure's controls, read from its Vega view."""
    values = chart.evaluate("(el, names) => names.map(n => el.migbookView.signal(n))", names)
    return dict(zip(names, values, strict=True))


def serious_violations(page: Any) -> list[str]:
    """Serious and critical violations of every axe rule, the experimental and best-practice ones included, one
    line each: the book's pages and the live lessons are held to the same bar."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    rules = page.evaluate("axe.getRules().map(rule => rule.ruleId)")
    assert len(rules) > 90, f"axe lists only {len(rules)} rules"
    options = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": rules}}
    results = axe.run(page, options=options)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"] if v["impact"] in SERIOUS
    ]

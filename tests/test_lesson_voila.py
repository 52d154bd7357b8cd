"""Each lesson served by Voila on 127.0.0.1, driven in chromium: controls recompute the model live."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from migbook import lessons

# One Voila server per lesson serves all its tests: keep them together when the suite runs in random order.
pytestmark = [pytest.mark.voila, pytest.mark.browser, pytest.mark.random_order(disabled=True)]

LOAD_TIMEOUT_MS = 120_000  # a cold kernel plus the lesson's cells, on 2 cores
CHANGE_TIMEOUT_MS = 15_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Voila exited early:\n{process.stdout.read()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"Voila did not listen on port {port} within {timeout_s} s")


@contextlib.contextmanager
def served(name: str, folder: Path) -> Iterator[str]:
    """Lesson ``name`` served by Voila exactly as `migbook lesson` serves it; yields its URL."""
    port = free_port()
    notebook = lessons.notebook(name, out_dir=folder)
    process = subprocess.Popen(lessons.voila_command(notebook, port), env=lessons.voila_environment(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module", params=lessons.names())
def lesson_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Each lesson in turn, one Voila server per lesson."""
    with served(request.param, tmp_path_factory.mktemp("lesson")) as url:
        yield url


@pytest.fixture(scope="module")
def lesson_one_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served("01-stock-and-flow", tmp_path_factory.mktemp("lesson")) as url:
        yield url


def chart_of(box: object) -> object:
    """The element that holds a live chart's SVG (the SVG itself is replaced on each redraw)."""
    return box.locator(".widget-html-content:has(svg)").first


def test_lesson_runs_live_offline(lesson_url: str, watched: object) -> None:
    page = watched.page
    page.goto(lesson_url)
    page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
    live_boxes = page.locator(".migbook-live")
    assert live_boxes.count() >= 1

    # Every live figure: change its first control from the keyboard or its menu, see the chart redrawn.
    for i in range(live_boxes.count()):
        box = live_boxes.nth(i)
        box.scroll_into_view_if_needed()
        chart = chart_of(box)
        before = chart.inner_html()
        select = box.locator("select")
        if select.count():
            menu = select.first
            values = [o.get_attribute("value") for o in menu.locator("option").all()]
            menu.select_option([v for v in values if v != menu.input_value()][-1])
        else:
            handle = box.locator(".noUi-handle").first
            handle.focus()
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            for _ in range(3):
                page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
        page.wait_for_function("([el, old]) => el.innerHTML !== old",
                               arg=[chart.element_handle(), before],
                               timeout=CHANGE_TIMEOUT_MS)
        assert box.locator(".migbook-status").inner_text()

    assert not watched.external, f"requests to non-local hosts: {watched.external}"
    assert not watched.errors, f"console errors: {watched.errors}"


def test_lesson_questions_give_feedback(lesson_url: str, watched: object) -> None:
    """Every question: a wrong answer gets "not yet" with a hint, announced to screen readers."""
    page = watched.page
    page.goto(lesson_url)
    page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
    panels = page.locator(".widget-vbox:has(> .widget-hbox button:has-text('Check'))")
    assert panels.count() >= 1, "a lesson asks at least one question"
    for i in range(panels.count()):
        panel = panels.nth(i)
        panel.scroll_into_view_if_needed()
        answer = panel.locator("input").first
        answer.fill("-98765")
        answer.press("Enter")
        panel.locator("button:has-text('Check')").click()
        panel.locator(".migbook-feedback-wrong[role=status]").wait_for(timeout=CHANGE_TIMEOUT_MS)
    assert not watched.errors, f"console errors: {watched.errors}"


def test_lesson_one_accepts_the_right_answer(lesson_one_url: str, watched: object) -> None:
    page = watched.page
    page.goto(lesson_one_url)
    page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
    first = page.locator(".widget-vbox:has(> .widget-hbox button:has-text('Check'))").first
    answer = first.locator("input").first
    answer.fill("1250")
    answer.press("Enter")
    first.locator("button:has-text('Check')").click()
    page.wait_for_selector(".migbook-feedback-right", timeout=CHANGE_TIMEOUT_MS)
    assert not watched.errors, f"console errors: {watched.errors}"

"""Each lesson served by Voila on 127.0.0.1, driven in chromium: every control recomputes the model live, every
question takes a wrong and the right answer."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from migbook import lessons
from migbook.qa.browser import serious_violations
from migbook.qa.lessons import asked

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
def lesson(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Each lesson in turn, as (name, URL): one Voila server per lesson."""
    with served(request.param, tmp_path_factory.mktemp("lesson")) as url:
        yield request.param, url


@pytest.fixture
def lesson_url(lesson: tuple[str, str]) -> str:
    return lesson[1]


def cut_off_labels(page: object) -> list[str]:
    """Control labels whose text does not fit their box (cut off with an ellipsis)."""
    return page.evaluate("() => [...document.querySelectorAll('.widget-label, label')]"
                         ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())")


def chart_of(box: object) -> object:
    """The element that holds a live chart's SVG (the SVG itself is replaced on each redraw)."""
    return box.locator(".widget-html-content:has(svg)").first


def _changed(page: object, chart: object, status: object, before: tuple[str, str]) -> None:
    """Wait until the chart or its spoken summary is redrawn."""
    page.wait_for_function("([el, st, old, oldStatus]) => el.innerHTML !== old || st.innerHTML !== oldStatus",
                           arg=[chart.element_handle(), status.element_handle(), *before],
                           timeout=CHANGE_TIMEOUT_MS)


def test_lesson_runs_live_offline(lesson_url: str, watched: object) -> None:
    page = watched.page
    page.goto(lesson_url, timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
    live_boxes = page.locator(".migbook-live")
    assert live_boxes.count() >= 1

    # Every control of every live figure: each menu to another option, each radio group to another button,
    # each slider three steps from the keyboard; each move must redraw the chart or its summary.
    moved = 0
    for i in range(live_boxes.count()):
        box = live_boxes.nth(i)
        box.scroll_into_view_if_needed()
        # The summary's container, not its <p>: each redraw replaces the <p>, so an old one would never change.
        chart, status = chart_of(box), box.locator(".widget-html-content:has(> .migbook-status)").first
        menus, radios, handles = box.locator("select"), box.locator(".widget-radio-box"), box.locator(".noUi-handle")
        controls = menus.count() + radios.count() + handles.count()
        assert controls >= 1, f"live figure {i} has no control"
        for j in range(menus.count()):
            menu = menus.nth(j)
            values = [o.get_attribute("value") for o in menu.locator("option").all()]
            assert len(values) >= 2, f"live figure {i}: menu {j} offers one option"
            before = (chart.inner_html(), status.inner_html())
            menu.select_option([v for v in values if v != menu.input_value()][-1])
            _changed(page, chart, status, before)
            moved += 1
        for j in range(radios.count()):
            buttons = radios.nth(j).locator("input[type=radio]")
            assert buttons.count() >= 2, f"live figure {i}: radio group {j} offers one option"
            before = (chart.inner_html(), status.inner_html())
            unchecked = [k for k in range(buttons.count()) if not buttons.nth(k).is_checked()]
            buttons.nth(unchecked[-1]).check()
            _changed(page, chart, status, before)
            moved += 1
        for j in range(handles.count()):
            handle = handles.nth(j)
            handle.focus()
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            before = (chart.inner_html(), status.inner_html())
            for _ in range(3):
                page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
            _changed(page, chart, status, before)
            moved += 1
        assert box.locator(".migbook-status").first.inner_text()
        assert "Traceback" not in box.inner_text()
    assert moved >= live_boxes.count()
    assert not cut_off_labels(page), "every control's label shows whole"
    violations = serious_violations(page)
    assert not violations, f"axe: {violations}"

    assert "Traceback" not in page.inner_text("body")
    assert not watched.external, f"requests to non-local hosts: {watched.external}"
    assert not watched.errors, f"console errors: {watched.errors}"


def _answer(page: object, panel: object, value: float, verdict: str) -> None:
    answer = panel.locator("input").first
    answer.fill(repr(value))
    answer.press("Enter")
    panel.locator("button:has-text('Check')").click()
    panel.locator(f".migbook-feedback-{verdict}[role=status]").wait_for(timeout=CHANGE_TIMEOUT_MS)


def test_every_question_takes_right_and_wrong_answers(lesson: tuple[str, str], watched: object) -> None:
    """Every question of the lesson: a wrong answer gets "not yet", the right one (computed by running the
    lesson's cells here, never read from the page) gets "right", both announced to screen readers."""
    name, url = lesson
    expected = {q.prompt: q for q in asked(name)}
    page = watched.page
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".migbook-live svg", timeout=LOAD_TIMEOUT_MS)
    panels = page.locator(".widget-vbox:has(> .widget-hbox button:has-text('Check'))")
    assert panels.count() == len(expected) >= 1, "every question the lesson asks is on the page"
    seen = set()
    for i in range(panels.count()):
        panel = panels.nth(i)
        panel.scroll_into_view_if_needed()
        shown = " ".join(panel.locator("p").first.inner_text().split())
        matches = [p for p in expected if " ".join(p.split()) in shown]
        assert len(matches) == 1, f"question {i} ({shown!r}) is not one the lesson asks"
        question = expected[matches[0]]
        _answer(page, panel, question.wrong(), "wrong")
        _answer(page, panel, question.answer, "right")
        seen.add(question.prompt)
    assert seen == set(expected)
    n = len(expected)
    tally = page.locator(".migbook-tally-text").last
    page.wait_for_function("([el, want]) => el.textContent.includes(want)",
                           arg=[tally.element_handle(), f"answered: {n} of {n}, right: {n}"], timeout=CHANGE_TIMEOUT_MS)
    assert page.locator(".migbook-tally-text").count() == n, "the tally shows under every question"
    assert not watched.errors, f"console errors: {watched.errors}"

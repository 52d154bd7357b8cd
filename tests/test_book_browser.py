"""Every built page in a real browser: offline, error-free, charts drawn and movable, accessible.

Each page is opened over http://127.0.0.1 and over file://, with every
non-local request blocked and counted.
"""

from __future__ import annotations

import functools
import json
import urllib.parse
from pathlib import Path

import pytest
from conftest import page_address

from migbook import explorers
from migbook.figures import Figure
from migbook.qa import browser as browser_tools
from migbook.qa.browser import (
    changes_chart,
    clipped_text,
    controls_of,
    keyboard_moves,
    serious_violations,
    set_theme,
    signals,
)
from migbook.qa.charts import readability_problems

pytestmark = [pytest.mark.build, pytest.mark.browser]

RENDER_TIMEOUT_MS = browser_tools.RENDER_TIMEOUT_MS


def pages(html_root: Path) -> list[str]:
    """Every HTML page of the book (not the theme's template fragments under _static)."""
    return sorted(str(p.relative_to(html_root)) for p in html_root.rglob("*.html")
                  if "_static" not in p.parts and "_sources" not in p.parts)


def content_pages(html_root: Path) -> list[str]:
    """The pages with content: not the stubs that only redirect elsewhere."""
    return [n for n in pages(html_root) if 'http-equiv="refresh"' not in (html_root / n).read_text().lower()]


def wait_for_charts(page: object) -> list[object]:
    """Wait until every figure on the page has drawn, each readable; return them."""
    try:
        charts = browser_tools.wait_for_charts(page)
    except Exception as err:  # Playwright's timeout: say which page, not a stack of driver frames
        pytest.fail(f"{page.url}: a chart was not drawn within {browser_tools.RENDER_TIMEOUT_MS} ms ({err})")
    for i, chart in enumerate(charts):
        assert chart.get_attribute("data-rendered") == "true", f"chart {i} failed: {chart.inner_text()}"
        assert chart.locator("svg").count() >= 1, f"chart {i} has no SVG"
        assert_readable(page, chart, f"chart {i}")
    return charts


def assert_readable(page: object, chart: object, what: str) -> None:
    """The chart as drawn in the page: plot areas of a readable size, a legend for every series it encodes."""
    spec = json.loads(page.locator("#" + chart.get_attribute("data-spec-id")).text_content())
    svg = chart.locator("svg").first.evaluate("el => new XMLSerializer().serializeToString(el)")
    problems = readability_problems(spec, svg)
    assert not problems, f"{page.url}: {what} is not readable: {problems}"


def test_book_has_the_pages_we_expect(built_book: Path) -> None:
    found = pages(built_book)
    for expected in ("book/intro.html", "book/chapters/01-why-migration-is-international.html",
                     "book/lessons/01-stock-and-flow.html", "book/glossary.html", "book/references.html"):
        assert expected in found


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_every_page_offline_error_free_and_drawn(built_book: Path, book_url: str, watched: object,
                                                 scheme: str) -> None:
    failures = []
    assert len(pages(built_book)) >= 10, "the build has too few pages to test"
    for name in pages(built_book):
        url = page_address(built_book, book_url, scheme, name)
        watched.external.clear()
        watched.errors.clear()
        watched.warnings.clear()
        watched.page.goto(url, wait_until="load")
        wait_for_charts(watched.page)
        watched.page.wait_for_timeout(300)  # late scripts (search) get to run
        if watched.external:
            failures.append(f"{name}: requests to non-local hosts {sorted(set(watched.external))}")
        if watched.errors:
            failures.append(f"{name}: console errors {watched.errors}")
        vega = [w for w in watched.warnings if "WARN" in w]
        if vega:
            failures.append(f"{name}: warnings from Vega {vega}")
    assert not failures, "\n".join(failures)


def test_math_is_drawn_offline_without_mathjax(built_book: Path, book_url: str, watched: object) -> None:
    requested: list[str] = []
    watched.page.on("request", lambda request: requested.append(request.url))
    watched.page.goto(book_url + "book/chapters/01-why-migration-is-international.html", wait_until="load")
    equations = watched.page.locator("math")
    assert equations.count() >= 60
    assert equations.first.bounding_box()["height"] > 8  # drawn by the browser, as MathML
    assert not [url for url in requested if "mathjax" in url.lower()]
    assert not watched.external and not watched.errors


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_passes_axe(built_book: Path, book_url: str, watched: object, theme: str) -> None:
    failures = []
    assert content_pages(built_book), "no content page to check"
    for name in content_pages(built_book):
        watched.page.goto(book_url + name, wait_until="load")
        if theme == "dark":
            watched.page.evaluate("document.documentElement.dataset.theme = 'dark'")
            watched.page.wait_for_timeout(200)
        wait_for_charts(watched.page)
        found = serious_violations(watched.page)
        if found:
            failures.append(f"{name} ({theme}): " + "; ".join(found))
    assert not failures, "\n".join(failures)


def _chart_pages(built_book: Path) -> list[str]:
    return [n for n in pages(built_book) if 'class="migbook-chart"' in (built_book / n).read_text()]


@functools.cache
def _figure(name: str) -> Figure:
    return explorers.catalogue()[name].make()


def assert_truthful(page: object, chart: object, what: str) -> None:
    """Readable (plot area, legends), no text cut or outside the drawing, and the sentence under the figure
    is the one migbook writes for the setting the controls show, computed afresh from the model or data."""
    assert_readable(page, chart, what)
    cut = clipped_text(chart.locator("svg").first)
    assert not cut, f"{page.url}: {what}: text cut or outside the drawing: {cut}"
    figure = _figure(chart.get_attribute("data-explorer"))
    setting = figure.setting(signals(chart, [c.name for c in figure.controls]))
    shown = page.locator("#" + chart.get_attribute("aria-describedby")).inner_text()
    expected = " ".join(figure.sentence(setting).split())
    assert " ".join(shown.split()) == expected, f"{page.url}: {what} at {setting}: says {shown!r}, draws {expected!r}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_figure_readable_and_truthful_after_every_move(built_book: Path, book_url: str, watched: object,
                                                            theme: str) -> None:
    """Each control of each figure, driven from the keyboard to each of its values (a menu's first eight,
    every radio button, a slider's ends), changes the chart, which stays readable, cuts no text, and
    whose sentence describes what it draws."""
    chart_pages = _chart_pages(built_book)
    assert chart_pages, "no page has a figure"
    moved = checked = 0
    for name in chart_pages:
        page = watched.page
        page.goto(book_url + name)
        set_theme(page, theme)
        charts = wait_for_charts(page)
        assert charts, f"{name}: no figure drawn"
        for i, chart in enumerate(charts):
            assert chart.get_attribute("data-explorer") in explorers.catalogue(), f"{name}: chart {i} not catalogued"
            sentence = page.locator("#" + chart.get_attribute("aria-describedby"))
            assert sentence.get_attribute("aria-live") == "polite"
            assert_truthful(page, chart, f"chart {i} at the start")
            controls = controls_of(chart)
            assert controls, f"{name}: chart {i} has no control"
            for key, control in controls.items():
                changed = 0
                for act in keyboard_moves(page, control):
                    if changes_chart(page, chart, act):
                        changed += 1
                        assert_truthful(page, chart, f"chart {i} after moving {key}")
                        checked += 1
                if not changed:
                    pytest.fail(f"{name}: chart {i}, control {key} never changed the chart")
                moved += 1
    # every control of every catalogued figure (each is shown on some page) was moved
    assert moved >= sum(len(entry.make().controls) for entry in explorers.catalogue().values()) >= 12
    assert checked >= moved
    assert not watched.errors, watched.errors
    vega = [w for w in watched.warnings if "WARN" in w or "vega" in w.lower()]
    assert not vega, f"warnings from Vega: {vega}"


def test_dark_mode_redraws_charts_keeping_settings(built_book: Path, book_url: str, watched: object) -> None:
    page = watched.page
    page.goto(book_url + "book/chapters/01-why-migration-is-international.html")
    wait_for_charts(page)
    select = page.locator(".migbook-chart .vega-bind select").first
    select.select_option("Qatar")
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    page.wait_for_timeout(500)
    wait_for_charts(page)
    assert page.locator(".migbook-chart .vega-bind select").first.input_value() == "Qatar"
    assert not watched.errors


def test_text_alternatives_are_reachable(built_book: Path, book_url: str, watched: object) -> None:
    page = watched.page
    assert _chart_pages(built_book), "no page has a figure"
    for name in _chart_pages(built_book):
        page.goto(book_url + name)
        browser_tools.wait_for_charts(page)  # (until then the sections off screen are not laid out)
        figures = page.locator("figure.migbook-figure").all()
        assert figures, f"{name}: no figure"
        for figure in figures:
            assert len(figure.locator(".migbook-summary").inner_text()) > 40
            table = figure.locator("table.migbook-table")
            figure.locator("details.migbook-data summary").press("Enter")  # opens from the keyboard
            assert table.is_visible()
            assert table.locator("caption").inner_text()
            assert table.locator("tbody tr").count() >= 3
            chart = figure.locator(".migbook-chart")
            assert chart.get_attribute("aria-describedby")
            link = figure.locator(".migbook-download a[download]")
            assert link.is_visible() and link.inner_text() == "Download the data (CSV)"
            csv = urllib.parse.unquote(link.get_attribute("href").removeprefix("data:text/csv;charset=utf-8,"))
            headers = [h.inner_text() for h in table.locator("thead th").all()]
            assert csv.splitlines()[0].split(",")[:1] == headers[:1], f"{name}: the CSV is not the table"


def tally_says(page: object, counts: str) -> bool:
    """Whether every question's tally on the page reads "Questions answered: <counts>"."""
    tallies = page.locator(".migbook-question .migbook-tally-text")
    texts = [t.inner_text() for t in tallies.all()]
    return bool(texts) and all(t == f"Questions answered: {counts}" for t in texts) and tallies.first.is_visible()


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_lesson_questions_are_checked_in_the_page(built_book: Path, book_url: str, watched: object,
                                                   scheme: str) -> None:
    """In the built book a reader types an answer and the page says right or not yet, with the live lesson's
    tolerance, announced in a status region, and a tally under each question counts the page's questions answered
    and right, as the live lesson's does; the keyboard can do it all. No kernel, no network."""
    from migbook import lessons
    from migbook.qa.lessons import asked

    page = watched.page
    for name in lessons.names():
        html_page = built_book / "book" / "lessons" / f"{name}.html"
        page.goto(book_url + f"book/lessons/{name}.html" if scheme == "http" else html_page.as_uri())
        browser_tools.wait_for_charts(page)  # (until then the sections off screen are not laid out)
        boxes = page.locator(".migbook-question")
        questions = asked(name)
        assert boxes.count() == len(questions), f"{name}: {boxes.count()} question boxes for {len(questions)}"
        assert not questions or tally_says(page, f"0 of {len(questions)}, right: 0"), name
        for number, (box, q) in enumerate(zip(boxes.all(), questions, strict=True)):
            form = box.locator("form.migbook-check")
            assert form.is_visible(), f"{name}: the check form stayed hidden (script not run?)"
            field, feedback = form.locator("input"), form.locator(".migbook-feedback")
            assert feedback.get_attribute("role") == "status"
            for value, verdict in (("a lot", "Please type a number"), (q.wrong(), "Not yet"),
                                   (q.answer + 0.999 * q.tolerance, "Right"), (q.answer, "Right")):
                field.fill(f"{value:.10g}" if isinstance(value, float) else value)
                field.press("Enter")  # submits from the keyboard
                text = feedback.inner_text()
                assert text.startswith(verdict), f"{name}: {q.prompt!r} with {value!r} says {text!r}"
                if verdict == "Please type a number":  # not an answer: the tally stands
                    assert tally_says(page, f"{number} of {len(questions)}, right: {number}"), name
                if verdict == "Not yet":  # counted as answered, not right; earlier questions were right
                    assert tally_says(page, f"{number + 1} of {len(questions)}, right: {number}"), name
            assert tally_says(page, f"{number + 1} of {len(questions)}, right: {number + 1}"), name
            box.locator("details summary").press("Enter")
            assert box.locator("details p").is_visible()
    assert not watched.external and not watched.errors

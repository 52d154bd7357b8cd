"""Every lesson runs as Python, and every question it asks accepts its right answer and refuses a wrong one."""

from __future__ import annotations

import pytest

from migbook import lessons
from migbook.qa.lessons import asked

LESSONS = lessons.names()


def test_there_are_lessons_to_check() -> None:
    assert len(LESSONS) >= 4 and "01-stock-and-flow" in LESSONS


@pytest.mark.parametrize("name", LESSONS)
def test_every_question_accepts_the_right_answer_and_refuses_a_wrong_one(name: str) -> None:
    questions = asked(name)
    assert len(questions) >= 2, f"{name} asks fewer than two questions"
    assert len({q.prompt for q in questions}) == len(questions), "two questions share a prompt"
    for q in questions:
        panel = q.twin.live()
        inside, outside = 0.999 * q.tolerance, 1.001 * q.tolerance + 1e-9
        for value, verdict in ((q.wrong(), "wrong"), (q.answer, "right"), (q.answer + inside, "right"),
                               (q.answer - inside, "right"), (q.answer + outside, "wrong"),
                               (q.answer - outside, "wrong"), (q.answer, "right")):
            panel.answer_box.value = value
            panel.button.click()
            assert f'class="migbook-feedback-{verdict}"' in panel.feedback.value, (q.prompt, value)
            assert 'role="status"' in panel.feedback.value


def test_lesson_one_first_answer_is_the_equilibrium() -> None:
    first = asked("01-stock-and-flow")[0]
    assert first.answer == 1250 and first.tolerance == 15 and first.unit == "thousand"


@pytest.mark.parametrize("name", LESSONS)
def test_every_question_in_the_book_can_be_checked_in_the_page(name: str) -> None:
    """The static twin carries what the page's script needs: the same answer and tolerance, a labelled box,
    a Check button and a status region, with the worked answer still behind its disclosure."""
    import html
    import re

    for q in asked(name):
        page = q.twin.static().to_html()
        data = {k: html.unescape(v) for k, v in re.findall(r'data-([a-z-]+)="([^"]*)"', page)}
        assert float(data["answer"]) == q.answer and float(data["tolerance"]) == q.tolerance
        assert data["unit"] == q.unit
        box = re.search(r'<label for="([^"]+)">Your answer[^<]*</label> <input id="([^"]+)"', page)
        assert box and box.group(1) == box.group(2), "the answer box needs its label"
        assert '<button type="submit">Check</button>' in page
        assert 'role="status" aria-live="polite"' in page
        assert "<form class=\"migbook-check\" hidden" in page, "the form shows only once the script runs"
        assert "<details><summary>Show the answer</summary>" in page


def test_the_tally_counts_questions_answered_and_right_under_every_question() -> None:
    from migbook import questions

    questions._tally = None  # a fresh kernel
    try:
        first, second = (questions.numeric(p, 10, unit="x", tolerance=1, explanation="").live() for p in ("A?", "B?"))
        questions.numeric("A?", 10, unit="x", tolerance=1, explanation="").live()  # a cell run again asks no more
        assert first.tally is second.tally and first.tally.widget in first.children and \
            first.tally.widget in second.children, "one tally, shown under each question"
        assert first.tally.text() == "Questions answered: 0 of 2, right: 0"
        first.answer_box.value = 3
        first.button.click()
        assert first.tally.text() == "Questions answered: 1 of 2, right: 0"
        first.answer_box.value = 10.5
        first.button.click()
        second.answer_box.value = 10
        second.button.click()
        assert first.tally.text() == "Questions answered: 2 of 2, right: 2"
        second.answer_box.value = 0
        second.button.click()
        assert "answered: 2 of 2, right: 1" in first.tally.widget.value, "the latest answer counts"
    finally:
        questions._tally = None

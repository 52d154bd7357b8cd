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

"""Questions for lessons, as twins: a box to answer and check in Voila, a hidden answer in the book."""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass

import ipywidgets as widgets

from migbook.errors import ParameterError
from migbook.figures import Twin, live


@dataclass
class _Reveal:
    """The static twin: the question, a box that checks an answer in the page, and the worked answer.

    The check runs in the reader's browser (``migbook-questions.js``) with the same tolerance
    as the live lesson; the form stays hidden until that script enhances it, so a page read
    without scripts shows the question and its disclosure only.
    """

    prompt: str
    answer: float
    tolerance: float
    unit: str
    answer_text: str
    explanation: str
    hint: str

    def to_html(self) -> str:
        ident = "migbook-q-" + hashlib.sha1(self.prompt.encode()).hexdigest()[:10]
        unit = f" ({html.escape(self.unit)})" if self.unit else ""
        return (
            f'<div class="migbook-question" data-answer="{self.answer!r}" data-tolerance="{self.tolerance!r}" '
            f'data-unit="{html.escape(self.unit)}" data-answer-text="{html.escape(self.answer_text)}" '
            f'data-explanation="{html.escape(self.explanation)}" data-hint="{html.escape(self.hint)}">'
            f'<p id="{ident}-prompt"><strong>Question.</strong> {html.escape(self.prompt)}</p>'
            f'<form class="migbook-check" hidden aria-describedby="{ident}-prompt">'
            f'<label for="{ident}">Your answer{unit}</label> '
            f'<input id="{ident}" type="text" inputmode="decimal" autocomplete="off" spellcheck="false"> '
            '<button type="submit">Check</button>'
            '<p class="migbook-feedback" role="status" aria-live="polite"></p></form>'
            "<details><summary>Show the answer</summary>"
            f"<p>{html.escape(self.answer_text)}. {html.escape(self.explanation)}</p></details></div>"
        )


class Tally:
    """How many of a lesson's questions the student has answered, and how many of those are right now, shown under
    every question (one widget, displayed with each). A kernel runs one lesson, so one tally per kernel; it is made
    on first use, never at import (a widget made at import would put widget state into every book page)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.verdicts: dict[str, bool] = {}
        self.widget = widgets.HTML()
        self.widget.add_class("migbook-tally")
        self._show()

    def ask(self, prompt: str) -> None:
        """Count a question the lesson shows (once, however often its cell runs)."""
        if prompt not in self.asked:
            self.asked.append(prompt)
            self._show()

    def record(self, prompt: str, right: bool) -> None:
        """The student checked an answer to ``prompt``: its latest verdict counts."""
        self.verdicts[prompt] = right
        self._show()

    def text(self) -> str:
        """E.g. "Questions answered: 1 of 3, right: 1"."""
        right = sum(self.verdicts.values())
        return f"Questions answered: {len(self.verdicts)} of {len(self.asked)}, right: {right}"

    def _show(self) -> None:
        self.widget.value = f'<p class="migbook-tally-text">{html.escape(self.text())}</p>'


_tally: Tally | None = None


def tally() -> Tally:
    """This kernel's tally of the lesson's questions (made on first use)."""
    global _tally
    if _tally is None:
        _tally = Tally()
    return _tally


def numeric(prompt: str, answer: float, *, unit: str, tolerance: float, explanation: str,
            hint: str = "") -> Twin:
    """A question with a numeric answer, accepted within ``tolerance`` (in ``unit``).

    Live, the student types a number and presses *Check*; the feedback is
    announced to screen readers, and the lesson's :class:`Tally` under each
    question shows how many are answered and right. The book's page checks a typed answer in the
    browser with the same tolerance, and the worked answer is one click away.
    """
    if not math.isfinite(answer):
        raise ParameterError(f"answer must be a finite number, got {answer!r}")
    if not tolerance >= 0:
        raise ParameterError(f"tolerance must be zero or more, got {tolerance!r}")
    answer_text = f"{answer:,.4g} {unit}"

    def build_live() -> widgets.Widget:
        count = tally()
        count.ask(prompt)
        question = widgets.HTML(f"<p><strong>Question.</strong> {html.escape(prompt)}</p>")
        box = widgets.FloatText(description=f"Your answer ({unit})", style=live.CONTROL_STYLE,
                                layout=live.control_layout())
        button = widgets.Button(description="Check", button_style="primary",
                                tooltip="Check your answer")
        feedback = widgets.HTML()

        def check(_click: object = None) -> None:
            right = abs(box.value - answer) <= tolerance
            if right:
                text, css = f"Right: {answer_text}. {explanation}", "right"
            else:
                text, css = f"Not yet: {box.value:,.4g} {unit} is off. {hint}".strip(), "wrong"
            count.record(prompt, right)
            feedback.value = (f'<p class="migbook-feedback-{css}" role="status" aria-live="polite">'
                              f"{html.escape(text)}</p>")

        button.on_click(check)
        panel = widgets.VBox([question, widgets.HBox([box, button]), feedback, count.widget])
        panel.answer_box, panel.button, panel.feedback, panel.tally = box, button, feedback, count
        return panel

    return Twin(title=prompt, make_static=lambda: _Reveal(prompt, float(answer), float(tolerance), unit,
                                                                answer_text, explanation, hint), make_live=build_live)

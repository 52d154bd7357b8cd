"""A lesson's questions and their right answers, found by running its cells (for the tests; never in a page).

The answers are never put in the served page: the tests run the lesson's code cells here, with
:func:`migbook.questions.numeric` wrapped to record each question as it is asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

import jupytext

from migbook import questions
from migbook.paths import LESSONS_DIR


@dataclass(frozen=True)
class Asked:
    """One question as the lesson asks it, with its twin (live panel and revealed answer)."""

    prompt: str
    answer: float
    tolerance: float
    unit: str
    twin: object

    def wrong(self) -> float:
        """An answer well outside the tolerance."""
        return self.answer + self.tolerance + max(1.0, abs(self.answer))


def asked(name: str) -> list[Asked]:
    """The questions lesson ``name`` asks, in page order, found by running its code cells."""
    notebook = jupytext.read(LESSONS_DIR / f"{name}.md")
    found: list[Asked] = []
    real = questions.numeric

    def record(prompt: str, answer: float, **kwargs: object) -> object:
        twin = real(prompt, answer, **kwargs)
        found.append(Asked(prompt, float(answer), float(kwargs["tolerance"]), str(kwargs["unit"]), twin))
        return twin

    namespace: dict[str, object] = {"__name__": f"lesson_{name.replace('-', '_')}"}
    with mock.patch.object(questions, "numeric", record):
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, f"{name}.md", "exec"), namespace)
    return found

"""Every live twin (what Voila lessons and JupyterLab show), after every control move, drawn in chromium:
readable, no text cut or outside the drawing, and its spoken sentence describing what it draws."""

from __future__ import annotations

import pytest

from migbook import explorers
from migbook.figures.live import status_html
from migbook.qa.browser import clipped_text
from migbook.qa.charts import readability_problems

pytestmark = pytest.mark.browser

MOVES_PER_CONTROL = 4


def _values(widget: object) -> list[object]:
    """Other values to move a live control to: up to four options of a menu, or a slider's ends and middle."""
    if hasattr(widget, "options"):
        others = [value for _label, value in widget.options if value != widget.value]
        step = max(1, len(others) // MOVES_PER_CONTROL)
        return others[::step][:MOVES_PER_CONTROL]
    middle = widget.min + round((widget.max - widget.min) / 2 / widget.step) * widget.step
    return [v for v in (widget.max, widget.min, middle) if v != widget.value]


@pytest.mark.parametrize("name", sorted(explorers.catalogue()))
def test_live_twin_readable_and_truthful_after_every_move(name: str, watched: object) -> None:
    figure = explorers.catalogue()[name].make()
    spec = figure.static().spec()
    box = figure.live()
    page = watched.page
    checked = 0

    def check(what: str) -> None:
        nonlocal checked
        svg = box.chart.value
        assert not readability_problems(spec, svg), f"{name} {what}: {readability_problems(spec, svg)}"
        page.set_content(f"<!doctype html><html lang='en'><body style='margin:0'>{svg}</body></html>")
        cut = clipped_text(page.locator("svg").first)
        assert not cut, f"{name} {what}: text cut or outside the drawing: {cut}"
        setting = {control: widget.value for control, widget in box.controls.items()}
        assert box.status.value == status_html(figure.sentence(setting)), f"{name} {what}: sentence is stale"
        checked += 1

    check("at the start")
    for control, widget in box.controls.items():
        start = widget.value
        for value in _values(widget):
            widget.value = value
            check(f"with {control} = {value!r}")
        widget.value = start
    assert checked >= 2
    assert not watched.external and not watched.errors

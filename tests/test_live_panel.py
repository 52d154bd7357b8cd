"""The live panel: redrawn on every change; a setting it cannot draw is one line in the status, not a traceback."""

from __future__ import annotations

import altair as alt
import ipywidgets as widgets
import pandas as pd

from migbook.figures import live


def chart(n: int) -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": list(range(n)), "y": list(range(n))})).mark_point().encode(x="x:Q", y="y:Q")


def test_panel_redraws_on_every_control() -> None:
    a, b = widgets.IntSlider(value=2, min=1, max=9), widgets.Dropdown(options=["p", "q"], value="p")
    calls = []

    def render(values: dict) -> tuple[alt.Chart, str]:
        calls.append(dict(values))
        return chart(values["a"]), f"{values['a']} points, menu {values['b']}"

    box = live.panel({"a": a, "b": b}, render)
    assert calls == [{"a": 2, "b": "p"}] and "<svg" in box.chart.value
    assert box.status.value == live.status_html("2 points, menu p")
    first = box.chart.value
    a.value = 5
    assert calls[-1] == {"a": 5, "b": "p"} and box.chart.value != first
    b.value = "q"
    assert calls[-1] == {"a": 5, "b": "q"} and "menu q" in box.status.value
    assert box.controls == {"a": a, "b": b} and "migbook-live" in box._dom_classes
    assert list(box.children) == [a, b, box.chart, box.status]


def test_render_may_keep_the_last_chart() -> None:
    a = widgets.IntSlider(value=2, min=1, max=9)
    box = live.panel({"a": a}, lambda v: (chart(3) if v["a"] == 2 else None, f"a is {v['a']}"))
    drawn = box.chart.value
    a.value = 4
    assert box.chart.value == drawn and "a is 4" in box.status.value


def test_an_error_in_a_callback_is_one_line_not_a_traceback() -> None:
    a = widgets.IntSlider(value=2, min=1, max=9)

    def render(values: dict) -> tuple[alt.Chart, str]:
        if values["a"] > 5:
            raise ValueError("rates must not exceed 1 per year\n  (details on a second line)")
        return chart(values["a"]), "fine"

    box = live.panel({"a": a}, render)
    drawn = box.chart.value
    a.value = 7  # raises inside the widget callback
    assert box.chart.value == drawn
    assert box.status.value == ('<p class="migbook-status migbook-error" role="status" aria-live="polite">'
                                "This setting could not be drawn: rates must not exceed 1 per year</p>")
    assert "Traceback" not in box.status.value
    a.value = 3
    assert box.status.value == live.status_html("fine")


def test_an_error_without_words_names_its_kind() -> None:
    assert "could not be drawn: ZeroDivisionError<" in live.error_html(ZeroDivisionError())
    assert "&lt;b&gt;" in live.error_html(ValueError("<b>"))


def test_status_is_announced_and_escaped() -> None:
    assert live.status_html("a < b") == '<p class="migbook-status" role="status" aria-live="polite">a &lt; b</p>'

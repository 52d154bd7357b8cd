"""A lesson's kernel answers a page's request for its widgets' state in one pass, with the message ipywidgets sends."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pytest
from ipywidgets import Widget

from migbook import lessons
from migbook.widget_messages import NO_ECHO, answer_states_once


class Comm:
    """A stand-in for the control comm: keeps what the kernel sends."""

    def __init__(self) -> None:
        self.sent: list[tuple[dict[str, Any], Any]] = []

    def send(self, data: dict[str, Any], buffers: Any = None) -> None:
        self.sent.append((data, buffers))


REQUEST = {"content": {"data": {"method": "request_states"}}}


def test_the_states_are_the_ones_ipywidgets_sends_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    slider = widgets.IntSlider(value=3, description="Years")
    box = widgets.VBox([slider, widgets.HTML("<p>chart</p>"), widgets.Button(description="Check")])
    comm = Comm()
    monkeypatch.setattr(Widget, "_control_comm", comm)
    Widget._handle_control_comm_msg(REQUEST)  # ipywidgets' own handler
    monkeypatch.setattr(Widget, "_handle_control_comm_msg", Widget._handle_control_comm_msg)  # restored after
    answer_states_once()

    def computed_again(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the whole manager state was computed again")

    monkeypatch.setattr(Widget, "get_manager_state", staticmethod(computed_again))
    Widget._handle_control_comm_msg(REQUEST)
    (theirs, their_buffers), (ours, our_buffers) = comm.sent
    assert ours == theirs and our_buffers == their_buffers
    assert ours["method"] == "update_states" and box.model_id in ours["states"]
    assert ours["states"][slider.model_id]["state"]["value"] == 3


def test_ipywidgets_computes_the_states_twice_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """What :func:`answer_states_once` saves is real: ipywidgets' own handler computes the manager state first."""
    calls = []
    monkeypatch.setattr(Widget, "_control_comm", Comm())
    original = Widget.get_manager_state
    monkeypatch.setattr(Widget, "get_manager_state",
                        staticmethod(lambda *a, **k: calls.append(1) or original(*a, **k)))
    Widget._handle_control_comm_msg(REQUEST)
    assert calls == [1]


def test_other_control_messages_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Widget, "_control_comm", Comm())
    monkeypatch.setattr(Widget, "_handle_control_comm_msg", Widget._handle_control_comm_msg)
    answer_states_once()
    with pytest.raises(RuntimeError, match="Unknown"):
        Widget._handle_control_comm_msg({"content": {"data": {"method": "execute"}}})


def test_every_live_lesson_installs_it_and_the_classroom_turns_the_echo_off() -> None:
    assert "answer_states_once" in lessons.GUARD_SOURCE
    assert NO_ECHO == {"JUPYTER_WIDGETS_ECHO": "0"}


def test_a_prepared_answer_is_sent_until_a_widget_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm kernel prepares the answer before its student arrives; any change, new widget or closed one
    makes the next answer fresh, the same as ipywidgets' own."""
    from migbook import widget_messages

    monkeypatch.setattr(Widget, "_handle_control_comm_msg", Widget._handle_control_comm_msg)
    monkeypatch.setattr(Widget, "notify_change", Widget.notify_change)
    monkeypatch.setattr(widget_messages, "_prepared", None)
    comm = Comm()
    monkeypatch.setattr(Widget, "_control_comm", comm)
    slider = widgets.IntSlider(value=3, description="Years")
    chart = widgets.HTML("<p>chart</p>")
    answer_states_once()
    widget_messages.prepare_states()

    def theirs() -> dict[str, Any]:
        return Widget.get_manager_state()["state"]

    def answer() -> dict[str, Any]:
        Widget._handle_control_comm_msg(REQUEST)
        return comm.sent[-1][0]["states"]

    with monkeypatch.context() as patched:
        patched.setattr(Widget, "get_state", lambda *a, **k: pytest.fail("computed again with nothing changed"))
        assert answer()[slider.model_id]["state"]["value"] == 3
    assert answer() == theirs()
    slider.value = 5
    assert answer()[slider.model_id]["state"]["value"] == 5 and answer() == theirs()
    widget_messages.prepare_states()
    added = widgets.Button(description="Check")
    assert added.model_id in answer() and answer() == theirs()
    widget_messages.prepare_states()
    closed = chart.model_id
    chart.close()
    assert closed not in answer() and answer() == theirs()


def test_every_live_lesson_prepares_the_answer_before_its_memory_is_frozen() -> None:
    source = lessons.RELEASE_SOURCE
    assert "prepare_states" in source and source.index("prepare_states") < source.index("freeze")

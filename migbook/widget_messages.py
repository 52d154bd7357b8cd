"""What a live lesson's kernel sends the page about its widgets: the same states and updates, less work.

Measured in lesson 01's kernel (104 widgets) with py-spy and timers, on the shared two-core box:

* **The states, once.** When a page connects, its widget manager asks for every widget's state in one
  ``request_states`` message (ipywidgets 8's control comm). ipywidgets 8.1 answers it by first computing the
  whole manager state (``Widget.get_manager_state()``) and throwing it away, then computing the states again to
  send them: about two thirds of the kernel's time for the answer (47 of 70 ms under load).
  :func:`answer_states_once` installs a handler that sends the same message without the discarded pass.
* **No echo.** ipywidgets 8 sends every change a page makes back to the page (an ``echo_update``, so that
  several pages on one kernel agree). A classroom kernel has exactly one page, whose widget manager applies
  updates with or without echoes; ``JUPYTER_WIDGETS_ECHO=0`` (:data:`NO_ECHO`, set by ``migbook classroom`` for
  its kernels) saves one message per move.
* **The states, ready.** Even once, the answer took a lesson 01 kernel about 6 ms of CPU (104 widgets' traits read
  one by one), while the rest of the class was arriving. A warm kernel computes it before a student arrives
  (:func:`prepare_states`, in the lesson's hidden last cell) and sends it as it is if no widget has changed, been
  created or closed since (a change seen by traitlets: a value mutated in place, which no page would be told of
  either, is not seen).
"""

from __future__ import annotations

from typing import Any

NO_ECHO = {"JUPYTER_WIDGETS_ECHO": "0"}  # read by ipywidgets when a kernel imports it


# How many widget changes this kernel has seen (see _count_changes): creating a widget and closing one are changes
# too (of its comm).
_generation = 0
_prepared: tuple[int, tuple[dict[str, Any], list[Any]]] | None = None


def _states_message() -> tuple[dict[str, Any], list[Any]]:
    """The ``update_states`` message ipywidgets 8.1 sends for every widget alive, and its buffers."""
    from ipywidgets.widgets.widget import _instances, _remove_buffers

    states = {widget.model_id: {"model_name": widget._model_name, "model_module": widget._model_module,
                                "model_module_version": widget._model_module_version,
                                "state": widget.get_state(drop_defaults=False)}
              for widget in list(_instances.values())}
    states, buffer_paths, buffers = _remove_buffers(states)
    return {"method": "update_states", "states": states, "buffer_paths": buffer_paths}, buffers


def _states_reply(cls: Any, msg: dict[str, Any]) -> None:
    """ipywidgets 8.1's control-comm handler (``Widget._handle_control_comm_msg``) without its discarded
    ``get_manager_state()``: the same ``update_states`` message, the one :func:`prepare_states` made if nothing
    has changed since."""
    if cls._control_comm is None:
        raise RuntimeError("Control comm has not been properly opened")
    method = msg["content"]["data"]["method"]
    if method != "request_states":
        raise RuntimeError(f'Unknown front-end to back-end widget control msg with method "{method}"')
    prepared = _prepared
    data, buffers = prepared[1] if prepared is not None and prepared[0] == _generation else _states_message()
    cls._control_comm.send(data, buffers=buffers)


def _count_changes(notify_change: Any) -> Any:
    def counted(self: Any, change: Any) -> Any:
        global _generation
        _generation += 1
        return notify_change(self, change)

    counted.migbook_counted = True  # type: ignore[attr-defined]
    return counted


def answer_states_once() -> None:
    """Make this kernel answer a page's ``request_states`` without computing every state twice."""
    from ipywidgets import Widget

    Widget._handle_control_comm_msg = classmethod(_states_reply)  # type: ignore[method-assign, assignment]
    if not getattr(Widget.notify_change, "migbook_counted", False):
        Widget.notify_change = _count_changes(Widget.notify_change)  # type: ignore[method-assign]


def prepare_states() -> None:
    """Compute now the answer to a page's request for every widget's state (a warm kernel, before its student
    arrives); :func:`answer_states_once` must have been called first, so that later changes are seen."""
    global _prepared
    _prepared = (_generation, _states_message())

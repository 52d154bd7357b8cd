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
"""

from __future__ import annotations

from typing import Any

NO_ECHO = {"JUPYTER_WIDGETS_ECHO": "0"}  # read by ipywidgets when a kernel imports it


def _states_reply(cls: Any, msg: dict[str, Any]) -> None:
    """ipywidgets 8.1's control-comm handler (``Widget._handle_control_comm_msg``) without its discarded
    ``get_manager_state()``: the same ``update_states`` message."""
    from ipywidgets.widgets.widget import _instances, _remove_buffers

    if cls._control_comm is None:
        raise RuntimeError("Control comm has not been properly opened")
    method = msg["content"]["data"]["method"]
    if method != "request_states":
        raise RuntimeError(f'Unknown front-end to back-end widget control msg with method "{method}"')
    states = {widget.model_id: {"model_name": widget._model_name, "model_module": widget._model_module,
                                "model_module_version": widget._model_module_version,
                                "state": widget.get_state(drop_defaults=False)}
              for widget in list(_instances.values())}
    states, buffer_paths, buffers = _remove_buffers(states)
    cls._control_comm.send({"method": "update_states", "states": states, "buffer_paths": buffer_paths},
                           buffers=buffers)


def answer_states_once() -> None:
    """Make this kernel answer a page's ``request_states`` without computing every state twice."""
    from ipywidgets import Widget

    Widget._handle_control_comm_msg = classmethod(_states_reply)  # type: ignore[method-assign, assignment]

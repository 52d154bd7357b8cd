"""What a lesson's kernel runs first: no traceback ever reaches a student.

:func:`install` replaces the kernel's ``showtraceback`` (which IPython calls for an
error in a cell and ipywidgets calls for an error inside a widget callback's
``with output:`` block) with one that writes the whole traceback to the kernel's
stderr, which lands in the server's log, and shows the student one short line.
:func:`migbook.lessons.notebook` puts ``from migbook.guard import install; install()``
in a hidden first cell of every live lesson, so no lesson has to ask for it.
"""

from __future__ import annotations

import html
import sys
import traceback
from typing import Any

FRIENDLY = ("Something went wrong in this part of the lesson. The rest of the lesson still works; "
            "if this keeps happening, tell your instructor.")


def friendly_html() -> str:
    """The one line a student sees instead of a traceback (announced to screen readers)."""
    return f'<p class="migbook-status migbook-error" role="status" aria-live="polite">{html.escape(FRIENDLY)}</p>'


def _show_friendly(shell: Any, exc_tuple: Any = None, *args: Any, **kwargs: Any) -> None:
    from IPython.display import HTML, display

    etype, value, tb = exc_tuple if exc_tuple else sys.exc_info()
    detail = "".join(traceback.format_exception(etype, value, tb)) if etype else "(no exception information)"
    print(f"migbook lesson error (shown to the student as one line):\n{detail}", file=sys.__stderr__, flush=True)
    display(HTML(friendly_html()))


def install() -> None:
    """Route every traceback of this kernel to the server log and show a short message instead."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    shell.showtraceback = _show_friendly.__get__(shell)  # bound, as IPython calls it
    shell.showsyntaxerror = lambda *a, **k: _show_friendly(shell)

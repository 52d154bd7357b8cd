"""A control of an interactive figure: one description for the page's widget, the kernel's and the text.

A :class:`Control` names a model parameter (or a table column) and the values
a reader may choose. From it come the Altair parameter bound to a slider, radio
buttons or a menu in the built page, the ipywidget of the live twin, the words
a text alternative uses for a value, and the filter that picks the chosen rows:
an Altair expression (``alt.datum[field] == value``), never a string, so any
value (Côte d'Ivoire, a quote, a backslash) is quoted correctly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt
import ipywidgets as widgets

from migbook.figures.live import CONTROL_STYLE, control_layout

# Names Vega and Vega-Lite give their own signals (and expression variables): a parameter with one
# of these names replaces the chart's own signal (a slider named "width" sets the plot's width).
RESERVED_SIGNALS = frozenset({
    "width", "height", "padding", "autosize", "background", "cursor",
    "datum", "event", "item", "parent", "unit", "layout", "facet", "config", "view",
    "child_width", "child_height", "row_domain", "column_domain",
})
_GENERATED = re.compile(r"^(concat|layer|child|facet|row|column|data|source|selector|param)_\d+(_|$)")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Kind = Literal["range", "radio", "select"]


def check_param_name(name: str) -> str:
    """Return ``name`` if it can be a Vega signal of its own; raise ``ValueError`` otherwise.

    >>> check_param_name("theta")
    'theta'
    >>> check_param_name("width")
    Traceback (most recent call last):
    ...
    ValueError: control name 'width' is one of Vega's own signals; choose another name
    """
    if not _IDENTIFIER.match(name):
        raise ValueError(f"control name {name!r} must be a plain identifier (letters, digits, _)")
    if name in RESERVED_SIGNALS or _GENERATED.match(name):
        raise ValueError(f"control name {name!r} is one of Vega's own signals; choose another name")
    return name


def param_name(column: str) -> str:
    """The parameter name of a menu over a table column: ``pick_`` and the column as an identifier."""
    return "pick_" + "".join(ch if ch.isalnum() else "_" for ch in column)


@dataclass(frozen=True)
class Control:
    """One control: a model parameter or a table column, the values a reader may choose, and its label.

    ``values`` are the static twin's choices (evenly spaced for a slider);
    ``live_step`` lets the live slider move more finely between the same ends.
    ``labels`` are the words shown for ``values`` (menus and radio buttons).
    ``field`` is the data column the control picks on (default: ``name``).

    >>> c = Control("year", "Status at the end of", (2000, 2010, 2020), 2020)
    >>> c.binding().to_dict()["input"], c.describe(2010)
    ('range', '2010')
    """

    name: str
    label: str
    values: tuple[Any, ...]
    default: Any
    kind: Kind = "range"
    live_step: float | None = None
    labels: tuple[str, ...] | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        check_param_name(self.name)
        if not self.values:
            raise ValueError(f"control {self.name}: no values to choose from")
        if self.default not in self.values:
            raise ValueError(f"control {self.name}: default {self.default!r} is not one of its values")
        if self.labels is not None and len(self.labels) != len(self.values):
            raise ValueError(f"control {self.name}: {len(self.labels)} labels for {len(self.values)} values")
        if self.kind not in ("range", "radio", "select"):
            raise ValueError(f"control {self.name}: kind must be range, radio or select, got {self.kind!r}")

    @property
    def column(self) -> str:
        """The data column the control picks on."""
        return self.field or self.name

    def shown(self) -> list[str]:
        """The words for each value, in order."""
        return list(self.labels) if self.labels else [str(v) for v in self.values]

    def describe(self, value: Any) -> str:
        """The words a reader sees for ``value`` (its label, or the value itself)."""
        return dict(zip(self.values, self.shown(), strict=True)).get(value, str(value))

    def _step(self) -> float:
        return self.values[1] - self.values[0] if len(self.values) > 1 else 1

    def binding(self) -> Any:
        """The HTML control the built page shows (Vega-Lite binding)."""
        name = self.label + " "
        if self.kind == "range":
            return alt.binding_range(min=self.values[0], max=self.values[-1], step=self._step(), name=name)
        bind = alt.binding_radio if self.kind == "radio" else alt.binding_select
        return bind(options=list(self.values), labels=self.shown(), name=name)

    def param(self) -> alt.Parameter:
        """The Altair parameter of the static twin, bound to :meth:`binding`, starting at the default."""
        return alt.param(name=self.name, value=self.default, bind=self.binding())

    def picks(self, value: Any) -> Any:
        """The Altair predicate that keeps the rows where the control's column equals ``value``
        (a constant in the live twin, the parameter in the static one)."""
        return alt.datum[self.column] == value

    def live_values(self) -> list[Any]:
        """A slider's values in the live twin: from the first value to the last in steps of ``live_step``.

        >>> Control("theta", "θ", (0.05, 0.1, 0.15), 0.1, live_step=0.025).live_values()
        [0.05, 0.075, 0.1, 0.125, 0.15]
        """
        step = self.live_step or self._step()
        count = round(float(self.values[-1] - self.values[0]) / step)
        values = [round(self.values[0] + k * step, 10) for k in range(count + 1)]
        return [int(v) if float(v).is_integer() and isinstance(self.values[0], int) else v for v in values]

    def widget(self) -> widgets.Widget:
        """The ipywidget of the live twin.

        A slider over fractional values moves through a list of them (a selection slider over their
        index), since a float slider's keyboard steps are lost to rounding when the step is small.
        """
        style, layout = CONTROL_STYLE, control_layout()
        if self.kind == "range":
            step = self.live_step or self._step()
            if all(isinstance(v, int) for v in (*self.values, step)):
                return widgets.IntSlider(value=self.default, min=self.values[0], max=self.values[-1], step=step,
                                         description=self.label, style=style, layout=layout,
                                         continuous_update=False)
            values = self.live_values()
            start = min(values, key=lambda v: abs(v - self.default))
            return widgets.SelectionSlider(options=[(f"{v:g}", v) for v in values], value=start,
                                           description=self.label, style=style, layout=layout,
                                           continuous_update=False)
        options = list(zip(self.shown(), self.values, strict=True))
        kind = widgets.RadioButtons if self.kind == "radio" else widgets.Dropdown
        return kind(options=options, value=self.default, description=self.label, style=style, layout=layout)


def all_of(predicates: Iterable[Any]) -> Any:
    """The predicates joined with ``&`` (Altair expressions)."""
    items = list(predicates)
    out = items[0]
    for item in items[1:]:
        out = out & item
    return out


def setting_key(values: Sequence[Any]) -> str:
    """The key of one setting of the controls: numbers as JavaScript prints them ("5", "0.25"), joined by "|".

    >>> setting_key([5, 0.25, "COLOMBO", True])
    '5|0.25|COLOMBO|true'
    """
    def one(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)) or hasattr(value, "dtype"):
            return f"{float(value):.15g}"
        return str(value)
    return "|".join(one(v) for v in values)

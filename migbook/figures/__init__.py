"""The figure framework: one road from a model run or a table to both twins of a figure.

* :class:`Control` (``controls``): one description of a control, for the page's
  slider or menu, the live ipywidget, the text alternative and the row filter;
* :class:`GridExplorer` (``grid``): a model over a grid of parameter values;
* :class:`SelectorChart` (``selector``): a table filtered by menus;
* :class:`Figure`, :class:`StaticFigure`, :class:`Twin` and :func:`mode` (``twin``):
  what displays as the static twin in the book build and the live one elsewhere;
* ``live`` (the live panel: controls, chart as SVG, spoken summary), ``theme``
  (sizes, colours, fonts) and ``table`` (accessible HTML tables).

Explorers in :mod:`migbook.explorers` are built from these; pages never use them directly.
"""

from migbook.figures.controls import RESERVED_SIGNALS, Control, check_param_name
from migbook.figures.grid import GridExplorer
from migbook.figures.selector import SelectorChart
from migbook.figures.table import table_html
from migbook.figures.twin import MODE_VARIABLE, Figure, StaticFigure, Twin, mode

__all__ = [
    "MODE_VARIABLE",
    "RESERVED_SIGNALS",
    "Control",
    "Figure",
    "GridExplorer",
    "SelectorChart",
    "StaticFigure",
    "Twin",
    "check_param_name",
    "mode",
    "table_html",
]

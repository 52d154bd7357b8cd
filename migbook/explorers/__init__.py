"""The book's interactive figures, each one call that gives the right twin.

In a chapter or lesson, ``explorers.stock_flow()`` as the last line of a cell
shows Altair controls over precomputed runs in the built book, and ipywidgets
that rerun the model in Jupyter and Voila (see :mod:`migbook.twin`).
"""

from migbook.explorers.cooperation import public_goods, reciprocity
from migbook.explorers.foundations import FLOW_GRID, migrant_stock, stock_flow, stock_flow_grid
from migbook.explorers.networks import convergence, diffusion
from migbook.explorers.ratification import ratification, win_sets

__all__ = [
    "FLOW_GRID",
    "convergence",
    "diffusion",
    "migrant_stock",
    "public_goods",
    "ratification",
    "reciprocity",
    "stock_flow",
    "stock_flow_grid",
    "win_sets",
]

"""The book's interactive figures, each one call that gives the right twin.

In a chapter, lesson or data page, ``explorers.stock_flow()`` as the last line
of a cell shows Altair controls over precomputed runs in the built book, and
ipywidgets that rerun the model in Jupyter and Voila (see :mod:`migbook.figures`).
The explorer of a model has the model's name (``models/win_sets.py``,
``explorers/win_sets.py``, ``explorers.win_sets()``); :func:`catalogue` lists them all.
"""

from __future__ import annotations

from migbook.explorers._catalogue import Entry, catalogued, entries
from migbook.explorers.asylum_key import asylum_key
from migbook.explorers.blocs import bloc_incomes
from migbook.explorers.border_market import border_market
from migbook.explorers.brain_gain import brain_gain
from migbook.explorers.capital_flows import capital_flows
from migbook.explorers.citizenship import citizenship, foreign_born_and_citizenship
from migbook.explorers.compacts import compact_votes, refugee_hosting
from migbook.explorers.conflict_refugees import conflict_refugees
from migbook.explorers.convergence import convergence
from migbook.explorers.datasets import (
    asylum_applications_by_origin_region,
    asylum_applications_by_region,
    border_patrol,
    countries_by_region,
    distance_and_stock,
    economy_by_region,
    emigrants_by_region,
    eu_asylum_measures,
    memberships,
    migrant_stock_by_region,
    missing_migrants_by_region,
    missing_migrants_by_route,
    refugees_by_asylum_region,
    refugees_by_origin_region,
    top_origins,
    treaty_parties,
    unemployment_in_europe,
)
from migbook.explorers.diffusion import diffusion
from migbook.explorers.european_integration import european_integration
from migbook.explorers.free_movement import free_movement
from migbook.explorers.migrant_stock import migrant_stock
from migbook.explorers.mobility_regime import mobility_regime
from migbook.explorers.ratification import ratification
from migbook.explorers.reciprocity import reciprocity
from migbook.explorers.recurrence import recurrence
from migbook.explorers.remittance_cost import remittance_cost
from migbook.explorers.replacement import replacement
from migbook.explorers.responsibility_sharing import responsibility_sharing
from migbook.explorers.screening import screening
from migbook.explorers.southwest_border import southwest_border
from migbook.explorers.stock_flow import stock_flow
from migbook.explorers.win_sets import win_sets


def catalogue() -> dict[str, Entry]:
    """Every explorer of the book (chapters, lessons and data pages) by name, A to Z.

    >>> names = catalogue(); names["win_sets"].make is win_sets, names["top_origins"].datasets
    (True, ('bilateral_stock_2020',))
    """
    return entries()


__all__ = [
    "Entry",
    "asylum_applications_by_origin_region",
    "asylum_applications_by_region",
    "asylum_key",
    "bloc_incomes",
    "border_market",
    "border_patrol",
    "brain_gain",
    "capital_flows",
    "catalogue",
    "catalogued",
    "citizenship",
    "compact_votes",
    "conflict_refugees",
    "convergence",
    "countries_by_region",
    "diffusion",
    "distance_and_stock",
    "economy_by_region",
    "emigrants_by_region",
    "eu_asylum_measures",
    "european_integration",
    "foreign_born_and_citizenship",
    "free_movement",
    "memberships",
    "migrant_stock",
    "migrant_stock_by_region",
    "missing_migrants_by_region",
    "missing_migrants_by_route",
    "mobility_regime",
    "ratification",
    "reciprocity",
    "recurrence",
    "refugee_hosting",
    "refugees_by_asylum_region",
    "refugees_by_origin_region",
    "remittance_cost",
    "replacement",
    "responsibility_sharing",
    "screening",
    "southwest_border",
    "stock_flow",
    "top_origins",
    "treaty_parties",
    "unemployment_in_europe",
    "win_sets",
]

"""The catalogue of the book's explorers: every figure, by name, with the datasets it draws.

An explorer is a function that takes no argument and returns a
:class:`~migbook.figures.Figure`; ``@catalogued()`` above it registers it, so
the tests exercise both twins of every figure without a list kept by hand.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from migbook.figures import Figure

Explorer = Callable[[], Figure]


@dataclass(frozen=True)
class Entry:
    """One explorer: its name (the call a page makes), the function, and the datasets it shows."""

    name: str
    make: Explorer
    datasets: tuple[str, ...]

    @property
    def doc(self) -> str:
        """The first line of the explorer's docstring."""
        return (self.make.__doc__ or "").strip().splitlines()[0]


_REGISTRY: dict[str, Entry] = {}


def catalogued(*datasets: str) -> Callable[[Explorer], Explorer]:
    """Register an explorer; ``datasets`` names the tables of ``data/`` it shows (for the data pages)."""
    def register(make: Explorer) -> Explorer:
        name = make.__name__
        if name in _REGISTRY:
            raise ValueError(f"two explorers are named {name!r}")

        @functools.wraps(make)
        def named(*args: object, **kwargs: object) -> Figure:
            figure = make(*args, **kwargs)
            figure.name, figure.datasets = name, tuple(datasets)
            return figure

        _REGISTRY[name] = Entry(name, named, tuple(datasets))
        return named
    return register


def entries() -> dict[str, Entry]:
    """Every registered explorer, by name, A to Z."""
    return dict(sorted(_REGISTRY.items()))

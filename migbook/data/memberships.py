"""Who belongs to which organisation in a given year: the one membership rule, and the views built on it.

The rule (:func:`is_member`): a spell counts in every year from ``joined`` up to,
but not including, ``left``. Where the joining year is not established (some
members of the consultative processes), the state counts from the year its
organisation's member list describes (``members_as_of`` in the organisations
table): a member then, of unknown standing before.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from migbook.data.loader import load

# The consultative processes whose current member lists the book compiled from their own records
# (MARRI's list in the data comes from the Correlates of War and stops in 2014, so it is left out).
CONSULTATIVE_PROCESSES = ("IGC", "PUEBLA_RCM", "BALI", "COLOMBO", "ABU_DHABI_DIALOGUE")


@functools.cache
def _spells() -> pd.DataFrame:
    """The membership spells with each organisation's ``members_as_of`` year."""
    spells = load("memberships")
    as_of = load("organisations").set_index("code")["members_as_of"]
    return spells.assign(members_as_of=spells["organisation"].map(as_of))


def is_member(spells: pd.DataFrame, year: int) -> pd.Series:
    """For each spell (a row of the memberships table with ``members_as_of``): does it count in ``year``?"""
    since = spells["joined"].fillna(spells["members_as_of"])
    return (since <= year).fillna(False) & (spells["left"].isna() | (spells["left"] > year))


def _known(organisation: str) -> pd.DataFrame:
    spells = _spells()
    rows = spells[spells["organisation"] == organisation]
    if rows.empty:
        raise KeyError(f"no organisation {organisation!r} in the memberships table; "
                       "see data.load('organisations') for the codes")
    return rows


def members_in(organisation: str, year: int, member_type: str | None = None) -> list[str]:
    """The members (ISO codes, A to Z) of ``organisation`` in ``year``; ``member_type`` 'full' or 'partial'.

    >>> len(members_in("EU", 2019)), len(members_in("EU", 2020))
    (28, 27)
    """
    rows = _known(organisation)
    if member_type is not None:
        rows = rows[rows["member_type"] == member_type]
    return sorted(set(rows.loc[is_member(rows, year), "iso3"]))


def member_counts(last_year: int = 2025) -> pd.DataFrame:
    """Members of each organisation (by code) in each year from its first member to ``last_year``.

    Columns ``organisation, year, members``; full and partial members both count.
    """
    spells = _spells()
    rows = []
    for code, group in spells.groupby("organisation"):
        first = int(group["joined"].fillna(group["members_as_of"]).min())
        for year in range(first, last_year + 1):
            rows.append({"organisation": code, "year": year,
                         "members": int(group.loc[is_member(group, year), "iso3"].nunique())})
    return pd.DataFrame(rows).sort_values(["organisation", "year"]).reset_index(drop=True)


@functools.cache
def _rcp_network(year: int, processes: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray]:
    members = {process: members_in(process, year) for process in processes}
    codes = tuple(sorted(set().union(*members.values())))
    index = {c: i for i, c in enumerate(codes)}
    ties = np.zeros((len(codes), len(codes)))
    for states in members.values():
        idx = [index[s] for s in states]
        ties[np.ix_(idx, idx)] += 1
    np.fill_diagonal(ties, 0)
    return codes, ties


def rcp_network(year: int = 2025,
                processes: tuple[str, ...] = CONSULTATIVE_PROCESSES) -> tuple[list[str], np.ndarray]:
    """States in at least one of ``processes`` in ``year`` (A to Z), and their ties.

    The tie between two states is the number of processes they share.

    >>> codes, ties = rcp_network(); len(codes), int(ties.max())
    (73, 3)
    """
    codes, ties = _rcp_network(year, tuple(processes))
    return list(codes), ties.copy()

"""Where states stand on migration: net migration rates, treaty status, and the consultative-process network.

Built from the book's datasets so that chapters and models share one definition.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from migbook import data

MWC = "MWC"
# The consultative processes whose current member lists the book compiled from their own records
# (MARRI's list in the data comes from the Correlates of War and stops in 2014, so it is left out).
CONSULTATIVE_PROCESSES = ("IGC", "PUEBLA_RCM", "BALI", "COLOMBO", "ABU_DHABI_DIALOGUE")


@functools.cache
def _net_migration_rate(start: int, end: int) -> pd.DataFrame:
    economy = data.load("economy").query("@start <= year <= @end")
    usable = economy.dropna(subset=["net_migration", "population"])
    usable = usable[usable["population"] > 0]
    per_year = 1000 * usable["net_migration"] / usable["population"]
    rates = per_year.groupby(usable["iso3"]).mean().rename("net_migration_rate").reset_index()
    countries = data.load("countries")[["iso3", "name", "un_region"]]
    return rates.merge(countries, on="iso3", how="left").sort_values("iso3").reset_index(drop=True)


def net_migration_rate(start: int = 2000, end: int = 2019) -> pd.DataFrame:
    """Average yearly net migration per 1,000 inhabitants, ``start`` to ``end``, by country.

    Negative: more people leave than arrive (a sending country); positive: a
    receiving country. Columns: iso3, net_migration_rate, name, un_region.
    """
    return _net_migration_rate(start, end).copy()


def treaty_status(year: int, treaty: str = MWC) -> pd.DataFrame:
    """Each state's status under ``treaty`` at the end of ``year``: party, signatory or none."""
    rows = data.load("treaties").query("treaty == @treaty")
    party = set(rows.loc[rows["action_year"] <= year, "iso3"])
    signed_year = pd.to_datetime(rows["signature_date"], errors="coerce").dt.year
    signed = set(rows.loc[signed_year <= year, "iso3"]) - party
    places = data.load("countries").query("kind == 'place'")[["iso3"]].copy()
    places["status"] = np.where(places["iso3"].isin(party), "party",
                                np.where(places["iso3"].isin(signed), "signatory", "none"))
    return places.reset_index(drop=True)


@functools.cache
def _rcp_network(year: int, processes: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray, tuple[str, ...]]:
    spells = data.load("memberships").query("organisation in @processes")
    current = spells[(spells["joined"].isna() | (spells["joined"] <= year))
                     & (spells["left"].isna() | (spells["left"] > year))]
    members = current.groupby("organisation")["iso3"].apply(lambda s: sorted(set(s)))
    codes = tuple(sorted(set(current["iso3"])))
    index = {c: i for i, c in enumerate(codes)}
    ties = np.zeros((len(codes), len(codes)))
    for states in members:
        idx = [index[s] for s in states]
        ties[np.ix_(idx, idx)] += 1
    np.fill_diagonal(ties, 0)
    return codes, ties, tuple(members.index)


def rcp_network(year: int = 2025,
                processes: tuple[str, ...] = CONSULTATIVE_PROCESSES) -> tuple[list[str], np.ndarray]:
    """States in at least one of ``processes`` in ``year``, and their ties.

    The tie between two states is the number of processes they share. Members
    listed without a joining year count as members in every year.
    """
    codes, ties, _ = _rcp_network(year, tuple(processes))
    return list(codes), ties.copy()


def rcp_members(process: str, year: int = 2025) -> list[str]:
    """The member states of one consultative process in ``year``."""
    spells = data.load("memberships").query("organisation == @process")
    if spells.empty:
        raise KeyError(f"no consultative process {process!r}; see data.load('organisations')")
    current = spells[(spells["joined"].isna() | (spells["joined"] <= year))
                     & (spells["left"].isna() | (spells["left"] > year))]
    return sorted(set(current["iso3"]))

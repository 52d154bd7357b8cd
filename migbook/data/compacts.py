"""The two global compacts of 2018 and who hosts refugees: the views Chapter 11 draws.

``compact_votes()`` puts each UN member's vote on the two resolutions of December 2018 beside
its migrant share (the book's own ``stock_by_place``, UN DESA 2020 over World Bank population).
``refugee_hosting()`` gives, year by year, the share of the world's refugees hosted by the ten
largest hosts of that year and by low- and middle-income countries (UNHCR; World Bank groups
of 1 July 2024 applied to every year).
"""

from __future__ import annotations

import functools

import pandas as pd

from migbook.data.loader import load
from migbook.data.places import country_names, stock_by_place

RESOLUTIONS = {
    "A/RES/73/195": "Global Compact for Migration (A/RES/73/195, 19 December 2018)",
    "A/RES/73/151": "UNHCR and the Global Compact on Refugees (A/RES/73/151, 17 December 2018)",
}
VOTE_WORDS = {"yes": "In favour", "abstain": "Abstained", "no": "Against", "no_recorded_vote": "No recorded vote"}
SHARE_YEAR = 2020  # the migrant stock's latest year (UN DESA 2020 revision)
LOW_AND_MIDDLE = ("Low income", "Lower middle income", "Upper middle income")
TOP = 10
POPULATIONS = {
    "refugees": "Refugees under UNHCR's mandate",
    "refugees_and_asylum_seekers": "Refugees and asylum-seekers",
}
HOSTING_MEASURES = {
    "top": f"Hosted by the {TOP} largest hosts of the year",
    "low_middle": "Hosted by low- and middle-income countries",
}


@functools.cache
def _compact_votes() -> pd.DataFrame:
    votes = load("un_votes_2018")
    shares = stock_by_place().query("kind == 'country' and year == @SHARE_YEAR")
    by_name = dict(zip(shares["place"], shares["share_pct"], strict=True))
    names = country_names()
    out = votes.assign(country=votes["iso3"].map(names))
    out["share_pct"] = out["country"].map(by_name).astype(float).round(1)
    out["vote_words"] = out["vote"].map(VOTE_WORDS)
    out["resolution_words"] = out["resolution"].map(RESOLUTIONS)
    return out[["resolution", "resolution_words", "iso3", "country", "vote", "vote_words", "share_pct"]]


def compact_votes() -> pd.DataFrame:
    """Each UN member's vote on the two 2018 resolutions, with its migrant share in 2020 (% of population).

    ``share_pct`` is blank where the book has no population for the member.

    >>> v = compact_votes(); v.query("resolution == 'A/RES/73/195'")["vote"].value_counts().to_dict()
    {'yes': 152, 'no_recorded_vote': 24, 'abstain': 12, 'no': 5}
    """
    return _compact_votes().copy()


def vote_counts() -> pd.DataFrame:
    """Members by resolution and vote, with their median migrant share in 2020 (%)."""
    votes = _compact_votes()
    out = votes.groupby(["resolution", "vote"], as_index=False).agg(
        members=("iso3", "size"), median_share_pct=("share_pct", "median"))
    return out.round({"median_share_pct": 1})


FIRST_HOSTING_YEAR = 1993  # UNHCR's asylum-seeker counts begin in 1993
LAST_HOSTING_YEAR = 2024  # the last end-of-year figures (2025 is mid-year)


@functools.cache
def _refugee_hosting(first: int, last: int, counted_as_middle: tuple[str, ...]) -> pd.DataFrame:
    hosts = load("refugees_by_asylum").query("@first <= year <= @last")
    hosts = hosts.assign(refugees_and_asylum_seekers=hosts["refugees"].fillna(0) + hosts["asylum_seekers"].fillna(0))
    groups = dict(zip(*load("income_groups")[["iso3", "income_group"]].T.to_numpy(), strict=True))
    low_middle = hosts["iso3"].map(groups).isin(LOW_AND_MIDDLE) | hosts["iso3"].isin(counted_as_middle)
    rows = []
    for population in POPULATIONS:
        counts = hosts.assign(n=hosts[population].fillna(0).astype(float), lmic=low_middle)
        for year, of_year in counts.groupby("year"):
            total = of_year["n"].sum()
            if total <= 0:
                continue
            top = of_year["n"].nlargest(TOP).sum()
            rows += [
                {"year": year, "population": population, "measure": "top", "share_pct": 100 * top / total},
                {"year": year, "population": population, "measure": "low_middle",
                 "share_pct": 100 * of_year.loc[of_year["lmic"], "n"].sum() / total},
            ]
    out = pd.DataFrame(rows).round({"share_pct": 1})
    out["population_words"] = out["population"].map(POPULATIONS)
    out["measure_words"] = out["measure"].map(HOSTING_MEASURES)
    return out


def refugee_hosting(first: int = FIRST_HOSTING_YEAR, last: int = LAST_HOSTING_YEAR,
                    counted_as_middle: tuple[str, ...] = ()) -> pd.DataFrame:
    """The share of refugees hosted by the year's ten largest hosts and by low- and middle-income countries.

    One row per year, population (``refugees``, or ``refugees_and_asylum_seekers``) and measure
    (``top`` or ``low_middle``); ``share_pct`` in per cent of the world total in UNHCR's data (end of
    year). Income groups are the World Bank's of 1 July 2024 for every year; ``counted_as_middle``
    names ISO3 codes to count as low or middle income all the same (to see what a reclassification does).

    >>> t = refugee_hosting(2024, 2024); sorted(t["measure"].unique())
    ['low_middle', 'top']
    """
    return _refugee_hosting(first, last, tuple(counted_as_middle)).copy()


def reclassified_hosting(counted_as_middle: tuple[str, ...], first: int = FIRST_HOSTING_YEAR,
                         last: int = LAST_HOSTING_YEAR) -> pd.DataFrame:
    """The low- and middle-income share of refugees under UNHCR's mandate (%), as the book counts it and with
    ``counted_as_middle`` (ISO3 codes) counted as middle income: what the dating of the income groups does.

    >>> t = reclassified_hosting(("RUS",), 2022, 2022); list(t.columns)
    ['as_classified', 'reclassified']
    >>> bool(t.loc[2022, "reclassified"] > t.loc[2022, "as_classified"])
    True
    """
    chosen = "population == 'refugees' and measure == 'low_middle'"
    as_is = refugee_hosting(first, last).query(chosen).set_index("year")["share_pct"]
    moved = refugee_hosting(first, last, counted_as_middle).query(chosen).set_index("year")["share_pct"]
    return pd.DataFrame({"as_classified": as_is, "reclassified": moved})

"""Europe's integration and its asylum burden: the views behind Chapter 6's figures.

* :func:`integration_spells`: each state's spells in the European Economic
  Community (to 1993), the European Union and the Schengen area, from the
  memberships table;
* :func:`key_inputs`: for one year, each participating state's population, GDP,
  unemployment rate, past asylum applications per million inhabitants and the
  applications it actually received, the inputs of a responsibility-sharing key;
* :func:`published_key`: the weights and cap of the European Commission's 2015 key,
  and :func:`measure`, any one figure of the EU asylum measures table.
"""

from __future__ import annotations

import functools

import pandas as pd

from migbook.data.loader import load
from migbook.data.memberships import members_in

# The organisations the membership timeline shows, in the order it shows them, with their words.
INTEGRATION = {"EEC": "European Economic Community", "EU": "European Union", "SCHENGEN": "Schengen area"}
# States outside the EU that may join a key (Chapter 6's "EU+" choice): the United Kingdom after
# it left, Norway and Switzerland (Schengen and Dublin associates).
ASSOCIATES = ("GBR", "NOR", "CHE")
PAST_YEARS = 5  # the Commission's 2015 key counted applications over the five years before (2010-2014)


def integration_spells(last_year: int = 2025) -> pd.DataFrame:
    """One row per spell: ``iso3, country, organisation, label, start, end, status``.

    ``end`` is the year the spell stopped counting (``left``), or ``last_year + 1``
    for a spell still running; ``status`` is 'full' or 'partial' (Bulgaria and
    Romania's air and sea Schengen membership of 2024). The rows read the one
    membership table, so a corrected date there changes the figure.
    """
    spells = load("memberships")
    spells = spells[spells["organisation"].isin(list(INTEGRATION))].copy()
    names = load("countries").set_index("iso3")["name"]
    out = pd.DataFrame({
        "iso3": spells["iso3"],
        "country": spells["iso3"].map(names),
        "organisation": spells["organisation"],
        "label": spells["organisation"].map(INTEGRATION),
        "start": spells["joined"].astype(int),
        "end": spells["left"].fillna(last_year + 1).astype(int),
        "status": spells["member_type"],
    })
    return out.sort_values(["organisation", "start", "country"]).reset_index(drop=True)


def participants(year: int, associates: bool) -> list[str]:
    """The states a key shares among: EU members in ``year``, with the UK, Norway and Switzerland if ``associates``.

    >>> len(participants(2015, False)), len(participants(2015, True)), len(participants(2022, True))
    (28, 30, 30)
    """
    states = set(members_in("EU", year))
    if associates:
        states |= set(ASSOCIATES)
    return sorted(states)


@functools.cache
def _key_inputs(year: int, associates: bool) -> pd.DataFrame:
    states = participants(year, associates)
    economy = load("economy").set_index(["iso3", "year"])
    unemployment = load("unemployment").set_index(["iso3", "year"])["unemployment_pct"]
    applications = load("asylum_applications").set_index(["iso3", "year"])["applications_persons"]
    names = load("countries").set_index("iso3")["name"]
    rows = []
    for iso3 in states:
        pop = float(economy.loc[(iso3, year), "population"])
        past = [applications.get((iso3, y)) for y in range(year - PAST_YEARS, year)]
        past_pop = [float(economy.loc[(iso3, y), "population"]) for y in range(year - PAST_YEARS, year)]
        per_million = sum(0.0 if pd.isna(a) else float(a) / p * 1e6 for a, p in zip(past, past_pop, strict=True))
        received = applications.get((iso3, year))
        rows.append({
            "iso3": iso3, "country": names[iso3], "population": pop,
            "gdp": pop * float(economy.loc[(iso3, year), "gdp_pc_ppp"]),
            "unemployment_pct": float(unemployment.loc[(iso3, year)]),
            "past_per_million": per_million / PAST_YEARS,
            "applications": 0.0 if received is None or pd.isna(received) else float(received),
        })
    return pd.DataFrame(rows)


def key_inputs(year: int, associates: bool = False) -> pd.DataFrame:
    """The inputs of a responsibility-sharing key for ``year``, one row per participating state.

    Columns: ``iso3, country``; ``population`` (persons, WDI); ``gdp`` (population times GDP
    per head at PPP, constant 2017 international dollars); ``unemployment_pct`` (per cent,
    WDI/ILO); ``past_per_million`` (asylum applications per million inhabitants, the mean
    of the five years before ``year``, UNHCR, counted in persons); ``applications``
    (persons who applied for asylum in ``year``, all stages, UNHCR; a country reporting
    only in cases counts zero).

    >>> float(key_inputs(2015).set_index("iso3").loc["DEU", "applications"])
    476630.0
    """
    return _key_inputs(int(year), bool(associates)).copy()


PUBLISHED_KEY = {"population": "key_weight_population", "gdp": "key_weight_gdp",
                 "unemployment": "key_weight_unemployment", "past": "key_weight_past", "cap": "key_cap"}


def measure(name: str) -> int:
    """One figure of the EU asylum measures table (hand-entered from the acts), by its ``measure`` code.

    >>> measure("relocation_second_decision")
    120000
    """
    table = load("eu_asylum_measures").set_index("measure")["value"]
    if name not in table.index:
        raise KeyError(f"no measure {name!r}; the table has {', '.join(table.index)}")
    return int(table[name])


def published_key() -> dict[str, float]:
    """The Commission's 2015 key as shares of one: the four weights and the cap (COM(2015) 240 and 450).

    >>> published_key()
    {'population': 0.4, 'gdp': 0.4, 'unemployment': 0.1, 'past': 0.1, 'cap': 0.3}
    """
    return {key: measure(code) / 100 for key, code in PUBLISHED_KEY.items()}

"""Citizenship rules (GLOBALCIT, 2020): the simulator's presets and the foreign-born share beside the rules.

The rule that turns a row of ``citizenship_rules`` into the settings of
:func:`migbook.models.citizenship.simulate` lives here, so the chapter, the
lesson and the explorer agree on it:

* *jus soli*: unconditional (A02a = 1) -> ``"unconditional"``; conditional on a
  parent's residence (A02a = 2) -> ``"conditional"``; otherwise double *jus soli*
  for any parent born in the country (A02b = 1 or 3) -> ``"double"``; otherwise
  ``"none"`` (descent only; group-restricted *jus soli* counts as none);
* the waiting time is the table's residence years;
* the parent's residence period for conditional *jus soli* is not in the table:
  the naturalisation period stands in for it (right for Germany in 2020, 8 years);
* dual citizenship is allowed for naturalising immigrants where GLOBALCIT's
  combined code says so (fully accepted, or only for immigrants naturalising).

``GERMANY_2024`` adds, by hand and with its source, the rules of Germany's
Act to Modernise Nationality Law, in force from 27 June 2024, which the 2020 table
cannot hold.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from migbook.data.loader import load
from migbook.data.places import country_names, stock_by_place

RULES_YEAR = 2020
DUAL_FOR_IMMIGRANTS = frozenset({"fully accepted", "only for immigrants naturalising"})
GERMANY_2024_KEY = "DEU-2024"
GERMANY_2024: dict[str, Any] = {
    "soli": "conditional", "wait": 5, "parent_years": 5, "dual": True,
    "source": ("Act to Modernise Nationality Law (Gesetz zur Modernisierung des Staatsangehörigkeitsrechts), "
               "in force 27 June 2024: naturalisation after five years instead of eight, a child born in Germany "
               "a citizen if a parent has lived there lawfully for five years, dual citizenship accepted "
               "(Federal Foreign Office, 'Germany's nationality law: significant changes', 2024)"),
}


def citizenship_rules() -> pd.DataFrame:
    """The rules in force on 1 January 2020, one row per state (see ``data/datapackage.json``).

    >>> row = citizenship_rules().set_index("iso3").loc["DEU"]
    >>> str(row["jus_soli"]), int(row["residence_years"])
    ('conditional on parental residence', 8)
    """
    return load("citizenship_rules")


def soli_rule(jus_soli_code: int, double_code: int) -> str:
    """The simulator's birth rule for GLOBALCIT codes A02a and A02b (see the module's text).

    >>> soli_rule(1, 0), soli_rule(2, 0), soli_rule(0, 1), soli_rule(3, 0)
    ('unconditional', 'conditional', 'double', 'none')
    """
    if jus_soli_code == 1:
        return "unconditional"
    if jus_soli_code == 2:
        return "conditional"
    if double_code in (1, 3):
        return "double"
    return "none"


def simulator_rules(key: str) -> dict[str, Any]:
    """Settings for :func:`migbook.models.citizenship.simulate` from a state's 2020 rules (or ``"DEU-2024"``).

    >>> simulator_rules("DEU")
    {'soli': 'conditional', 'wait': 8, 'parent_years': 8, 'dual': False}
    >>> simulator_rules("DEU-2024")
    {'soli': 'conditional', 'wait': 5, 'parent_years': 5, 'dual': True}
    """
    if key == GERMANY_2024_KEY:
        return {k: v for k, v in GERMANY_2024.items() if k != "source"}
    rules = citizenship_rules().set_index("iso3")
    if key not in rules.index:
        raise KeyError(f"no citizenship rules for {key!r} in {RULES_YEAR}")
    row = rules.loc[key]
    if pd.isna(row["residence_years"]):
        raise KeyError(f"{key} has no residence-based naturalisation in {RULES_YEAR}: the simulator needs one")
    years = int(row["residence_years"])
    return {"soli": soli_rule(int(row["jus_soli_code"]), int(row["double_jus_soli_code"])), "wait": years,
            "parent_years": years, "dual": row["dual_citizenship"] in DUAL_FOR_IMMIGRANTS}


def foreign_born_and_rules() -> pd.DataFrame:
    """The foreign-born share of each state's population by year (UN DESA 2020), with its 2020 rules.

    Columns ``iso3, place, year, share_pct`` and the rule columns of
    :func:`citizenship_rules`; states in both tables with a share, 1990 to 2020.

    >>> t = foreign_born_and_rules(); round(float(t.query("iso3 == 'DEU' and year == 2020")["share_pct"].item()), 1)
    19.0
    """
    rules = citizenship_rules()
    names = country_names()
    rules = rules.drop(columns="year").assign(place=rules["iso3"].map(names))
    stock = stock_by_place().query("kind == 'country'")[["place", "year", "share_pct"]].dropna()
    joined = rules.merge(stock, on="place", how="inner")
    columns = ["iso3", "place", "year", "share_pct", "jus_soli", "double_jus_soli", "residence_years",
               "dual_citizenship"]
    return joined[columns].sort_values(["place", "year"]).reset_index(drop=True)

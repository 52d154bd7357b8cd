"""Treaty status: who is a party or a signatory at a date, and how the parties accumulated."""

from __future__ import annotations

import numpy as np
import pandas as pd

from migbook.data.loader import load

MWC = "MWC"
TREATY_NAMES = {"MWC": "Migrant Workers Convention (1990)", "REFUGEE_1951": "Refugee Convention (1951)",
                "PROTOCOL_1967": "Refugee Protocol (1967)"}


def treaty_status(year: int, treaty: str = MWC) -> pd.DataFrame:
    """Each country's status under ``treaty`` at the end of ``year``: party, signatory or none.

    >>> int((treaty_status(2025)["status"] == "party").sum())
    59
    """
    rows = load("treaties").query("treaty == @treaty")
    if rows.empty:
        raise KeyError(f"no treaty {treaty!r}; the treaties are {', '.join(TREATY_NAMES)}")
    party = set(rows.loc[rows["action_year"] <= year, "iso3"])
    signed_year = pd.to_datetime(rows["signature_date"], errors="coerce").dt.year
    signed = set(rows.loc[signed_year <= year, "iso3"]) - party
    places = load("countries").query("kind == 'place'")[["iso3"]].copy()
    places["status"] = np.where(places["iso3"].isin(party), "party",
                                np.where(places["iso3"].isin(signed), "signatory", "none"))
    return places.reset_index(drop=True)


def parties_by_year(last_year: int = 2025) -> pd.DataFrame:
    """Cumulative number of parties to each treaty, by year of ratification or accession.

    Columns ``treaty`` (its code), ``year``, ``parties``.
    """
    treaties = load("treaties").dropna(subset=["action_year"])
    rows = []
    for code, group in treaties.groupby("treaty"):
        years = group["action_year"]
        for year in range(int(years.min()), last_year + 1):
            rows.append({"treaty": code, "year": year, "parties": int((years <= year).sum())})
    return pd.DataFrame(rows)

"""Membership years against the organisations' own records, and the explicit corrections of COW's years.

Each well-known date below names where it comes from. The memberships table must carry it
whether the row came from COW (possibly corrected) or was entered by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from migbook import data
from migbook.derive import memberships as mod
from migbook.errors import MigbookError
from migbook.paths import ROOT

TREATY_OF_ROME = "Treaty of Rome, in force 1 January 1958 (European Union, 'History of the EU')"
EU_COUNTRIES = "European Union, 'EU countries': year each country joined"
SCHENGEN_ACQUIS = "The Schengen acquis, Official Journal L 239, 22 September 2000 (Agreement and accession agreements)"
SCHENGEN_AREA = "European Commission, 'Schengen Area': dates the acquis applied in full"
CARICOM = "CARICOM members by date of membership (1 May, 4 July and 26 July 1974; Bahamas 4 July 1983)"
ECOWAS = "ECOWAS profile on ReliefWeb: Cabo Verde joined 1977; Mauritania withdrew December 2000"
CARTAGENA = "Cartagena Agreement in force 16 October 1969; Venezuela acceded February 1973; Chile withdrew October 1976"
SADC = "SADC member list: South Africa 1994, Mauritius 1995, Seychelles withdrew 1 July 2004"
APEC = "APEC, 'Member Economies': year each economy joined"
ASEAN = "ASEAN, 'Member States': Brunei 7 January 1984, Viet Nam 28 July 1995, Cambodia 30 April 1999"

# (organisation, iso3, "joined" or "left", year, source)
WELL_KNOWN = [
    ("EEC", "BEL", "joined", 1958, TREATY_OF_ROME),
    ("EEC", "GBR", "joined", 1973, EU_COUNTRIES),
    ("EEC", "GRC", "joined", 1981, EU_COUNTRIES),
    ("EEC", "ESP", "joined", 1986, EU_COUNTRIES),
    ("EU", "AUT", "joined", 1995, EU_COUNTRIES),
    ("EU", "POL", "joined", 2004, EU_COUNTRIES),
    ("EU", "HRV", "joined", 2013, EU_COUNTRIES),
    ("EU", "GBR", "left", 2020, "Withdrawal Agreement, United Kingdom left the EU on 31 January 2020"),
    ("SCHENGEN_GROUP", "DEU", "joined", 1985, SCHENGEN_ACQUIS),
    ("SCHENGEN_GROUP", "ITA", "joined", 1990, SCHENGEN_ACQUIS),
    ("SCHENGEN_GROUP", "PRT", "joined", 1991, SCHENGEN_ACQUIS),
    ("SCHENGEN_GROUP", "ESP", "joined", 1991, SCHENGEN_ACQUIS),
    ("SCHENGEN_GROUP", "GRC", "joined", 1992, SCHENGEN_ACQUIS),
    ("SCHENGEN_GROUP", "AUT", "joined", 1995, SCHENGEN_ACQUIS),
    ("SCHENGEN_GROUP", "DNK", "joined", 1996, SCHENGEN_ACQUIS),
    ("SCHENGEN", "PRT", "joined", 1995, SCHENGEN_AREA),
    ("SCHENGEN", "ITA", "joined", 1997, SCHENGEN_AREA),
    ("SCHENGEN", "GRC", "joined", 2000, SCHENGEN_AREA),
    ("SCHENGEN", "CHE", "joined", 2008, SCHENGEN_AREA),
    ("SCHENGEN", "HRV", "joined", 2023, SCHENGEN_AREA),
    ("EEA", "LIE", "joined", 1995, "EFTA, 'EEA Agreement': in force for Liechtenstein 1 May 1995"),
    ("ECOWAS", "CPV", "joined", 1977, ECOWAS),
    ("ECOWAS", "MRT", "left", 2000, ECOWAS),
    ("CARICOM", "DMA", "joined", 1974, CARICOM),
    ("CARICOM", "LCA", "joined", 1974, CARICOM),
    ("CARICOM", "VCT", "joined", 1974, CARICOM),
    ("CARICOM", "ATG", "joined", 1974, CARICOM),
    ("CARICOM", "BLZ", "joined", 1974, CARICOM),
    ("CARICOM", "KNA", "joined", 1974, CARICOM),
    ("CARICOM", "BHS", "joined", 1983, CARICOM),
    ("CARICOM", "HTI", "joined", 2002, "CARICOM: Haiti a full member from 2 July 2002"),
    ("CAN", "BOL", "joined", 1969, CARTAGENA),
    ("CAN", "VEN", "joined", 1973, CARTAGENA),
    ("CAN", "CHL", "left", 1976, CARTAGENA),
    ("NAFTA", "USA", "joined", 1994, "USTR, 'NAFTA': in force 1 January 1994"),
    ("MERCOSUR", "VEN", "joined", 2012, "MERCOSUR, 'Paises del MERCOSUR': Venezuela a State Party from 2012"),
    ("SADC", "ZAF", "joined", 1994, SADC),
    ("SADC", "MUS", "joined", 1995, SADC),
    ("SADC", "SYC", "left", 2004, SADC),
    ("AU", "MAR", "joined", 2017, "African Union, 'Member States': Morocco readmitted 30 January 2017"),
    ("AU", "SSD", "joined", 2011, "African Union, 'Member States': South Sudan joined 27 July 2011"),
    ("APEC", "CHN", "joined", 1991, APEC),
    ("APEC", "MEX", "joined", 1993, APEC),
    ("APEC", "RUS", "joined", 1998, APEC),
    ("ASEAN", "BRN", "joined", 1984, ASEAN),
    ("ASEAN", "VNM", "joined", 1995, ASEAN),
    ("ASEAN", "KHM", "joined", 1999, ASEAN),
    ("EAC", "RWA", "joined", 2007, "East African Community, 'EAC Partner States': Rwanda and Burundi 1 July 2007"),
    ("GCC", "SAU", "joined", 1981, "GCC Secretariat General: founded in Abu Dhabi, 25 May 1981"),
    ("SICA", "BLZ", "joined", 2000, "SICA, 'Estados Miembros': Belize joined in 2000"),
    ("IGAD", "ERI", "joined", 1993, "IGAD, 'About us': Eritrea admitted in 1993"),
]


@pytest.fixture(scope="module")
def members() -> pd.DataFrame:
    return data.load("memberships")


def test_enough_well_known_dates_each_with_a_source() -> None:
    assert len(WELL_KNOWN) >= 25
    assert len({row[0] for row in WELL_KNOWN}) >= 15  # spread across organisations
    assert all(len(source) > 20 for *_, source in WELL_KNOWN)


@pytest.mark.parametrize(("organisation", "iso3", "field", "year", "source"), WELL_KNOWN,
                         ids=[f"{o}-{i}-{f}" for o, i, f, *_ in WELL_KNOWN])
def test_well_known_date(members: pd.DataFrame, organisation: str, iso3: str, field: str, year: int,
                         source: str) -> None:
    spells = members[(members["organisation"] == organisation) & (members["iso3"] == iso3)]
    assert not spells.empty, f"{organisation} {iso3} has no spell ({source})"
    assert year in set(spells[field].dropna().astype(int)), (
        f"{organisation} {iso3} {field} {sorted(spells[field].dropna())}, expected {year} ({source})")


def test_membership_follows_the_dates(members: pd.DataFrame) -> None:
    """The dates above, read through the one membership rule (member from joined up to, not including, left)."""
    assert "MRT" in data.members_in("ECOWAS", 1999) and "MRT" not in data.members_in("ECOWAS", 2000)
    assert "DEU" in data.members_in("SCHENGEN_GROUP", 1985)
    assert set(data.members_in("SCHENGEN_GROUP", 1985)) == {"BEL", "DEU", "FRA", "LUX", "NLD"}
    assert len(data.members_in("CARICOM", 1974)) == 12  # 4 founders + 8 joining in 1974 (Montserrat included)
    assert len(data.members_in("CAN", 1969)) == 5
    assert not data.members_in("NAFTA", 1993)
    # the OAU had 53 members in 2001; COW leaves DR Congo out from 1985, a gap flagged as unconfirmed
    assert not data.members_in("OAU", 2002) and len(data.members_in("OAU", 2001)) == 52
    assert "COD" not in data.members_in("OAU", 2001) and "ESH" in data.members_in("OAU", 2001)
    assert not data.members_in("SCHENGEN_GROUP", 1999)


def test_iom_totals_match_iom_s_own_counts() -> None:
    """IOM years are COW's, not checked member by member; the totals agree with what IOM said of itself.

    IOM Costa Rica office, 'History' (rosanjose.iom.int/site/en/history): 67 member countries in 1998 and
    155 in December 2013; the COW years give 154 in 2013 and reach 155 in 2014 (cause not established)."""
    assert len(data.members_in("IOM", 1998)) == 67
    assert len(data.members_in("IOM", 2013)) + 1 == len(data.members_in("IOM", 2014)) == 155


# --- the corrections table -------------------------------------------------------------

def test_corrections_are_explicit_and_counted(members: pd.DataFrame) -> None:
    corrections = mod.read_corrections()
    corrected = corrections[corrections["status"] == "corrected"]
    per_org = corrected.groupby("organisation").size().to_dict()
    assert per_org == {"CAN": 5, "CARICOM": 6, "ECOWAS": 2, "NAFTA": 3, "OAU": 51, "SADC": 4, "SCHENGEN_GROUP": 18}
    spells = corrected.drop_duplicates(["organisation", "iso3", "cow_joined"])
    assert (len(corrected), len(spells)) == (89, 86)
    unconfirmed = corrections[corrections["status"] == "unconfirmed"]
    assert len(unconfirmed) == 6 and set(unconfirmed["iso3"]) == {"AGO", "GNB", "MAR", "COD", "TZA"}
    assert unconfirmed["note"].str.contains("not confirmed").all()
    # the counts the datapackage states are the table's
    description = data.describe("memberships")["description"]
    assert f"{len(corrected)} year corrections on {len(spells)} COW spells" in description
    assert f"{len(unconfirmed)} OAU years that could not be confirmed" in description
    page = (ROOT / "book" / "data" / "organisations.md").read_text(encoding="utf-8")
    assert f"There are {len(corrected)} corrections\non {len(spells)} rows" in page
    names = {"CAN": "Andean Community", "SCHENGEN_GROUP": "Schengen group"}
    for org, n in per_org.items():
        assert f"- {names.get(org, org)}, {n}" in page, org
    # each corrected row shows COW's year and the new one in its source
    shown = members[members["source"].str.contains("corrected from COW's")]
    assert len(shown) == len(spells)
    for row in corrected.itertuples():
        spell = members[(members["organisation"] == row.organisation) & (members["iso3"] == row.iso3)
                        & members["source"].str.contains(f"{row.field} corrected from COW's {row.cow_year} "
                                                         f"to {row.year}")]
        assert len(spell) == 1 and spell[row.field].iloc[0] == row.year, (row.organisation, row.iso3)


def test_every_correction_names_a_source_and_a_date() -> None:
    corrections = mod.read_corrections()
    assert corrections["source"].str.len().gt(40).all()
    corrected = corrections[corrections["status"] == "corrected"]
    assert corrected["date"].notna().all()
    assert (corrected["date"].str[:4].astype(int) == corrected["year"]).all()


def test_a_stale_correction_stops_the_build(raw_sources: Path) -> None:
    corrections = mod.read_corrections().head(1).copy()
    corrections["cow_year"] = corrections["cow_year"] + 1  # no longer COW's year
    spells = mod.apply_additions(mod.cow_spells(raw_sources), mod.read_additions())
    with pytest.raises(MigbookError, match="not COW's"):
        mod.apply_corrections(spells, corrections)
    missing = mod.read_corrections().head(1).copy()
    missing["iso3"] = "ZZZ"
    with pytest.raises(MigbookError, match="matches 0 COW spells"):
        mod.apply_corrections(spells, missing)


def test_joined_is_defined_for_every_organisation_with_members(members: pd.DataFrame) -> None:
    orgs = data.load("organisations").set_index("code")
    with_members = set(members["organisation"])
    assert orgs.loc[sorted(with_members), "joined_means"].notna().all()
    assert orgs.loc[sorted(set(orgs.index) - with_members), "joined_means"].isna().all()
    assert "signature" in orgs.at["SCHENGEN_GROUP", "joined_means"]
    assert "in full" in orgs.at["SCHENGEN", "joined_means"]
    assert "entry into force" in orgs.at["NAFTA", "joined_means"]

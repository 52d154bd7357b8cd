"""Memberships of regional organisations and consultative processes, and migration treaties.

Three tables:

- ``memberships``: one row per organisation, country and spell of membership. Spells of
  18 organisations come from the Correlates of War (COW) IGO data v3, state-year format
  (1816-2014): each run of consecutive years coded 1 (full member) becomes a spell, gaps
  make separate spells. Hand-entered rows (``handmade/memberships_additions.csv``, each with
  its source) then close spells after 2014 (Brexit, the Sahel states' exit from ECOWAS,
  NAFTA's end), correct a few COW codings, and add organisations COW does not cover
  (Schengen area, EEA, EAC, USMCA, Nordic Passport Union, Benelux, CER, the Trans-Tasman
  Travel Arrangement, regional consultative processes). Finally the explicit table
  ``handmade/membership_corrections.csv`` corrects COW join and leave years that the
  organisations' own records contradict: one row per corrected year, naming COW's year, the
  corrected year and date, and the source; rows marked ``unconfirmed`` keep COW's year and add
  a note saying what could not be confirmed. Every corrected row says so in its source and note.
- ``organisations``: the organisations and processes the book discusses, with founding year
  and migration role (``handmade/organisations.csv``).
- ``treaties``: signatures, ratifications, accessions and successions for the 1990 Migrant
  Workers Convention and the 1951 Refugee Convention and 1967 Protocol
  (``handmade/treaties.csv``).

A state counts as a member in every year from ``joined`` up to, but not including,
``left`` (the year it left); COW codes the year of exit as a non-member year, and so do we.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import COCO, ReconciliationError, read_csv

COW = "cow-igo-v3"
HANDMADE = Path(__file__).parent / "handmade"
COW_FIRST, COW_LAST = 1816, 2014
FULL_MEMBER = 1

# COW IGO variable -> our organisation code. COW's ``eac`` is not used (it codes Botswana,
# Lesotho, Malawi, Zambia and Zimbabwe as members); the EAC is entered by hand.
COW_ORGANISATIONS = {
    "eu": "EU", "eec": "EEC", "schengen": "SCHENGEN_GROUP", "ecowas": "ECOWAS", "mercosur": "MERCOSUR",
    "andean": "CAN", "caricom": "CARICOM", "apec": "APEC", "nafta": "NAFTA", "au": "AU", "oau": "OAU",
    "iomig": "IOM", "marri": "MARRI", "igad": "IGAD", "sadc": "SADC", "sica": "SICA", "asean": "ASEAN",
    "gcc": "GCC",
}
# COW states with no ISO3 in the derived map, mapped to the state that continued their memberships,
# with the years the mapping is valid for (a coded year outside them raises).
COW_CONTINUATIONS = {
    260: ("DEU", 1949, 1989),  # German Federal Republic; united Germany (COW 255) from 1990
    345: ("SRB", 1992, 2014),  # Yugoslavia/Serbia and Montenegro, then Serbia (COW's 345 to 2014)
}
COW_SOURCE = ("Correlates of War IGO data v3.0 (Pevehouse et al. 2020, Journal of Peace Research 57(3)), "
              "state-year format, variable {var} coded 1 (full member), 1816-2014")
SPELL_COLUMNS = ["organisation", "iso3", "joined", "left", "member_type", "source", "note"]
MEMBERSHIP_COLUMNS = ["organisation", "kind", "iso3", "spell", "joined", "left", "member_type", "source", "note"]
ACTIONS = ("add", "close", "drop", "annotate")
CORRECTION_COLUMNS = ["organisation", "iso3", "cow_joined", "field", "cow_year", "year", "date", "status",
                      "source", "note"]
CORRECTION_STATUSES = ("corrected", "unconfirmed")
COW_PREFIX = "Correlates of War"

TREATY_ADOPTED = {"MWC": "1990-12-18", "REFUGEE_1951": "1951-07-28", "PROTOCOL_1967": "1967-01-31"}
TREATY_COLUMNS = ["treaty", "iso3", "signature_date", "action", "action_date", "action_year", "source"]


# --- COW spells ---------------------------------------------------------------------

def cow_state_years(sources: Path) -> pd.DataFrame:
    """COW full-member state-years of the selected organisations: organisation, iso3, year."""
    raw = read_csv(sources / COW / "state_year_selected_igos.csv")
    iso = read_csv(sources / COW / "DERIVED_cow_ccode_to_iso3.csv")
    codes = dict(zip(iso["ccode"], iso["iso3_derived"], strict=True))
    long = raw.melt(id_vars=["ccode", "year"], value_vars=list(COW_ORGANISATIONS), var_name="var")
    long = long[long["value"] == FULL_MEMBER]
    long["iso3"] = long["ccode"].map(codes)
    for ccode, (iso3, first, last) in COW_CONTINUATIONS.items():
        rows = long["ccode"] == ccode
        outside = rows & ~long["year"].between(first, last)
        if outside.any():
            raise ReconciliationError(f"memberships: COW state {ccode} coded a member outside {first}-{last}")
        long.loc[rows, "iso3"] = iso3
    unmapped = long["iso3"].isna()
    if unmapped.any():
        raise ReconciliationError(f"memberships: COW states without ISO3: {sorted(set(long.loc[unmapped, 'ccode']))}")
    out = pd.DataFrame({"organisation": long["var"].map(COW_ORGANISATIONS), "var": long["var"],
                        "iso3": long["iso3"], "year": long["year"]})
    if out.duplicated(["organisation", "iso3", "year"]).any():
        raise ReconciliationError("memberships: two COW states map to one ISO3 in the same year")
    return out.sort_values(["organisation", "iso3", "year"]).reset_index(drop=True)


def years_to_spells(state_years: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive years become spells; a spell still running in COW's last year stays open."""
    frame = state_years.sort_values(["organisation", "iso3", "year"])
    new_run = (frame["organisation"].ne(frame["organisation"].shift()) | frame["iso3"].ne(frame["iso3"].shift())
               | frame["year"].ne(frame["year"].shift() + 1))
    runs = frame.assign(run=new_run.cumsum()).groupby("run").agg(
        organisation=("organisation", "first"), var=("var", "first"), iso3=("iso3", "first"),
        joined=("year", "min"), last=("year", "max"))
    left = (runs["last"] + 1).astype("Int64").mask(runs["last"] == COW_LAST)
    return pd.DataFrame({
        "organisation": runs["organisation"], "iso3": runs["iso3"], "joined": runs["joined"].astype("Int64"),
        "left": left, "member_type": "full", "source": runs["var"].map(lambda v: COW_SOURCE.format(var=v)),
        "note": pd.NA,
    }).reset_index(drop=True)


def spells_to_years(spells: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Expand spells with a known start back to organisation, iso3, year rows (up to ``last_year``)."""
    known = spells[spells["joined"].notna()]
    ends = known["left"].fillna(last_year + 1).astype(int).clip(upper=last_year + 1)
    rows = [(org, iso, year) for org, iso, start, end in
            zip(known["organisation"], known["iso3"], known["joined"].astype(int), ends, strict=True)
            for year in range(start, end)]
    return pd.DataFrame(rows, columns=["organisation", "iso3", "year"])


def cow_spells(sources: Path) -> pd.DataFrame:
    """COW spells, checked to expand back to exactly COW's full-member state-years."""
    years = cow_state_years(sources)
    spells = years_to_spells(years)
    back = spells_to_years(spells, COW_LAST).sort_values(["organisation", "iso3", "year"]).reset_index(drop=True)
    if not back.equals(years[["organisation", "iso3", "year"]].reset_index(drop=True)):
        raise ReconciliationError("memberships: COW spells do not expand back to COW's state-years")
    return spells


# --- hand-entered amendments ----------------------------------------------------------

def read_additions() -> pd.DataFrame:
    """The hand-entered membership rows, each with a source."""
    table = read_csv(HANDMADE / "memberships_additions.csv", dtype={"joined": "Int64", "left": "Int64"})
    if table["source"].isna().any():
        raise ReconciliationError("memberships: a hand-entered row has no source")
    bad = set(table["action"]) - set(ACTIONS)
    if bad:
        raise ReconciliationError(f"memberships: unknown actions {sorted(bad)} in memberships_additions.csv")
    return table


def _one_spell(spells: pd.DataFrame, row: pd.Series) -> int:
    """Index of the single spell that a close, drop or annotate row names (by organisation, iso3, joined)."""
    match = spells.index[(spells["organisation"] == row["organisation"]) & (spells["iso3"] == row["iso3"])
                         & (spells["joined"] == row["joined"])]
    if len(match) != 1:
        raise ReconciliationError(
            f"memberships: {row['action']} {row['organisation']} {row['iso3']} {row['joined']} "
            f"matches {len(match)} spells")
    return int(match[0])


def apply_additions(spells: pd.DataFrame, additions: pd.DataFrame) -> pd.DataFrame:
    """Close, drop and annotate COW spells, then add the hand-entered spells."""
    spells = spells.copy()
    for _, row in additions[additions["action"] != "add"].iterrows():
        index = _one_spell(spells, row)
        if row["action"] == "close":
            if pd.notna(spells.at[index, "left"]):
                raise ReconciliationError(f"memberships: {row['organisation']} {row['iso3']} spell is not open")
            spells.at[index, "left"] = row["left"]
            spells.at[index, "source"] = f"{spells.at[index, 'source']}; exit: {row['source']}"
            spells.at[index, "note"] = row["note"]
        elif row["action"] == "drop":
            spells = spells.drop(index)
        else:
            spells.at[index, "source"] = f"{spells.at[index, 'source']}; note: {row['source']}"
            spells.at[index, "note"] = row["note"]
    added = additions.loc[additions["action"] == "add", SPELL_COLUMNS]
    return pd.concat([spells, added], ignore_index=True)


def read_corrections() -> pd.DataFrame:
    """The explicit corrections of COW join and leave years, each with its source and status."""
    table = read_csv(HANDMADE / "membership_corrections.csv",
                     dtype={"cow_joined": "Int64", "cow_year": "Int64", "year": "Int64", "date": str})
    if list(table.columns) != CORRECTION_COLUMNS:
        raise ReconciliationError(f"memberships: membership_corrections.csv columns are not {CORRECTION_COLUMNS}")
    if table["source"].isna().any() or table["note"].isna().any():
        raise ReconciliationError("memberships: a correction has no source or no note")
    bad = (set(table["status"]) - set(CORRECTION_STATUSES)) | (set(table["field"]) - {"joined", "left"})
    if bad:
        raise ReconciliationError(f"memberships: unknown status or field {sorted(bad)} in membership_corrections.csv")
    corrected = table["status"] == "corrected"
    if table.loc[corrected, "year"].isna().any() or table.loc[~corrected, "year"].notna().any():
        raise ReconciliationError("memberships: a corrected row needs a year and an unconfirmed row must not have one")
    if (table.loc[corrected, "year"] == table.loc[corrected, "cow_year"]).any():
        raise ReconciliationError("memberships: a correction that changes nothing")
    dated = corrected & table["date"].notna()
    if not (table.loc[dated, "date"].str[:4].astype(int) == table.loc[dated, "year"]).all():
        raise ReconciliationError("memberships: a correction's year differs from the year of its date")
    if table.duplicated(["organisation", "iso3", "cow_joined", "field"]).any():
        raise ReconciliationError("memberships: two corrections of the same year")
    return table


def apply_corrections(spells: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """Correct COW spells' join or leave years, or note what could not be confirmed.

    Each row names the COW spell by organisation, iso3 and COW's joining year, and the year it
    corrects (``cow_year``) must be the spell's current one, so a correction cannot silently
    apply to a changed COW file.
    """
    spells = spells.copy()
    from_cow = spells["source"].str.startswith(COW_PREFIX)
    original_joined = spells["joined"].copy()
    for _, row in corrections.iterrows():
        match = spells.index[from_cow & (spells["organisation"] == row["organisation"])
                             & (spells["iso3"] == row["iso3"]) & (original_joined == row["cow_joined"])]
        if len(match) != 1:
            raise ReconciliationError(f"memberships: correction of {row['organisation']} {row['iso3']} "
                                      f"{row['cow_joined']} matches {len(match)} COW spells")
        index, field = int(match[0]), row["field"]
        if spells.at[index, field] != row["cow_year"]:
            raise ReconciliationError(f"memberships: {row['organisation']} {row['iso3']} {field} is "
                                      f"{spells.at[index, field]}, not COW's {row['cow_year']}")
        if row["status"] == "corrected":
            spells.at[index, field] = row["year"]
            label = f"{field} corrected from COW's {row['cow_year']} to {row['year']}: {row['source']}"
        else:
            label = f"{field} {row['cow_year']} kept, not confirmed: {row['source']}"
        spells.at[index, "source"] = f"{spells.at[index, 'source']}; {label}"
        before = spells.at[index, "note"]
        spells.at[index, "note"] = row["note"] if pd.isna(before) else f"{before}; {row['note']}"
    return spells


def check_no_overlap(spells: pd.DataFrame) -> None:
    """No country has two overlapping spells in one organisation."""
    years = spells_to_years(spells, 2025)
    dup = years.duplicated(keep=False)
    if dup.any():
        first = years[dup].iloc[0]
        raise ReconciliationError(f"memberships: overlapping spells for {first['organisation']} {first['iso3']}")
    ends_before_start = spells["left"].notna() & spells["joined"].notna() & (spells["left"] <= spells["joined"])
    if ends_before_start.any():
        raise ReconciliationError("memberships: a spell ends before it starts")


# --- tables ---------------------------------------------------------------------------

def organisations(sources: Path) -> pd.DataFrame:
    """Organisations and processes on migration: kind, founding year, role, source (hand-entered)."""
    table = read_csv(HANDMADE / "organisations.csv",
                     dtype={"founded": "Int64", "ended": "Int64", "members_as_of": "Int64"})
    if table["source"].isna().any() or table["code"].duplicated().any():
        raise ReconciliationError("organisations: a row lacks a source or repeats a code")
    unknown = set(table["successor"].dropna()) - set(table["code"])
    if unknown:
        raise ReconciliationError(f"organisations: unknown successors {sorted(unknown)}")
    return table.sort_values("code").reset_index(drop=True)


def memberships(sources: Path) -> pd.DataFrame:
    """Membership spells: COW to 2014, brought to 2025 and widened by hand-entered rows."""
    orgs = organisations(sources).set_index("code")
    spells = apply_corrections(apply_additions(cow_spells(sources), read_additions()), read_corrections())
    check_no_overlap(spells)
    unknown = set(spells["organisation"]) - set(orgs.index)
    if unknown:
        raise ReconciliationError(f"memberships: organisations missing from organisations.csv: {sorted(unknown)}")
    no_year = spells["joined"].isna() & (spells["organisation"].map(orgs["kind"]) != "consultative_process")
    if no_year.any():
        raise ReconciliationError("memberships: only consultative-process rows may lack a joining year")
    spells = spells.sort_values(["organisation", "iso3", "joined"], na_position="last").reset_index(drop=True)
    spells["spell"] = spells.groupby(["organisation", "iso3"]).cumcount() + 1
    spells["kind"] = spells["organisation"].map(orgs["kind"])
    for column in ("joined", "left"):
        spells[column] = spells[column].astype("Int64")
    return spells[MEMBERSHIP_COLUMNS]


def treaties(sources: Path) -> pd.DataFrame:
    """Treaty actions by country: signature, ratification/accession/succession date and year."""
    table = read_csv(HANDMADE / "treaties.csv", dtype={"action_year": "Int64"})
    if table["source"].isna().any():
        raise ReconciliationError("treaties: a hand-entered row has no source")
    dated = table["action_date"].notna()
    if not (table.loc[dated, "action_date"].str[:4].astype(int) == table.loc[dated, "action_year"]).all():
        raise ReconciliationError("treaties: action_year differs from the year of action_date")
    adopted = table["treaty"].map(TREATY_ADOPTED)
    early = (table["action_date"] < adopted) | (table["signature_date"] < adopted)
    if early.any():
        raise ReconciliationError(f"treaties: action before adoption for {table.loc[early, 'iso3'].tolist()}")
    if (table["signature_date"] > table["action_date"]).any():
        raise ReconciliationError("treaties: a ratification precedes its signature")
    if (table["action"].notna() != table["action_year"].notna()).any():
        raise ReconciliationError("treaties: every action needs a year and every year an action")
    return table.sort_values(["treaty", "iso3"]).reset_index(drop=True)[TREATY_COLUMNS]


def coco_members(sources: Path, column: str) -> set[str]:
    """ISO3 codes that coco marks as members in ``column`` (e.g. EU, EEA, Schengen, APEC)."""
    coco = pd.read_csv(sources / COCO / "country_data.tsv", sep="\t", keep_default_na=False, dtype=str)
    return set(coco.loc[coco[column] != "", "ISO3"])


TABLES = {"memberships.csv": memberships, "organisations.csv": organisations, "treaties.csv": treaties}

"""The UN General Assembly's 2018 votes on the two global compacts, and the World Bank's income groups.

``un_votes_2018``: how each of the 193 members voted on resolution 73/195 (19 December 2018),
which endorsed the Global Compact for Safe, Orderly and Regular Migration, and on resolution
73/151 (17 December 2018) on the Office of UNHCR, which affirmed the Global Compact on Refugees.
From Voeten's UN voting data as the ``unvotes`` R package ships it; the package keeps only
yes, no and abstain, so a member with no row for a roll call is listed as ``no_recorded_vote``
(absent or present and not voting: the data cannot tell them apart).

``income_groups``: the World Bank's income group of each economy in the World Development
Indicators release of 28 January 2025 (the classification of 1 July 2024). One classification
for all years: it is not the group a country had in an earlier year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import COCO, ReconciliationError, read_csv

UNVOTES = "un-votes-unvotes"
VOTES_FILE = "unga_2018_migration_refugee_compacts_votes.csv"
SESSIONS_FILE = "un_votes_sessions46_74_1991_2020.csv"
WDI = "wdi-oda-2025"
INCOME_FILE = "wdi_country_region_income.csv"

# Resolution -> (roll call id in unvotes, the compact it concerns, the UN's published yes, no, abstain).
RESOLUTIONS = {
    "A/RES/73/195": (6140, "migration", (152, 5, 12)),
    "A/RES/73/151": (6135, "refugees", (181, 2, 3)),
}
MEMBERS = 193
VOTES = ("yes", "no", "abstain", "no_recorded_vote")
# Two-letter codes country_converter writes as a pattern (Greece, the United Kingdom), and the code unvotes
# keeps for Serbia, the continuing state of Yugoslavia.
ISO2_EXCEPTIONS = {"GR": "GRC", "GB": "GBR", "YU": "SRB"}
INCOME_GROUPS = ("Low income", "Lower middle income", "Upper middle income", "High income")


def _iso3(sources: Path) -> dict[str, str]:
    coco = pd.read_csv(sources / COCO / "country_data.tsv", sep="\t", keep_default_na=False, dtype=str)
    plain = coco[coco["ISO2"].str.fullmatch(r"[A-Z]{2}")]
    return {**dict(zip(plain["ISO2"], plain["ISO3"], strict=True)), **ISO2_EXCEPTIONS}


def _un_members(sources: Path) -> set[str]:
    coco = pd.read_csv(sources / COCO / "country_data.tsv", sep="\t", keep_default_na=False, dtype=str)
    return set(coco.loc[coco["UNmember"] != "", "ISO3"])


def un_votes_2018(sources: Path) -> pd.DataFrame:
    """One row per resolution and UN member: the vote, with the members that cast none."""
    raw = read_csv(sources / UNVOTES / VOTES_FILE)
    codes = _iso3(sources)
    unmapped = sorted(set(raw["country_code"]) - set(codes))
    if unmapped:
        raise ReconciliationError(f"un_votes_2018: no ISO3 code for {unmapped}")
    out = pd.DataFrame({
        "resolution": raw["unres"],
        "compact": raw["unres"].map({r: c for r, (_, c, _) in RESOLUTIONS.items()}),
        "date": raw["date"],
        "iso3": raw["country_code"].map(codes),
        "vote": raw["vote"],
    })
    _check_votes(out, raw, sources)
    order = {r: i for i, r in enumerate(RESOLUTIONS)}
    out = out.sort_values(["resolution", "iso3"], key=lambda c: c.map(order) if c.name == "resolution" else c)
    return out.reset_index(drop=True)


def _check_votes(out: pd.DataFrame, raw: pd.DataFrame, sources: Path) -> None:
    """Each resolution: the 193 members once each, the UN's totals, and the same votes as the full voting file."""
    if set(out["resolution"]) != set(RESOLUTIONS) or out["compact"].isna().any():
        raise ReconciliationError(f"un_votes_2018: resolutions {sorted(set(out['resolution']))}")
    if set(out["vote"]) - set(VOTES):
        raise ReconciliationError(f"un_votes_2018: unknown votes {sorted(set(out['vote']) - set(VOTES))}")
    members = _un_members(sources)
    full = read_csv(sources / UNVOTES / SESSIONS_FILE)
    for resolution, (rcid, _, published) in RESOLUTIONS.items():
        rows = out[out["resolution"] == resolution]
        if len(rows) != MEMBERS or set(rows["iso3"]) != members:
            raise ReconciliationError(f"un_votes_2018: {resolution} does not list the {MEMBERS} UN members once each")
        counts = tuple(int((rows["vote"] == v).sum()) for v in VOTES[:3])
        if counts != published:
            raise ReconciliationError(f"un_votes_2018: {resolution} counts {counts}, the UN published {published}")
        cast = raw[(raw["unres"] == resolution) & (raw["vote"] != "no_recorded_vote")]
        recorded = full[full["rcid"] == rcid]
        if set(zip(cast["country_code"], cast["vote"], strict=True)) != \
                set(zip(recorded["country_code"], recorded["vote"], strict=True)) or len(cast) != len(recorded):
            raise ReconciliationError(f"un_votes_2018: {resolution} differs from roll call {rcid} in the voting file")


def income_groups(sources: Path) -> pd.DataFrame:
    """One row per economy the World Bank classifies: its income group (January 2025 release)."""
    raw = read_csv(sources / WDI / INCOME_FILE)
    rows = raw.dropna(subset=["Income Group"])
    unknown = set(rows["Income Group"]) - set(INCOME_GROUPS)
    if unknown:
        raise ReconciliationError(f"income_groups: unknown groups {sorted(unknown)}")
    out = pd.DataFrame({"iso3": rows["Country Code"], "income_group": rows["Income Group"]})
    out = out.sort_values("iso3").reset_index(drop=True)
    if out["iso3"].duplicated().any() or len(out) != int(raw["Income Group"].notna().sum()):
        raise ReconciliationError("income_groups: economies lost or repeated on the way")
    return out


TABLES = {"un_votes_2018.csv": un_votes_2018, "income_groups.csv": income_groups}

"""The data pages describe every dataset; the views they draw count members and parties by one rule."""

from __future__ import annotations

import re

import pytest

from migbook import data, datapage, explorers
from migbook.paths import BOOK_DIR

PAGES = "\n".join(p.read_text() for p in (BOOK_DIR / "data").glob("*.md"))


@pytest.mark.parametrize("name", data.resources())
def test_every_dataset_has_a_section_with_provenance(name: str) -> None:
    assert f'datapage.provenance("{name}")' in PAGES
    html = datapage.provenance(name).to_html()
    meta = data.describe(name)
    assert meta["derivation"][:40] in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert "Licence" in html and "Coverage" in html


def test_every_dataset_is_on_a_data_page() -> None:
    """Each dataset is drawn by an explorer called on a data page, or shown as a table there."""
    called = set(re.findall(r"\bexplorers\.(\w+)\(", PAGES))
    tables = set(re.findall(r"datapage\.(\w+)_table\(\)", PAGES))
    assert {"ledger", "organisations"} <= tables
    drawn = {d for name in called for d in explorers.catalogue()[name].datasets}
    missing = set(data.resources()) - drawn - {"figures", "organisations"}
    assert not missing, f"datasets with no explorer on the data pages: {sorted(missing)}"


def test_members_and_parties_are_counted_from_spells() -> None:
    members = data.member_counts().set_index(["organisation", "year"])["members"]
    assert members[("EU", 2019)] == 28
    assert members[("EU", 2020)] == 27
    parties = data.parties_by_year().set_index(["treaty", "year"])["parties"]
    assert parties[(data.MWC, 2008)] >= 37


def test_one_membership_rule_for_every_view() -> None:
    """Unknown joining years count from the year the organisation's list describes (members_as_of)."""
    bali = data.load("memberships").query("organisation == 'BALI'")
    unknown = set(bali.loc[bali["joined"].isna(), "iso3"])
    as_of = int(data.load("organisations").set_index("code").loc["BALI", "members_as_of"])
    assert unknown and unknown <= set(data.members_in("BALI", as_of))
    assert not unknown & set(data.members_in("BALI", as_of - 1))
    counts = data.member_counts().set_index(["organisation", "year"])["members"]
    assert counts[("BALI", as_of)] == len(data.members_in("BALI", as_of))
    codes, _ties = data.rcp_network(as_of, ("BALI",))
    assert codes == data.members_in("BALI", as_of)

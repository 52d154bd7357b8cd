"""The data pages describe every dataset, and each explorer works in both twins."""

from __future__ import annotations

import re

import pytest

from migbook import data, datapage
from migbook.paths import ROOT

PAGES = "\n".join(p.read_text() for p in (ROOT / "book" / "data").glob("*.md"))


@pytest.mark.parametrize("name", data.resources())
def test_every_dataset_has_a_section_with_provenance(name: str) -> None:
    assert f'datapage.provenance("{name}")' in PAGES
    html = datapage.provenance(name).to_html()
    meta = data.describe(name)
    assert meta["derivation"][:40] in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert "Licence" in html and "Coverage" in html


@pytest.mark.parametrize("name", sorted(datapage.EXPLORERS))
def test_explorers_have_both_twins(name: str) -> None:
    assert f'datapage.explorer("{name}")' in PAGES
    chart = datapage.EXPLORERS[name]()
    static = chart.static()
    assert static.summary and len(static.table) > 0
    spec = static.chart.to_dict()
    params = [p for p in spec.get("params", []) if "bind" in p]
    assert len(params) == len(chart.selectors)
    box = chart.live()
    before = box.chart.value
    menu = next(iter(box.controls.values()))
    options = [value for _label, value in menu.options]
    menu.value = options[-1] if options[-1] != menu.value else options[0]
    assert box.chart.value != before or len(options) == 1


def test_every_dataset_without_an_explorer_shows_a_table() -> None:
    tables = set(re.findall(r"datapage\.(\w+)_table\(\)", PAGES))
    assert {"ledger", "organisations"} <= tables
    for name in data.resources():
        assert name in datapage.EXPLORERS or name in {"figures", "organisations"}, name


def test_members_and_parties_are_counted_from_spells() -> None:
    members = datapage.members_by_year().set_index(["organisation", "year"])["members"]
    assert members[("European Union", 2019)] == 28
    assert members[("European Union", 2020)] == 27
    parties = datapage.parties_by_year().set_index(["treaty", "year"])["parties"]
    assert parties[("Migrant Workers Convention (1990)", 2008)] >= 37

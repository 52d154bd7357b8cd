"""The course's datasets and the views every figure shares.

``load(name)`` is the one way to read a table: it checks the CSV in ``data/``
against its schema in ``data/datapackage.json`` and refuses a bad table with
one error naming file, row, column and rule (see :mod:`migbook.data.loader`).

Views hold each rule about the data in one place, so chapters, data pages,
models and tests agree:

* places (:mod:`migbook.data.places`): ``WORLD``, ``country_names()``,
  ``stock_by_place()``, ``places()``, ``regional_sums(name)``;
* memberships (:mod:`migbook.data.memberships`): ``members_in(org, year)``,
  ``member_counts()``, ``rcp_network()``;
* treaties (:mod:`migbook.data.treaties`): ``treaty_status(year)``,
  ``parties_by_year()``;
* rates (:mod:`migbook.data.rates`): ``net_migration_rate(start, end)``, ``migration_side(rate)`` with
  its ``BALANCE_BAND``;
* coverage (:mod:`migbook.data.coverage`): ``PARTIAL_YEARS``, the years a dataset covers in part;
* conflict (:mod:`migbook.data.conflict`): ``conflict_years(iso3)``, ``refugees_and_conflict()``;
* blocs (:mod:`migbook.data.blocs`): ``mobility_status(org, year)``, ``income_dispersion()``;
* citizenship (:mod:`migbook.data.citizenship`): ``citizenship_rules()``, ``simulator_rules(key)``,
  ``foreign_born_and_rules()``;
* Europe (:mod:`migbook.data.europe`): ``integration_spells()``, ``participants(year, associates)``,
  ``key_inputs(year, associates)``, ``published_key()``, ``measure(name)``;
* power (:mod:`migbook.data.power`): ``base_population(iso3, year)``, ``flows_long()``,
  ``remittance_share_of_gdp(iso3, year)``;
* borders (:mod:`migbook.data.borders`): ``southwest_border(start, end)``, ``OPERATIONS``;
* compacts (:mod:`migbook.data.compacts`): ``compact_votes()``, ``vote_counts()``, ``refugee_hosting()``,
  ``reclassified_hosting()``.
"""

from migbook.data.blocs import STATUS_WORDS, income_dispersion, mobility_status
from migbook.data.borders import OPERATIONS, SOUTHWEST, southwest_border
from migbook.data.citizenship import citizenship_rules, foreign_born_and_rules, simulator_rules
from migbook.data.compacts import compact_votes, reclassified_hosting, refugee_hosting, vote_counts
from migbook.data.conflict import conflict_years, refugees_and_conflict
from migbook.data.coverage import PARTIAL_YEARS
from migbook.data.europe import integration_spells, key_inputs, measure, participants, published_key
from migbook.data.loader import clear_cache, describe, load, load_from, resources, validate_table
from migbook.data.memberships import CONSULTATIVE_PROCESSES, is_member, member_counts, members_in, rcp_network
from migbook.data.places import (
    ADDITIVE_UNITS,
    WORLD,
    additive_measures,
    country_names,
    places,
    regional_sums,
    stock_by_place,
)
from migbook.data.power import base_population, flows_long, remittance_share_of_gdp
from migbook.data.rates import BALANCE_BAND, SIDES, migration_side, net_migration_rate
from migbook.data.treaties import MWC, TREATY_NAMES, parties_by_year, treaty_status

__all__ = [
    "ADDITIVE_UNITS",
    "BALANCE_BAND",
    "CONSULTATIVE_PROCESSES",
    "MWC",
    "OPERATIONS",
    "PARTIAL_YEARS",
    "SIDES",
    "SOUTHWEST",
    "STATUS_WORDS",
    "TREATY_NAMES",
    "WORLD",
    "additive_measures",
    "base_population",
    "citizenship_rules",
    "clear_cache",
    "compact_votes",
    "conflict_years",
    "country_names",
    "describe",
    "flows_long",
    "foreign_born_and_rules",
    "income_dispersion",
    "integration_spells",
    "is_member",
    "key_inputs",
    "load",
    "load_from",
    "measure",
    "member_counts",
    "members_in",
    "migration_side",
    "mobility_status",
    "net_migration_rate",
    "participants",
    "parties_by_year",
    "places",
    "published_key",
    "rcp_network",
    "reclassified_hosting",
    "refugee_hosting",
    "refugees_and_conflict",
    "regional_sums",
    "remittance_share_of_gdp",
    "resources",
    "simulator_rules",
    "southwest_border",
    "stock_by_place",
    "treaty_status",
    "validate_table",
    "vote_counts",
]


def _document() -> str:
    from migbook.data.loader import _package

    lines = ["", "Datasets", "--------"]
    try:
        package = _package()
    except OSError:
        return "\n(data/datapackage.json not found)"
    for r in package["resources"]:
        sources = "; ".join(s["title"] for s in r.get("sources", []))
        licences = ", ".join(lic["name"] for lic in r.get("licenses", []))
        lines += [f"{r['name']}: {r['title']}", f"    source: {sources}", f"    licence: {licences}"]
    return "\n".join(lines)


__doc__ = (__doc__ or "") + _document()

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
* rates (:mod:`migbook.data.rates`): ``net_migration_rate(start, end)``;
* coverage (:mod:`migbook.data.coverage`): ``PARTIAL_YEARS``, the years a dataset covers in part;
* borders (:mod:`migbook.data.borders`): ``southwest_border(start, end)``, ``OPERATIONS``.
"""

from migbook.data.borders import OPERATIONS, SOUTHWEST, southwest_border
from migbook.data.coverage import PARTIAL_YEARS
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
from migbook.data.rates import net_migration_rate
from migbook.data.treaties import MWC, TREATY_NAMES, parties_by_year, treaty_status

__all__ = [
    "ADDITIVE_UNITS",
    "CONSULTATIVE_PROCESSES",
    "MWC",
    "OPERATIONS",
    "PARTIAL_YEARS",
    "SOUTHWEST",
    "TREATY_NAMES",
    "WORLD",
    "additive_measures",
    "clear_cache",
    "country_names",
    "describe",
    "is_member",
    "load",
    "load_from",
    "member_counts",
    "members_in",
    "net_migration_rate",
    "parties_by_year",
    "places",
    "rcp_network",
    "regional_sums",
    "resources",
    "southwest_border",
    "stock_by_place",
    "treaty_status",
    "validate_table",
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

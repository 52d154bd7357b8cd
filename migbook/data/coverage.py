"""Periods a dataset covers only in part, so that figures can mark them and readers not misread a fall.

From the sources' own notes: the IOM Missing Migrants records stop on 4 May 2024
(see the description of ``missing_migrants`` in ``data/datapackage.json``); the
UNHCR refugees package of December 2025 carries mid-year figures for 2025.
"""

from __future__ import annotations

PARTIAL_YEARS: dict[str, dict[int, str]] = {
    "missing_migrants": {2024: "to 4 May"},
    "missing_migrants_routes": {2024: "to 4 May"},
    "refugees_by_asylum": {2025: "mid-year"},
    "refugees_by_origin": {2025: "mid-year"},
    "asylum_applications": {2025: "mid-year"},
    "asylum_applications_by_origin": {2025: "mid-year"},
}

"""The countries table follows the UN M49 hierarchy: a place's region is the one its sub-region belongs to."""

from __future__ import annotations

from migbook import data
from migbook.derive.countries import M49_REGIONS, REGION_OF_SUBREGION


def test_every_place_sits_in_the_region_of_its_sub_region() -> None:
    places = data.load("countries").query("kind == 'place'")
    wrong = places[places["un_region"] != places["un_subregion"].map(REGION_OF_SUBREGION)]
    assert wrong.empty, wrong[["iso3", "name", "un_region", "un_subregion"]].to_string()


def test_the_territories_coco_misfiled_are_in_m49s_regions() -> None:
    regions = data.load("countries").set_index("iso3")["un_region"]
    assert {regions[c] for c in ("CXR", "CCK", "HMD", "NFK", "AUS", "NZL")} == {"Oceania"}
    assert regions["BVT"] == regions["SGS"] == "Americas"


def test_each_region_lists_only_its_own_sub_regions() -> None:
    places = data.load("countries").query("kind == 'place'")
    for region, subregions in places.groupby("un_region")["un_subregion"]:
        assert set(subregions) <= set(M49_REGIONS[region]), region
    asia = set(places.loc[places["un_region"] == "Asia", "un_subregion"])
    assert asia == {"Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"}

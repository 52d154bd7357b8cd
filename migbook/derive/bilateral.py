"""Bilateral migrant stocks (UN DESA 2020 revision) and gravity-model dyads (CEPII GeoDist).

Three tables: the stock by country of origin, the 2020 origin-destination matrix, and one
row per ordered pair of places with CEPII's distances and ties beside the 2020 stock, so a
gravity model sees the zeros as well as the positive stocks.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from migbook.derive.common import ReconciliationError, read_csv, undesa_stocks

CEPII = "cepii-geodist"
MATRIX_YEAR = 2020

# CEPII's old or non-ISO codes -> current ISO3. YUG is "Serbia and Montenegro" in CEPII (capital
# Belgrade); it stands for Serbia (which includes Kosovo in UN DESA). Montenegro gets no geography.
CEPII_CODES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "PAL": "PSE", "YUG": "SRB"}
# CEPII places UN DESA does not list separately (Netherlands Antilles split in 2010, Taiwan, and
# Australian and British dependencies); their rows are simply not used.
CEPII_OUTSIDE_UNDESA = frozenset({"ANT", "CCK", "CXR", "NFK", "PCN", "TWN"})
# UN DESA places CEPII lacks (created after 2005 or too small for GeoDist): their dyads keep
# a blank geography and their stock.
UNDESA_WITHOUT_CEPII = frozenset({"ASM", "BES", "CHI", "CUW", "GUM", "IMN", "LIE", "MCO", "MNE", "MYT", "SSD",
                                  "SXM", "VAT", "VIR"})
# CEPII distances (km) rounded to whole km; the capital-to-capital and theta=-1 distances are left out.
DISTANCES = {"dist": "dist_km", "distw": "distw_km"}
# CEPII 0/1 ties kept for a gravity model (curcol and col45 left out).
DUMMIES = ("contig", "comlang_off", "comlang_ethno", "colony", "comcol", "smctry")


def _by_sex(raw: pd.DataFrame, keys: dict[str, str]) -> pd.DataFrame:
    """Sum the raw table over everything but ``keys`` (raw -> output names); both_sexes = male + female."""
    wide = raw.pivot_table(index=list(keys), columns="sex", values="v", aggfunc="sum", fill_value=0)
    out = wide.index.to_frame(index=False).rename(columns=keys)
    out["both_sexes"] = (wide["Male"] + wide["Female"]).to_numpy()
    out["male"] = wide["Male"].to_numpy()
    out["female"] = wide["Female"].to_numpy()
    return out.sort_values(list(keys.values())).reset_index(drop=True)


def _check_totals(name: str, raw: pd.Series, derived: pd.Series) -> None:
    """Raise unless two totals, indexed the same way, are equal."""
    if not raw.sort_index().equals(derived.sort_index()):
        diff = raw.sub(derived, fill_value=0)
        raise ReconciliationError(f"{name}: totals differ from the raw UN DESA table: {diff[diff != 0].to_dict()}")


def migrant_stock_origin(sources: Path) -> pd.DataFrame:
    """International migrant stock by country of origin (XXX = unknown) and year, by sex (persons)."""
    raw = undesa_stocks(sources)
    out = _by_sex(raw, {"from": "iso3", "t": "year"})
    for sex, column in (("Male", "male"), ("Female", "female")):
        _check_totals(f"migrant_stock_origin {column}", raw[raw["sex"] == sex].groupby("t")["v"].sum(),
                      out.groupby("year")[column].sum().rename_axis("t"))
    _check_totals("migrant_stock_origin", raw.groupby("t")["v"].sum(),
                  out.groupby("year")["both_sexes"].sum().rename_axis("t"))
    return out


def bilateral_stock_2020(sources: Path) -> pd.DataFrame:
    """The 2020 origin-destination matrix by sex, only pairs with a positive stock (persons)."""
    raw = undesa_stocks(sources)
    raw = raw[raw["t"] == MATRIX_YEAR]
    out = _by_sex(raw, {"from": "origin", "to": "destination"})
    if not (out["both_sexes"] > 0).all():
        raise ReconciliationError("bilateral_stock_2020: a pair with no positive stock")
    _check_totals("bilateral_stock_2020", raw.groupby("to")["v"].sum(),
                  out.groupby("destination")["both_sexes"].sum().rename_axis("to"))
    return out


def cepii_geography(sources: Path) -> pd.DataFrame:
    """CEPII GeoDist pairs with current ISO3 codes, distances in whole km and the 0/1 ties."""
    raw = read_csv(sources / CEPII / "dist_cepii.csv")
    geo = pd.DataFrame({
        "origin": raw["iso_o"].replace(CEPII_CODES),
        "destination": raw["iso_d"].replace(CEPII_CODES),
    })
    for column, name in DISTANCES.items():
        geo[name] = raw[column].round().astype("Int64")
    for column in DUMMIES:
        geo[column] = raw[column].astype("Int64")
    if geo.duplicated(["origin", "destination"]).any():
        raise ReconciliationError("dyads: two CEPII codes map to the same ISO3 code")
    return geo


def place_universe(raw: pd.DataFrame) -> list[str]:
    """Places that are both an origin and a destination in UN DESA (every destination; not XXX)."""
    return sorted(set(raw["from"]) & set(raw["to"]))


def _check_coverage(universe: list[str], cepii_codes: set[str]) -> None:
    """Raise if the codes matched between UN DESA and CEPII are not the documented ones."""
    outside, missing = cepii_codes - set(universe), set(universe) - cepii_codes
    if outside != CEPII_OUTSIDE_UNDESA or missing != UNDESA_WITHOUT_CEPII:
        raise ReconciliationError(f"dyads: CEPII codes outside UN DESA {sorted(outside)}, "
                                  f"UN DESA places without CEPII {sorted(missing)}: update the documented lists")


def dyads(sources: Path) -> pd.DataFrame:
    """Every ordered pair of distinct UN DESA places: CEPII geography and the 2020 stock (0 if none)."""
    raw = undesa_stocks(sources)
    universe = place_universe(raw)
    geo = cepii_geography(sources)
    _check_coverage(universe, set(geo["origin"]))
    pairs = pd.MultiIndex.from_product([universe, universe], names=["origin", "destination"]).to_frame(index=False)
    pairs = pairs[pairs["origin"] != pairs["destination"]]
    out = pairs.merge(geo, on=["origin", "destination"], how="left", validate="one_to_one")
    in_year = raw[raw["t"] == MATRIX_YEAR]
    stock = in_year.groupby(["from", "to"])["v"].sum().rename_axis(["origin", "destination"]).rename("stock_2020")
    out = out.merge(stock.reset_index(), on=["origin", "destination"], how="left", validate="one_to_one")
    out["stock_2020"] = out["stock_2020"].fillna(0).astype("int64")
    out = out.sort_values(["origin", "destination"]).reset_index(drop=True)
    inside = in_year["from"].isin(universe) & in_year["to"].isin(universe) & (in_year["from"] != in_year["to"])
    if len(out) != len(universe) * (len(universe) - 1) or out["stock_2020"].sum() != in_year.loc[inside, "v"].sum():
        raise ReconciliationError("dyads: pairs or 2020 stock do not reconcile with the raw UN DESA table")
    return out


TABLES = {
    "migrant_stock_origin.csv": migrant_stock_origin,
    "bilateral_stock_2020.csv": bilateral_stock_2020,
    "dyads.csv": dyads,
}

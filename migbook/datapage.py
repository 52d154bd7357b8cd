"""The "Data behind this book" page: provenance and a small explorer for every dataset.

Provenance comes straight from ``data/datapackage.json``, so the page can never
disagree with the package; coverage is computed from the validated table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from migbook import data
from migbook.selector import SelectorChart
from migbook.twin import Twin, table_html

ADDITIVE_UNITS = {"persons", "cases", "apprehensions", "current US dollars"}


@dataclass
class Provenance:
    """A dataset's description, sources, licence, derivation, coverage and fields, as HTML."""

    name: str

    def coverage(self, table: pd.DataFrame) -> list[str]:
        facts = [f"{len(table):,} rows"]
        for column in ("year", "fiscal_year", "joined"):
            if column in table and table[column].notna().any():
                facts.append(f"{column.replace('_', ' ')} {int(table[column].min())} to {int(table[column].max())}")
                break
        codes = [c for c in ("iso3", "origin", "destination") if c in table]
        if codes:
            facts.append(f"{pd.unique(table[codes].to_numpy().ravel()).size:,} country codes")
        return facts

    def to_html(self) -> str:
        meta = data.describe(self.name)
        table = data.load(self.name)
        fields = pd.DataFrame([{
            "Column": f["name"], "Type": f.get("type", "string"), "Unit": f.get("unit", ""),
            "Meaning": f.get("title", ""),
        } for f in meta["schema"]["fields"]])
        sources = "".join(f"<li>{html.escape(s['title'])} ({html.escape(s.get('path', ''))})</li>"
                          for s in meta.get("sources", []))
        licences = ", ".join(html.escape(lic.get("title", lic["name"])) for lic in meta.get("licenses", []))
        return (
            '<div class="migbook-provenance">'
            f"<p>{html.escape(meta['description'])}</p><dl>"
            f"<dt>File</dt><dd><code>data/{html.escape(meta['path'])}</code>, loaded with "
            f"<code>migbook.data.load({self.name!r})</code></dd>"
            f"<dt>Sources</dt><dd><ul>{sources}</ul></dd>"
            f"<dt>Licence</dt><dd>{licences}</dd>"
            f"<dt>How it was derived</dt><dd>{html.escape(meta['derivation'])}</dd>"
            f"<dt>Coverage</dt><dd>{html.escape('; '.join(self.coverage(table)))}</dd></dl>"
            "<details><summary>Columns</summary>"
            f"{table_html(fields, f'Columns of {self.name}')}</details></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def provenance(name: str) -> Provenance:
    """Provenance of dataset ``name``, for display in a page."""
    data.describe(name)  # fails early, naming the datasets, if the name is wrong
    return Provenance(name)


# --- explorers ------------------------------------------------------------------

def by_region(name: str, measures: list[str] | None = None) -> pd.DataFrame:
    """Sums of a country-year table's additive measures by UN region and for the world, in long form."""
    table = data.load(name)
    fields = {f["name"]: f for f in data.describe(name)["schema"]["fields"]}
    measures = measures or [c for c, f in fields.items() if f.get("unit") in ADDITIVE_UNITS]
    regions = data.load("countries")[["iso3", "un_region"]]
    joined = table.merge(regions, on="iso3", how="left")
    parts = [joined.assign(un_region="World"), joined.dropna(subset=["un_region"])]
    stacked = pd.concat(parts).query("un_region != ''")
    summed = stacked.groupby(["un_region", "year"], as_index=False)[measures].sum(min_count=1)
    long = summed.melt(id_vars=["un_region", "year"], var_name="measure", value_name="value").dropna()
    order = ["World", *sorted(set(long["un_region"]) - {"World"})]
    long["un_region"] = pd.Categorical(long["un_region"], order, ordered=True)
    long["measure"] = pd.Categorical(long["measure"], measures, ordered=True)
    long = long.sort_values(["un_region", "measure", "year"])
    return long.astype({"un_region": str, "measure": str}).reset_index(drop=True)


def measure_labels(name: str) -> dict[str, str]:
    """Menu text for a dataset's columns: their title without indicator codes, and their unit."""
    return {f["name"]: f"{_short_title(f)} ({f['unit']})" for f in data.describe(name)["schema"]["fields"]
            if "unit" in f}


def _short_title(field: dict) -> str:
    """A field's title without the indicator code in brackets, for menus."""
    return re.sub(r"\s*\([A-Z0-9]+(\.[A-Z0-9]+)+\)", "", field.get("title", field["name"]))


def human(value: float) -> str:
    """A large number in words a reader takes in at a glance: 280.6 million, 1.2 billion."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.1f} {word}"
    return f"{value:,.0f}"


def series_summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """One sentence for a chosen series: its first and last values."""
    what = ", ".join(choice.values())
    if rows.empty:
        return f"No data for {what}."
    first, last = rows.iloc[0], rows.iloc[-1]
    return (f"{what}: {human(first['value'])} in {int(first['year'])} and "
            f"{human(last['value'])} in {int(last['year'])}.")


def regional_series(name: str, title: str, measures: list[str] | None = None) -> SelectorChart:
    """Explorer of a country-year table summed by region: a menu for the place, one for the measure."""
    return SelectorChart(
        table=by_region(name, measures), x="year", y="value",
        selectors={"un_region": "World or UN region", "measure": "Measure"},
        labels={"measure": measure_labels(name)},
        title=title, caption=f"{title}: pick the world or a UN region, and a measure.",
        summary=series_summary, x_title="Year", y_title="Value (see the measure's unit)",
    )


def countries_chart() -> SelectorChart:
    countries = data.load("countries")
    places = countries[countries["kind"] == "place"]
    counts = places.groupby(["un_region", "un_subregion"], as_index=False).size()
    counts = counts.rename(columns={"size": "places"})

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        return (f"{choice['un_region']}: {int(rows['places'].sum())} countries and territories in "
                f"{len(rows)} sub-regions.")

    return SelectorChart(
        table=counts, x="un_subregion", y="places", x_type="N", mark="bar",
        selectors={"un_region": "UN region"}, title="Countries and territories by region",
        caption="Countries and territories in the countries table, by UN sub-region.",
        summary=summary, x_title="UN sub-region", y_title="Countries and territories",
        table_caption="Countries and territories by sub-region, at the starting choice",
    )


def _names() -> dict[str, str]:
    countries = data.load("countries")
    return dict(zip(countries["iso3"], countries["name"], strict=True))


def top_origins_chart(top: int = 10) -> SelectorChart:
    """For each destination, its largest origins in 2020 (bilateral_stock_2020)."""
    names = _names()
    table = data.load("bilateral_stock_2020")
    table = table.sort_values(["destination", "both_sexes"], ascending=[True, False])
    table = table.groupby("destination").head(top).assign(
        destination_name=lambda t: t["destination"].map(names), origin_name=lambda t: t["origin"].map(names))
    table = table.sort_values(["destination_name", "both_sexes"], ascending=[True, False])

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        first = rows.iloc[0]
        return (f"Migrants living in {choice['destination_name']} in 2020: the largest group was born in "
                f"{first['origin_name']} ({human(first['both_sexes'])}).")

    return SelectorChart(
        table=table, x="origin_name", y="both_sexes", x_type="N", mark="bar",
        selectors={"destination_name": "Country of destination"}, defaults={"destination_name": "Germany"},
        title="Largest origins by destination, 2020",
        caption=f"The {top} largest countries of origin of the migrants living in the chosen country, 2020.",
        summary=summary, x_title="Country of birth", y_title="Migrants (persons)",
    )


def gravity_chart(destinations: int = 20) -> SelectorChart:
    """Stock against distance for the largest destinations (dyads): the pattern a gravity model fits."""
    names = _names()
    dyads = data.load("dyads").dropna(subset=["dist_km"])
    largest = dyads.groupby("destination")["stock_2020"].sum().nlargest(destinations).index
    table = dyads[dyads["destination"].isin(largest) & (dyads["stock_2020"] > 0)].assign(
        destination_name=lambda t: t["destination"].map(names))
    table = table.sort_values(["destination_name", "dist_km"])

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        near = rows[rows["dist_km"] <= 1000]["stock_2020"].sum() / rows["stock_2020"].sum()
        return (f"{choice['destination_name']}, 2020: {len(rows)} countries of origin with migrants there; "
                f"{near:.0%} of them come from within 1,000 km.")

    return SelectorChart(
        table=table, x="dist_km", y="stock_2020", mark="point", log_scales=True,
        selectors={"destination_name": "Country of destination"}, defaults={"destination_name": "Germany"},
        title="Distance and migrant stock, 2020",
        caption=(f"Each point is a country of origin: its distance from the chosen destination (one of the "
                 f"{destinations} largest) and its migrants living there in 2020. Both axes are logarithmic; "
                 "pairs with no migrants are left out of the picture."),
        summary=summary, x_title="Distance between main cities (km)", y_title="Migrants (persons)",
    )


def border_chart() -> SelectorChart:
    table = data.load("border_patrol")
    fields = {f["name"]: f for f in data.describe("border_patrol")["schema"]["fields"]}
    long = table.melt(id_vars="fiscal_year", var_name="measure", value_name="value").dropna()
    long = long.rename(columns={"fiscal_year": "year"})
    return SelectorChart(
        table=long, x="year", y="value", selectors={"measure": "Series"},
        labels={"measure": {name: f.get("title", name) for name, f in fields.items()}},
        title="US Border Patrol, fiscal years", caption="US Border Patrol apprehensions, deaths and agents.",
        summary=series_summary, x_title="Fiscal year", y_title="Count",
    )


def deaths_chart(name: str, place: str, label: str) -> SelectorChart:
    table = data.load(name).dropna(subset=["year"])
    summed = table.groupby([place, "year"], as_index=False)[["dead", "missing"]].sum()
    long = summed.melt(id_vars=[place, "year"], var_name="measure", value_name="value")
    return SelectorChart(
        table=long, x="year", y="value", mark="bar", selectors={place: label, "measure": "Dead or missing"},
        title="Migrants recorded dead or missing", caption="IOM Missing Migrants Project records (2024 is partial).",
        summary=series_summary, x_title="Year", y_title="Persons", x_type="O",
    )


def members_by_year(last_year: int = 2025) -> pd.DataFrame:
    """Full (and partial) members of each organisation in each year, from the membership spells.

    A state counts from ``joined`` up to but not including ``left``; spells with no
    known joining year are left out (the consultative processes list some members
    without one).
    """
    spells = data.load("memberships").dropna(subset=["joined"])
    names = data.load("organisations").set_index("code")["name"]
    rows = []
    for code, group in spells.groupby("organisation"):
        first = int(group["joined"].min())
        for year in range(first, last_year + 1):
            ongoing = (group["joined"] <= year) & (group["left"].isna() | (group["left"] > year))
            rows.append({"organisation": names.get(code, code), "year": year,
                         "members": int(group.loc[ongoing, "iso3"].nunique())})
    return pd.DataFrame(rows).sort_values(["organisation", "year"]).reset_index(drop=True)


def memberships_chart() -> SelectorChart:
    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        first, last = rows.iloc[0], rows.iloc[-1]
        peak = rows.loc[rows["members"].idxmax()]
        return (f"{choice['organisation']}: {first['members']} members in {first['year']}, "
                f"{last['members']} in {last['year']} (most: {peak['members']} in {peak['year']}).")

    return SelectorChart(
        table=members_by_year(), x="year", y="members", selectors={"organisation": "Organisation or process"},
        defaults={"organisation": "European Union"}, title="Members of regional organisations over time",
        caption="Number of member states in each year.", summary=summary, x_title="Year", y_title="Member states",
    )


def parties_by_year(last_year: int = 2025) -> pd.DataFrame:
    """Cumulative number of parties to each treaty by year of ratification or accession."""
    labels = {"MWC": "Migrant Workers Convention (1990)", "REFUGEE_1951": "Refugee Convention (1951)",
              "PROTOCOL_1967": "Refugee Protocol (1967)"}
    treaties = data.load("treaties").dropna(subset=["action_year"])
    rows = []
    for code, group in treaties.groupby("treaty"):
        years = group["action_year"]
        for year in range(int(years.min()), last_year + 1):
            rows.append({"treaty": labels.get(code, code), "year": year, "parties": int((years <= year).sum())})
    return pd.DataFrame(rows)


def treaties_chart() -> SelectorChart:
    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        last = rows.iloc[-1]
        return f"{choice['treaty']}: {last['parties']} parties by {last['year']}."

    return SelectorChart(
        table=parties_by_year(), x="year", y="parties", selectors={"treaty": "Treaty"},
        defaults={"treaty": "Migrant Workers Convention (1990)"}, title="Parties to the migration treaties",
        caption="States that have ratified or acceded to each treaty, cumulatively, by year.",
        summary=summary, x_title="Year", y_title="Parties",
    )


EXPLORERS: dict[str, Callable[[], SelectorChart]] = {
    "countries": countries_chart,
    "migrant_stock": lambda: regional_series("migrant_stock", "International migrant stock by region"),
    "migrant_stock_origin": lambda: regional_series("migrant_stock_origin", "Emigrants by region of origin"),
    "bilateral_stock_2020": top_origins_chart,
    "dyads": gravity_chart,
    "economy": lambda: regional_series("economy", "Population, remittances and investment by region"),
    "refugees_by_asylum": lambda: regional_series("refugees_by_asylum", "Refugees and others by region of asylum"),
    "refugees_by_origin": lambda: regional_series("refugees_by_origin", "Refugees and others by region of origin"),
    "asylum_applications": lambda: regional_series("asylum_applications", "Asylum applications by region"),
    "asylum_applications_by_origin": lambda: regional_series("asylum_applications_by_origin",
                                                             "Asylum applications by region of origin"),
    "border_patrol": border_chart,
    "missing_migrants": lambda: deaths_chart("missing_migrants", "un_region", "Region of the incident"),
    "missing_migrants_routes": lambda: deaths_chart("missing_migrants_routes", "route", "Route"),
    "memberships": memberships_chart,
    "treaties": treaties_chart,
}


def explorer(name: str) -> Twin:
    """The small explorer for dataset ``name`` (static in the book, live in a kernel)."""
    if name not in EXPLORERS:
        raise KeyError(f"no explorer for {name!r}; there are explorers for: {', '.join(EXPLORERS)}")
    return EXPLORERS[name]().twin()


@dataclass
class Table:
    """Some columns of a dataset as a plain accessible HTML table."""

    name: str
    columns: dict[str, str]
    caption: str

    def to_html(self) -> str:
        table = data.load(self.name)[list(self.columns)]
        table = table.astype(object).where(table.notna(), "").rename(columns=self.columns)
        return table_html(table.astype(str), self.caption)

    def _repr_html_(self) -> str:
        return self.to_html()


def ledger_table() -> Table:
    """The figures ledger as an HTML table, chapter by chapter."""
    return Table("figures", {"chapter": "Chapter", "text": "Figure", "measures": "Measures", "year": "Year",
                             "kind": "Kind", "source": "Source", "attributed_to": "Credited to"},
                 "Every figure the chapters print, with its source")


def organisations_table() -> Table:
    """The organisations and processes, with what each does on migration."""
    return Table("organisations", {"name": "Organisation or process", "kind": "Kind", "founded": "Founded",
                                   "migration_role": "Role in migration"},
                 "International and regional organisations and consultative processes")

"""The data pages' figures: one small explorer for each dataset in ``data/`` (see ``book/data/``)."""

from __future__ import annotations

import re

import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import SelectorChart


def human(value: float) -> str:
    """A large number in words a reader takes in at a glance.

    >>> human(280_598_105), human(1.23e9), human(1234)
    ('280.6 million', '1.2 billion', '1,234')
    """
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.1f} {word}"
    return f"{value:,.0f}"


def _short_title(field: dict) -> str:
    """A field's title without the indicator code in brackets, for menus."""
    return re.sub(r"\s*\([A-Z0-9]+(\.[A-Z0-9]+)+\)", "", field.get("title", field["name"]))


def measure_labels(name: str) -> dict[str, str]:
    """Menu text for a dataset's columns: their title without indicator codes, and their unit."""
    return {f["name"]: f"{_short_title(f)} ({f['unit']})" for f in data.describe(name)["schema"]["fields"]
            if "unit" in f}


def series_summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """One sentence for a chosen series: its first and last values."""
    what = ", ".join(choice.values())
    if rows.empty:
        return f"No data for {what}."
    first, last = rows.iloc[0], rows.iloc[-1]
    return (f"{what}: {human(first['value'])} in {int(first['year'])} and "
            f"{human(last['value'])} in {int(last['year'])}.")


def shared_unit(name: str, measures: list[str]) -> str | None:
    """The unit every one of ``measures`` is counted in, capitalised, or None if they differ."""
    units = {f.get("unit") for f in data.describe(name)["schema"]["fields"] if f["name"] in measures}
    return units.pop().capitalize() if len(units) == 1 and None not in units else None


def regional_series(name: str, title: str, partial: dict[int, str] | None = None) -> SelectorChart:
    """A country-year table summed by region: a menu for the place, one for the measure.

    The chart's title names the chosen measure and its unit; the value axis is titled
    with the unit when every measure shares it.
    """
    table = data.regional_sums(name)
    return SelectorChart(
        table=table, x="year", y="value",
        selectors={"un_region": "World or UN region", "measure": "Measure"},
        labels={"measure": measure_labels(name)}, title_by="measure", partial=partial or {},
        title=title, caption=f"{title}: pick the world or a UN region, and a measure.",
        summary=series_summary, x_title="Year", y_title=shared_unit(name, list(dict.fromkeys(table["measure"]))),
    )


@catalogued("countries")
def countries_by_region() -> SelectorChart:
    """Countries and territories in each UN sub-region of the chosen region."""
    countries = data.load("countries")
    places = countries[countries["kind"] == "place"]
    counts = places.groupby(["un_region", "un_subregion"], as_index=False).size().rename(columns={"size": "places"})

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


@catalogued("migrant_stock")
def migrant_stock_by_region() -> SelectorChart:
    """The international migrant stock summed by UN region (UN DESA 2020)."""
    return regional_series("migrant_stock", "International migrant stock by region")


@catalogued("migrant_stock_origin")
def emigrants_by_region() -> SelectorChart:
    """Emigrants summed by region of origin (UN DESA 2020)."""
    return regional_series("migrant_stock_origin", "Emigrants by region of origin")


@catalogued("economy")
def economy_by_region() -> SelectorChart:
    """Population, remittances and investment summed by region (World Bank WDI)."""
    return regional_series("economy", "Population, remittances and investment by region")


@catalogued("refugees_by_asylum")
def refugees_by_asylum_region() -> SelectorChart:
    """Refugees and others of concern by region of asylum (UNHCR)."""
    return regional_series("refugees_by_asylum", "Refugees and others by region of asylum",
                           data.PARTIAL_YEARS["refugees_by_asylum"])


@catalogued("refugees_by_origin")
def refugees_by_origin_region() -> SelectorChart:
    """Refugees and others of concern by region of origin (UNHCR)."""
    return regional_series("refugees_by_origin", "Refugees and others by region of origin",
                           data.PARTIAL_YEARS["refugees_by_origin"])


@catalogued("asylum_applications")
def asylum_applications_by_region() -> SelectorChart:
    """Asylum applications by region where they were lodged (UNHCR)."""
    return regional_series("asylum_applications", "Asylum applications by region",
                           data.PARTIAL_YEARS["asylum_applications"])


@catalogued("asylum_applications_by_origin")
def asylum_applications_by_origin_region() -> SelectorChart:
    """Asylum applications by the applicants' region of origin (UNHCR)."""
    return regional_series("asylum_applications_by_origin", "Asylum applications by region of origin",
                           data.PARTIAL_YEARS["asylum_applications_by_origin"])


@catalogued("bilateral_stock_2020")
def top_origins(top: int = 10) -> SelectorChart:
    """For each destination, its largest origins in 2020."""
    names = data.country_names()
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


@catalogued("dyads")
def distance_and_stock(destinations: int = 20) -> SelectorChart:
    """Stock against distance for the largest destinations: the pattern a gravity model fits."""
    names = data.country_names()
    dyads = data.load("dyads").dropna(subset=["dist_km"])
    largest = dyads.groupby("destination")["stock_2020"].sum().nlargest(destinations).index
    table = dyads[dyads["destination"].isin(largest) & (dyads["stock_2020"] > 0)].assign(
        destination_name=lambda t: t["destination"].map(names))
    table = table.sort_values(["destination_name", "dist_km"])

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        near = rows[rows["dist_km"] <= 1000]["stock_2020"].sum() / rows["stock_2020"].sum()
        return (f"{choice['destination_name']}, 2020: migrants from {len(rows)} countries of origin; "
                f"{near:.0%} of these migrants were born in a country within 1,000 km.")

    return SelectorChart(
        table=table, x="dist_km", y="stock_2020", mark="point", log_scales=True,
        selectors={"destination_name": "Country of destination"}, defaults={"destination_name": "Germany"},
        title="Distance and migrant stock, 2020",
        caption=(f"Each point is a country of origin: its distance from the chosen destination (one of the "
                 f"{destinations} largest) and its migrants living there in 2020. Both axes are logarithmic; "
                 "pairs with no migrants are left out of the picture."),
        summary=summary, x_title="Distance between main cities (km)", y_title="Migrants (persons)",
    )


@catalogued("border_patrol")
def border_patrol() -> SelectorChart:
    """US Border Patrol apprehensions, deaths and agents by fiscal year."""
    table = data.load("border_patrol")
    long = table.melt(id_vars="fiscal_year", var_name="measure", value_name="value").dropna()
    long = long.rename(columns={"fiscal_year": "year"})
    return SelectorChart(
        table=long, x="year", y="value", selectors={"measure": "Series"},
        labels={"measure": measure_labels("border_patrol")}, title_by="measure",
        title="US Border Patrol, fiscal years", caption="US Border Patrol apprehensions, deaths and agents.",
        summary=series_summary, x_title="Fiscal year", y_title=None,
    )


def deaths(name: str, place: str, label: str) -> SelectorChart:
    """Migrants recorded dead or missing by year, for the chosen region or route.

    A year with no record for a place counts as none recorded (0), so every place shows every year.
    """
    table = data.load(name).dropna(subset=["year"])
    summed = table.groupby([place, "year"])[["dead", "missing"]].sum()
    years = range(int(table["year"].min()), int(table["year"].max()) + 1)
    every = pd.MultiIndex.from_product([sorted(table[place].dropna().unique()), years], names=[place, "year"])
    summed = summed.reindex(every, fill_value=0).reset_index()
    long = summed.melt(id_vars=[place, "year"], var_name="measure", value_name="value")
    fields = {f["name"]: f for f in data.describe(name)["schema"]["fields"]}
    partial = data.PARTIAL_YEARS[name]
    return SelectorChart(
        table=long, x="year", y="value", mark="bar", selectors={place: label, "measure": "Dead or missing"},
        labels={"measure": {m: f"{_short_title(fields[m])} ({fields[m].get('unit', 'persons')})"
                            for m in ("dead", "missing")}},
        title="Migrants recorded dead or missing", title_by="measure", partial=partial,
        caption=("IOM Missing Migrants Project records. "
                 + " ".join(f"{year}: {note}." for year, note in partial.items())),
        summary=series_summary, x_title="Year", y_title="Persons", x_type="O",
    )


@catalogued("missing_migrants")
def missing_migrants_by_region() -> SelectorChart:
    """Migrants recorded dead or missing by region of the incident (IOM)."""
    return deaths("missing_migrants", "un_region", "Region of the incident")


@catalogued("missing_migrants_routes")
def missing_migrants_by_route() -> SelectorChart:
    """Migrants recorded dead or missing by migration route (IOM)."""
    return deaths("missing_migrants_routes", "route", "Route")


@catalogued("memberships", "organisations")
def memberships() -> SelectorChart:
    """Member states of each organisation or process, year by year."""
    names = data.load("organisations").set_index("code")["name"]
    counts = data.member_counts()
    counts["organisation"] = counts["organisation"].map(lambda code: names.get(code, code))
    counts = counts.sort_values(["organisation", "year"]).reset_index(drop=True)

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        first, last = rows.iloc[0], rows.iloc[-1]
        peak = rows.loc[rows["members"].idxmax()]
        return (f"{choice['organisation']}: {first['members']} members in {first['year']}, "
                f"{last['members']} in {last['year']} (most: {peak['members']} in {peak['year']}).")

    return SelectorChart(
        table=counts, x="year", y="members", selectors={"organisation": "Organisation or process"},
        defaults={"organisation": "European Union"}, title="Members of regional organisations over time",
        caption=("Number of member states in each year. Members whose year of joining is not established count "
                 "from the year their organisation's member list describes."),
        summary=summary, x_title="Year", y_title="Member states",
    )


@catalogued("treaties")
def treaty_parties() -> SelectorChart:
    """States that have ratified or acceded to each migration treaty, cumulatively."""
    parties = data.parties_by_year()
    parties["treaty"] = parties["treaty"].map(lambda code: data.TREATY_NAMES.get(code, code))

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        last = rows.iloc[-1]
        return f"{choice['treaty']}: {last['parties']} parties by {last['year']}."

    return SelectorChart(
        table=parties, x="year", y="parties", selectors={"treaty": "Treaty"},
        defaults={"treaty": data.TREATY_NAMES[data.MWC]}, title="Parties to the migration treaties",
        caption="States that have ratified or acceded to each treaty, cumulatively, by year.",
        summary=summary, x_title="Year", y_title="Parties",
    )



@catalogued("unemployment")
def unemployment_in_europe() -> SelectorChart:
    """The unemployment rate of each EU member state, Norway, Switzerland and the UK (WDI, ILO estimates)."""
    states = data.participants(2015, True)
    names = data.load("countries").set_index("iso3")["name"]
    table = data.load("unemployment")
    table = table[table["iso3"].isin(states)].assign(country=lambda t: t["iso3"].map(names))
    table = table.sort_values(["country", "year"]).reset_index(drop=True)[["country", "year", "unemployment_pct"]]

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        first, last = rows.iloc[0], rows.iloc[-1]
        peak = rows.loc[rows["unemployment_pct"].idxmax()]
        return (f"{choice['country']}: unemployment {first['unemployment_pct']:.1f} % in {first['year']}, "
                f"{last['unemployment_pct']:.1f} % in {last['year']} (highest {peak['unemployment_pct']:.1f} % "
                f"in {peak['year']}).")

    return SelectorChart(
        table=table, x="year", y="unemployment_pct", selectors={"country": "Country"},
        defaults={"country": "Germany"}, title="Unemployment rate in European states",
        caption="Unemployment as a share of the labour force, ILO modelled estimates published by the World Bank.",
        summary=summary, x_title="Year", y_title="Per cent of the labour force",
    )


# The EU asylum measures table as the data page draws it: each measure's group (one unit per group),
# its short label, and the divisor that puts it in the group's unit.
MEASURE_GROUPS = {
    "key_weight_population": ("The 2015 distribution key (per cent)", "Weight on population", 1),
    "key_weight_gdp": ("The 2015 distribution key (per cent)", "Weight on total GDP", 1),
    "key_weight_unemployment": ("The 2015 distribution key (per cent)", "Weight on unemployment", 1),
    "key_weight_past": ("The 2015 distribution key (per cent)", "Weight on past applications", 1),
    "key_cap": ("The 2015 distribution key (per cent)", "Cap on the two corrections", 1),
    "relocation_first_decision": ("People to relocate (persons)", "Decision 2015/1523", 1),
    "relocation_second_decision": ("People to relocate (persons)", "Decision 2015/1601", 1),
    "solidarity_pool_relocations": ("People to relocate (persons)", "Solidarity Pool, least a year (2024)", 1),
    "relocation_second_decision_against": ("Votes against Decision 2015/1601 (states)", "Member states against", 1),
    "solidarity_pool_money": ("Solidarity Pool money, least a year (EUR million)", "Financial contributions", 1e6),
}


@catalogued("eu_asylum_measures")
def eu_asylum_measures() -> SelectorChart:
    """The published figures of the EU's responsibility-sharing acts, 2015-2024, one unit per group."""
    table = data.load("eu_asylum_measures")
    groups = table["measure"].map(lambda m: MEASURE_GROUPS[m][0])
    labels = table["measure"].map(lambda m: MEASURE_GROUPS[m][1])
    values = table["value"] / table["measure"].map(lambda m: MEASURE_GROUPS[m][2])
    table = pd.DataFrame({"group": groups, "label": labels, "value": values, "act": table["act"]})

    def summary(rows: pd.DataFrame, choice: dict[str, str]) -> str:
        parts = [f"{r.label} {r.value:,.0f}" for r in rows.itertuples()]
        return f"{choice['group']}: " + "; ".join(parts) + "."

    return SelectorChart(
        table=table, x="label", y="value", selectors={"group": "Measures"}, mark="bar", x_type="N",
        title="EU responsibility sharing in figures, 2015-2024", title_by="group",
        caption="Figures from the EU's acts, entered by hand; each group of measures has its own unit.",
        summary=summary, x_title="Measure", y_title=None,
        table_of=lambda rows: rows[["label", "value", "act"]].rename(
            columns={"label": "Measure", "value": "Value", "act": "Act"}),
    )

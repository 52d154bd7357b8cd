"""Chapter 8's figures: the citizenship-rule simulator, and the foreign-born share beside each state's rules.

The model is :mod:`migbook.models.citizenship`; its presets and the data figure's rules
come from the GLOBALCIT table through :mod:`migbook.data.citizenship`.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from migbook import data
from migbook.data.citizenship import GERMANY_2024_KEY
from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer, SelectorChart
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH, series_style
from migbook.models import citizenship as model
from migbook.models.citizenship import DEFAULTS

# The simulator's menu: states whose 2020 rules span the range (GLOBALCIT), and Germany after its 2024 reform.
PRESETS = {
    "USA": "United States (2020)",
    "FRA": "France (2020)",
    "GBR": "United Kingdom (2020)",
    "DEU": "Germany (2020)",
    GERMANY_2024_KEY: "Germany (from June 2024)",
    "JPN": "Japan (2020)",
    "AUT": "Austria (2020)",
    "ARE": "United Arab Emirates (2020)",
}
TAKE_UP = (2, 5, 10, 20)  # per cent of eligible residents a year
IMMIGRATION = (0.5, 1.0, 2.0)  # arrivals, per cent of residents a year
SERIES = ("Residents without citizenship", "Of them, born in the country")
THIN_EVERY = 3  # years between the static twin's points (the live twin shows every year)
TABLE_EVERY = 15
SOLI_WORDS = {"unconditional": "unconditional jus soli", "conditional": "jus soli if a parent is settled",
              "double": "double jus soli only", "none": "descent only"}


def rules_in_words(preset: str) -> str:
    """A preset's settings as a reader would say them."""
    rules = data.simulator_rules(preset)
    dual = "dual citizenship allowed" if rules["dual"] else "dual citizenship not allowed"
    return f"{SOLI_WORDS[rules['soli']]}, naturalisation after {rules['wait']} years, {dual}"


def run(preset: str, take_up: int, immigration: float) -> pd.DataFrame:
    """One run in long form: year (x), per cent (y), two series."""
    result = model.simulate(**data.simulator_rules(preset), take_up=take_up / 100, immigration=immigration / 100)
    years = result["year"]
    frames = [pd.DataFrame({"x": years, "y": (100 * result[key]).round(2), "series": name})
              for key, name in zip(("noncitizen_share", "local_share"), SERIES, strict=True)]
    return pd.concat(frames, ignore_index=True)


def thin(run: pd.DataFrame) -> pd.DataFrame:
    """Every third year for the page's grid (the first and last kept)."""
    last = run["x"].max()
    return run[(run["x"] % THIN_EVERY == 0) | (run["x"] == last)]


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """Two lines in per cent: the share without citizenship, and the locally born share of them."""
    return base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Years from the start", axis=alt.Axis(format="d")),
        y=alt.Y("y:Q", title="Per cent", scale=alt.Scale(domain=[0, 100])),
        **series_style(SERIES),
        tooltip=[alt.Tooltip("series:N", title="Line"), alt.Tooltip("x:Q", title="Year", format="d"),
                 alt.Tooltip("y:Q", title="Per cent", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict[str, Any]) -> str:
    """Where the share without citizenship goes, how much of it is born in the country, and when it halves."""
    share = run[run["series"] == SERIES[0]]["y"].to_numpy()
    local = run[run["series"] == SERIES[1]]["y"].to_numpy()
    years = len(share) - 1
    half = model.years_to_halve(share)
    halves = f"it halves in year {half}" if half is not None else f"it does not halve within {years} years"
    return (f"With the rules of {PRESETS[params['preset']]} ({rules_in_words(params['preset'])}), "
            f"{params['take_up']} % take-up a year and arrivals of {params['immigration']:g} % of residents a year, "
            f"the share of residents without citizenship goes from {share[0]:.1f} % to {share[-1]:.1f} % "
            f"after {years} years, of whom {local[-1]:.0f} % were born in the country; {halves}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Both shares every fifteen years."""
    wide = run.pivot(index="x", columns="series", values="y").reset_index()
    wide = wide[wide["x"] % TABLE_EVERY == 0]
    return pd.DataFrame({"Year": wide["x"].to_numpy(), f"{SERIES[0]} (%)": wide[SERIES[0]].round(1).to_numpy(),
                         f"{SERIES[1]} (%)": wide[SERIES[1]].round(1).to_numpy()})


@catalogued("citizenship_rules")
def citizenship() -> GridExplorer:
    """Who cannot vote over three generations, under one state's citizenship rules (presets from GLOBALCIT)."""
    return GridExplorer(
        title="Residents without citizenship under different rules",
        caption=("Citizenship-rule simulator: a population with births, deaths, departures of non-citizens and "
                 "yearly arrivals, starting with a fifth of residents without citizenship. The rules (birth in "
                 "the country, years before naturalisation, dual citizenship) are those of the state chosen, "
                 "from the GLOBALCIT dataset for 2020 or Germany's 2024 reform."),
        controls=[
            Control("preset", "Citizenship rules of", tuple(PRESETS), DEFAULTS.preset, kind="select",
                    labels=tuple(PRESETS.values())),
            Control("take_up", "Take-up of naturalisation (% of those eligible a year)", TAKE_UP,
                    round(100 * DEFAULTS.take_up), kind="radio"),
            Control("immigration", "Arrivals (% of residents a year)", IMMIGRATION, 100 * DEFAULTS.immigration,
                    kind="radio"),
        ],
        run=run, draw=draw, summary=summary, table=table, thin=thin,
        table_caption=f"Both shares every {TABLE_EVERY} years at the starting settings",
    )


# --- the data figure ---------------------------------------------------------------------------------

RULE_LINES = ("Birth in the country", "Parent also born there", "Naturalisation after", "Dual citizenship")
DEFAULT_PLACE = "Germany"


def figure_table() -> pd.DataFrame:
    """The foreign-born share by state and year, with the 2020 rules as words on the 2020 row only."""
    table = data.foreign_born_and_rules()
    latest = table["year"] == data.citizenship.RULES_YEAR
    years = table["residence_years"].map(lambda v: "" if pd.isna(v) else str(int(v)))
    words = {
        RULE_LINES[0]: table["jus_soli"],
        RULE_LINES[1]: table["double_jus_soli"],
        RULE_LINES[2]: (years + " years").where(years != "", "no residence route"),
        RULE_LINES[3]: table["dual_citizenship"],
    }
    for i, values in enumerate(words.values()):
        table[f"rule_{i}"] = values.astype(str).where(latest, "")
    return table


def rule_label() -> Any:
    """The expression that names a folded rule column (``rule_0``, ...) by its line's label."""
    expression: Any = RULE_LINES[-1]
    for i in reversed(range(len(RULE_LINES) - 1)):
        expression = alt.expr.if_(alt.datum.line == f"rule_{i}", RULE_LINES[i], expression)
    return expression


def draw_rules(base: alt.Chart, picked: Any, description: str) -> alt.HConcatChart:
    """Left: the state's foreign-born share, 1990-2020; right: its rules in force in 2020 (label over value)."""
    share = base.transform_filter(picked).mark_line(point=True, strokeWidth=2.5, color=PALETTE[0]).encode(
        x=alt.X("year:O", title="Year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("share_pct:Q", title="Foreign-born share of the population (%)", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("place:N", title="State"), alt.Tooltip("year:O", title="Year"),
                 alt.Tooltip("share_pct:Q", title="Per cent", format=".1f")],
    ).properties(width=300, height=HEIGHT, title="Foreign-born share of the population")
    rows = base.transform_filter(picked).transform_filter(alt.datum.year == data.citizenship.RULES_YEAR) \
        .transform_fold([f"rule_{i}" for i in range(len(RULE_LINES))], as_=["line", "words"]) \
        .transform_calculate(label=rule_label())
    y = alt.Y("line:N", axis=None, sort=None)
    labels = rows.mark_text(align="left", baseline="bottom", dy=-2, fontSize=13, fontWeight="bold").encode(
        y=y, x=alt.value(0), text="label:N")
    values = rows.mark_text(align="left", baseline="top", dy=2, fontSize=13).encode(
        y=y, x=alt.value(12), text="words:N")
    rules = alt.layer(labels, values).properties(width=340, height=HEIGHT,
                                                 title="Citizenship rules in force on 1 January 2020")
    return alt.hconcat(share, rules).properties(description=description)


def summary_rules(rows: pd.DataFrame, choice: dict[str, str]) -> str:
    """The state's share in the first and last year, and its rules."""
    rows = rows.sort_values("year")
    first, last = rows.iloc[0], rows.iloc[-1]
    rules = "; ".join(f"{label}: {last[f'rule_{i}']}" for i, label in enumerate(RULE_LINES))
    return (f"{choice['place']}: foreign-born {first['share_pct']:.1f} % of the population in {int(first['year'])} "
            f"and {last['share_pct']:.1f} % in {int(last['year'])} (UN DESA 2020). Rules on 1 January 2020 "
            f"(GLOBALCIT): {rules}.")


def rules_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The text alternative's table: the chosen state's share by year and its rules."""
    rows = rows.sort_values("year")
    return pd.DataFrame({"Year": rows["year"].to_numpy(), "Foreign-born (% of population)":
                         rows["share_pct"].round(1).to_numpy()})


@catalogued("citizenship_rules", "migrant_stock", "economy")
def foreign_born_and_citizenship() -> SelectorChart:
    """The foreign-born share of a state's population (UN DESA 2020) beside its citizenship rules (GLOBALCIT)."""
    return SelectorChart(
        table=figure_table(), x="year", y="share_pct", selectors={"place": "State"},
        defaults={"place": DEFAULT_PLACE}, draw=draw_rules,
        columns=["place", "year", "share_pct", *[f"rule_{i}" for i in range(len(RULE_LINES))]],
        title="Foreign-born residents and citizenship rules",
        caption=("Left: the foreign-born share of the population, 1990 to 2020 (UN DESA International Migrant "
                 "Stock 2020 over World Bank population). Right: the state's rules on 1 January 2020 "
                 "(GLOBALCIT Citizenship Law Dataset v1.0)."),
        summary=summary_rules, x_title="Year", y_title="Foreign-born share of the population (%)",
        table_of=rules_table, table_caption="Foreign-born share of the chosen state's population, by year",
    )

"""Chapter 9's first model figure: the migration that would hold a population, its workers or its support ratio.

The model is the cohort-component projection of :mod:`migbook.models.replacement`, from a
base population of the UN's World Population Prospects 2022 (``population_age``), with
rates estimated from the 2020 and 2021 estimates (see ``estimate_rates``).
"""

from __future__ import annotations

import functools

import altair as alt
import numpy as np
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import DASHES, HEIGHT, WIDTH, series_style
from migbook.models import replacement as model
from migbook.models.replacement import AGE_STEP, DEFAULTS

COUNTRIES = {"JPN": "Japan", "ITA": "Italy", "DEU": "Germany"}
BASE_YEARS = (1990, 2020)
OLD_AGES = (65, 70)
RATE_YEARS = (2020, 2021)  # the two estimates the rates are read from
SCENARIOS = {
    None: "No migration",
    "population": "Hold the population",
    "working_age": "Hold the working age",
    "support_ratio": "Hold the support ratio",
}
NAMES = list(SCENARIOS.values())
UN_SCENARIOS = {"No migration": "II", "Hold the population": "III", "Hold the working age": "IV",
                "Hold the support ratio": "VI"}  # the UN report's scenarios that match ours (1995-2050)
UN_BASE = 1990  # the base year in our data nearest the UN's 1995


@functools.cache
def un_2000(country: str) -> dict[str, float] | None:
    """The UN Population Division's (2000) migrants in all, 1995-2050, millions, by our scenario names."""
    table = data.load("un_replacement")
    rows = table[table["iso3"] == country].set_index("scenario")["migrants"]
    if rows.empty:
        return None
    return {name: float(rows[code]) / 1e6 for name, code in UN_SCENARIOS.items()}


def profile(groups: int = 20) -> np.ndarray:
    """The migrants' ages: spread evenly over the groups of DEFAULTS.profile_ages (20-39)."""
    ages = AGE_STEP * np.arange(groups)
    inside = (ages >= DEFAULTS.profile_ages[0]) & (ages < DEFAULTS.profile_ages[1])
    return inside / inside.sum()


@functools.cache
def rates(country: str) -> tuple[np.ndarray, np.ndarray]:
    """Fertility and survival of ``country``, estimated from its 2020 and 2021 populations."""
    fertility, survival, _ = model.estimate_rates(data.base_population(country, RATE_YEARS[0]),
                                                  data.base_population(country, RATE_YEARS[1]))
    return fertility, survival


@functools.cache
def scenarios(country: str, base: int, old_age: int = DEFAULTS.old_age) -> dict[str, dict]:
    """Each scenario from ``base`` to DEFAULTS.end_year: migrants per step (thousands a year) and the population."""
    pop = data.base_population(country, base)
    fertility, survival = rates(country)
    steps = (DEFAULTS.end_year - base) // AGE_STEP
    out = {}
    for target, name in SCENARIOS.items():
        if target is None:
            flows, path = np.zeros(steps), model.project(pop, fertility, survival, 0.0, profile(), steps)
        else:
            flows, path = model.migration_to_hold(pop, fertility, survival, profile(), target, steps, old_age)
        out[name] = {"flows": flows, "path": path, "total": float(AGE_STEP * flows.sum()),
                     "ratio": model.support_ratio(path, old_age)}
    return out


def run(country: str, base: int, old_age: int) -> pd.DataFrame:
    """Population (millions, y) by year (x) under each scenario (series)."""
    years = base + AGE_STEP * np.arange((DEFAULTS.end_year - base) // AGE_STEP + 1)
    frames = [pd.DataFrame({"x": years, "y": np.round(s["path"].sum(axis=1) / 1000, 2), "series": name})
              for name, s in scenarios(country, base, old_age).items()]
    return pd.concat(frames, ignore_index=True)


def draw(base: alt.Chart, description: str) -> alt.Chart:
    """Four lines: the population with no migration and under the three replacement targets."""
    return base.mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Year", axis=alt.Axis(format="d")),
        y=alt.Y("y:Q", title="Population (millions)", scale=alt.Scale(zero=True)),
        **series_style(NAMES, dashes=[DASHES[2], DASHES[0], DASHES[1], DASHES[0]]),
        tooltip=[alt.Tooltip("x:Q", title="Year", format="d"), alt.Tooltip("series:N", title="Scenario"),
                 alt.Tooltip("y:Q", title="Millions", format=",.1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """The migrants each target needs, and how many times more the support ratio needs than the size."""
    found = scenarios(params["country"], params["base"], params["old_age"])
    size, workers, ratio = (found[name]["total"] / 1000 for name in NAMES[1:])
    start = found[NAMES[0]]["ratio"][0]
    un = un_2000(params["country"]) if params["base"] == UN_BASE else None
    compare = "" if un is None else (
        f" The UN (2000), from 1995, found {un[NAMES[1]]:,.1f} and {un[NAMES[3]]:,.1f} million.")
    return (f"{COUNTRIES[params['country']]} from {params['base']} to {DEFAULTS.end_year}, old age from "
            f"{params['old_age']}: holding the population needs {size:,.1f} million migrants in all, holding the "
            f"working age {workers:,.1f} million, and holding the support ratio at {start:.2f} needs "
            f"{ratio:,.1f} million, {ratio / size:,.1f} times the first. Without migration the ratio falls to "
            f"{found[NAMES[0]]['ratio'][-1]:.2f}.{compare}")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: migrants in all, a year on average, population and support ratio at the end, and the UN's."""
    found = scenarios(DEFAULTS.country, DEFAULTS.base_year, DEFAULTS.old_age)
    years = DEFAULTS.end_year - DEFAULTS.base_year
    un = un_2000(DEFAULTS.country) or {}
    return pd.DataFrame({
        "Scenario": NAMES,
        "Migrants in all (millions)": [round(found[n]["total"] / 1000, 1) for n in NAMES],
        "Migrants a year (thousands)": [round(found[n]["total"] / years) for n in NAMES],
        f"Population {DEFAULTS.end_year} (millions)": [round(found[n]["path"][-1].sum() / 1000, 1) for n in NAMES],
        f"Support ratio {DEFAULTS.end_year}": [round(float(found[n]["ratio"][-1]), 2) for n in NAMES],
        "UN (2000): migrants 1995-2050 (millions)": [round(un[n], 1) if n in un else None for n in NAMES],
    })


@catalogued("population_age", "un_replacement")
def replacement() -> GridExplorer:
    """Replacement migration: the migrants needed to hold population, working age or support ratio."""
    return GridExplorer(
        title="How many migrants would hold an ageing population?",
        caption=("Cohort-component projection in five-year age groups from the UN's 2022 estimates, with constant "
                 "fertility and survival and migrants aged 20-39. Each line is the population under one "
                 "scenario: no migration, or the least migration that holds the total, the working age or the "
                 "support ratio (working age per old person) at its base-year level."),
        controls=[Control("country", "Country", tuple(COUNTRIES), DEFAULTS.country, kind="select",
                          labels=tuple(COUNTRIES.values())),
                  Control("base", "Start in", BASE_YEARS, DEFAULTS.base_year, kind="radio"),
                  Control("old_age", "Old age starts at", OLD_AGES, DEFAULTS.old_age, kind="radio")],
        run=run, draw=draw, summary=summary, table=table,
        table_caption=(f"{COUNTRIES[DEFAULTS.country]}, {DEFAULTS.base_year}-{DEFAULTS.end_year}, old age from "
                       f"{DEFAULTS.old_age}: the scenarios at the start"),
    )

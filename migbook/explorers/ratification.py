"""Chapter 3's figures: who ratified the Migrant Workers Convention, and the win-sets of a global agreement."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from migbook import positions
from migbook.charts.base import HEIGHT, PALETTE, WIDTH
from migbook.grid import Control, GridExplorer
from migbook.models import winsets
from migbook.twin import Twin

STATUSES = ["party", "signatory", "none"]
STATUS_LABELS = {"party": "Party", "signatory": "Signed only", "none": "Neither"}
RATE_YEARS = (2000, 2019)


def _positions() -> pd.DataFrame:
    """Countries with a net migration rate, their ideal agreement and whether they are receiving states."""
    rates = positions.net_migration_rate(*RATE_YEARS)
    rates["ideal"] = winsets.ideal_points(rates["net_migration_rate"].to_numpy())
    rates["receiving"] = rates["net_migration_rate"] > 0
    return rates


def _ratification_run(year: int) -> pd.DataFrame:
    status = positions.treaty_status(year)
    table = _positions().merge(status, on="iso3", how="inner")
    return pd.DataFrame({
        "x": table["net_migration_rate"].round(2).clip(-30, 30),
        "y": table["status"].map(STATUS_LABELS),
        "series": table["status"].map(STATUS_LABELS),
        "name": table["name"],
    }).sort_values(["series", "x"]).reset_index(drop=True)


def _ratification_draw(base: alt.Chart, description: str) -> alt.Chart:
    labels = [STATUS_LABELS[s] for s in STATUSES]
    return base.mark_tick(thickness=2, size=28, opacity=0.75).encode(
        x=alt.X("x:Q", title="Net migration per 1,000 inhabitants a year, 2000-2019 (cut at ±30)",
                scale=alt.Scale(domain=[-30, 30])),
        y=alt.Y("y:N", title="Migrant Workers Convention", sort=labels),
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=labels, range=PALETTE[:3]), legend=None),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("series:N", title="Status"),
                 alt.Tooltip("x:Q", title="Net migration per 1,000", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT - 80, description=description)


def _ratification_summary(run: pd.DataFrame, params: dict) -> str:
    parties = run[run["series"] == STATUS_LABELS["party"]]
    receiving = int((parties["x"] > 0).sum())
    return (f"By the end of {params['year']}, {len(parties)} of the countries shown were parties to the "
            f"Migrant Workers Convention; {receiving} of them had more immigration than emigration over "
            f"{RATE_YEARS[0]}-{RATE_YEARS[1]}.")


def _ratification_table(run: pd.DataFrame) -> pd.DataFrame:
    run = run.assign(side=np.where(run["x"] > 0, "Net immigration", "Net emigration (or none)"))
    counts = run.pivot_table(index="series", columns="side", values="x", aggfunc="count", fill_value=0)
    counts = counts.reindex([STATUS_LABELS[s] for s in STATUSES]).fillna(0).astype(int)
    return counts.reset_index().rename(columns={"series": "Status"})


def ratification() -> Twin:
    """Status under the Migrant Workers Convention against each country's net migration."""
    return GridExplorer(
        title="Who ratified the Migrant Workers Convention",
        caption=("Each mark is a country, placed by its average net migration rate and sorted by its status "
                 "under the 1990 Migrant Workers Convention at the end of the chosen year."),
        controls=[Control("year", "Status at the end of", (1995, 2000, 2005, 2010, 2015, 2020, 2025), 2025,
                          live_step=1)],
        run=_ratification_run, draw=_ratification_draw, summary=_ratification_summary,
        table=_ratification_table, packed=["name"],
        table_caption="Countries by status and by the sign of their net migration, end of 2025",
    ).twin()


# --- win-sets -------------------------------------------------------------------------------------

DESIGNS = np.arange(0, 101, 5)


def _winsets_run(width: int) -> pd.DataFrame:
    states = _positions()
    support = winsets.support_by_design(states["ideal"], states["receiving"], width, DESIGNS)
    return support.rename(columns={"design": "x", "states": "y", "group": "series"})


def _winsets_draw(base: alt.Chart, description: str) -> alt.Chart:
    groups = ["sending", "receiving"]
    return base.mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Design of the agreement (0 = asks nothing; 100 = all sending states ask)"),
        y=alt.Y("y:Q", title="Countries that would ratify"),
        color=alt.Color("series:N", title="Countries", sort=groups,
                        scale=alt.Scale(domain=groups, range=PALETTE[:2])),
        strokeDash=alt.StrokeDash("series:N", sort=groups, scale=alt.Scale(domain=groups, range=[[1, 0], [6, 3]]),
                                  legend=None),
        tooltip=[alt.Tooltip("x:Q", title="Design"), alt.Tooltip("series:N", title="Countries"),
                 alt.Tooltip("y:Q", title="Would ratify")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def _winsets_summary(run: pd.DataFrame, params: dict) -> str:
    states = _positions()
    lows, highs = winsets.win_sets(states["ideal"], params["width"])
    top = states.assign(low=lows, high=highs).nlargest(10, "net_migration_rate")
    zone = winsets.agreement_zone(top["low"], top["high"])
    wide = run.pivot(index="x", columns="series", values="y")
    best = wide["receiving"].idxmax()
    zone_text = ("no design that all ten countries with the highest net immigration would ratify" if zone is None
                 else f"designs from {zone[0]:.0f} to {zone[1]:.0f} that the ten countries with the highest net "
                      "immigration would all ratify")
    return (f"With win-sets {params['width']} points wide on each side, the design most receiving countries "
            f"accept is {best:.0f}, which {int(wide.loc[best, 'sending'])} sending countries would ratify; "
            f"there are {zone_text}.")


def _winsets_table(run: pd.DataFrame) -> pd.DataFrame:
    wide = run.pivot(index="x", columns="series", values="y")[["sending", "receiving"]]
    wide = wide.loc[wide.index % 20 == 0].reset_index()
    return wide.rename(columns={"x": "Design", "sending": "Sending countries", "receiving": "Receiving countries"})


def win_sets() -> Twin:
    """How many sending and receiving countries would ratify each design of a global agreement."""
    return GridExplorer(
        title="Win-sets and the designs that could pass",
        caption=("Two-level game: every country ratifies designs close enough to its ideal. For each design of a "
                 "global agreement, the lines count the sending and the receiving countries that would ratify it."),
        controls=[Control("width", "Win-set width w (points each side)", tuple(range(5, 51, 5)), 20, live_step=1)],
        run=_winsets_run, draw=_winsets_draw, summary=_winsets_summary, table=_winsets_table,
        table_caption="Countries that would ratify each design, win-sets 20 points wide",
    ).twin()

"""Chapter 3's data figure: who ratified the Migrant Workers Convention, against net migration."""

from __future__ import annotations

import altair as alt
import pandas as pd

from migbook import data
from migbook.explorers._catalogue import catalogued
from migbook.explorers._positions import RATE_YEARS, positions
from migbook.figures import Control, GridExplorer
from migbook.figures.theme import HEIGHT, PALETTE, WIDTH

STATUSES = ["party", "signatory", "none"]
STATUS_LABELS = {"party": "Party", "signatory": "Signed only", "none": "Neither"}
YEARS = (1995, 2000, 2005, 2010, 2015, 2020, 2025)
DEFAULT_YEAR = 2025
RATE_LIMIT = 30  # marks beyond ±30 per 1,000 are drawn at the edge


def run(year: int) -> pd.DataFrame:
    """Each country's net migration rate (x) and its status at the end of ``year`` (y and series)."""
    table = positions().merge(data.treaty_status(year), on="iso3", how="inner")
    return pd.DataFrame({
        "x": table["net_migration_rate"].round(2).clip(-RATE_LIMIT, RATE_LIMIT),
        "y": table["status"].map(STATUS_LABELS),
        "series": table["status"].map(STATUS_LABELS),
        "name": table["name"],
    }).sort_values(["series", "x"]).reset_index(drop=True)


def draw(base: alt.Chart, description: str) -> alt.LayerChart:
    """A tick per country, in a row per status, over the shaded band of roughly balanced migration."""
    labels = [STATUS_LABELS[s] for s in STATUSES]
    band = alt.Chart().mark_rect(opacity=0.15, color="gray", aria=False).encode(
        x=alt.datum(-data.BALANCE_BAND), x2=alt.datum(data.BALANCE_BAND))
    ticks = base.mark_tick(thickness=2, size=28, opacity=0.75).encode(
        x=alt.X("x:Q", title=(f"Net migration per 1,000 inhabitants a year, {RATE_YEARS[0]}-{RATE_YEARS[1]} "
                              f"(cut at ±{RATE_LIMIT})"), scale=alt.Scale(domain=[-RATE_LIMIT, RATE_LIMIT])),
        y=alt.Y("y:N", title="Migrant Workers Convention", sort=labels),
        color=alt.Color("y:N", title=None, scale=alt.Scale(domain=labels, range=PALETTE[:3]), legend=None),
        tooltip=[alt.Tooltip("name:N", title="Country"), alt.Tooltip("series:N", title="Status"),
                 alt.Tooltip("x:Q", title="Net migration per 1,000", format=".1f")],
    )
    return alt.layer(band, ticks, data=base.data).properties(width=WIDTH, height=HEIGHT - 80,
                                                             description=description)


def summary(run: pd.DataFrame, params: dict) -> str:
    """How many parties, and how many of them clearly receive more migrants than they send."""
    parties = run[run["series"] == STATUS_LABELS["party"]]
    receiving = int((data.migration_side(parties["x"]) == "net immigration").sum())
    return (f"By the end of {params['year']}, {len(parties)} of the countries shown were parties to the "
            f"Migrant Workers Convention; {receiving} of them had net immigration of more than "
            f"{data.BALANCE_BAND:g} per 1,000 inhabitants a year over {RATE_YEARS[0]}-{RATE_YEARS[1]}.")


def table(run: pd.DataFrame) -> pd.DataFrame:
    """Countries by status and by the side of the balance band their net migration falls on."""
    run = run.assign(side=data.migration_side(run["x"]).str.capitalize())
    counts = run.pivot_table(index="series", columns="side", values="x", aggfunc="count", fill_value=0)
    counts = counts.reindex(index=[STATUS_LABELS[s] for s in STATUSES],
                            columns=[side.capitalize() for side in data.SIDES]).fillna(0).astype(int)
    return counts.reset_index().rename(columns={"series": "Status"})


@catalogued("treaties", "economy")
def ratification() -> GridExplorer:
    """Status under the Migrant Workers Convention against each country's net migration."""
    return GridExplorer(
        title="Who ratified the Migrant Workers Convention",
        caption=("Each mark is a country, placed by its average net migration rate and sorted by its status "
                 "under the 1990 Migrant Workers Convention at the end of the chosen year. The grey band, "
                 f"within {data.BALANCE_BAND:g} per 1,000 of zero, marks countries whose net migration is "
                 "roughly balanced."),
        controls=[Control("year", "Status at the end of", YEARS, DEFAULT_YEAR, live_step=1)],
        run=run, draw=draw, summary=summary, table=table, packed=["name"],
        table_caption=f"Countries by status and by their net migration, end of {DEFAULT_YEAR}",
    )

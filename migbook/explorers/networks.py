"""Chapter 4's figures: a policy idea spreading over the consultative-process network, and converging views."""

from __future__ import annotations

import functools

import altair as alt
import numpy as np
import pandas as pd

from migbook import data, positions
from migbook.charts.base import HEIGHT, PALETTE, WIDTH
from migbook.grid import Control, GridExplorer
from migbook.models import diffusion as spread
from migbook.models import winsets
from migbook.twin import Twin

ROUNDS = 30
# The network control: all five processes, or the network with the links one process creates taken away.
NETWORKS = {"ALL": "All five processes", "BALI": "Without the Bali Process", "IGC": "Without the IGC",
            "ABU_DHABI_DIALOGUE": "Without the Abu Dhabi Dialogue"}


def _network(variant: str) -> tuple[list[str], np.ndarray]:
    kept = tuple(p for p in positions.CONSULTATIVE_PROCESSES if p != variant)
    return positions.rcp_network(processes=kept)


def _network_control() -> Control:
    return Control("network", "Network", tuple(NETWORKS), "ALL", kind="select", labels=tuple(NETWORKS.values()))


@functools.cache
def _processes() -> tuple[tuple[str, str], ...]:
    """(code, name) of the consultative processes in the network, largest first."""
    organisations = data.load("organisations").set_index("code")["name"]
    spells = data.load("memberships").query("organisation in @positions.CONSULTATIVE_PROCESSES")
    sizes = spells.groupby("organisation")["iso3"].nunique().sort_values(ascending=False)
    return tuple((code, organisations.get(code, code)) for code in sizes.index)


def _diffusion_run(seed: str, theta: float, network: str) -> pd.DataFrame:
    codes, ties = _network(network)
    linked = (ties > 0).astype(float)  # a link for any shared process: the share counts partners, not meetings
    seeds = np.isin(codes, positions.rcp_members(seed))
    counts = spread.cascade(np.full(len(codes), theta), linked, seeds=seeds, fractional=True)
    steps = np.arange(len(counts))
    return pd.DataFrame({"x": steps, "y": counts, "series": "States that have adopted",
                         "network": len(codes)})


def _diffusion_draw(base: alt.Chart, description: str) -> alt.LayerChart:
    line = base.mark_line(point=True, strokeWidth=2.5, color=PALETTE[0], interpolate="step-after").encode(
        x=alt.X("x:Q", title="Round of meetings", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("y:Q", title="States that have adopted the idea", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("x:Q", title="Round"), alt.Tooltip("y:Q", title="Adopters")],
    )
    cap = base.mark_rule(color="#777", strokeDash=[4, 3], aria=False).encode(y="mean(network):Q")
    return alt.layer(line, cap).properties(width=WIDTH, height=HEIGHT, description=description)


def _diffusion_summary(run: pd.DataFrame, params: dict) -> str:
    names = dict(_processes())
    start, end, total = int(run["y"].iloc[0]), int(run["y"].iloc[-1]), int(run["network"].iloc[0])
    rounds = len(run) - 1
    network = NETWORKS[params["network"]].lower()
    return (f"Starting from the {start} members of the {names[params['seed']]} in the network ({network}) with "
            f"threshold share {params['theta']:g}, the idea reaches {end} of its {total} states after {rounds} "
            f"round{'s' if rounds != 1 else ''}.")


def _diffusion_table(run: pd.DataFrame) -> pd.DataFrame:
    return run[["x", "y"]].rename(columns={"x": "Round", "y": "States that have adopted"})


def diffusion() -> Twin:
    """Threshold cascade of a policy idea over the network of regional consultative processes."""
    processes = _processes()
    return GridExplorer(
        title="A policy idea spreading through consultative processes",
        caption=("Threshold cascade on the network of states linked by shared regional consultative processes. "
                 "The dashed rule is the number of states in the network."),
        controls=[
            Control("seed", "First adopters: members of", tuple(code for code, _ in processes), "COLOMBO",
                    kind="select", labels=tuple(name for _, name in processes)),
            Control("theta", "Threshold share θ", tuple(np.round(np.arange(0.05, 0.51, 0.05), 2)), 0.15,
                    live_step=0.01),
            _network_control(),
        ],
        run=_diffusion_run, draw=_diffusion_draw, summary=_diffusion_summary, table=_diffusion_table,
        table_caption="Adopters round by round, at the starting settings",
    ).twin()


# --- averaging ----------------------------------------------------------------------------------

def starting_views(codes: list[str]) -> np.ndarray:
    """Each state's starting view (0 to 100: how far migration is a security problem).

    Receiving states start high, sending states low: 100 minus the ideal point of
    the win-set model, which ranks states by net migration. States with no rate: 50.
    """
    rates = positions.net_migration_rate().set_index("iso3")["net_migration_rate"]
    known = [c for c in codes if c in rates.index]
    ideal = dict(zip(known, winsets.ideal_points(rates.loc[known].to_numpy()), strict=True))
    return np.array([100 - ideal[c] if c in ideal else 50.0 for c in codes])


def _convergence_run(s: float, network: str) -> pd.DataFrame:
    codes, ties = _network(network)
    views = spread.averaging(starting_views(codes), ties, s, ROUNDS)
    rounds = np.arange(ROUNDS + 1)
    series = {"Highest": views.max(axis=1), "Average": views.mean(axis=1), "Lowest": views.min(axis=1)}
    return pd.concat([pd.DataFrame({"x": rounds, "y": np.round(v, 2), "series": k}) for k, v in series.items()],
                     ignore_index=True)


def _convergence_draw(base: alt.Chart, description: str) -> alt.Chart:
    kinds = ["Highest", "Average", "Lowest"]
    return base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("x:Q", title="Round of meetings"),
        y=alt.Y("y:Q", title="View (0 = not a security issue, 100 = a grave one)", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("series:N", title=None, sort=kinds, scale=alt.Scale(domain=kinds, range=PALETTE[:3])),
        strokeDash=alt.StrokeDash("series:N", sort=kinds, scale=alt.Scale(domain=kinds,
                                                                           range=[[6, 3], [1, 0], [2, 2]]),
                                  legend=None),
        tooltip=[alt.Tooltip("x:Q", title="Round"), alt.Tooltip("series:N", title="View"),
                 alt.Tooltip("y:Q", title="Value", format=".1f")],
    ).properties(width=WIDTH, height=HEIGHT, description=description)


def _convergence_summary(run: pd.DataFrame, params: dict) -> str:
    first = run[run["x"] == 0].set_index("series")["y"]
    last = run[run["x"] == run["x"].max()].set_index("series")["y"]
    codes, ties = _network(params["network"])
    groups = len(set(spread.components(ties)))
    linked = ("all its states are linked, so views head for one consensus" if groups == 1 else
              f"the network falls into {groups} separate groups, and views converge only within each")
    return (f"With stubbornness {params['s']:g}, the gap between the highest and lowest view among the "
            f"{len(codes)} states in the network shrinks from {first['Highest'] - first['Lowest']:.0f} to "
            f"{last['Highest'] - last['Lowest']:.0f} points in {ROUNDS} rounds; {linked}.")


def _convergence_table(run: pd.DataFrame) -> pd.DataFrame:
    wide = run.pivot(index="x", columns="series", values="y")[["Lowest", "Average", "Highest"]]
    return wide.loc[wide.index % 5 == 0].round(1).reset_index().rename(columns={"x": "Round"})


def convergence() -> Twin:
    """DeGroot averaging of views over the consultative-process network."""
    return GridExplorer(
        title="Converging perceptions in consultative processes",
        caption=("Averaging model on the consultative-process network: each round, every state moves its view "
                 "towards its partners'. Lines show the highest, average and lowest view."),
        controls=[Control("s", "Stubbornness s (weight on one's own view)",
                          tuple(np.round(np.arange(0, 0.91, 0.1), 1)), 0.5, live_step=0.05),
                  _network_control()],
        run=_convergence_run, draw=_convergence_draw, summary=_convergence_summary, table=_convergence_table,
        table_caption="Views every five rounds, at the starting stubbornness (0.5)",
    ).twin()

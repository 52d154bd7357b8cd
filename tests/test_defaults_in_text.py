"""Numbers the chapters and lessons print about an explorer's starting setting come from the model's DEFAULTS.

Change a default in ``migbook/models/`` (or an explorer's starting choice) and the
sentences that describe it must change with it: each claim below is written
from the source of the default and must stand in the page.
"""

from __future__ import annotations

import re

import pytest

from migbook.explorers.asylum_key import shares as key_shares
from migbook.explorers.diffusion import DEFAULT_SEED
from migbook.models import asylum_key, diffusion, mobility_regime, reciprocity, stock_flow
from migbook.paths import BOOK_DIR


def page(path: str) -> str:
    """A page's text with line breaks folded, as a reader sees it."""
    return re.sub(r"\s+", " ", (BOOK_DIR / path).read_text())


def pct(share: float) -> str:
    return f"{100 * share:g}"


def claims() -> list[tuple[str, str]]:
    sf = stock_flow.DEFAULTS
    eq = stock_flow.equilibrium(sf.inflow, sf.emigration, sf.naturalisation, sf.death)
    half = stock_flow.half_life(sf.emigration, sf.naturalisation, sf.death)
    leave = sf.emigration + sf.naturalisation + sf.death
    rp = reciprocity.DEFAULTS
    mr = mobility_regime.DEFAULTS
    low, _ = mobility_regime.linkage_window(mr.need, mr.cost, mr.gain, mr.n_sending)
    at_one = mobility_regime.equilibrium_payoffs(mr.need, mr.cost, 1.0, mr.gain, mr.n_sending, mr.n_receiving)
    ch1, ch2 = "chapters/01-why-migration-is-international.md", "chapters/02-states-regions-global-governance.md"
    ch4 = "chapters/04-bottom-up-approaches.md"
    return [
        (ch1, f"The explorer starts in {sf.start_year} from $F_0$ = {sf.foreign0:,.0f} thousand and $N_0$ = "
              f"{sf.naturalised0:,.0f} thousand, with $I$ = {sf.inflow:g} thousand a year, "
              f"$e$ = {pct(sf.emigration)} %, $n$ = {pct(sf.naturalisation)} % and $d$ = {pct(sf.death)} %, "
              f"and runs to {sf.start_year + sf.years}."),
        (ch1, f"$F^*$ = {sf.inflow:g} / {leave:g} = {eq['foreign_citizens']:,.0f} thousand"),
        (ch1, f"$B^*$ = {sf.inflow:g} / {sf.emigration + sf.death:g} = {eq['foreign_born']:,.0f} thousand"),
        (ch1, f"half-lives of about {half['foreign_citizens']:.1f} years for $F$ and {half['foreign_born']:.1f} years"),
        ("lessons/01-stock-and-flow.md",
         f"starting values: {sf.inflow:g} thousand arrivals a year, emigration {pct(sf.emigration)} %, "
         f"naturalisation {pct(sf.naturalisation)} % and deaths {pct(sf.death)} % a year"),
        ("lessons/01-stock-and-flow.md", f"shrinks by {pct(leave)} % each year"),
        (ch2, f"with $R = {rp.R:g}$ and $P = {rp.P:g}$ fixed"),
        (ch2, f"At the defaults ($T = {rp.T:g}$, $S = {rp.S:g}$)"),
        (ch2, f"The explorer sets $g = {mr.gain:g}$ with $n_r = {mr.n_receiving}$ receiving states"),
        (ch2, f"At the defaults, $n_s = {mr.n_sending}$, $\\nu = {mr.need:g}$ and $k = {mr.cost:g}$"),
        (ch2, f"$k - \\nu = {low:g}$"),
        (ch2, f"At an offer of 1 each receiving state gains ${at_one['receiving']:g}$ and each sending state "
              f"${mr.n_receiving} \\times (1 - 1/{mr.n_sending}) \\approx {at_one['sending']:.2f}$"),
        (ch4, f"start from the Colombo Process at $\\theta$ = {diffusion.DEFAULTS.threshold:g}"),
        ("lessons/04-how-ideas-travel.md", f"at a threshold of {diffusion.DEFAULTS.threshold:g}"),
        *chapter_5_claims(),
        *chapter_6_claims(),
        *chapter_11_claims(),
    ]


def chapter_5_claims() -> list[tuple[str, str]]:
    """Chapter 5 and Lesson 5: the free-movement model's settings and results, and the bloc data figure."""
    from migbook import data
    from migbook.explorers.blocs import DEFAULT_YEAR
    from migbook.models import free_movement

    fm = free_movement.DEFAULTS
    assert fm.workers_1 == fm.workers_2 and fm.cap == 1

    def settle(**change: float) -> dict[str, float]:
        setting = {"gap": fm.gap, "cost": fm.cost, "labour_share": fm.labour_share, "cap": fm.cap, **change}
        out = free_movement.settle(**setting)
        return {k: float(v) for k, v in out.items()}

    def moved(**change: float) -> str:
        share = settle(**change)["migrant_share"]
        return "nobody moves" if share == 0 else f"{100 * share:.0f} % move"

    def pct_of_world(key: str, **change: float) -> str:
        out = settle(**change)
        return f"{100 * out[key] / out['world_before']:.1f} %"

    d = settle()
    ch5, ls5 = "chapters/05-regional-governance.md", "lessons/05-will-they-all-come.md"
    spread = data.income_dispersion(1995, 2019)
    y19 = spread[spread["year"] == 2019].set_index("organisation")["ratio"]
    eu = spread[spread["organisation"] == "EU"].set_index("year")["ratio"]
    free = spread[(spread["year"] == 2019) & (spread["status"] == "implemented")].set_index("organisation")["ratio"]
    words = {"ANZ_CER": "Australia and New Zealand", "EU": "the European Union"}
    start = (f"The explorer starts with region 1 {fm.gap:g} times as productive as region 2, a moving cost of "
             f"{fm.cost:g}, a labour share of {fm.labour_share:g} and no cap.")
    return [
        (ch5, start),
        (ch5, f"Both regions start with {fm.workers_1:g} million workers"),
        (ch5, f"{100 * d['migrant_share']:.0f} % of region 2's workers move. Region 1's wage falls from "
              f"{d['wage_1_before']:.2f} to {d['wage_1']:.2f} and region 2's rises from {d['wage_2_before']:.2f} "
              f"to {d['wage_2']:.2f}"),
        (ch5, f"Set the productivity ratio to 1.5: the gap of {1.5 - 1:g} does not exceed the cost, and "
              f"{moved(gap=1.5)}"),
        (ch5, f"Set it to 2: {moved(gap=2)}"),
        (ch5, f"raise the moving cost to 1.5 at a ratio of 3: only {moved(gap=3, cost=1.5)}"),
        (ch5, f"World output rises by {pct_of_world('world_output')}"),
        (ch5, f"net of moving costs the gain is {pct_of_world('world_net')}"),
        (ch5, f"an amount worth {pct_of_world('stayers_1')[1:]} of world output"),
        (ch5, f"With a cap of 10 %, world output rises by only {pct_of_world('world_output', cap=0.1)}"),
        (ch5, f"The explorer starts in {DEFAULT_YEAR} with the ratio of richest to poorest."),
        (ch5, f"the ratio runs from {free.min():.1f} ({words[free.idxmin()]}) to {free.max():.1f} "
              f"({words[free.idxmax()]}); the African Union, at {y19['AU']:.1f}, the Southern African Development "
              f"Community, at {y19['SADC']:.1f}, APEC, at {y19['APEC']:.1f}, ASEAN, at {y19['ASEAN']:.1f}, and "
              f"CARICOM, at {y19['CARICOM']:.1f}"),
        (ch5, f"The Gulf Cooperation Council, at {y19['GCC']:.1f}, is as alike as the European free-movement areas"),
        (ch5, f"its ratio rises from {eu[1995]:.1f} to {eu[2005]:.1f}"),
        (ch5, f"in 2019 its ratio, {y19['CAN']:.1f}, is below Benelux's, {y19['BENELUX']:.1f}, and about the "
              f"same as Mercosur's"),
        (ch5, f"The ratio jumps when ten new members join in 2004, from about {eu[2003]:.1f} to {eu[2004]:.1f}"),
        (ch5, f"The European Union, with a ratio of about {y19['EU']:.1f}. (b) The Andean Community (about "
              f"{y19['CAN']:.1f}) and NAFTA (about {y19['NAFTA']:.1f})"),
        (ls5, start),
    ]


def chapter_6_claims() -> list[tuple[str, str]]:
    """Chapter 6 and Lesson 06 state the key's default weights and what the explorer shows at its start."""
    ak = asylum_key.DEFAULTS
    w = [pct(x) for x in ak.weights]
    start = key_shares(*(round(100 * x) for x in ak.weights), ak.year, int(ak.associates)).set_index("iso3")
    germany = start.loc["DEU"]
    accepting, states = int(start["accepts"].sum()), len(start)
    ch6, l6 = "chapters/06-european-exception.md", "lessons/06-a-fair-key.md"
    return [
        (ch6, f"Its defaults are the Commission's weights: {w[0]} % population, {w[1]} % GDP, {w[2]} % unemployment "
              f"and {w[3]} % past applications."),
        (ch6, f"held within {pct(ak.cap)} % either way"),
        (ch6, f"The explorer starts in {ak.year} with the Commission's weights"),
        (ch6, f"the key gives Germany {germany['key_pct']:.1f} % while Germany received {germany['actual_pct']:.1f} %, "
              f"and that {accepting} of {states} states received at least their key share"),
        (l6, f"weights {w[0]}, {w[1]}, {w[2]} and {w[3]}"),
    ]


def chapter_11_claims() -> list[tuple[str, str]]:
    """Chapter 11: the responsibility-sharing explorer at its start and its settings, and the two data figures."""
    from migbook import data
    from migbook.models import responsibility_sharing as rs

    d = rs.DEFAULTS

    def run(n: int, rho: float = d.private_share, gap: float = d.income_gap) -> dict[str, float]:
        return {k: round(100 * v, 1) for k, v in rs.large_and_small(n, gap, rho, d.beta).items()}

    ch11 = "chapters/11-migration-and-ir-today.md"
    votes = data.vote_counts().set_index(["resolution", "vote"])["median_share_pct"]
    gcm = {v: votes[("A/RES/73/195", v)] for v in ("yes", "abstain", "no", "no_recorded_vote")}
    hosting = data.refugee_hosting().set_index(["population", "measure", "year"])["share_pct"]
    lmic = {y: hosting[("refugees", "low_middle", y)] for y in (1993, 2021, 2022, 2024)}
    top = {y: hosting[("refugees", "top", y)] for y in (1993, 2024)}
    with_asylum = hosting[("refugees_and_asylum_seekers", "low_middle", 2024)]
    return [
        (ch11, f"with $\\beta$ = {d.beta:g}"),
        (ch11, f"At the start the explorer has a quarter of the benefit private and a large state four times as rich. "
               f"Nash provision is {run(2)['efficiency']:.1f} % of the optimum with two states and "
               f"{run(20)['efficiency']:.1f} % with twenty."),
        (ch11, f"With ten states the large state pays {run(10)['large_paid_share']:.1f} % of all contributions but "
               f"has only {run(10)['large_income_share']:.1f} % of all income"),
        (ch11, f"provision falls to {run(20, 0.0)['efficiency']:.1f} % of the optimum with twenty states"),
        (ch11, f"provision still falls from {run(2, gap=1.0)['efficiency']:.1f} % to "
               f"{run(20, gap=1.0)['efficiency']:.1f} % of the optimum"),
        (ch11, f"have a median migrant share of {gcm['yes']:.1f} %, the 12 that abstained {gcm['abstain']:.1f} %, "
               f"and the 5 against {gcm['no']:.1f} %; the 24 with no recorded vote have a median of "
               f"{gcm['no_recorded_vote']:.1f} %"),
        (ch11, f"hosted {lmic[1993]:.1f} % in 1993 and {lmic[2021]:.1f} % in 2021, then {lmic[2022]:.1f} % in 2022 "
               f"and {lmic[2024]:.1f} % in 2024"),
        (ch11, f"The ten largest hosts held {top[1993]:.1f} % in 1993 and {top[2024]:.1f} % in 2024"),
        (ch11, f"the low- and middle-income share falls to {with_asylum:.1f} % in 2024"),
    ]


@pytest.mark.parametrize(("path", "claim"), claims(), ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_text_states_the_defaults(path: str, claim: str) -> None:
    assert claim in page(path), f"{path} should say: {claim}"


def test_the_cascade_starts_from_the_process_the_text_names() -> None:
    from migbook import data

    name = data.load("organisations").set_index("code").loc[DEFAULT_SEED, "name"]
    assert name.startswith("Colombo Process")
    assert "start from the Colombo Process" in page("chapters/04-bottom-up-approaches.md")

"""Numbers the chapters and lessons print about an explorer's starting setting come from the model's DEFAULTS.

Change a default in ``migbook/models/`` (or an explorer's starting choice) and the
sentences that describe it must change with it: each claim below is written
from the source of the default and must stand in the page.
"""

from __future__ import annotations

import re

import pytest

from migbook.explorers.diffusion import DEFAULT_SEED
from migbook.models import diffusion, mobility_regime, reciprocity, stock_flow
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
    ]


@pytest.mark.parametrize(("path", "claim"), claims(), ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_text_states_the_defaults(path: str, claim: str) -> None:
    assert claim in page(path), f"{path} should say: {claim}"


def test_the_cascade_starts_from_the_process_the_text_names() -> None:
    from migbook import data

    name = data.load("organisations").set_index("code").loc[DEFAULT_SEED, "name"]
    assert name.startswith("Colombo Process")
    assert "start from the Colombo Process" in page("chapters/04-bottom-up-approaches.md")

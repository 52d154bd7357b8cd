"""Numbers the chapters and lessons print about an explorer's starting setting come from the model's DEFAULTS.

Change a default in ``migbook/models/`` (or an explorer's starting choice) and the
sentences that describe it must change with it: each claim below is written
from the source of the default and must stand in the page.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from migbook.explorers.asylum_key import shares as key_shares
from migbook.explorers.diffusion import DEFAULT_SEED
from migbook.models import asylum_key, diffusion, public_goods, reciprocity, stock_flow
from migbook.paths import BOOK_DIR


def page(path: str) -> str:
    """A page's text with line breaks folded, as a reader sees it."""
    return re.sub(r"\s+", " ", (BOOK_DIR / path).read_text())


def pct(share: float) -> str:
    return f"{100 * share:g}"


def fraction(value: float) -> Fraction:
    return Fraction(value).limit_denominator(100)


def claims() -> list[tuple[str, str]]:
    sf = stock_flow.DEFAULTS
    eq = stock_flow.equilibrium(sf.inflow, sf.emigration, sf.naturalisation, sf.death)
    half = stock_flow.half_life(sf.emigration, sf.naturalisation, sf.death)
    leave = sf.emigration + sf.naturalisation + sf.death
    rp = reciprocity.DEFAULTS
    pg = public_goods.DEFAULTS
    returns = public_goods.marginal_returns(pg.multiplier, pg.n_sending, pg.n_receiving, pg.rho)
    denominator = Fraction(pg.n_sending) + Fraction(pg.rho).limit_denominator() * pg.n_receiving
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
        (ch2, f"At the defaults, $n_s = {pg.n_sending}$, $n_r = {pg.n_receiving}$, $r = {pg.multiplier:g}$ and "
              f"$\\rho = {pg.rho:g}$, the denominator is {denominator}."),
        (ch2, f"$r\\,b = {fraction(returns['sending'])} \\approx {returns['sending']:.2f} > 1$"),
        (ch2, f"$r\\,b = {fraction(returns['receiving'])} \\approx {returns['receiving']:.2f} < 1$"),
        (ch4, f"start from the Colombo Process at $\\theta$ = {diffusion.DEFAULTS.threshold:g}"),
        ("lessons/04-how-ideas-travel.md", f"at a threshold of {diffusion.DEFAULTS.threshold:g}"),
        *chapter_6_claims(),
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


@pytest.mark.parametrize(("path", "claim"), claims(), ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_text_states_the_defaults(path: str, claim: str) -> None:
    assert claim in page(path), f"{path} should say: {claim}"


def test_the_cascade_starts_from_the_process_the_text_names() -> None:
    from migbook import data

    name = data.load("organisations").set_index("code").loc[DEFAULT_SEED, "name"]
    assert name.startswith("Colombo Process")
    assert "start from the Colombo Process" in page("chapters/04-bottom-up-approaches.md")

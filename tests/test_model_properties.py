"""Properties that hold for any valid input to the models (Hypothesis): invariants, conservation, monotone statics.

Examples are derived from a fixed seed (``derandomize``), so a run is repeatable and CI never flakes;
``HYPOTHESIS_PROFILE=deep`` tries many more, ``HYPOTHESIS_PROFILE=mutation`` (used by ``make mutation``) fewer.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from migbook.models import convergence, diffusion, stock_flow, win_sets
from migbook.models import reciprocity as coop

settings.register_profile("migbook", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None)
# `make mutation` runs these once per mutant: fewer examples, the same fixed seed
settings.register_profile("mutation", max_examples=12, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "migbook"))

share = st.floats(0, 1, allow_nan=False)
stock = st.floats(0, 1e7, allow_nan=False)


@st.composite
def rates(draw: st.DrawFn) -> tuple[float, float, float]:
    """Emigration, naturalisation and death rates that sum to at most 1."""
    e = draw(st.floats(0, 1))
    n = draw(st.floats(0, 1 - e))
    d = draw(st.floats(0, max(0.0, 1 - e - n)))
    assume(e + n + d <= 1)
    return e, n, d


# --- stock and flow -----------------------------------------------------------------------------------

@given(inflow=stock, r=rates(), f0=stock, n0=stock, years=st.integers(1, 60))
def test_stocks_never_negative_and_people_are_conserved(inflow: float, r: tuple, f0: float, n0: float,
                                                        years: int) -> None:
    e, n, d = r
    f, m = stock_flow.project(inflow, e, n, d, foreign0=f0, naturalised0=n0, years=years)
    assert (f >= 0).all() and (m >= 0).all()
    born = f[0] + m[0]
    # conservation: the foreign-born change only by arrivals, departures and deaths; naturalisation moves people
    # between the two counts without adding or removing anyone
    assert born[1:] == pytest.approx(born[:-1] + inflow - (e + d) * born[:-1], rel=1e-9, abs=1e-6)
    assert f[0, 1:] == pytest.approx(f[0, :-1] + inflow - (e + n + d) * f[0, :-1], rel=1e-9, abs=1e-6)


@given(inflow=stock, extra=st.floats(0.001, 1e5), r=rates(), years=st.integers(1, 40))
def test_more_inflow_never_means_fewer_people(inflow: float, extra: float, r: tuple, years: int) -> None:
    e, n, d = r
    low_f, low_m = stock_flow.project(inflow, e, n, d, years=years)
    high_f, high_m = stock_flow.project(inflow + extra, e, n, d, years=years)
    assert (high_f >= low_f - 1e-6).all() and (high_m >= low_m - 1e-6).all()
    assert high_f[0, 1] > low_f[0, 1]  # the first year's arrivals are all foreign citizens


@given(inflow=stock, e=st.floats(0, 0.4), d=st.floats(0, 0.1), n_low=st.floats(0, 0.25), dn=st.floats(0.01, 0.25),
       years=st.integers(1, 40))
def test_naturalisation_moves_people_between_counts(inflow: float, e: float, d: float, n_low: float, dn: float,
                                                    years: int) -> None:
    low_f, low_m = stock_flow.project(inflow, e, n_low, d, years=years)
    high_f, high_m = stock_flow.project(inflow, e, n_low + dn, d, years=years)
    assert (high_f <= low_f + 1e-6).all()
    assert high_f + high_m == pytest.approx(low_f + low_m, rel=1e-9, abs=1e-6)


@given(inflow=st.floats(0, 1e5), r=rates())
def test_equilibrium_is_a_fixed_point(inflow: float, r: tuple) -> None:
    e, n, d = r
    assume(e + d > 1e-9)  # denormal rates give infinite stocks: not a question the model answers
    eq = stock_flow.equilibrium(inflow, e, n, d)
    assert eq["foreign_citizens"] <= eq["foreign_born"] + 1e-9
    assert eq["naturalised"] >= -1e-9
    f, m = stock_flow.project(inflow, e, n, d, foreign0=eq["foreign_citizens"], naturalised0=eq["naturalised"],
                              years=3)
    assert f[0] == pytest.approx([eq["foreign_citizens"]] * 4, rel=1e-9, abs=1e-6)
    assert m[0] == pytest.approx([eq["naturalised"]] * 4, rel=1e-9, abs=1e-6)


@given(r=rates())
def test_half_life_halves_the_gap(r: tuple) -> None:
    e, n, d = r
    h = stock_flow.half_life(e, n, d)
    rate = e + n + d
    if 1e-6 < rate < 1:  # below that, 1 - rate rounds to 1 in floating point
        assert (1 - rate) ** h["foreign_citizens"] == pytest.approx(0.5)
    assert h["foreign_citizens"] <= h["foreign_born"]


# --- public goods -------------------------------------------------------------------------------------

# --- win-sets -----------------------------------------------------------------------------------------

ideals = st.lists(st.floats(0, 100), min_size=1, max_size=12)


@given(ideal=ideals, width=st.floats(0, 100), more=st.floats(0, 50))
def test_wider_win_sets_never_shrink_the_agreement_zone(ideal: list, width: float, more: float) -> None:
    narrow = win_sets.agreement_zone(*win_sets.win_sets(ideal, width))
    wide = win_sets.agreement_zone(*win_sets.win_sets(ideal, width + more))
    if narrow is not None:
        assert wide is not None and wide[0] <= narrow[0] and wide[1] >= narrow[1]


@given(ideal=ideals, width=st.floats(0, 100), design=st.floats(0, 100))
def test_a_design_passes_everywhere_iff_it_lies_in_the_zone(ideal: list, width: float, design: float) -> None:
    lows, highs = win_sets.win_sets(ideal, width)
    zone = win_sets.agreement_zone(lows, highs)
    everyone = bool(win_sets.ratifies([design], lows, highs).all())
    assert everyone == (zone is not None and zone[0] <= design <= zone[1])
    assert ((lows >= 0) & (highs <= 100) & (lows <= highs)).all()


@given(rates_=st.lists(st.floats(-50, 50), min_size=2, max_size=20))
def test_ideal_points_span_the_scale_in_rank_order(rates_: list) -> None:
    points = win_sets.ideal_points(rates_)
    assert ((points >= 0) & (points <= 100)).all()
    order = np.argsort(rates_, kind="stable")
    assert (np.diff(points[order]) <= 1e-9).all()  # more immigration, lower ideal


# --- diffusion ----------------------------------------------------------------------------------------

@given(thresholds=st.lists(st.integers(0, 30), min_size=1, max_size=30), bump=st.integers(0, 5), data=st.data())
def test_raising_thresholds_never_grows_a_cascade(thresholds: list, bump: int, data: st.DataObject) -> None:
    who = data.draw(st.integers(0, len(thresholds) - 1))
    raised = list(thresholds)
    raised[who] += bump
    counts = diffusion.cascade(thresholds)
    assert (np.diff(counts) > 0).all() and counts[-1] <= len(thresholds)
    assert diffusion.final_adopters(raised) <= counts[-1]


@given(n=st.integers(2, 8), data=st.data())
def test_fractional_cascade_on_any_network_only_grows(n: int, data: st.DataObject) -> None:
    ties = np.array(data.draw(st.lists(st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=n, max_size=n),
                                       min_size=n, max_size=n)))
    np.fill_diagonal(ties, 0)
    thresholds = data.draw(st.lists(share, min_size=n, max_size=n))
    seeds = np.zeros(n, dtype=bool)
    seeds[0] = True
    counts = diffusion.cascade(thresholds, ties, seeds=seeds, fractional=True)
    assert counts[0] == 1 and (np.diff(counts) > 0).all() and counts[-1] <= n
    lower = diffusion.final_adopters(np.array(thresholds) / 2, ties, seeds=seeds, fractional=True)
    assert lower >= counts[-1]


# --- convergence --------------------------------------------------------------------------------------

@given(n=st.integers(2, 7), s=share, steps=st.integers(0, 30), data=st.data())
def test_views_stay_within_the_first_views_and_degree_weighted_mean_is_kept(n: int, s: float, steps: int,
                                                                           data: st.DataObject) -> None:
    upper = np.triu(np.array(data.draw(st.lists(st.lists(st.sampled_from([0.0, 1.0, 3.0]), min_size=n, max_size=n),
                                                min_size=n, max_size=n))), 1)
    ties = upper + upper.T  # symmetric
    x0 = np.array(data.draw(st.lists(st.floats(-100, 100), min_size=n, max_size=n)))
    views = convergence.averaging(x0, ties, s, steps)
    assert views.shape == (steps + 1, n)
    assert (views >= x0.min() - 1e-9).all() and (views <= x0.max() + 1e-9).all()
    degree = ties.sum(axis=1)
    if (degree > 0).all():
        kept = views @ degree / degree.sum()
        assert kept == pytest.approx([convergence.consensus(x0, ties)] * (steps + 1), abs=1e-7)
    isolated = degree == 0
    assert (views[:, isolated] == x0[isolated]).all()


# --- reciprocity --------------------------------------------------------------------------------------

payoffs = st.tuples(st.floats(0, 10), st.floats(0.1, 5), st.floats(0.1, 5), st.floats(0.1, 5)).map(
    lambda t: (t[0], t[0] + t[1], t[0] + t[1] + t[2], t[0] + t[1] + t[2] + t[3])).filter(
    lambda sprt: 2 * sprt[2] > sprt[3] + sprt[0])


@given(sprt=payoffs, delta=st.floats(0, 0.999))
def test_defection_pays_exactly_below_the_threshold(sprt: tuple, delta: float) -> None:
    S, P, R, T = sprt
    game = coop.Payoffs(T=T, R=R, P=P, S=S)
    threshold = coop.tit_for_tat_threshold(game)
    assert 0 < coop.grim_trigger_threshold(game) <= threshold < 1
    best = max(float(coop.per_round_payoff(s, delta, game)) for s in ("always_defect", "alternate"))
    assume(abs(delta - threshold) > 1e-6)
    assert (best > R) == (delta < threshold)


@given(sprt=payoffs, d1=st.floats(0, 0.99), d2=st.floats(0, 0.99))
def test_defecting_for_ever_pays_less_the_more_the_future_counts(sprt: tuple, d1: float, d2: float) -> None:
    S, P, R, T = sprt
    game = coop.Payoffs(T=T, R=R, P=P, S=S)
    low, high = sorted((d1, d2))
    assert coop.per_round_payoff("always_defect", high, game) <= coop.per_round_payoff("always_defect", low, game)

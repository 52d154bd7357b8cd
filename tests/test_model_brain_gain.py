"""Tests of :mod:`migbook.models.brain_gain`: the closed-form brain-gain threshold of the
Mountford (1997) / Stark, Helmenstein and Prskawetz (1997) argument, and no effect at zero emigration."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migbook.errors import ParameterError
from migbook.models import brain_gain as model
from migbook.models.brain_gain import DEFAULTS


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 0.99), st.floats(1.0, 20.0))
def test_no_effect_at_zero_emigration(premium: float, ratio: float) -> None:
    # With no chance to leave, the educated share is the home premium and everyone educated stays.
    assert model.educated_share(0.0, premium, ratio) == pytest.approx(premium)
    assert model.skilled_residents(0.0, premium, ratio) == pytest.approx(premium)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 0.2), st.floats(2.05, 4.0))
def test_the_threshold_divides_gain_from_drain(premium: float, ratio: float) -> None:
    # (1 - p)(1 + p (r - 1)) > 1 exactly when p < (r - 2) / (r - 1): the closed form, checked on both sides
    # and at the threshold itself (the premium is small enough that nobody is forced to the cap).
    p_star = float(model.threshold(ratio))
    base = premium
    assert model.skilled_residents(p_star, premium, ratio) == pytest.approx(base)
    assert model.skilled_residents(p_star * 0.9, premium, ratio) > base
    assert model.skilled_residents(min(1.0, p_star + 0.05), premium, ratio) < base


def test_threshold_by_hand() -> None:
    # r = 3: (3 - 2) / (3 - 1) = 0.5; r = 5: 3 / 4; r = 2 or less: no gain at any p.
    assert model.threshold([3.0, 5.0, 2.0, 1.2]).tolist() == pytest.approx([0.5, 0.75, 0.0, 0.0])
    assert float(model.best_probability(5.0)) == pytest.approx(0.375)


def test_no_gain_when_the_premium_abroad_is_at_most_double() -> None:
    p = np.linspace(0.01, 1, 100)
    for ratio in (1.0, 1.5, 2.0):
        assert np.all(model.skilled_residents(p, 0.2, ratio) <= 0.2 + 1e-12)


def test_residents_peak_at_half_the_threshold() -> None:
    p = np.linspace(0, 1, 10001)
    residents = model.skilled_residents(p, DEFAULTS.premium, DEFAULTS.ratio)
    assert p[np.argmax(residents)] == pytest.approx(float(model.best_probability(DEFAULTS.ratio)), abs=1e-4)


def test_bad_input_is_refused_by_name() -> None:
    with pytest.raises(ParameterError, match="p"):
        model.skilled_residents(20, 0.2, 3.0)  # a percentage where a probability is meant
    with pytest.raises(ParameterError, match="premium"):
        model.educated_share(0.1, 1.5, 3.0)
    with pytest.raises(ParameterError, match="ratio"):
        model.threshold(0.5)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.05, 0.6), st.floats(1.0, 20.0))
def test_threshold_and_peak_with_everyone_educated(premium: float, ratio: float) -> None:
    # Where everyone gets educated before the threshold, the skilled who stay are 1 - p and the threshold is
    # 1 - premium; the general threshold and peak agree with a fine grid either way.
    p = np.linspace(0, 1, 20001)
    residents = model.skilled_residents(p, premium, ratio)
    gain = p[residents > premium + 1e-12]
    p_star = float(model.threshold(ratio, premium))
    if gain.size:
        assert gain.max() == pytest.approx(p_star, abs=1e-3)
        assert p[np.argmax(residents)] == pytest.approx(float(model.best_probability(ratio, premium)), abs=1e-3)
    else:  # no grid point shows a gain: the threshold is 0, or below the grid's resolution
        assert p_star < 1e-3


def test_the_chapter_states_the_numbers_the_explorer_shows() -> None:
    # Chapter 9 quotes the explorer at its start (k = 3, w = 0.2) and at k = 6 and k = 10.
    from migbook.paths import BOOK_DIR

    text = " ".join((BOOK_DIR / "chapters" / "09-balance-of-power.md").read_text().split())
    k, w = DEFAULTS.ratio, DEFAULTS.premium
    best = float(model.best_probability(k, w))
    assert (f"At the start ($k$ = {k:g}, $w$ = {w:g}), the threshold is {100 * float(model.threshold(k, w)):.0f} %, "
            f"and the skilled who stay peak at {100 * float(model.skilled_residents(best, w, k)):.1f} % of a cohort, "
            f"against {100 * w:.0f} % without migration, when the chance of emigrating is {100 * best:.0f} %") in text
    assert f"the threshold moves to {100 * float(model.threshold(6.0, w)):.0f} %" in text
    cap = (1 / w - 1) / (10 - 1)  # everyone is educated from here when k = 10
    assert f"passes about {100 * cap:.0f} %" in text and f"at {100 * float(model.threshold(10.0, w)):.0f} %" in text

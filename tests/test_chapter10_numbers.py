"""The numbers Chapter 10 and Lesson 10 print about their explorers come from the models' DEFAULTS.

Change a default in ``migbook/models/screening.py`` or ``recurrence.py`` and these sentences must change
with it: each claim is written from the model and must stand in the page.
"""

from __future__ import annotations

import importlib
import re

import pytest

from migbook.models import recurrence, screening
from migbook.paths import BOOK_DIR

# The modules, not the explorer functions of the same name that migbook.explorers exports.
screening_explorer = importlib.import_module("migbook.explorers.screening")
recurrence_explorer = importlib.import_module("migbook.explorers.recurrence")

WORDS = {2: "two", 4: "four", 6: "six", 8: "eight", 10: "ten"}
CHAPTER = "chapters/10-violent-conflict.md"
LESSON = "lessons/10-setting-a-threshold.md"


def page(path: str) -> str:
    return re.sub(r"\s+", " ", (BOOK_DIR / path).read_text())


def claims() -> list[tuple[str, str]]:
    r, s = recurrence.DEFAULTS, screening.DEFAULTS
    funded = float(recurrence.relapse_probability(r.base_relapse, r.diaspora, r.multiplier))
    path_funded = recurrence.war_path(funded, r.ending, 5)
    path_none = recurrence.war_path(r.base_relapse, r.ending, 5)
    half = float(recurrence.relapse_probability(r.base_relapse, 0.5, r.multiplier))
    fast_end = float(recurrence.share_at_war(funded, 0.3))
    one_in = round(1 / s.base_rate)
    start = screening_explorer.row(s.threshold, s.separation, one_in)
    high = screening_explorer.row(3.5, s.separation, one_in)
    common = screening_explorer.row(s.threshold, s.separation, 100)
    best = float(screening.best_threshold(s.separation, s.base_rate, s.cost_ratio))
    best_common = float(screening.best_threshold(s.separation, 0.01, s.cost_ratio))
    ppv = float(screening.positive_predictive_value(1e-5, 0.99, 0.99))
    return [
        (CHAPTER, f"a {100 * r.base_relapse:g} % yearly chance that peace breaks down without diaspora funding and a "
                  f"{100 * r.ending:g} % yearly chance that a war ends"),
        (CHAPTER, f"relapse {WORDS[r.multiplier]} times likelier, so $p$ rises from {r.base_relapse:g} to {funded:g}"),
        (CHAPTER, f"about {path_funded[-1] * 100:.0f} %, against about {path_none[-1] * 100:.0f} % without"),
        (CHAPTER, f"spends {recurrence.share_at_war(funded, r.ending) * 100:.1f} % of its years at war and the "
                  f"unfunded one {recurrence.share_at_war(r.base_relapse, r.ending) * 100:.1f} %"),
        (CHAPTER, f"peace lasts {recurrence.expected_peace(funded):.1f} years on average instead of "
                  f"{recurrence.expected_peace(r.base_relapse):.0f}"),
        (CHAPTER, f"relapse is {half / r.base_relapse:g} times likelier"),
        (CHAPTER, f"the share at war drops to {fast_end * 100:.1f} %"),
        (CHAPTER, f"a threshold of {s.threshold:g}, and one threat in {one_in:,} travellers"),
        (CHAPTER, f"It stops {start['stopped']:.1f} % of threats and {start['false_alarm_pct']:.3g} % of harmless "
                  f"travellers, which means {start['per_hit']:,.0f} false alarms for every threat stopped; the "
                  f"least-cost threshold is higher, at {best:.1f}"),
        (CHAPTER, f"fall to about {high['per_hit']:.0f}, but the share of threats stopped falls to "
                  f"{high['stopped']:.1f} %"),
        (CHAPTER, "raises fewer than one false alarm per threat stopped" if common["per_hit"] < 1 else "(no claim)"),
        (CHAPTER, f"the least-cost threshold drops to {best_common:.1f}"),
        (CHAPTER, "only about one alarm in a thousand is a real threat" if 900 < 1 / ppv < 1100 else "(no claim)"),
        (LESSON, f"if a missed threat costs as much as {s.cost_ratio:,.0f} false alarms"),
    ]


@pytest.mark.parametrize(("path", "claim"), claims(), ids=lambda v: v[:60])
def test_the_page_states_what_the_model_gives(path: str, claim: str) -> None:
    assert claim in page(path)


def test_the_explorers_start_at_the_defaults() -> None:
    start = {c.name: c.default for c in screening_explorer.screening().controls}
    assert start == {"threshold": screening.DEFAULTS.threshold, "separation": screening.DEFAULTS.separation,
                     "one_in": round(1 / screening.DEFAULTS.base_rate)}
    start = {c.name: c.default for c in recurrence_explorer.recurrence().controls}
    assert start == {"diaspora": recurrence.DEFAULTS.diaspora, "multiplier": recurrence.DEFAULTS.multiplier,
                     "ending": recurrence.DEFAULTS.ending}

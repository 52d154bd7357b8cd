"""Screening travellers at a border: a threshold on a risk score, judged by Bayes' rule and signal detection.

Every traveller gets a risk score. Harmless travellers' scores are normal with
mean 0 and standard deviation 1; threats' scores are normal with mean
``separation`` (d', in standard deviations) and the same spread: the
equal-variance model of signal detection theory. Anyone scoring at or above the
``threshold`` (in standard deviations of the harmless scores) is stopped.

* sensitivity: the share of threats stopped (the hit rate);
* specificity: the share of harmless travellers let through (one minus the false-alarm rate);
* base rate: the share of travellers who are threats.

Moving the threshold trades missed threats against false alarms along the ROC
curve. Because threats are rare, even a very accurate screen stops mostly
harmless people: with a base rate of 1 in 100,000 and 99 % sensitivity and
specificity, about one alarm in a thousand is a threat. Counts are per
``travellers`` screened; costs are in units of one false alarm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative, positive, unit_interval

__all__ = [
    "DEFAULTS",
    "best_threshold",
    "expected_cost",
    "outcomes",
    "positive_predictive_value",
    "rates",
    "roc",
]


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point.

    A threat in 100,000 travellers, threats scoring 5 standard deviations above harmless travellers
    on average, and a threshold halfway between (2.5), which stops 99.4 % of threats and 0.6 % of
    harmless travellers; ``cost_ratio`` 1,000 says a missed threat costs as much as a thousand false
    alarms. All are illustrative, not estimates.
    """

    base_rate: float = 1e-5  # share of travellers who are threats
    separation: float = 5.0  # d': threats' mean score, in standard deviations
    threshold: float = 2.5  # standard deviations of the harmless scores
    cost_ratio: float = 1000.0  # cost of a missed threat / cost of a false alarm
    travellers: float = 1_000_000.0  # people screened


DEFAULTS = Defaults()

_ERFC = np.vectorize(math.erfc, otypes=[float])


def _sf(x: np.ndarray) -> np.ndarray:
    """The standard normal survival function, P(Z >= x), for numbers or arrays (infinities allowed)."""
    return 0.5 * _ERFC(np.asarray(x, dtype=float) / math.sqrt(2))


def _probability(name: str, value: object, *, open_interval: bool = False) -> np.ndarray:
    return unit_interval(name, value, noun="a probability", example="a share: 1 % is 0.01",
                         open_interval=open_interval)


def rates(threshold: object, separation: object) -> tuple[np.ndarray, np.ndarray]:
    """Sensitivity (threats stopped) and false-alarm rate (harmless travellers stopped) at a threshold.

    ``threshold`` and ``separation`` are in standard deviations of the harmless scores.

    >>> [x.round(3).tolist() for x in rates([0.0, 2.326], 4.652)]
    [[1.0, 0.99], [0.5, 0.01]]
    """
    t = as_array("threshold", threshold)
    d = non_negative("separation", separation, "standard deviations")
    return _sf(t - d), _sf(t)


def roc(separation: float, thresholds: object) -> tuple[np.ndarray, np.ndarray]:
    """The ROC curve: (false-alarm rates, sensitivities) over the given thresholds.

    At a threshold of minus infinity everyone is stopped (1, 1); at plus infinity nobody (0, 0).

    >>> [x.round(2).tolist() for x in roc(1.0, [-np.inf, 1.0, np.inf])]
    [[1.0, 0.16, 0.0], [1.0, 0.5, 0.0]]
    """
    t = np.atleast_1d(np.asarray(thresholds, dtype=float))
    if t.ndim != 1 or np.any(np.isnan(t)):
        raise ParameterError(f"thresholds must be a 1-d array of numbers (infinities allowed), got {thresholds!r}")
    d = float(non_negative("separation", separation, "standard deviations"))
    return _sf(t), _sf(t - d)


def positive_predictive_value(base_rate: object, sensitivity: object, specificity: object) -> np.ndarray:
    """Bayes' rule: the share of alarms that are threats.

    >>> round(float(positive_predictive_value(1e-5, 0.99, 0.99)), 5)
    0.00099
    """
    p = _probability("base_rate", base_rate)
    sens = _probability("sensitivity", sensitivity)
    spec = _probability("specificity", specificity)
    hits, false_alarms = p * sens, (1 - p) * (1 - spec)
    alarms = hits + false_alarms
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(alarms > 0, hits / np.where(alarms > 0, alarms, 1), np.nan)


def outcomes(base_rate: object, sensitivity: object, specificity: object,
             travellers: object = DEFAULTS.travellers) -> dict[str, np.ndarray]:
    """Expected hits, false alarms, missed threats and false alarms per hit among ``travellers`` (persons).

    >>> out = outcomes(1e-5, 0.99, 0.99, 1_000_000)
    >>> [round(float(out[k]), 1) for k in ("hits", "false_alarms", "misses", "false_alarms_per_hit")]
    [9.9, 9999.9, 0.1, 1010.1]
    """
    p = _probability("base_rate", base_rate)
    sens = _probability("sensitivity", sensitivity)
    spec = _probability("specificity", specificity)
    n = non_negative("travellers", travellers, "persons")
    threats, harmless = n * p, n * (1 - p)
    hits, false_alarms = threats * sens, harmless * (1 - spec)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_hit = np.where(hits > 0, false_alarms / np.where(hits > 0, hits, 1), np.inf)
    return {"hits": hits, "false_alarms": false_alarms, "misses": threats - hits,
            "cleared": harmless - false_alarms, "false_alarms_per_hit": per_hit}


def expected_cost(threshold: object, separation: float, base_rate: float, cost_ratio: float) -> np.ndarray:
    """Expected cost per traveller, in units of one false alarm: false alarms plus ``cost_ratio`` per miss.

    >>> expected_cost([-np.inf, np.inf], 2.0, 0.01, 50).round(2).tolist()
    [0.99, 0.5]
    """
    t = np.asarray(threshold, dtype=float)
    if t.ndim > 1 or np.any(np.isnan(t)):
        raise ParameterError(f"threshold must be a number or a 1-d array (infinities allowed), got {threshold!r}")
    d = float(non_negative("separation", separation, "standard deviations"))
    p = float(_probability("base_rate", base_rate, open_interval=True))
    c = float(positive("cost_ratio", cost_ratio, "cost of a miss in false alarms"))
    return (1 - p) * _sf(t) + c * p * _sf(d - t)


def best_threshold(separation: object, base_rate: object, cost_ratio: object) -> np.ndarray:
    """The threshold that minimises :func:`expected_cost` for equal-variance normal scores.

    Stop a traveller when the likelihood ratio of the score, exp(d t - d^2 / 2), exceeds
    (1 - p) / (p c): so t* = d / 2 + ln((1 - p) / (p c)) / d, in standard deviations.

    >>> float(best_threshold(2.0, 0.5, 1.0))
    1.0
    """
    d = positive("separation", separation, "standard deviations")
    p = _probability("base_rate", base_rate, open_interval=True)
    c = positive("cost_ratio", cost_ratio, "cost of a miss in false alarms")
    return d / 2 + np.log((1 - p) / (p * c)) / d

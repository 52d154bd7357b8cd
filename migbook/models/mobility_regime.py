"""A multilateral labour-mobility regime in which only receiving states can supply the good.

Meyers (2002): free movement of workers is not a public good for the states that
recruit them. What a mobility regime offers is access to destination labour markets,
and only receiving states can open them; sending states want that access but cannot
produce it. The model has ``n_sending`` sending and ``n_receiving`` receiving states:

* each receiving state chooses whether to open its labour market to the regime;
* every sending state gains ``gain`` for each market opened (access opened to one is
  open to all, so among sending states access is a public good);
* a receiving state that opens gains ``need``, the value of workers the regime brings
  that it could not recruit alone, and pays ``cost``, the loss of control over whom it
  admits and its domestic political price; other states' openings change nothing for it;
* sending states may offer ``linkage`` to each receiving state that opens (readmission,
  border cooperation, trade: the issue linkage of Betts's (2009) suasion games), paid in
  equal parts by the sending states.

All quantities are in the same payoff units (1 = one sending state's gain from one
opened market at the defaults). Without linkage a receiving state opens only if
``need > cost``: whatever the others do, so the outcome does not depend on how many
states join, and adding sending states, who gain most, changes nothing. Opening is
worth it for the states together when ``n_sending * gain + need > cost``; between the
two conditions lies the zone where only linkage paid by the sending states can bring
the regime about.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative, whole_number


@dataclass(frozen=True)
class Defaults:
    """Six sending and four receiving states; a receiving state needs the regime little and pays 1 to open."""

    gain: float = 1.0
    need: float = 0.25
    cost: float = 1.0
    linkage: float = 0.0
    n_sending: int = 6
    n_receiving: int = 4


DEFAULTS = Defaults()


def opens(need: float, cost: float, linkage: float = 0.0) -> np.ndarray | bool:
    """Whether a receiving state opens its market: its own gain plus linkage exceeds its cost (ties: no).

    Opening is a dominant choice or a dominated one, never a matter of what others do.
    Vectorised over any argument.

    >>> opens(0.25, 1.0), opens(0.25, 1.0, linkage=1.0)
    (False, True)
    """
    n, c, v = _payoff_terms(need, cost, linkage)
    result = n + v > c
    return bool(result) if np.ndim(result) == 0 else result


def state_payoffs(openings: object, need: float, cost: float, linkage: float = 0.0, gain: float = 1.0,
                  n_sending: int = 6) -> dict[str, np.ndarray]:
    """Each state's payoff when the receiving states open as ``openings`` says (1 open, 0 closed).

    Every sending state gets ``gain`` per opened market minus its share of the linkage paid;
    a receiving state gets ``need + linkage - cost`` if it opens and 0 otherwise.

    >>> p = state_payoffs([1, 1, 0, 0], need=0.25, cost=1.0, linkage=1.0)
    >>> round(float(p["sending"]), 3), p["receiving"].tolist()
    (1.667, [0.25, 0.25, 0.0, 0.0])
    """
    o = as_array("openings", openings)
    if o.ndim != 1 or o.size == 0:
        raise ParameterError(f"openings must list one entry per receiving state, got shape {o.shape}")
    if np.any((o != 0) & (o != 1)):
        raise ParameterError("openings must be 0 (closed) or 1 (open) for each receiving state")
    n, c, v = _payoff_terms(need, cost, linkage)
    g = float(non_negative("gain", gain, "each sending state's gain from one opened market"))
    n_s = whole_number("n_sending", n_sending, 1, 1000)
    opened = o.sum()
    return {"sending": np.float64(g * opened - v * opened / n_s), "receiving": o * (n + v - c)}


def equilibrium_payoffs(need: object, cost: object, linkage: object = 0.0, gain: float = 1.0,
                        n_sending: int = 6, n_receiving: int = 4) -> dict[str, np.ndarray | float]:
    """Payoff to one sending and one receiving state when each receiving state makes its dominant choice.

    All receiving states are alike, so either all open or none does. Vectorised over
    ``need``, ``cost`` and ``linkage``.

    >>> p = equilibrium_payoffs(0.25, 1.0, linkage=[0.0, 1.0])
    >>> p["receiving"].tolist(), p["sending"].round(3).tolist()
    ([0.0, 0.25], [0.0, 3.333])
    """
    n, c, v = _payoff_terms(need, cost, linkage)
    g = float(non_negative("gain", gain, "each sending state's gain from one opened market"))
    n_s = whole_number("n_sending", n_sending, 1, 1000)
    n_r = whole_number("n_receiving", n_receiving, 1, 1000)
    open_ = n + v > c
    sending = np.where(open_, n_r * (g - v / n_s), 0.0)
    receiving = np.where(open_, n + v - c, 0.0)
    return {"sending": _scalar(sending), "receiving": _scalar(receiving), "open": _scalar(open_)}


def linkage_window(need: float, cost: float, gain: float = 1.0, n_sending: int = 6) -> tuple[float, float]:
    """The linkage per opened market that a deal needs: (least receivers accept, most senders can pay).

    A receiving state opens once linkage exceeds ``cost - need`` (or at once if that is
    negative); the sending states together gain ``n_sending * gain`` from each opened
    market, so they can pay at most that. A deal exists when the first is below the
    second, which is the same as opening being worth more to all states together than it
    costs: ``n_sending * gain + need > cost``.

    >>> linkage_window(0.25, 1.0)
    (0.75, 6.0)
    """
    n, c, _ = _payoff_terms(need, cost, 0.0)
    g = float(non_negative("gain", gain, "each sending state's gain from one opened market"))
    n_s = whole_number("n_sending", n_sending, 1, 1000)
    return max(float(c - n), 0.0), n_s * g


def joint_gain(need: float, cost: float, gain: float = 1.0, n_sending: int = 6) -> float:
    """What one opened market is worth to all states together: ``n_sending * gain + need - cost``.

    Linkage only moves payoffs between states, so it does not appear.

    >>> joint_gain(0.25, 1.0)
    5.25
    """
    n, c, _ = _payoff_terms(need, cost, 0.0)
    g = float(non_negative("gain", gain, "each sending state's gain from one opened market"))
    return whole_number("n_sending", n_sending, 1, 1000) * g + float(n) - float(c)


def _payoff_terms(need: object, cost: object, linkage: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = non_negative("need", need, "a receiving state's own gain from opening")
    c = non_negative("cost", cost, "a receiving state's cost of opening")
    v = non_negative("linkage", linkage, "what the sending states offer per opened market")
    return n, c, v


def _scalar(x: np.ndarray) -> np.ndarray | float | bool:
    if np.ndim(x) == 0:
        return x.item()
    return x

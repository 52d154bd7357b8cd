"""What the cost of sending money home takes from remittances (World Bank, Remittance Prices Worldwide; SDG 10.c).

A migrant sends an amount ``S`` (US dollars, or US$ billions a year for a whole
country) through a formal channel whose total cost ``c`` is a share of the amount
sent: the fee plus the margin on the exchange rate, which is how the World Bank's
Remittance Prices Worldwide (RPW) measures it. The family receives ``S (1 - c)``
and ``S c`` goes to the providers.

A government cannot set ``c``, but it can push it down (competition among
providers, access to payment systems, price disclosure). The model asks what a
cut from ``c0`` to ``c1`` does. If migrants keep sending the same amount, families
gain ``S (c0 - c1)``: pure accounting. Migrants may also move money from informal
channels to formal ones, or send more, when more of it arrives; ``elasticity``
``e`` says by how much: the amount sent formally is
``S(c) = S0 ((1 - c) / (1 - c0)) ** e`` (``e = 0``: no response; ``e = 1``: a cut
that lets 3 % more of each dollar arrive brings 3 % more dollars into the formal
channel). That response is an assumption of the model, not an estimate, so the
explorer shows a range of values for it.

The recorded inflow a country reports (World Bank WDI, personal remittances
received) is taken as what families receive at today's cost; it misses money sent
through informal channels, which is one reason the response matters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: today's average cost, the SDG target, and no response of sending."""

    cost_now: float = 0.0618  # RPW global average total cost of sending $200, Q3 2023 (issue 47, September 2023)
    cost_target: float = 0.03  # SDG target 10.c: below 3 % by 2030
    elasticity: float = 0.0  # response of formal sending to the share that arrives (0: none)
    place: str = "El Salvador"  # the explorer's starting country (its remittances received, WDI)
    year: int = 2022  # the year of the recorded inflow


DEFAULTS = Defaults()


def _cost(name: str, value: object) -> np.ndarray:
    """A cost as a share of the amount sent, from 0 to below 1; flags a percentage passed by mistake."""
    arr = as_array(name, value)
    if np.any((arr < 0) | (arr >= 1)):
        hint = " (a share of the amount sent: 6.18 % is 0.0618)" if np.any(arr >= 1) else ""
        raise ParameterError(f"{name} must be at least 0 and below 1{hint}, got {value!r}")
    return arr


def delivered(sent: object, cost: object) -> np.ndarray:
    """What arrives: ``sent`` (US dollars, any scale) less the total cost ``cost`` (a share of the amount sent).

    Sending $200 at the 2023 global average cost of 6.18 % delivers $187.64:

    >>> round(float(delivered(200, 0.0618)), 2)
    187.64
    """
    amount = non_negative("sent", sent, "US dollars")
    return amount * (1 - _cost("cost", cost))


def sent_at(cost: object, base_sent: object, base_cost: object, elasticity: object = DEFAULTS.elasticity) -> np.ndarray:
    """The amount sent formally at ``cost``, given ``base_sent`` (US dollars) at ``base_cost`` (shares).

    ``elasticity`` (zero or more, no unit) is how strongly formal sending follows the share that arrives.

    >>> sent_at(0.03, 100, 0.0618).round(2).tolist(), sent_at(0.03, 100, 0.0618, 1).round(2).tolist()
    (100.0, 103.39)
    """
    c = _cost("cost", cost)
    c0 = _cost("base_cost", base_cost)
    amount = non_negative("base_sent", base_sent, "US dollars")
    e = non_negative("elasticity", elasticity, "no unit: the response of formal sending")
    return amount * ((1 - c) / (1 - c0)) ** e


def cut(received: object, cost_now: object = DEFAULTS.cost_now, cost_new: object = DEFAULTS.cost_target,
        elasticity: object = DEFAULTS.elasticity) -> dict[str, np.ndarray]:
    """A cut in the cost of sending from ``cost_now`` to ``cost_new`` (shares of the amount sent).

    ``received`` is what families receive today (US dollars, any scale: the recorded inflow); arrays
    broadcast. Returns, in the same unit, ``sent`` (today's amount sent), ``fees`` (today's fees),
    ``sent_new``, ``received_new`` and ``fees_new`` after the cut, and ``gain`` (``received_new``
    less ``received``). With no response of sending the gain is ``sent (cost_now - cost_new)``:

    >>> out = cut(187.64, 0.0618, 0.03)
    >>> round(float(out["sent"]), 2), round(float(out["fees"]), 2), round(float(out["gain"]), 2)
    (200.0, 12.36, 6.36)
    """
    now = non_negative("received", received, "US dollars")
    c0, c1 = _cost("cost_now", cost_now), _cost("cost_new", cost_new)
    sent = now / (1 - c0)
    sent_new = sent_at(c1, sent, c0, elasticity)
    received_new = sent_new * (1 - c1)
    return {"sent": sent, "fees": sent * c0, "sent_new": sent_new, "received_new": received_new,
            "fees_new": sent_new * c1, "gain": received_new - now}

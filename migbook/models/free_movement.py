"""Two regions under free movement of workers: wages, migration and who gains (after Hamilton and Whalley 1984).

Each region produces with its workers and a fixed stock of capital (land, machines,
firms) that does not move: output ``Y_i = (A_i / b_i) K_i^(1 - b_i) L_i^b_i``, with
``b_i`` the labour share and ``A_i`` productivity. Wages equal the marginal product
of labour, ``w_i = A_i (K_i / L_i)^(1 - b_i)``, so they fall as workers arrive and
rise as workers leave (diminishing returns). Each region's capital equals its
starting workforce, so the starting wages are ``A_1`` and ``A_2``; productivity in
the sending region 2 is 1, so wages and output are counted in units of the sending
region's starting wage (one worker's pay for a year there), and ``gap`` is both the
productivity ratio ``A_1 / A_2`` and the starting wage ratio. Workers are counted in
millions.

When movement is opened, workers leave region 2 for region 1 while the wage gap
exceeds the moving cost ``cost`` (per worker per year, in the same wage units); the
flow stops where ``w_1 - w_2 = cost``, or earlier at a cap on moves (a share of
region 2's workers). With no cost and equal labour shares the equilibrium has the
closed form ``L_1 / L_2 = (A_1 / A_2)^(1 / alpha)``, with ``alpha = 1 - b`` the capital
share (equal capital in the two regions). Every move takes a worker from a lower to a higher marginal product, so
world output never falls; but the gains are unequal: workers already in region 1
and capital owners in region 2 lose, migrants, the workers left in region 2 and
capital owners in region 1 gain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from migbook.errors import ParameterError
from migbook.models._checks import as_array, non_negative, positive, unit_interval

BISECTION_STEPS = 200  # halvings of the interval of migrants: far below any rounding the book prints


@dataclass(frozen=True)
class Defaults:
    """The explorer's starting point: a rich and a poor region of equal size, a moderate cost, no cap.

    The gap of 3 is of the order of the ratios of GDP per capita inside the blocs of Chapter 5's data
    figure; 0.6 is a common textbook labour share; the cost is half a year's pay in the sending region.
    """

    gap: float = 3.0  # productivity (and starting wage) of region 1 relative to region 2
    cost: float = 0.5  # moving cost per worker per year, in units of region 2's starting wage
    labour_share: float = 0.6  # share of output paid to workers, in each region
    cap: float = 1.0  # most moves allowed, as a share of region 2's workers (1: no cap)
    workers_1: float = 100.0  # millions of workers in region 1 (receiving) at the start
    workers_2: float = 100.0  # millions of workers in region 2 (sending) at the start


DEFAULTS = Defaults()


def _open_share(name: str, value: object) -> np.ndarray:
    return unit_interval(name, value, example="a share: 60 % is 0.6", open_interval=True)


def _cap(value: object) -> np.ndarray:
    return unit_interval("cap", value, unit="of region 2's workers", example="a share: 10 % is 0.1")


def wage(productivity: object, capital: object, workers: object, labour_share: object) -> np.ndarray:
    """The wage (marginal product of labour), ``A (K / L)^(1 - b)``, in units of region 2's starting wage.

    ``capital`` and ``workers`` are in millions (capital in workers' equivalents), ``labour_share`` a share.

    >>> wage(3, 100, [100, 200], 0.6).round(3).tolist()
    [3.0, 2.274]
    """
    a = positive("productivity", productivity, "relative to region 2")
    k = positive("capital", capital, "millions of workers' equivalents")
    n = positive("workers", workers, "millions")
    b = _open_share("labour_share", labour_share)
    return a * (k / n) ** (1 - b)


def output(productivity: object, capital: object, workers: object, labour_share: object) -> np.ndarray:
    """Output ``(A / b) K^(1 - b) L^b`` a year, in millions of region 2's starting wages.

    >>> float(output(1, 100, 100, 0.5))
    200.0
    """
    a = positive("productivity", productivity, "relative to region 2")
    k = positive("capital", capital, "millions of workers' equivalents")
    n = non_negative("workers", workers, "millions")
    b = _open_share("labour_share", labour_share)
    return a / b * k ** (1 - b) * n ** b


def settle(gap: object, cost: object = DEFAULTS.cost, labour_share: object = DEFAULTS.labour_share,
           cap: object = DEFAULTS.cap, workers_1: float = DEFAULTS.workers_1,
           workers_2: float = DEFAULTS.workers_2, labour_share_2: object | None = None) -> dict[str, np.ndarray]:
    """Where free movement settles: migrants, wages before and after, and the gains of each group.

    ``gap`` is region 1's productivity relative to region 2's (so 3 means wages three times as high at the
    start); ``cost`` the moving cost per worker per year and every wage in units of region 2's starting
    wage; ``labour_share`` region 1's labour share (and region 2's unless ``labour_share_2`` is given);
    ``cap`` the most that may move, as a share of region 2's workers; workers in millions. Arrays broadcast.

    The gains are changes in yearly income, in millions of region 2's starting wages: ``stayers_1``
    (workers already in region 1), ``migrants`` (their pay net of the moving cost, against what they
    earned at home), ``stayers_2`` (workers left in region 2), ``capital_1`` and ``capital_2`` (owners of
    each region's capital), ``world_output`` (the change in total output) and ``world_net`` (that change
    less the moving costs paid, which is the sum of the five groups' gains).

    >>> out = settle(4, cost=0, labour_share=0.5)
    >>> round(float(out["migrants"]), 2), round(float(out["wage_1"]), 3), round(float(out["wage_2"]), 3)
    (88.24, 2.915, 2.915)
    >>> float(settle(1.5, cost=0.6)["migrants"])  # the wage gap (0.5) is below the cost: nobody moves
    0.0
    """
    a1 = positive("gap", gap, "region 1's productivity relative to region 2's")
    c = non_negative("cost", cost, "region 2's starting wages per worker per year")
    b1 = _open_share("labour_share", labour_share)
    b2 = b1 if labour_share_2 is None else _open_share("labour_share_2", labour_share_2)
    most = _cap(cap)
    n1 = float(positive("workers_1", workers_1, "millions"))
    n2 = float(positive("workers_2", workers_2, "millions"))
    a1, c, b1, b2, most = np.broadcast_arrays(a1, c, b1, b2, most)

    def excess(moved: np.ndarray) -> np.ndarray:
        """The wage gap left over the moving cost when ``moved`` million workers have moved."""
        return a1 * (n1 / (n1 + moved)) ** (1 - b1) - (n2 / (n2 - moved)) ** (1 - b2) - c

    low, high = np.zeros(a1.shape), np.full(a1.shape, n2)
    # Near high = n2, region 2's wage rises without bound, so the excess turns negative: bisect.
    for _ in range(BISECTION_STEPS):
        mid = (low + high) / 2
        moves_on = excess(mid) > 0
        low, high = np.where(moves_on, mid, low), np.where(moves_on, high, mid)
    moved = np.where(excess(np.zeros(a1.shape)) > 0, low, 0.0)
    moved = np.minimum(moved, most * n2)

    l1, l2 = n1 + moved, n2 - moved
    w1_0, w2_0 = a1, np.ones(a1.shape)
    w1 = a1 * (n1 / l1) ** (1 - b1)
    w2 = (n2 / l2) ** (1 - b2)
    y1_0, y2_0 = a1 / b1 * n1, 1 / b2 * n2
    y1, y2 = a1 / b1 * n1 ** (1 - b1) * l1 ** b1, 1 / b2 * n2 ** (1 - b2) * l2 ** b2
    return {
        "migrants": moved,
        "migrant_share": moved / n2,
        "wage_1_before": w1_0, "wage_2_before": w2_0, "wage_1": w1, "wage_2": w2,
        "stayers_1": n1 * (w1 - w1_0),
        "migrants_gain": moved * (w1 - c - w2_0),
        "stayers_2": l2 * (w2 - w2_0),
        "capital_1": (1 - b1) * (y1 - y1_0),
        "capital_2": (1 - b2) * (y2 - y2_0),
        "world_output": y1 + y2 - y1_0 - y2_0,
        "world_net": y1 + y2 - y1_0 - y2_0 - c * moved,
        "world_before": y1_0 + y2_0,
    }


def wage_paths(gap: float, labour_share: float, moved_share: object,
               workers_1: float = DEFAULTS.workers_1, workers_2: float = DEFAULTS.workers_2) -> dict[str, np.ndarray]:
    """The two wages as a share ``moved_share`` (0 to just below 1) of region 2's workers has moved.

    >>> {k: v.round(3).tolist() for k, v in wage_paths(4, 0.5, [0, 0.5]).items()}
    {'wage_1': [4.0, 3.266], 'wage_2': [1.0, 1.414]}
    """
    moved = as_array("moved_share", moved_share)
    if np.any((moved < 0) | (moved >= 1)):
        raise ParameterError(f"moved_share must be at least 0 and below 1, got {moved_share!r}")
    n1 = float(positive("workers_1", workers_1, "millions"))
    n2 = float(positive("workers_2", workers_2, "millions"))
    m = moved * n2
    return {"wage_1": wage(gap, n1, n1 + m, labour_share), "wage_2": wage(1, n2, n2 - m, labour_share)}

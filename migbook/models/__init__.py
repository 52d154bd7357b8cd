"""Toy models of migration, as plain vectorised functions with validated inputs: one model per module.

Each module documents its units and the published or hand-checkable results
its tests reproduce, and holds its explorer's starting values in ``DEFAULTS``
(the explorer of the same name in :mod:`migbook.explorers` reads them there).

* :mod:`~migbook.models.stock_flow`: stocks and flows of a migrant population;
* :mod:`~migbook.models.reciprocity`: the repeated prisoner's dilemma (Axelrod);
* :mod:`~migbook.models.mobility_regime`: a labour-mobility regime only receiving states can supply (Meyers);
* :mod:`~migbook.models.win_sets`: ratification as a two-level game (Putnam);
* :mod:`~migbook.models.diffusion`: threshold cascades (Granovetter);
* :mod:`~migbook.models.convergence`: averaging of views (DeGroot);
* :mod:`~migbook.models.free_movement`: TODO (one line on the model);
* :mod:`~migbook.models.asylum_key`: TODO (one line on the model);
* :mod:`~migbook.models.border_market`: TODO (one line on the model);
* :mod:`~migbook.models.citizenship`: TODO (one line on the model);
* :mod:`~migbook.models.replacement`: TODO (one line on the model);
* :mod:`~migbook.models.brain_gain`: TODO (one line on the model);
* :mod:`~migbook.models.screening`: TODO (one line on the model);
* :mod:`~migbook.models.recurrence`: TODO (one line on the model).
"""

from migbook.models import (
    asylum_key,
    border_market,
    brain_gain,
    citizenship,
    convergence,
    diffusion,
    free_movement,
    mobility_regime,
    reciprocity,
    recurrence,
    replacement,
    screening,
    stock_flow,
    win_sets,
)

__all__ = [
    "asylum_key",
    "border_market",
    "brain_gain",
    "citizenship",
    "convergence",
    "diffusion",
    "free_movement",
    "mobility_regime",
    "reciprocity",
    "recurrence",
    "replacement",
    "screening",
    "stock_flow",
    "win_sets",
]

"""Toy models of migration, as plain vectorised functions with validated inputs: one model per module.

Each module documents its units and the published or hand-checkable results
its tests reproduce, and holds its explorer's starting values in ``DEFAULTS``
(the explorer of the same name in :mod:`migbook.explorers` reads them there).

* :mod:`~migbook.models.stock_flow`: stocks and flows of a migrant population;
* :mod:`~migbook.models.reciprocity`: the repeated prisoner's dilemma (Axelrod);
* :mod:`~migbook.models.public_goods`: a labour-mobility regime as a public good;
* :mod:`~migbook.models.win_sets`: ratification as a two-level game (Putnam);
* :mod:`~migbook.models.diffusion`: threshold cascades (Granovetter);
* :mod:`~migbook.models.convergence`: averaging of views (DeGroot).
"""

from migbook.models import convergence, diffusion, public_goods, reciprocity, stock_flow, win_sets

__all__ = ["convergence", "diffusion", "public_goods", "reciprocity", "stock_flow", "win_sets"]

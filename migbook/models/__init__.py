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
* :mod:`~migbook.models.free_movement`: two regions under free movement: wages, migration and who gains (Cobb-Douglas);
* :mod:`~migbook.models.asylum_key`: a responsibility-sharing key for asylum seekers, against where they applied;
* :mod:`~migbook.models.border_market`: enforcement against a smuggling market, with an easy and a dangerous route;
* :mod:`~migbook.models.citizenship`: citizenship rules and the share of residents without a vote, over generations;
* :mod:`~migbook.models.replacement`: the migration that holds a population, its workforce or its support ratio;
* :mod:`~migbook.models.brain_gain`: brain drain and brain gain: education when emigration raises its return;
* :mod:`~migbook.models.screening`: screening at the border: thresholds, false alarms and misses (ROC);
* :mod:`~migbook.models.recurrence`: conflict recurrence as a two-state Markov chain with diaspora funding;
* :mod:`~migbook.models.responsibility_sharing`: refugee protection as an impure public good (Betts; Olson).
* :mod:`~migbook.models.remittance_cost`: what a cut in the cost of sending remittances brings families.
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
    remittance_cost,
    replacement,
    responsibility_sharing,
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
    "remittance_cost",
    "replacement",
    "responsibility_sharing",
    "screening",
    "stock_flow",
    "win_sets",
]

"""Toy models of migration, as plain vectorised functions with validated inputs.

Each module documents its units and the published or hand-checkable results
its tests reproduce.
"""

from migbook.models import stock_flow

__all__ = ["stock_flow"]

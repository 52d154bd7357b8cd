"""The consultative-process network Chapter 4's figures run on, and its variants as a control."""

from __future__ import annotations

import functools

import numpy as np

from migbook import data
from migbook.figures import Control

NETWORK_YEAR = 2025
# The network control: all five processes, or the network with the links one process creates taken away.
NETWORKS = {"ALL": "All five processes", "BALI": "Without the Bali Process", "IGC": "Without the IGC",
            "ABU_DHABI_DIALOGUE": "Without the Abu Dhabi Dialogue"}
DEFAULT_NETWORK = "ALL"
# Names for menus and sentences: the organisations table's full names run to a hundred characters.
SHORT_NAMES = {"BALI": "Bali Process", "IGC": "Intergovernmental Consultations (IGC)",
               "ABU_DHABI_DIALOGUE": "Abu Dhabi Dialogue", "COLOMBO": "Colombo Process",
               "PUEBLA_RCM": "Puebla Process (Regional Conference on Migration)"}


def network(variant: str) -> tuple[list[str], np.ndarray]:
    """The states and ties of the network ``variant`` (a key of :data:`NETWORKS`)."""
    kept = tuple(p for p in data.CONSULTATIVE_PROCESSES if p != variant)
    return data.rcp_network(NETWORK_YEAR, processes=kept)


def network_control() -> Control:
    """The menu that picks the network."""
    return Control("network", "Network", tuple(NETWORKS), DEFAULT_NETWORK, kind="select",
                   labels=tuple(NETWORKS.values()))


def list_dates() -> str:
    """The year of each process's member list, for captions: the network joins lists of different years."""
    as_of = data.load("organisations").set_index("code")["members_as_of"]
    dated = ", ".join(f"{SHORT_NAMES[code].split(' (')[0]} {int(as_of[code])}" for code, _ in processes())
    return f"Member lists as recorded for each process: {dated}."


@functools.cache
def processes() -> tuple[tuple[str, str], ...]:
    """(code, short name) of the consultative processes in the network, largest first."""
    sizes = {code: len(data.members_in(code, NETWORK_YEAR)) for code in data.CONSULTATIVE_PROCESSES}
    ordered = sorted(data.CONSULTATIVE_PROCESSES, key=lambda code: -sizes[code])
    return tuple((code, SHORT_NAMES[code]) for code in ordered)

"""What the network shows of each firm: outsider, contributing member, free-riding member
or expelled (an outsider still under its readmission ban), read off the enterprise table."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

from agents.action import Action

if TYPE_CHECKING:
    from sim.model import AllianceModel


class FirmState(StrEnum):
    """A firm's place in the alliance, as the network's colours show it."""

    OUTSIDER = "outsider"
    CONTRIBUTING = "contributing member"
    FREE_RIDING = "free-riding member"
    EXPELLED = "expelled"


STATE_COLOURS: dict[FirmState, str] = {
    FirmState.OUTSIDER: "#b0b0b0",
    FirmState.CONTRIBUTING: "#1b9e77",
    FirmState.FREE_RIDING: "#d95f02",
    FirmState.EXPELLED: "#7570b3",
}
"""Colour-blind-safe (ColorBrewer Dark2) for the three kinds of firm in the alliance's
story, grey for outsiders."""


def firm_states(model: AllianceModel, rows: np.ndarray) -> np.ndarray:
    """The state of each slot in ``rows`` (as text); vacant slots are outsiders (the
    caller draws only active firms)."""
    t = model.firms
    strategy = t.strategy[rows]
    expelled = (strategy == Action.OUTSIDE) & (t.banned_until[rows] > model.steps)
    states = np.full(len(rows), FirmState.OUTSIDER.value, dtype=object)
    states[strategy == Action.CONTRIBUTE] = FirmState.CONTRIBUTING.value
    states[strategy == Action.FREE_RIDE] = FirmState.FREE_RIDING.value
    states[expelled] = FirmState.EXPELLED.value
    return states

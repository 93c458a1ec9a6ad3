"""An enterprise's stance towards the alliance, as a small integer code.

The codes index the columns of every per-strategy array (propensities, counterfactual
payoffs, switching costs), so the vectorised rules can use them directly.
"""

from enum import IntEnum

from sim.scenario import Strategy


class Action(IntEnum):
    """Stay outside (the loner of the optional game), contribute, or free-ride."""

    OUTSIDE = 0
    CONTRIBUTE = 1
    FREE_RIDE = 2

    @property
    def is_member(self) -> bool:
        return self is not Action.OUTSIDE

    def flip(self) -> "Action":
        """Contribute <-> free-ride; outside stays outside."""
        return {Action.CONTRIBUTE: Action.FREE_RIDE, Action.FREE_RIDE: Action.CONTRIBUTE}.get(
            self, self
        )

    @classmethod
    def of(cls, strategy: Strategy) -> "Action":
        return cls[strategy.name]


N_ACTIONS = len(Action)

# The codes as plain ints, for loops compiled with numba (sim/compiled.py), which read
# module-level ints as constants.
OUTSIDE_CODE, CONTRIBUTE_CODE, FREE_RIDE_CODE = (int(action) for action in Action)

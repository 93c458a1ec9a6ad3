"""Which way is better for an outcome: more cooperation is better, more public cost is not.

Ranking modes on an outcome (robust comparison, "A beats B" conditions) needs the
direction of preference. Outcomes are better when higher unless their name (the part
after ``section.``) is listed in :data:`LOWER_IS_BETTER`: costs, inequality, exits.
"""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Whether a higher or a lower value of an outcome is better."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def sign(self) -> int:
        """+1 when higher is better, −1 when lower is better."""
        return 1 if self is Direction.HIGHER else -1


LOWER_IS_BETTER = frozenset(
    {
        "public_cost",
        "cumulative_public_cost",
        "subsidies",
        "gini",
        "exits",
        "expelled",
    }
)


def direction_of(outcome: str) -> Direction:
    """The direction of preference of ``outcome`` (``section.name``)."""
    name = outcome.rpartition(".")[2]
    return Direction.LOWER if name in LOWER_IS_BETTER else Direction.HIGHER

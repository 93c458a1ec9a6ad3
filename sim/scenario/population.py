"""The population section: the service enterprises at the start (segments, capacity,
quality, cash) and the flow of entrants."""

from __future__ import annotations

import math
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from sim.scenario.section import Section, param


class Segment(StrEnum):
    """Business segments of the archives service industry (the paper's sub-industries)."""

    CUSTODY = "custody"
    DIGITISATION = "digitisation"
    SOFTWARE = "software"
    CONSULTING = "consulting"
    EQUIPMENT = "equipment"


SEGMENTS: tuple[Segment, ...] = tuple(Segment)


def _default_segment_shares() -> dict[Segment, float]:
    return {
        Segment.CUSTODY: 0.25,
        Segment.DIGITISATION: 0.35,
        Segment.SOFTWARE: 0.2,
        Segment.CONSULTING: 0.1,
        Segment.EQUIPMENT: 0.1,
    }


class Population(Section):
    """The service enterprises at the start and the flow of entrants."""

    enterprises: int = param(1000, 2, 1_000_000, "firms", "Initial number of service enterprises")
    segment_shares: dict[Segment, float] = Field(
        default_factory=_default_segment_shares,
        description="Share of firms in each segment; must sum to 1",
        json_schema_extra={"unit": "fraction"},
    )
    capacity_shape: float = param(
        1.6,
        1.01,
        50.0,
        "dimensionless",
        "Pareto tail index of capacity (smaller = a few large leaders, many SMEs)",
    )
    capacity_minimum: float = param(1.0, 1e-6, 1e6, "CU", "Smallest firm's capacity")
    capacity_maximum: float = param(200.0, 1e-6, 1e9, "CU", "Capacity cap of the largest firms")
    sme_capacity: float = param(3.0, 0.0, 1e9, "CU", "Firms below this capacity are SMEs")
    quality_alpha: float = param(4.0, 0.01, 1e3, "dimensionless", "Beta(a, b) shape a of quality")
    quality_beta: float = param(4.0, 0.01, 1e3, "dimensionless", "Beta(a, b) shape b of quality")
    initial_cash_per_capacity: float = param(
        4.0, 0.0, 1e6, "MU/CU", "Starting cash per capacity unit"
    )
    initial_reputation: float = param(0.5, 0.0, 1.0, "score", "Starting reputation of every firm")
    entry_rate: float = param(
        0.01,
        0.0,
        1.0,
        "firms/initial firm/step",
        "Potential entrants per step per initial firm (each enters with the entry probability)",
    )
    entry_hurdle: float = param(
        0.05,
        1e-9,
        1e6,
        "MU/CU/step",
        "Incumbents' smoothed profit per capacity unit at which half the potential entrants "
        "enter (P = profit / (profit + hurdle); none while profit <= 0)",
    )
    initial_member_share: float = param(
        0.3, 0.0, 1.0, "fraction", "Share of firms that start as alliance members"
    )
    initial_contributor_share: float = param(
        0.5, 0.0, 1.0, "fraction", "Share of starting members that contribute"
    )

    @field_validator("segment_shares")
    @classmethod
    def _shares_sum_to_one(cls, shares: dict[Segment, float]) -> dict[Segment, float]:
        if any(v < 0 for v in shares.values()):
            raise ValueError("segment shares must be >= 0")
        total = sum(shares.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise ValueError(f"segment shares must sum to 1; they sum to {total:g}")
        return shares

    @model_validator(mode="after")
    def _capacity_range(self) -> Population:
        if self.capacity_maximum < self.capacity_minimum:
            raise ValueError(
                f"capacity_maximum ({self.capacity_maximum:g}) must be >= "
                f"capacity_minimum ({self.capacity_minimum:g})"
            )
        return self

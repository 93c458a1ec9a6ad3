"""The events section: the scheduled events a scenario may declare, one model per kind,
discriminated by ``kind`` (applied by :mod:`sim.events`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from sim.scenario.charter import Charter
from sim.scenario.section import Section, param


class EventKind(StrEnum):
    """Scheduled events a scenario may declare (applied in the events stage)."""

    SUBSIDY_PHASE_OUT = "subsidy_phase_out"
    DEMAND_SHOCK = "demand_shock"
    LEADER_EXIT = "leader_exit"
    ENTRY_WAVE = "entry_wave"
    CHARTER_CHANGE = "charter_change"


class SubsidyPhaseOut(Section):
    """The administration's subsidy falls to ``to_fraction`` of its level: at once
    (``duration`` 0) or linearly over ``duration`` steps."""

    kind: Literal[EventKind.SUBSIDY_PHASE_OUT] = EventKind.SUBSIDY_PHASE_OUT
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    duration: int = param(0, 0, 1_000_000, "steps", "0 = sudden; else linear over this many")
    to_fraction: float = param(0.0, 0.0, 1.0, "fraction", "Final subsidy as share of its level")


class DemandShock(Section):
    """Client demand (projects per firm) is multiplied by ``factor``; for ``duration``
    steps, or for good (``duration`` 0)."""

    kind: Literal[EventKind.DEMAND_SHOCK] = EventKind.DEMAND_SHOCK
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    factor: float = param(0.5, 0.0, 100.0, "multiplier", "Multiplier on projects_per_firm")
    duration: int = param(0, 0, 1_000_000, "steps", "0 = permanent; else steps until undone")


class LeaderExit(Section):
    """The ``count`` largest active firms leave the market (their cash leaves with them)."""

    kind: Literal[EventKind.LEADER_EXIT] = EventKind.LEADER_EXIT
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    count: int = param(1, 1, 1_000_000, "firms", "How many of the largest firms leave")


class EntryWave(Section):
    """``entrants`` new firms enter at once (drawn like every entrant)."""

    kind: Literal[EventKind.ENTRY_WAVE] = EventKind.ENTRY_WAVE
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    entrants: int = param(100, 1, 1_000_000, "firms", "How many firms enter")


class CharterChange(Section):
    """The charter's keys in ``changes`` take new values (e.g. ``{fee: 0.2}``)."""

    kind: Literal[EventKind.CHARTER_CHANGE] = EventKind.CHARTER_CHANGE
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="Charter keys and their new values",
        json_schema_extra={"unit": "mapping"},
    )

    @field_validator("changes")
    @classmethod
    def _charter_keys(cls, changes: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(changes) - set(Charter.model_fields))
        if unknown:
            raise ValueError(
                f"unknown charter key(s) {', '.join(unknown)}; allowed: "
                + ", ".join(Charter.model_fields)
            )
        Charter.model_validate(changes)
        return changes


Event = Annotated[
    SubsidyPhaseOut | DemandShock | LeaderExit | EntryWave | CharterChange,
    Field(discriminator="kind"),
]
EVENT_MODELS = (SubsidyPhaseOut, DemandShock, LeaderExit, EntryWave, CharterChange)

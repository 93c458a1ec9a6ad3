"""Scheduled events: the scenario declares them with the step they fire, the model's
events stage applies them (after bankrupt exits and regular entry), and every firing
is logged (``summary.json`` ``events``; time-series column ``events_fired``).

An event declared for step ``s`` fires at the end of step ``s``, so it shapes step
``s + 1`` onwards:

* ``subsidy_phase_out``: the administration's matching subsidy rate falls from its
  level ``S`` to ``to_fraction x S``; at once (``duration`` 0 or 1) or linearly, by
  ``(1 - to_fraction) S / duration`` per step at steps ``s .. s + duration - 1``, so
  the subsidy paid in step ``s + duration`` is the final level.
* ``demand_shock``: ``market.projects_per_initial_firm`` is multiplied by ``factor``; with
  ``duration`` D > 0 it is restored at the end of step ``s + D`` (logged as phase
  ``end``).
* ``leader_exit``: the ``count`` largest active firms leave the market.
* ``entry_wave``: ``entrants`` firms enter at once (outsiders, drawn like any entrant).
* ``charter_change``: the written charter takes the new values; loose/tight governance
  is applied to it again (:mod:`sim.governance_form`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.governance_form import effective_charter
from sim.scenario import (
    Charter,
    CharterChange,
    DemandShock,
    EntryWave,
    EventKind,
    LeaderExit,
    SubsidyPhaseOut,
)

if TYPE_CHECKING:
    from sim.model import AllianceModel

Record = dict[str, Any]
Action = Callable[["AllianceModel"], Record]


class EventSchedule:
    """The scenario's events, plus follow-up actions (ramps, restores) they schedule."""

    def __init__(self, events: tuple) -> None:
        self.declared = events
        self.log: list[Record] = []
        self.fired_last_step = 0
        self._later: dict[int, list[tuple[str, Action]]] = {}

    def later(self, step: int, kind: str, action: Action) -> None:
        """Run ``action`` in the events stage of ``step`` (and log it under ``kind``)."""
        self._later.setdefault(step, []).append((kind, action))

    def apply(self, model: AllianceModel) -> int:
        """Fire this step's declared events and follow-ups; return how many fired."""
        step = model.steps
        fired = 0
        for event in self.declared:
            if event.step == step:
                self._record(step, event.kind.value, APPLY[event.kind](model, event))
                fired += 1
        for kind, action in self._later.pop(step, []):
            self._record(step, kind, action(model))
        self.fired_last_step = fired
        return fired

    def _record(self, step: int, kind: str, details: Record) -> None:
        self.log.append({"step": step, "kind": kind, **details})


def subsidy_phase_out(model: AllianceModel, event: SubsidyPhaseOut) -> Record:
    admin = model.administration
    start = admin.subsidy
    target = event.to_fraction * start
    steps = max(event.duration, 1)
    drop = (start - target) / steps
    admin.subsidy = start - drop
    for k in range(1, steps):
        level = start - drop * (k + 1)
        model.event_schedule.later(
            event.step + k, "subsidy_phase_out_ramp", _set_subsidy(level, final=k == steps - 1)
        )
    return {
        "subsidy_before": start,
        "subsidy_after": admin.subsidy,
        "final": target,
        "duration": event.duration,
    }


def _set_subsidy(level: float, final: bool) -> Action:
    def act(model: AllianceModel) -> Record:
        model.administration.subsidy = level
        return {"subsidy_after": level, "final_step": final}

    return act


def demand_shock(model: AllianceModel, event: DemandShock) -> Record:
    before = model.market_spec.projects_per_initial_firm
    model.market_spec = model.market_spec.model_copy(
        update={"projects_per_initial_firm": before * event.factor}
    )
    if event.duration > 0:
        model.event_schedule.later(
            event.step + event.duration, "demand_shock_end", _restore_demand(before)
        )
    return {
        "projects_per_initial_firm_before": before,
        "projects_per_initial_firm_after": model.market_spec.projects_per_initial_firm,
        "duration": event.duration,
    }


def _restore_demand(level: float) -> Action:
    def act(model: AllianceModel) -> Record:
        model.market_spec = model.market_spec.model_copy(
            update={"projects_per_initial_firm": level}
        )
        return {"projects_per_initial_firm_after": level}

    return act


def leader_exit(model: AllianceModel, event: LeaderExit) -> Record:
    t = model.firms
    active = np.flatnonzero(t.active)
    order = active[np.argsort(-t.capacity[active], kind="stable")]
    rows = order[: event.count]
    capacity = t.capacity[rows].tolist()
    were_members = t.members()[rows].tolist()
    before = model.last_exits
    model.exit_firms(rows)
    model.last_exits += before
    return {"rows": rows.tolist(), "capacity": capacity, "were_members": were_members}


def entry_wave(model: AllianceModel, event: EntryWave) -> Record:
    before = model.last_entrants
    model.enter_firms(event.entrants)
    model.last_entrants += before
    return {"entrants": event.entrants}


def charter_change(model: AllianceModel, event: CharterChange) -> Record:
    alliance = model.alliance
    written = Charter.model_validate({**alliance.written_charter.model_dump(), **event.changes})
    alliance.written_charter = written
    alliance.charter = effective_charter(written, model.config.governance)
    if model.society is not None and "fee" in event.changes:
        model.society.fee = alliance.charter.fee
    return {"changes": {k: _plain(v) for k, v in event.changes.items()}}


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


APPLY: dict[EventKind, Callable[[AllianceModel, Any], Record]] = {
    EventKind.SUBSIDY_PHASE_OUT: subsidy_phase_out,
    EventKind.DEMAND_SHOCK: demand_shock,
    EventKind.LEADER_EXIT: leader_exit,
    EventKind.ENTRY_WAVE: entry_wave,
    EventKind.CHARTER_CHANGE: charter_change,
}

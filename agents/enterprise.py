"""ServiceEnterprise: an archives service firm (custody, digitisation, software,
consulting or equipment).

Its state lives in one row of the model's enterprise table (DESIGN.md section 5);
this agent is the readable face of that row, so Mesa's tools (AgentSet, DataCollector,
the explorer) can see firms one by one while the model computes on all of them at
once.

An enterprise's payoff in a step (MU) is

    profit = market revenue - delivery cost - fixed cost
           + [member] (pool payout - contribution - fee - fine + subsidy)
           + [not in a running pool] sigma  - switching cost,

and it decides whether to join, stay or leave, and as a member whether to contribute
or free-ride, by the scenario's decision rule comparing such payoffs (per capacity
unit by default).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from agents.action import Action
from sim.scenario import SEGMENTS, Segment

if TYPE_CHECKING:
    from sim.enterprise_table import EnterpriseTable


class ServiceEnterprise(mesa.Agent):
    """One firm; attributes read and write its row of the enterprise table."""

    def __init__(self, model: mesa.Model, row: int) -> None:
        super().__init__(model)
        self.row = row

    @property
    def _table(self) -> EnterpriseTable:
        return self.model.firms

    @property
    def segment(self) -> Segment:
        return SEGMENTS[int(self._table.segment[self.row])]

    @property
    def capacity(self) -> float:
        return float(self._table.capacity[self.row])

    @property
    def is_sme(self) -> bool:
        return self.capacity < self.model.config.population.sme_capacity

    @property
    def quality(self) -> float:
        return float(self._table.quality[self.row])

    @quality.setter
    def quality(self, value: float) -> None:
        self._table.quality[self.row] = value

    @property
    def cash(self) -> float:
        return float(self._table.cash[self.row])

    @cash.setter
    def cash(self, value: float) -> None:
        self._table.cash[self.row] = value

    @property
    def reputation(self) -> float:
        return float(self._table.reputation[self.row])

    @reputation.setter
    def reputation(self, value: float) -> None:
        self._table.reputation[self.row] = value

    @property
    def action(self) -> Action:
        return Action(int(self._table.strategy[self.row]))

    @action.setter
    def action(self, value: Action) -> None:
        self._table.strategy[self.row] = int(value)

    @property
    def is_member(self) -> bool:
        return self.action.is_member

    @property
    def contributes(self) -> bool:
        return self.action is Action.CONTRIBUTE

    @property
    def certified(self) -> bool:
        return bool(self._table.certified[self.row])

    @property
    def profit(self) -> float:
        """Profit of the last step, all sources (MU)."""
        return float(self._table.profit[self.row])

    @property
    def in_business(self) -> bool:
        return bool(self._table.active[self.row])

    def __repr__(self) -> str:
        return (
            f"ServiceEnterprise(id={self.unique_id}, row={self.row}, "
            f"segment={self.segment.value}, action={self.action.name.lower()})"
        )

"""What a deciding firm can see: strategies, payoffs, what is open to it, its neighbours
and the cost of moving (:class:`DecisionView`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from agents.action import N_ACTIONS
from sim.compiled import compiled


class Neighbours(Protocol):
    """Who a firm can observe: implemented by ``sim.network.InteractionNetwork``."""

    def sample_one(self, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """One random neighbour per row of ``who`` (-1 where it has none)."""
        ...

    def best_neighbour(
        self, who: np.ndarray, payoff: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray:
        """The neighbour with the highest payoff per row of ``who`` (-1 where none)."""
        ...


@dataclass
class DecisionView:
    """What a deciding firm can see. Arrays cover all rows of the enterprise table.

    ``strategy`` is live: with random-sequential updating, firms that decide later in
    the step see the choices of those who decided earlier.
    """

    strategy: np.ndarray
    payoff: np.ndarray
    allowed: np.ndarray
    neighbours: Neighbours
    switch_cost: np.ndarray = field(default_factory=lambda: np.zeros((N_ACTIONS, N_ACTIONS)))
    cost_scale: np.ndarray | None = None
    counterfactual: object | None = None
    payoff_scale: float | None = None
    # (who, model) -> normaliser M per pair, e.g. from sim.incentives.payoff_bounds
    pair_scale: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

    def switching(self, who: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Cost, in payoff units, for each firm in ``who`` of moving to strategy ``target``."""
        cost = self.switch_cost[self.strategy[who], target]
        return cost if self.cost_scale is None else cost * self.cost_scale[who]

    def switching_to_each(self, who: np.ndarray) -> np.ndarray:
        """Cost for each firm in ``who`` (rows) of moving to each strategy (columns)."""
        if self.cost_scale is None:
            return self.switch_cost[self.strategy[who]]
        return _scaled_costs(self.switch_cost, self.strategy, self.cost_scale, who)

    def net_gain(self, who: np.ndarray, model: np.ndarray) -> np.ndarray:
        """Payoff of ``model``'s row minus own payoff minus the cost of switching to its
        strategy."""
        cost = self.switching(who, self.strategy[model])
        return self.payoff[model] - self.payoff[who] - cost


@compiled
def _scaled_costs(switch_cost, strategy, scale, who):
    """``switch_cost[strategy[who]] * scale[who, None]`` in one pass (the same products)."""
    cost = np.empty((len(who), switch_cost.shape[1]))
    for j in range(len(who)):
        row = who[j]
        for column in range(switch_cost.shape[1]):
            cost[j, column] = switch_cost[strategy[row], column] * scale[row]
    return cost

"""Industry dynamics: an exogenous market size, entry that answers to profit, exit at
insolvency, so the number of firms settles (the paper's young, fragmented industry,
without assuming it grows for ever).

* **Demand** (:func:`market_size`): ``D_t = d N_0 (1 + g)^(t - 1)`` projects per step,
  ``d = market.projects_per_initial_firm``, ``g = market.demand_growth``, ``N_0`` the
  initial number of firms; a demand shock multiplies ``d`` while it lasts. Entry brings
  no demand of its own.
* **Entry** (:func:`expected_entrants`): ``population.entry_rate x N_0`` potential
  entrants arrive per step (Poisson); each enters with probability
  ``P = pi / (pi + h)`` when the incumbents' smoothed profit per capacity unit
  ``pi > 0`` (and ``P = 0`` otherwise), ``h = population.entry_hurdle``: the profit at
  which half of them find entering worth its cost. The thinned flow is
  ``Poisson(entry_rate N_0 P)``. The potential entrants (their number, traits and the
  uniform that decides whether each enters) are drawn before and apart from the
  incumbents' profit (:meth:`sim.roster.Roster.enter_firms`), so runs with one seed
  meet the same potential entrants.
* **Profit signal** (:class:`ProfitSignal`): ``pi_t = (1 - lambda) pi_{t-1} + lambda
  x (total profit_t / total capacity_t)`` over firms in business, with the firms' own
  payoff memory ``lambda`` (``decisions.enterprise.payoff_memory``).
* **Exit**: a firm whose cash falls below zero leaves (the model's events stage).

More firms split a fixed demand, profits fall, entry slows until it matches exits:
the industry settles where incumbents' profit makes entry just balance bankruptcies.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.scenario import Market, Population


def market_size(spec: Market, population: Population, step: int) -> float:
    """Expected projects posted in ``step`` (1, 2, ...): the exogenous demand ``D_t``."""
    growth = (1.0 + spec.demand_growth) ** max(step - 1, 0)
    return spec.projects_per_initial_firm * population.enterprises * growth


def entry_probability(profit_per_capacity: float, hurdle: float) -> float:
    """Share of potential entrants that enter: ``pi / (pi + h)``, 0 while ``pi <= 0``."""
    if profit_per_capacity <= 0.0:
        return 0.0
    return profit_per_capacity / (profit_per_capacity + hurdle)


def expected_entrants(population: Population, profit_per_capacity: float) -> float:
    """Mean of the Poisson number of entrants this step."""
    potential = population.entry_rate * population.enterprises
    return potential * entry_probability(profit_per_capacity, population.entry_hurdle)


@dataclass
class ProfitSignal:
    """Incumbents' profit per capacity unit, smoothed over recent quarters (MU/CU/step):
    what a potential entrant reads off the industry."""

    memory: float  # lambda: weight of the latest step, in (0, 1]
    value: float | None = None

    def observe(self, profit: np.ndarray, capacity: np.ndarray, active: np.ndarray) -> float:
        """Fold this step's capacity-weighted profit rate of the firms in business in."""
        total = float(capacity[active].sum())
        latest = float(profit[active].sum()) / total if total > 0 else 0.0
        if self.value is None:
            self.value = latest
        else:
            self.value = (1.0 - self.memory) * self.value + self.memory * latest
        return self.value

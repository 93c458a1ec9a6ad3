"""Administration: an archives administration with a public budget and policy levers.

In the paper the administrations guide the industry but cannot solve its common
problems alone (limited budget, arm's-length knowledge of firms). Here it holds a
budget, appropriated each step, and may back the alliance with subsidies to
contributing members, procurement preference for members, and audits when it
organises. It never spends beyond its budget: subsidies are scaled down pro rata when
the budget cannot pay them in full.

Its decision (``backing_rule``): ``committed`` backs whenever present; ``adaptive``
backs with logit probability

    P(back) = 1 / (1 + exp(-kappa * (v * contributors - spending_last_step)))

weighing the public value ``v`` it sees in each contributing member (industry order,
quality, security of records) against what backing cost it in the last step.
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from sim.scenario import Administration as AdministrationSpec
from sim.scenario import BackingRule


class Administration(mesa.Agent):
    """The archives administration (public budget, subsidies, preference, audits)."""

    def __init__(self, model: mesa.Model, spec: AdministrationSpec) -> None:
        super().__init__(model)
        self.spec = spec
        self.budget = spec.budget_initial
        self.backing = True
        self.subsidy = spec.subsidy  # current subsidy per contributor (events may change it)
        self.spent_last_step = 0.0
        self.spent_total = 0.0

    def appropriate(self) -> float:
        """Receive this step's appropriation."""
        self.budget += self.spec.budget_per_step
        return self.spec.budget_per_step

    def pay(self, amount: float) -> float:
        """Spend up to ``amount`` from the budget; return what was actually paid."""
        paid = min(max(amount, 0.0), self.budget)
        self.budget -= paid
        self.spent_total += paid
        return paid

    def receive(self, amount: float) -> None:
        self.budget += amount

    def subsidy_per_contributor(self, contributors: int) -> float:
        """What each contributing member gets this step (pro rata when the budget is short)."""
        if not self.backing or contributors == 0 or self.subsidy <= 0:
            return 0.0
        due = self.subsidy * contributors
        return min(due, self.budget) / contributors

    def preference(self) -> float:
        """Score bonus members get in public procurement while it backs the alliance."""
        return self.spec.procurement_preference if self.backing else 0.0

    def decide(self, contributors: int, rng: np.random.Generator) -> bool:
        """Back or withdraw for the next step (see the module docstring)."""
        if self.spec.backing_rule is BackingRule.COMMITTED:
            self.backing = True
        else:
            gain = self.spec.public_value * contributors - self.spent_last_step
            x = -self.spec.backing_intensity * gain
            p = 0.0 if x > 700 else 1.0 / (1.0 + math.exp(x))
            self.backing = bool(rng.random() < p)
        return self.backing

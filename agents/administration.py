"""Administration: an archives administration with a public budget and policy levers.

In the paper the administrations guide the industry but cannot solve its common
problems alone (limited budget, arm's-length knowledge of firms). Here it holds a
budget, appropriated each step, and may back the alliance with a matching subsidy
(``subsidy`` MU per MU a member contributes, so the incentive scales with the
contribution it rewards), procurement preference for members, and audits when it
organises. What it spends follows what it does: subsidies actually claimed, audits
actually run; an appropriation it does not need stays in the budget. It never spends
beyond its budget: subsidies are scaled down pro rata when the budget cannot pay them
in full.

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
        self.subsidy = spec.subsidy  # current matching rate, MU/MU (events may change it)
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

    def grant_subsidies(self, contributions: np.ndarray) -> np.ndarray:
        """Pay each contributing member ``subsidy`` x what it contributed this step (MU),
        pro rata when the budget is short; return what each received."""
        rate = self.funded_rate(float(contributions.sum()))
        if rate <= 0:
            return np.zeros(len(contributions))
        paid = self.pay(rate * float(contributions.sum()))
        return contributions * (paid / float(contributions.sum()))

    def funded_rate(self, total_contributions: float) -> float:
        """The matching rate it can honour this step on ``total_contributions`` (MU/MU)."""
        if not self.backing or self.subsidy <= 0 or total_contributions <= 0:
            return 0.0
        return min(self.subsidy, self.budget / total_contributions)

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

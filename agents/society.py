"""Society: an archival society or industry association.

In the paper the societies and associations have credibility and convening power but
little money and no authority over firms. Here it has its own funds, pays a running
cost each step it takes part, may certify members of sufficient quality (certificates
can be an admission rule and are visible to clients), trains members (quality grows
towards 1), and, when it runs the alliance, collects fees and moves the fee towards
covering its running cost.

Its decision: take part with logit probability

    P(take part) = 1 / (1 + exp(-kappa * (w * members + fee income - running cost)))

weighing the influence ``w`` it gains per member it represents and its fee income
against its running cost. It cannot take part when its funds cannot pay the running
cost (no negative budgets).
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from sim.scenario import Society as SocietySpec


class Society(mesa.Agent):
    """The archival society / industry association."""

    def __init__(self, model: mesa.Model, spec: SocietySpec, fee: float) -> None:
        super().__init__(model)
        self.spec = spec
        self.cash = spec.budget_initial
        self.participating = True
        self.fee = fee
        self.income_last_step = 0.0
        self.spent_last_step = 0.0  # paid for monitoring, platform or staff this step

    def run_offices(self) -> bool:
        """Pay this step's running cost if it takes part; drop out if it cannot pay."""
        self.spent_last_step = 0.0
        if not self.participating:
            return False
        if self.cash < self.spec.running_cost:
            self.participating = False
            return False
        self.cash -= self.spec.running_cost
        return True

    def pay(self, amount: float) -> float:
        """Spend up to ``amount`` of its funds; return what was paid."""
        paid = min(max(amount, 0.0), self.cash)
        self.cash -= paid
        self.spent_last_step += paid
        return paid

    def receive(self, amount: float) -> None:
        self.cash += amount
        self.income_last_step += amount

    def certifies(self, quality: np.ndarray) -> np.ndarray:
        """Which firms meet its certification standard."""
        if not self.participating:
            return np.zeros(len(quality), dtype=bool)
        return quality >= self.spec.certification_threshold

    def train(self, quality: np.ndarray, members: np.ndarray) -> np.ndarray:
        """Quality after one step of its training for members."""
        if not self.participating or self.spec.training_rate == 0:
            return quality
        return np.where(members, quality + self.spec.training_rate * (1.0 - quality), quality)

    def adjust_fee(self, members: int) -> float:
        """Move the fee towards covering its costs (running cost plus what it paid for
        monitoring, platform or staff) from members' fees."""
        if self.spec.fee_adjustment > 0 and members > 0:
            costs = self.spec.running_cost + self.spent_last_step
            gap = (costs - self.income_last_step) / members
            self.fee = min(max(self.fee + self.spec.fee_adjustment * gap, 0.0), self.spec.max_fee)
        return self.fee

    def decide(self, members: int, rng: np.random.Generator) -> bool:
        """Take part or not in the next step (see the module docstring)."""
        if self.cash < self.spec.running_cost:
            self.participating = False
            return False
        gain = self.spec.influence_value * members + self.income_last_step - self.spec.running_cost
        x = -self.spec.participation_intensity * gain
        p = 0.0 if x > 700 else 1.0 / (1.0 + math.exp(x))
        self.participating = bool(rng.random() < p)
        return self.participating

"""Myopic best response with logit noise: firms weigh what each stance would earn them
if everyone else kept theirs (the alliance model's default rule)."""

from __future__ import annotations

import numpy as np

from agents.decisions.rule import IntensityRule, row_max, sample_rows
from agents.decisions.view import DecisionView
from sim.scenario import RuleKind


class LogitBestResponse(IntensityRule):
    """Myopic best response with logit noise: choose strategy s with probability
    proportional to ``exp(beta * (u_s - switch_cost))``, where ``u_s`` is the payoff the
    firm expects from s if everyone else keeps their strategy (``view.counterfactual``)."""

    kind = RuleKind.LOGIT_BEST_RESPONSE

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        if view.counterfactual is None:
            raise ValueError("logit best response needs counterfactual payoffs")
        cost = view.switching_to_each(who)
        utility = view.counterfactual(who) - cost
        allowed = view.allowed[who]
        top = row_max(np.where(allowed, utility, -np.inf))
        gap = np.where(allowed, utility - top, 0.0)
        weights = np.where(allowed, np.exp(self.intensity * gap), 0.0)
        return sample_rows(weights, rng)

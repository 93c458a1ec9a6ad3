"""Myopic best response with logit noise: firms weigh what each stance would earn them
if everyone else kept theirs (the alliance model's default rule)."""

from __future__ import annotations

import numpy as np

from agents.decisions.rule import IntensityRule, sample_rows
from agents.decisions.view import DecisionView
from sim.compiled import compiled
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
        gap = utility_gaps(utility, allowed)
        weights = np.where(allowed, np.exp(self.intensity * gap), 0.0)
        return sample_rows(weights, rng)


@compiled
def utility_gaps(utility, allowed):
    """Each allowed strategy's utility less the row's best allowed utility (0 where not
    allowed), in one pass: the best as ``np.maximum`` folds a row's allowed utilities
    (the others -inf; NaN wins, as there), the gaps as the array subtraction gives them
    (-inf or NaN where the row has no finite best)."""
    n, k = utility.shape
    gap = np.zeros((n, k))
    for i in range(n):
        top = utility[i, 0] if allowed[i, 0] else -np.inf
        for column in range(1, k):
            value = utility[i, column] if allowed[i, column] else -np.inf
            if not (top >= value or top != top):
                top = value
        for column in range(k):
            if allowed[i, column]:
                gap[i, column] = utility[i, column] - top
    return gap

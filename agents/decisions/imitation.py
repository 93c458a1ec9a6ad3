"""Imitation rules: a firm copies a neighbour's strategy (pairwise comparison, imitate the
best, proportional imitation)."""

from __future__ import annotations

import numpy as np

from agents.decisions.rule import DecisionRule, IntensityRule
from agents.decisions.view import DecisionView
from sim.scenario import RuleKind


class FermiImitation(IntensityRule):
    """Pairwise comparison: copy a random neighbour j with probability
    ``1 / (1 + exp(-beta * (pi_j - pi_i - switch_cost)))`` (Szabó & Tőke 1998;
    Traulsen et al. 2006). With ``beta = 0`` the copy is a coin flip."""

    kind = RuleKind.FERMI

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        model = view.neighbours.sample_one(who, rng)
        proposed = view.strategy[who].copy()
        has = model >= 0
        gain = view.net_gain(who[has], model[has])
        with np.errstate(over="ignore"):
            p = 1.0 / (1.0 + np.exp(-self.intensity * gain))
        copy = rng.random(has.sum()) < p
        idx = np.flatnonzero(has)[copy]
        proposed[idx] = view.strategy[model[has][copy]]
        return proposed


class ImitateBest(DecisionRule):
    """Copy the best-earning neighbour, keeping one's own strategy on a tie
    (Nowak & May 1992). Deterministic apart from exploration."""

    kind = RuleKind.IMITATE_BEST
    stochastic = False

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        best = view.neighbours.best_neighbour(who, view.payoff, rng)
        proposed = view.strategy[who].copy()
        has = best >= 0
        better = view.net_gain(who[has], best[has]) > 0
        idx = np.flatnonzero(has)[better]
        proposed[idx] = view.strategy[best[has][better]]
        return proposed


class ProportionalImitation(DecisionRule):
    """Copy a random neighbour j who earned more, with probability
    ``(pi_j - pi_i - switch_cost) / M`` (Schlag 1998; Santos et al. 2008). ``M`` is the
    largest payoff difference possible between the pair (``view.pair_scale``, per pair),
    or one such bound for all (``view.payoff_scale``), or, when the game does not give
    one, the spread of payoffs observed this step."""

    kind = RuleKind.PROPORTIONAL

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        model = view.neighbours.sample_one(who, rng)
        proposed = view.strategy[who].copy()
        has = model >= 0
        gain = view.net_gain(who[has], model[has])
        scale = view.payoff_scale
        if view.pair_scale is not None:
            scale = view.pair_scale(who[has], model[has])
            p = np.clip(np.divide(gain, scale, out=np.zeros_like(gain), where=scale > 0), 0, 1)
        else:
            if scale is None:
                scale = float(np.ptp(view.payoff)) if len(view.payoff) else 0.0
            p = np.clip(gain / scale, 0.0, 1.0) if scale > 0 else np.zeros_like(gain)
        copy = rng.random(has.sum()) < p
        idx = np.flatnonzero(has)[copy]
        proposed[idx] = view.strategy[model[has][copy]]
        return proposed

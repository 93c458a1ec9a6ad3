"""Imitation rules: a firm copies a neighbour's strategy (pairwise comparison, imitate the
best, proportional imitation)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from agents.decisions.rule import DecisionRule, IntensityRule
from agents.decisions.view import DecisionView
from sim.scenario import RuleKind

# (view, who, model, net gain) -> probability that each firm in ``who`` copies ``model``
CopyProbability = Callable[[DecisionView, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def imitate_sampled(
    view: DecisionView, who: np.ndarray, rng: np.random.Generator, probability: CopyProbability
) -> np.ndarray:
    """Each firm in ``who`` observes one random neighbour and copies its strategy with
    ``probability`` of the pair's net gain (own strategy kept without a neighbour)."""
    model = view.neighbours.sample_one(who, rng)
    has = model >= 0
    p = probability(view, who[has], model[has], view.net_gain(who[has], model[has]))
    return copied(view, who, model, has, rng.random(has.sum()) < p)


def copied(
    view: DecisionView, who: np.ndarray, model: np.ndarray, has: np.ndarray, copy: np.ndarray
) -> np.ndarray:
    """The strategies of ``who``, with ``model``'s where a model was found (``has``) and
    ``copy`` holds (``copy`` covers those rows only)."""
    proposed = view.strategy[who].copy()
    proposed[np.flatnonzero(has)[copy]] = view.strategy[model[has][copy]]
    return proposed


class FermiImitation(IntensityRule):
    """Pairwise comparison: copy a random neighbour j with probability
    ``1 / (1 + exp(-beta * (pi_j - pi_i - switch_cost)))`` (Szabó & Tőke 1998;
    Traulsen et al. 2006). With ``beta = 0`` the copy is a coin flip."""

    kind = RuleKind.FERMI

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return imitate_sampled(view, who, rng, self._copy_probability)

    def _copy_probability(
        self, view: DecisionView, who: np.ndarray, model: np.ndarray, gain: np.ndarray
    ) -> np.ndarray:
        with np.errstate(over="ignore"):
            return 1.0 / (1.0 + np.exp(-self.intensity * gain))


class ImitateBest(DecisionRule):
    """Copy the best-earning neighbour, keeping one's own strategy on a tie
    (Nowak & May 1992). Deterministic apart from exploration."""

    kind = RuleKind.IMITATE_BEST
    stochastic = False

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        best = view.neighbours.best_neighbour(who, view.payoff, rng)
        has = best >= 0
        return copied(view, who, best, has, view.net_gain(who[has], best[has]) > 0)


class ProportionalImitation(DecisionRule):
    """Copy a random neighbour j who earned more, with probability
    ``(pi_j - pi_i - switch_cost) / M`` (Schlag 1998; Santos et al. 2008). ``M`` is the
    largest payoff difference possible between the pair (``view.pair_scale``, per pair),
    or one such bound for all (``view.payoff_scale``), or, when the game does not give
    one, the spread of payoffs observed this step."""

    kind = RuleKind.PROPORTIONAL

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        return imitate_sampled(view, who, rng, self._copy_probability)

    @staticmethod
    def _copy_probability(
        view: DecisionView, who: np.ndarray, model: np.ndarray, gain: np.ndarray
    ) -> np.ndarray:
        if view.pair_scale is not None:
            scale = view.pair_scale(who, model)
            return np.clip(np.divide(gain, scale, out=np.zeros_like(gain), where=scale > 0), 0, 1)
        scale = view.payoff_scale
        if scale is None:
            scale = float(np.ptp(view.payoff)) if len(view.payoff) else 0.0
        return np.clip(gain / scale, 0.0, 1.0) if scale > 0 else np.zeros_like(gain)

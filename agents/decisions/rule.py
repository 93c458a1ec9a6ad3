"""The base of every decision rule (exploration and admission around a proposal) and the
sampling it shares (:func:`sample_rows`, :func:`uniform_allowed`)."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

import numpy as np

from agents.decisions.view import DecisionView
from sim.compiled import compiled
from sim.scenario import ExplorationMode, RuleKind


class DecisionRule:
    """Base of all rules: applies exploration and admission around ``_propose``."""

    kind: ClassVar[RuleKind]
    stochastic: ClassVar[bool] = True
    learns: ClassVar[bool] = False  # keeps state that :meth:`observe` updates

    def __init__(
        self, exploration: float = 0.0, exploration_mode: ExplorationMode = ExplorationMode.REDRAW
    ) -> None:
        if not 0.0 <= exploration <= 1.0:
            raise ValueError(f"exploration must be in [0, 1]; got {exploration}")
        self.exploration = exploration
        self.exploration_mode = ExplorationMode(exploration_mode)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={_literal(v)}" for k, v in self._params().items())
        return f"{type(self).__name__}({args})"

    def _params(self) -> dict[str, object]:
        return {"exploration": self.exploration, "exploration_mode": self.exploration_mode}

    def observe(self, played: np.ndarray, payoff: np.ndarray, rows: np.ndarray) -> None:
        """Learn from this step's own payoff (only learning rules keep state)."""

    def reset_rows(self, rows: np.ndarray) -> None:
        """Forget what the firms in ``rows`` learned (an entrant takes over the row)."""

    def choose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """New strategy codes for the firms in ``who``."""
        current = view.strategy[who]
        proposed = self._propose(view, who, rng)
        explore = rng.random(len(who)) < self.exploration
        if explore.any():
            movers = who[explore]
            allowed = view.allowed[movers]
            if self.exploration_mode is ExplorationMode.SWITCH:
                allowed = allowed.copy()
                allowed[np.arange(len(movers)), current[explore]] = False
            proposed[explore] = np.where(
                allowed.any(axis=1), uniform_allowed(allowed, rng), current[explore]
            )
        ok = view.allowed[who, proposed]
        return np.where(ok, proposed, current).astype(current.dtype)

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError


def _literal(value: object) -> str:
    """A parameter as Python source (an enum as ``Type.MEMBER``)."""
    return f"{type(value).__name__}.{value.name}" if isinstance(value, Enum) else repr(value)


def uniform_allowed(allowed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draw, per row, a strategy uniformly among the allowed ones."""
    return sample_rows(allowed.astype(float), rng)


def sample_rows(weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draw one column index per row with probability proportional to ``weights``: the
    number of running sums at or below ``u`` times the row's total, in one compiled
    pass (:func:`_pick_columns`)."""
    u = rng.random(len(weights))
    return _pick_columns(np.asarray(weights, dtype=float), u)


@compiled
def _pick_columns(weights, uniforms):
    """Per row ``i``: how many running sums of ``weights[i]`` are at or below
    ``uniforms[i]`` times the row's total, at most the last column. The running sums
    are added a column at a time, as ``cumsum`` along a row adds them (the same sums,
    so the same picks from the same uniforms); NaN compares false, as in numpy."""
    n, k = weights.shape
    pick = np.empty(n, np.int64)
    for i in range(n):
        total = weights[i, 0]
        for column in range(1, k):
            total = total + weights[i, column]
        u = uniforms[i] * total
        running, count = weights[i, 0], 0
        for column in range(k):
            if column > 0:
                running = running + weights[i, column]
            if running <= u:
                count += 1
        pick[i] = min(count, k - 1)
    return pick


class IntensityRule(DecisionRule):
    """A rule with a selection intensity ``beta`` (per payoff unit): how sharply payoff
    differences decide; ``beta = 0`` is indifference."""

    def __init__(
        self,
        intensity: float = 1.0,
        exploration: float = 0.0,
        exploration_mode: ExplorationMode = ExplorationMode.REDRAW,
    ) -> None:
        super().__init__(exploration, exploration_mode)
        self.intensity = intensity

    def _params(self) -> dict[str, object]:
        return {"intensity": self.intensity, **super()._params()}

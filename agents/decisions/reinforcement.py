"""Reinforcement learners: a firm keeps its own propensities over strategies and learns
from its own payoffs only (Bush-Mosteller, Roth-Erev)."""

from __future__ import annotations

import numpy as np

from agents.action import N_ACTIONS
from agents.decisions.rule import DecisionRule, sample_rows
from agents.decisions.view import DecisionView
from sim.scenario import ExplorationMode, RuleKind


class _Learner(DecisionRule):
    """A rule that keeps a per-firm distribution over strategies and samples from it."""

    learns = True

    def __init__(
        self,
        learning_rate: float,
        exploration: float = 0.0,
        exploration_mode: ExplorationMode = ExplorationMode.REDRAW,
    ) -> None:
        super().__init__(exploration, exploration_mode)
        if not 0.0 <= learning_rate <= 1.0:
            raise ValueError(f"learning_rate must be in [0, 1]; got {learning_rate}")
        self.learning_rate = learning_rate
        self.state = np.full((0, N_ACTIONS), 1.0 / N_ACTIONS)

    def _params(self) -> dict[str, object]:
        return {"learning_rate": self.learning_rate, **super()._params()}

    def _ensure(self, n_rows: int) -> None:
        if len(self.state) < n_rows:
            extra = np.full((n_rows - len(self.state), N_ACTIONS), self._initial())
            self.state = np.vstack([self.state, extra])

    def _initial(self) -> float:
        return 1.0 / N_ACTIONS

    def reset_rows(self, rows: np.ndarray) -> None:
        self._ensure(int(rows.max()) + 1 if len(rows) else 0)
        self.state[rows] = self._initial()

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        self._ensure(len(view.strategy))
        weights = np.where(view.allowed[who], self.state[who], 0.0)
        empty = weights.sum(axis=1) <= 0
        weights[empty] = view.allowed[who[empty]]
        return sample_rows(weights, rng)


class BushMosteller(_Learner):
    """Reinforcement by aspiration (Bush & Mosteller 1955; Macy & Flache 2002).

    The stimulus of the strategy played is ``s = (pi - A) / max|pi - A|`` (in [-1, 1],
    normalised over the firms learning this step). If ``s >= 0`` its probability
    rises by ``l * s * (1 - p)``; otherwise it falls by ``l * |s| * p``; the others are
    rescaled so the probabilities still sum to 1.
    """

    kind = RuleKind.BUSH_MOSTELLER

    def __init__(
        self,
        learning_rate: float = 0.2,
        aspiration: float = 0.0,
        exploration: float = 0.0,
        exploration_mode: ExplorationMode = ExplorationMode.REDRAW,
    ) -> None:
        super().__init__(learning_rate, exploration, exploration_mode)
        self.aspiration = aspiration

    def _params(self) -> dict[str, object]:
        return {"aspiration": self.aspiration, **super()._params()}

    def observe(self, played: np.ndarray, payoff: np.ndarray, rows: np.ndarray) -> None:
        self._ensure(int(rows.max()) + 1 if len(rows) else 0)
        gap = payoff - self.aspiration
        top = np.abs(gap).max() if len(gap) else 0.0
        stimulus = gap / top if top > 0 else np.zeros_like(gap)
        p = self.state[rows]
        k = np.arange(len(rows))
        pa = p[k, played]
        new_pa = np.where(
            stimulus >= 0,
            pa + self.learning_rate * stimulus * (1 - pa),
            pa + self.learning_rate * stimulus * pa,
        )
        rest = 1.0 - pa
        factor = np.divide(1.0 - new_pa, rest, out=np.zeros_like(rest), where=rest > 0)
        p *= factor[:, None]
        p[k, played] = new_pa
        self.state[rows] = p


class RothErev(_Learner):
    """Cumulative reinforcement (Roth & Erev 1995): propensities decay by the
    forgetting rate ``phi`` and the strategy played gains ``pi - pi_min`` (payoffs
    shifted to be non-negative); strategies are chosen in proportion to propensity."""

    kind = RuleKind.ROTH_EREV

    def _initial(self) -> float:
        return 1.0

    def observe(self, played: np.ndarray, payoff: np.ndarray, rows: np.ndarray) -> None:
        self._ensure(int(rows.max()) + 1 if len(rows) else 0)
        reward = payoff - payoff.min() if len(payoff) else payoff
        q = self.state[rows] * (1.0 - self.learning_rate)
        q[np.arange(len(rows)), played] += reward
        self.state[rows] = np.maximum(q, 1e-12)

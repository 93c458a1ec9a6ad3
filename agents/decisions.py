"""Decision rules: how enterprises revise their stance towards the alliance.

Every rule is a small class with one method, ``choose(view, who, rng)``, that returns
the new strategy code (:class:`agents.action.Action`) of each row in ``who``. A rule
sees payoffs, strategies and neighbours through a :class:`DecisionView` and never
where a payoff came from (market, pool, subsidy, fine): that independence is what lets
the same rules run the alliance model and the canonical games of the verification
suite. Rules act on many firms at once (numpy arrays), as DESIGN.md section 5 asks.

Common to all rules:

* **Exploration** (mutation) ``mu``: after the rule has chosen, each firm with
  probability ``mu`` explores by the scenario's convention
  (:class:`sim.scenario.ExplorationMode`): ``redraw`` takes a strategy drawn uniformly
  from those open to it, possibly the current one (each other one with probability
  mu / S for S open strategies); ``switch`` takes one of the *other* open strategies
  (mu / (S - 1) each), the convention of Traulsen, Nowak & Pacheco (2006) and egttools,
  so a paper's mu can be entered as it is.
* **Switching costs**: the imitation and best-response rules weigh them ahead of a
  move (moving from ``s`` to ``s'`` is worth ``payoff(s') - switch_cost[s, s']``);
  the reinforcement learners (Bush-Mosteller, Roth-Erev) look only backwards, so they
  feel a switching cost afterwards, in the payoff of the step in which the model
  charges it (the step after the move).
* **Admission**: a strategy that is not open to a firm (``view.allowed``) is never
  chosen; a rule that would pick it leaves the firm where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar, Protocol

import numpy as np

from agents.action import N_ACTIONS, Action
from sim.scenario import EnterpriseDecisions, ExplorationMode, RuleKind


class Neighbours(Protocol):
    """Who a firm can observe: implemented by ``sim.network.InteractionNetwork``."""

    def sample_one(self, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """One random neighbour per row of ``who`` (-1 where it has none)."""
        ...

    def best_neighbour(
        self, who: np.ndarray, payoff: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray:
        """The neighbour with the highest payoff per row of ``who`` (-1 where none)."""
        ...


@dataclass
class DecisionView:
    """What a deciding firm can see. Arrays cover all rows of the enterprise table.

    ``strategy`` is live: with random-sequential updating, firms that decide later in
    the step see the choices of those who decided earlier.
    """

    strategy: np.ndarray
    payoff: np.ndarray
    allowed: np.ndarray
    neighbours: Neighbours
    switch_cost: np.ndarray = field(default_factory=lambda: np.zeros((N_ACTIONS, N_ACTIONS)))
    cost_scale: np.ndarray | None = None
    counterfactual: object | None = None
    payoff_scale: float | None = None
    # (who, model) -> normaliser M per pair, e.g. from sim.payoff_bounds
    pair_scale: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None

    def switching(self, who: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Cost, in payoff units, for each firm in ``who`` of moving to strategy ``target``."""
        cost = self.switch_cost[self.strategy[who], target]
        return cost if self.cost_scale is None else cost * self.cost_scale[who]

    def net_gain(self, who: np.ndarray, model: np.ndarray) -> np.ndarray:
        """Payoff of ``model``'s row minus own payoff minus the cost of switching to its
        strategy."""
        cost = self.switching(who, self.strategy[model])
        return self.payoff[model] - self.payoff[who] - cost


class DecisionRule:
    """Base of all rules: applies exploration and admission around ``_propose``."""

    kind: ClassVar[RuleKind]
    stochastic: ClassVar[bool] = True

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
    """Draw one column index per row with probability proportional to ``weights``."""
    cum = np.cumsum(weights, axis=1)
    total = cum[:, -1]
    u = rng.random(len(weights)) * total
    pick = (cum <= u[:, None]).sum(axis=1)
    return np.minimum(pick, weights.shape[1] - 1)


class FermiImitation(DecisionRule):
    """Pairwise comparison: copy a random neighbour j with probability
    ``1 / (1 + exp(-beta * (pi_j - pi_i - switch_cost)))`` (Szabó & Tőke 1998;
    Traulsen et al. 2006). With ``beta = 0`` the copy is a coin flip."""

    kind = RuleKind.FERMI

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


class LogitBestResponse(DecisionRule):
    """Myopic best response with logit noise: choose strategy s with probability
    proportional to ``exp(beta * (u_s - switch_cost))``, where ``u_s`` is the payoff the
    firm expects from s if everyone else keeps their strategy (``view.counterfactual``)."""

    kind = RuleKind.LOGIT_BEST_RESPONSE

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

    def _propose(self, view: DecisionView, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        if view.counterfactual is None:
            raise ValueError("logit best response needs counterfactual payoffs")
        cost = np.stack([view.switching(who, np.full(len(who), a)) for a in Action], axis=1)
        utility = view.counterfactual(who) - cost
        allowed = view.allowed[who]
        top = np.where(allowed, utility, -np.inf).max(axis=1, keepdims=True)
        gap = np.where(allowed, utility - top, 0.0)
        weights = np.where(allowed, np.exp(self.intensity * gap), 0.0)
        return sample_rows(weights, rng)


class _Learner(DecisionRule):
    """A rule that keeps a per-firm distribution over strategies and samples from it."""

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


def build_rule(spec: EnterpriseDecisions) -> DecisionRule:
    """The rule a scenario asks for, with its parameters."""
    mu, mode = spec.exploration, spec.exploration_mode
    match spec.rule:
        case RuleKind.FERMI:
            return FermiImitation(spec.intensity, mu, mode)
        case RuleKind.IMITATE_BEST:
            return ImitateBest(mu, mode)
        case RuleKind.PROPORTIONAL:
            return ProportionalImitation(mu, mode)
        case RuleKind.BUSH_MOSTELLER:
            return BushMosteller(spec.learning_rate, spec.aspiration, mu, mode)
        case RuleKind.ROTH_EREV:
            return RothErev(spec.learning_rate, mu, mode)
        case RuleKind.LOGIT_BEST_RESPONSE:
            return LogitBestResponse(spec.intensity, mu, mode)
    raise ValueError(f"unknown rule {spec.rule}")


__all__ = [
    "Action",
    "BushMosteller",
    "DecisionRule",
    "DecisionView",
    "FermiImitation",
    "ImitateBest",
    "LogitBestResponse",
    "ProportionalImitation",
    "RothErev",
    "build_rule",
]

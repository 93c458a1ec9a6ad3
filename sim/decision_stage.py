"""The decision stage (DESIGN.md section 3, stage 4): enterprises revise whether to
join, contribute or free-ride, the leading enterprise decides by its participation
constraint, and the administration and the society revise their stance.

A part of :class:`sim.model.AllianceModel`. Firms compare smoothed payoffs
(:func:`smooth_payoffs`), revise with probability ``update_probability`` per step, and
pay a cost to join or leave in the next step's accounts.
"""

from __future__ import annotations

import functools

import numpy as np

from agents.action import CONTRIBUTE_CODE, FREE_RIDE_CODE, OUTSIDE_CODE, Action
from agents.decisions import DecisionView
from sim.chance import FirmDraw, FirmKeyedGenerator
from sim.compiled import compiled
from sim.enterprise_table import EnterpriseTable
from sim.incentives.best_response import alliance_counterfactual
from sim.incentives.payoff_bounds import pair_normaliser, payoff_bounds
from sim.scenario import (
    Normalisation,
    Organiser,
    PayoffMeasure,
    RuleKind,
    Strategy,
    Updating,
)


def smooth_payoffs(t: EnterpriseTable, step: int, spec) -> np.ndarray:
    """Fold this quarter's profit into the payoff each firm compares (``t.payoff``):
    ``(1 - lambda) previous + lambda latest``, an average over about ``1 / lambda``
    recent quarters that separates what a choice earns from one quarter's luck
    (``decisions.enterprise.payoff_memory``); a firm's first quarter (entered last step)
    starts its memory, and ``lambda = 1`` is this quarter alone. ``latest`` is the
    profit per capacity unit or in total (``payoff_measure``), 0 for a vacant slot.
    Returns ``1 / capacity`` per slot (0 where none): the per-capacity scale."""
    scale = np.empty(len(t))
    per_capacity = spec.payoff_measure is PayoffMeasure.PER_CAPACITY
    memory = float(spec.payoff_memory)
    _smooth(t.payoff, t.profit, t.capacity, t.active, t.born, step - 1, memory, per_capacity, scale)
    return scale


@compiled
def _smooth(payoff, profit, capacity, active, born, entered, memory, per_capacity, scale):
    """One pass of :func:`smooth_payoffs`, each value computed as the array expressions
    ``np.divide(1.0, capacity, where=capacity > 0)``, ``np.where(active, profit *
    scale, 0.0)`` and ``(1 - lambda) previous + lambda latest`` compute it."""
    keep = 1.0 - memory
    for i in range(len(payoff)):
        scale[i] = 1.0 / capacity[i] if capacity[i] > 0 else 0.0
        latest = 0.0
        if active[i]:
            latest = profit[i] * scale[i] if per_capacity else profit[i]
        if memory >= 1.0 or born[i] == entered:
            payoff[i] = latest
        else:
            payoff[i] = keep * payoff[i] + memory * latest


@functools.lru_cache(maxsize=16)
def switch_costs(join_cost: float, leave_cost: float) -> np.ndarray:
    """What a move from strategy (row) to strategy (column) costs (read-only)."""
    cost = np.zeros((len(Action), len(Action)))
    cost[Action.OUTSIDE, [Action.CONTRIBUTE, Action.FREE_RIDE]] = join_cost
    cost[[Action.CONTRIBUTE, Action.FREE_RIDE], Action.OUTSIDE] = leave_cost
    cost.flags.writeable = False
    return cost


@compiled
def _book_moves(due, cost, before, after, active):
    """Add ``cost[before, after]`` to ``due`` of each firm in business that moved (staying
    costs nothing: the diagonal is 0, and adding 0 changes no sum of costs)."""
    for i in range(len(due)):
        if active[i] and before[i] != after[i]:
            due[i] += cost[before[i], after[i]]


@compiled
def _fill_allowed(
    allowed, strategy, admissible, banned_until, step, outside, contribute, free_ride
):
    """Per slot: staying out is open when offered; contributing and free-riding when
    offered (and the alliance can exist) to a member, or to an admissible firm whose
    readmission ban has run out (``banned_until <= step``)."""
    for i in range(len(strategy)):
        may_join = strategy[i] != OUTSIDE_CODE or (admissible[i] and banned_until[i] <= step)
        allowed[i, OUTSIDE_CODE] = outside
        allowed[i, CONTRIBUTE_CODE] = contribute and may_join
        allowed[i, FREE_RIDE_CODE] = free_ride and may_join


class DecisionStage:
    """The enterprises', the leader's and the organisations' decisions each step."""

    def _learning_stage(self) -> None:
        t, dec = self.firms, self.config.decisions.enterprise
        rng = self.streams.lazy("decisions")
        rows = t.active.nonzero()[0]
        per_cap = dec.payoff_measure is PayoffMeasure.PER_CAPACITY
        scale = smooth_payoffs(t, self.steps, dec)
        if self.rule.learns:  # the others keep no state: no arrays made for them
            self.rule.observe(t.strategy[rows].astype(np.int64), t.payoff[rows], rows)
        # whether each firm revises: a uniform keyed by its identity, not its slot
        revise = self.streams.by_firm(FirmDraw.REVISION, t.ident) < dec.update_probability
        who = rows[revise[rows]]
        before = t.strategy.copy()
        view = DecisionView(
            strategy=t.strategy,
            payoff=t.payoff,
            allowed=self.allowed_strategies(),
            neighbours=self.network,
            switch_cost=self._switch_cost_matrix(),
            cost_scale=scale if per_cap else None,
            counterfactual=self._counterfactual if self._needs_counterfactual() else None,
            pair_scale=self._pair_scale(),
        )
        if dec.updating is Updating.SYNCHRONOUS:
            keyed = FirmKeyedGenerator(self.streams, t.ident[who], rng)
            t.strategy[who] = self.rule.choose(view, who, keyed)
        elif dec.updating is Updating.MONTE_CARLO:
            from sim.monte_carlo.elementary import monte_carlo_step  # numba: loaded only when used

            monte_carlo_step(self, rng)
        else:
            for i in rng.permutation(who):
                one = np.array([i])
                t.strategy[one] = self.rule.choose(view, one, rng)
        self._leader_decides(view.allowed)
        self._charge_switching(before)

    def _leader_decides(self, allowed: np.ndarray) -> None:
        """A leading enterprise that organises decides by its participation constraint
        (agents/leadership.py), not by the firms' rule."""
        if self.leadership is None:
            return
        row = self.leader_row()
        if row < 0:
            return
        t = self.firms
        loner = self.last_loner[row] if row < len(self.last_loner) else 0.0
        self.leadership.observe(row, float(t.profit[row] - self.market_profit[row] - loner))
        choice = self.leadership.choice()
        if allowed[row, choice]:
            t.strategy[row] = choice

    def _pair_scale(self):
        """Per-pair normaliser M of proportional imitation (``sim.incentives.payoff_bounds``)."""
        if self.config.decisions.enterprise.normalisation is not Normalisation.MAX_DIFFERENCE:
            return None
        bounds = payoff_bounds(self)
        return None if bounds is None else (lambda x, y: pair_normaliser(bounds, x, y))

    def _needs_counterfactual(self) -> bool:
        return self.rule.kind is RuleKind.LOGIT_BEST_RESPONSE

    def _counterfactual(self, who: np.ndarray) -> np.ndarray:
        return alliance_counterfactual(self, who)

    def _switch_cost_matrix(self) -> np.ndarray:
        dec = self.config.decisions.enterprise
        return switch_costs(dec.join_cost, dec.leave_cost)

    def allowed_strategies(self) -> np.ndarray:
        """Which strategies each slot may choose: the scenario's options, the admission
        rule and readmission bans."""
        t = self.firms
        offered = set(self.config.decisions.enterprise.strategies)
        allowed = np.empty((len(t), len(Action)), dtype=bool)
        enabled = self.config.alliance.enabled
        admissible = self.alliance.admissible(t.quality, t.capacity, t.certified)
        _fill_allowed(
            allowed, t.strategy, admissible, t.banned_until, self.steps,
            Strategy.OUTSIDE in offered,
            enabled and Strategy.CONTRIBUTE in offered,
            enabled and Strategy.FREE_RIDE in offered,
        )  # fmt: skip
        return allowed

    def _charge_switching(self, before: np.ndarray) -> None:
        """Book what each move costs; it is paid in the next step's accounts, so the
        learners feel it in the payoff of the step after the move."""
        t = self.firms
        _book_moves(t.switching_due, self._switch_cost_matrix(), before, t.strategy, t.active)

    def _pay_switching(self, profit: np.ndarray) -> None:
        t = self.firms
        due = np.where(t.active, t.switching_due, 0.0)
        profit -= due
        self.ledger.switching_costs = float(due.sum())
        t.switching_due[:] = 0.0

    def _organisations_decide(self) -> None:
        """The administration and the society revise their stance, drawing from the
        step's organisations stream (made only if one of them exists)."""
        t = self.firms
        if self.administration:
            self.administration.spent_last_step = self.ledger.public_spending
            contributors = np.count_nonzero(t.contributors())
            self.administration.decide(contributors, self.streams["organisations"])
        if self.society:
            members = np.count_nonzero(t.members())
            if Organiser.SOCIETY in self.config.alliance.organiser:
                self.society.adjust_fee(members)
            self.society.decide(members, self.streams["organisations"])

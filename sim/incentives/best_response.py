"""Expected payoffs of each strategy for a firm considering a switch (myopic best
response), when everyone else keeps their strategy.

Exact for the alliance-wide pool (``group_structure: alliance``) with the synergy
multiplier held at this step's value (a single firm's switch changes the segment mix
only marginally). The market part is the firm's own market profit this step, moved by
the difference between members' and outsiders' market profit per capacity unit (joint
bids and procurement preference make membership pay in the market). Subsidy, fee,
members' own monitoring cost and the expected cost of free-riding (expected fine plus
the market profit a damaged reputation or credit rating is expected to cost,
:mod:`sim.incentives.sanction_cost`) are those in force.

**One horizon.** A firm weighs holding a stance over one horizon with one quarterly
discount factor ``delta`` (``decisions.enterprise.discount_factor``). Holding it, every
term recurs each quarter (market profit, pool share, subsidy, fee, the expected fine);
a catch's lost standing fades over its discounted duration
(:func:`sim.incentives.sanction_cost.discounted_duration`). The present value of each
option is therefore ``1 / (1 - delta)`` times its per-quarter equivalent, which is what
is returned: the common factor leaves the comparison unchanged, and the choice noise
(``1 / intensity``) is read on the same per-quarter scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from agents.action import OUTSIDE_CODE, Action
from sim.compiled import compiled
from sim.incentives.sanction_cost import expected_fines, standing_cost
from sim.monitoring import member_cost
from sim.scenario import CostScheme, PayoffMeasure, Sharing

if TYPE_CHECKING:
    from sim.model import AllianceModel


def alliance_counterfactual(model: AllianceModel, who: np.ndarray) -> np.ndarray:
    """Expected payoff of (outside, contribute, free-ride) for each firm in ``who``."""
    t, spec = model.firms, model.config.alliance
    charter = model.alliance.charter
    member = t.members()
    cap = t.capacity[who]
    amount = (
        charter.contribution_rate * t.capacity
        if charter.cost_scheme is CostScheme.PER_CAPACITY
        else np.full(len(t), charter.contribution)
    )
    c_i = amount[who]
    contributed = amount * t.contributors()
    contributed_total = contributed.sum()
    m_new = np.count_nonzero(member) - member[who] + 1  # members were it to join (int)
    pool = contributed_total - contributed[who]
    r = model.last_synergy or spec.synergy
    kept = 1.0 - model.cut_in_force()[0]  # the cut the pool stage will take
    nu = charter.non_excludable_share
    sigma = spec.loner_payoff
    market = _market_estimate(model, who, cap)
    admin = model.administration
    total = float(contributed_total)
    subsidy = admin.funded_rate(max(total, 1e-12)) * c_i if admin else np.zeros(len(who))
    fee = model.current_fee()
    if model.mechanics.spec is not None:  # the construction mode's member costs
        fee = fee + member_cost(model, model.mechanics.spec)
    elif not spec.organiser:  # the charter's monitoring, paid by the members themselves
        fee = fee + charter.monitoring_cost
    fine = expected_fines(model, who, c_i) + standing_cost(model, who, market[:, 2])
    u = np.empty((len(who), len(Action)))
    u[:, Action.OUTSIDE] = market[:, 0] + sigma
    match charter.sharing:
        case Sharing.EQUAL:
            weight_c = weight_f = 1.0 / m_new
        case Sharing.CONTRIBUTION:
            p_new = pool + c_i
            weight_c = np.divide(c_i, p_new, out=np.zeros_like(p_new), where=p_new > 0)
            weight_f = np.zeros(len(who))
        case _:
            member_capacity = t.capacity * member
            cap_members = member_capacity.sum() - member_capacity[who]
            weight_c = weight_f = cap / (cap_members + cap)
    running = (m_new >= spec.min_members) & spec.enabled
    terms = MemberTerms(pool, c_i, m_new, weight_c, weight_f, running, subsidy, fine)
    _member_payoffs(u, market[:, 1], *terms, r, kept, nu, fee, sigma)
    if model.config.decisions.enterprise.payoff_measure is PayoffMeasure.PER_CAPACITY:
        u /= cap[:, None]
    return u


class MemberTerms(NamedTuple):
    """Per deciding firm: what the pool would hold and share were it a member."""

    pool: np.ndarray  # the others' contributions (MU)
    c_i: np.ndarray  # its own contribution, were it to contribute (MU)
    m_new: np.ndarray  # members with it (int)
    weight_c: np.ndarray  # its sharing weight as a contributor
    weight_f: np.ndarray  # its sharing weight as a free-rider
    running: np.ndarray  # bool: the pool would run
    subsidy: np.ndarray  # MU, as a contributor
    fine: np.ndarray  # expected fine and lost standing (MU), as a free-rider


@compiled
def _member_payoffs(
    u, market, pool, c_i, m_new, weight_c, weight_f, running, subsidy, fine, r, kept, nu, fee, sigma
):
    """Fill ``u[:, 1]`` (contribute) and ``u[:, 2]`` (free-ride): the member's market
    profit plus, where the pool would run, its payout less its contribution and the
    fee, plus the subsidy (contributor) or less the expected fine (free-rider), else
    the outside option ``sigma``. One pass over the firms, each term computed in the
    order the array expressions of the numpy form compute it (the same bits):
    ``payout = nu y / m + (1 - nu) y w`` with ``y = r (pool + c) kept``."""
    for j in range(len(pool)):
        for column, own_c, own_weight, extra in (
            (1, c_i[j], weight_c[j], subsidy[j]),
            (2, 0.0, weight_f[j], -fine[j]),
        ):
            y = r * (pool[j] + own_c) * kept
            payout = nu * y / m_new[j] + (1 - nu) * y * own_weight
            own = payout - own_c - fee + extra
            u[j, column] = market[j] + (own if running[j] else sigma)


def _market_estimate(model: AllianceModel, who: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Market profit as an outsider (column 0) and as a member (column 1); column 2 is
    its expected gross market profit as a member (what a damaged standing puts at risk).

    The firm's own last-quarter gross profit, moved by the difference between members'
    and outsiders' gross profit per capacity unit as the model smooths it over recent
    quarters (:meth:`MarketRates.observe`), so one quarter's luck of a small group does
    not swing every firm at once."""
    t, out = model.firms, model.last_market
    n = len(t)
    if len(out.revenue) != n:
        return np.zeros((len(who), 3))
    outsider, member = model.market_rates.value
    estimate = np.empty((len(who), 3))
    at_risk = float(np.maximum(member, 0.0))
    _fill_market_estimate(
        estimate, who, cap, out.revenue, out.variable_cost, t.active, t.strategy,
        outsider, member, at_risk,
    )  # fmt: skip
    return estimate


@compiled
def _fill_market_estimate(
    estimate, who, cap, revenue, variable_cost, active, strategy, outsider, member, at_risk
):
    """One pass of :func:`_market_estimate`: per firm ``j`` in ``who``, its gross profit
    less its own group's rate times its capacity, plus the outsiders' (column 0) or
    members' (column 1) rate times it; column 2 the members' rate at risk times it.
    The arithmetic of the array form ``own - np.where(is_member, member, outsider) *
    cap`` and so on, term for term (the same bits)."""
    for j in range(len(who)):
        row = who[j]
        own = revenue[row] - variable_cost[row]
        is_member = active[row] and strategy[row] != OUTSIDE_CODE
        base = own - (member if is_member else outsider) * cap[j]
        estimate[j, 0] = base + outsider * cap[j]
        estimate[j, 1] = base + member * cap[j]
        estimate[j, 2] = at_risk * cap[j]


class MarketRates:
    """Outsiders' and members' gross market profit per capacity unit, smoothed with the
    firms' payoff memory (MU/CU/step). A group holding less than ``MIN_SHARE`` of the
    industry's capacity says little: its rate is then pulled towards the other's."""

    MIN_SHARE = 0.05

    def __init__(self, memory: float) -> None:
        self.memory = memory
        self.value: tuple[float, float] = (0.0, 0.0)
        self._seen = False

    def observe(
        self, gross: np.ndarray, capacity: np.ndarray, member: np.ndarray, active: np.ndarray
    ) -> None:
        """Fold this quarter's rates of outsiders and members in."""
        groups = [g.nonzero()[0] for g in (active & ~member, member)]
        caps = [float(capacity[g].sum()) for g in groups]
        raw = [
            float(gross[g].sum()) / c if c > 0 else 0.0 for g, c in zip(groups, caps, strict=True)
        ]
        total = sum(caps)
        pooled = sum(r * c for r, c in zip(raw, caps, strict=True)) / total if total else 0.0
        weights = [min(c / (self.MIN_SHARE * total), 1.0) if total else 0.0 for c in caps]
        latest = [w * r + (1 - w) * pooled for w, r in zip(weights, raw, strict=True)]
        if not self._seen:
            self.value, self._seen = (latest[0], latest[1]), True
            return
        lam = self.memory
        self.value = tuple((1 - lam) * v + lam * x for v, x in zip(self.value, latest, strict=True))

"""Expected payoffs of each strategy for a firm considering a switch (myopic best
response), when everyone else keeps their strategy.

Exact for the alliance-wide pool (``group_structure: alliance``) with the synergy
multiplier held at this step's value (a single firm's switch changes the segment mix
only marginally). The market part is the firm's own market profit this step, moved by
the difference between members' and outsiders' market profit per capacity unit (joint
bids and procurement preference make membership pay in the market). Subsidy, expected
fine (detection x fine) and fee are those in force.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.action import Action
from sim.monitoring import expected_fine, member_cost
from sim.scenario import CostScheme, PayoffMeasure, Sharing

if TYPE_CHECKING:
    from sim.model import AllianceModel


def alliance_counterfactual(model: AllianceModel, who: np.ndarray) -> np.ndarray:
    """Expected payoff of (outside, contribute, free-ride) for each firm in ``who``."""
    t, spec = model.firms, model.config.alliance
    charter = model.alliance.charter
    member = t.members()
    contributor = t.contributors()
    cap = t.capacity[who]
    amount = (
        charter.contribution_rate * t.capacity
        if charter.cost_scheme is CostScheme.PER_CAPACITY
        else np.full(len(t), charter.contribution)
    )
    c_i = amount[who]
    n_m = member.sum() - member[who]
    pool = (amount * contributor).sum() - (amount * contributor)[who]
    cap_members = (t.capacity * member).sum() - (t.capacity * member)[who]
    r = model.last_synergy or spec.synergy
    kept = 1.0 - (charter.organiser_cut if spec.organiser else 0.0)
    nu = charter.non_excludable_share
    sigma = spec.loner_payoff
    market = _market_estimate(model, who, cap)
    admin = model.administration
    subsidy = admin.subsidy_per_contributor(max(int(contributor.sum()), 1)) if admin else 0.0
    fine = charter.monitoring_probability * charter.fine
    fee = model.current_fee()
    if model.mechanics.spec is not None:  # the construction mode's monitors and costs
        fine = expected_fine(model, model.mechanics.spec, who)
        fee = fee + member_cost(model, model.mechanics.spec)
    u = np.zeros((len(who), len(Action)))
    u[:, Action.OUTSIDE] = market[:, 0] + sigma
    for a, contributes in ((Action.CONTRIBUTE, True), (Action.FREE_RIDE, False)):
        m_new = n_m + 1
        p_new = pool + (c_i if contributes else 0.0)
        running = (m_new >= spec.min_members) & spec.enabled
        y = r * p_new * kept
        match charter.sharing:
            case Sharing.EQUAL:
                weight = 1.0 / m_new
            case Sharing.CONTRIBUTION:
                weight = (
                    np.divide(c_i, p_new, out=np.zeros_like(p_new), where=p_new > 0)
                    if contributes
                    else 0.0
                )
            case _:
                weight = cap / (cap_members + cap)
        payout = nu * y / m_new + (1 - nu) * y * weight
        own = payout - (c_i if contributes else 0.0) - fee
        own = own + (subsidy if contributes else -fine)
        u[:, a] = market[:, 1] + np.where(running, own, sigma)
    if model.config.decisions.enterprise.payoff_measure is PayoffMeasure.PER_CAPACITY:
        u /= cap[:, None]
    return u


def _market_estimate(model: AllianceModel, who: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """Market profit as an outsider (column 0) and as a member (column 1)."""
    t, out = model.firms, model.last_market
    n = len(t)
    if len(out.revenue) != n:
        return np.zeros((len(who), 2))
    gross = out.revenue - out.variable_cost
    member = t.members()
    rates = []
    for group in (t.active & ~member, member):
        c = t.capacity[group].sum()
        rates.append(gross[group].sum() / c if c > 0 else 0.0)
    own = gross[who]
    is_member = member[who]
    base = own - np.where(is_member, rates[1], rates[0]) * cap
    return np.stack([base + rates[0] * cap, base + rates[1] * cap], axis=1)

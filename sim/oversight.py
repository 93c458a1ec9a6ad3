"""What each monitor can see, and how often it detects what it sees (the "who sees what"
of the construction modes, :mod:`sim.monitoring`).

* **detection**: the chance a monitor catches a free-riding member it watches and can
  see, from the charter's ``monitoring_probability`` and the monitor's strength
  (``oversight.peer_efficacy``, ``oversight.audit_accuracy``,
  ``society.rating_accuracy``; the leading enterprise, an insider, sees directly);
* **audit budget**: the administration audits each member it watches with the charter's
  probability, but runs no more audits in a step than ``administration.audit_budget``
  pays for; :func:`audit_probability` is the chance a watched member is audited once
  that cap is applied, used alike by the mechanism's checks, the enforcement table and
  a firm's best response;
* **sight**: peers see only members tied to another member in the business network;
  the leading enterprise spares itself and its recent partners (the firms it bid with
  jointly within ``oversight.partner_memory`` steps) when it shields them; audits and
  the rating reach every member.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import bdtrc

from sim.scenario import Organiser, Scenario
from sim.scenario.modes import ModeSpec, Monitor

if TYPE_CHECKING:
    from sim.model import AllianceModel


ORGANISER_OF = {
    Monitor.PEERS: None,
    Monitor.AUDIT: Organiser.ADMINISTRATION,
    Monitor.LEADER: Organiser.ENTERPRISE,
    Monitor.RATING: Organiser.SOCIETY,
}


def active_monitors(model: AllianceModel, spec: ModeSpec) -> list[Monitor]:
    """The mode's monitors whose organiser is engaged this step (peers always)."""
    engaged = set(model.engaged_organisers())
    return [m for m in spec.monitors if ORGANISER_OF[m] is None or ORGANISER_OF[m] in engaged]


def detection(monitor: Monitor, p: float, scenario: Scenario) -> float:
    """Chance that ``monitor`` catches a free-riding member it can see, given the
    charter's ``p``: peers report less (``peer_efficacy``), audits and the rating find
    less than they look at (``audit_accuracy``, ``society.rating_accuracy``)."""
    oversight = scenario.oversight
    if monitor is Monitor.PEERS:
        return p * oversight.peer_efficacy
    if monitor is Monitor.AUDIT:
        return p * oversight.audit_accuracy
    if monitor is Monitor.RATING:
        return p * scenario.society.rating_accuracy
    return p


def affordable_audits(scenario: Scenario) -> int | None:
    """Whole audits the administration's audit budget pays for in a step:
    ``floor(audit_budget / audit_cost)`` (within rounding, so 0.3 MU buys three audits at
    0.1 MU); ``None`` when nothing limits them (no audit budget, or free audits)."""
    budget, cost = scenario.administration.audit_budget, scenario.oversight.audit_cost
    if budget is None or cost <= 0:
        return None
    return math.floor(budget / cost * (1 + 1e-12))


def audit_probability(model: AllianceModel, share: float) -> float:
    """Chance the administration audits a member it watches in a step: the charter's
    ``p`` while the audit budget pays for every audit drawn, less when it does not.

    Each of the ``N`` members is watched by the audit with chance ``share`` (several
    monitors split the members) and, if watched, drawn for an audit with chance ``p``;
    when more than the ``k`` affordable audits are drawn, ``k`` of them are kept at
    random (:func:`sim.monitoring.administration_audit`). So ``min(X, k)`` audits run,
    ``X ~ Binomial(N, share x p)``, and a watched member is audited with chance
    ``E[min(X, k)] / (N x share)``: about ``k / (N x share)``, i.e. budget /
    (audit_cost x members watched), when the budget is short, ``p`` when it is ample."""
    p = model.alliance.charter.monitoring_probability
    k = affordable_audits(model.config)
    members = int(model.firms.members().sum())
    if k is None or k >= members or share * p <= 0:
        return p
    drawn = share * p
    expected = float(bdtrc(np.arange(k), members, drawn).sum())  # sum_j<k P(X > j)
    return expected / (members * share)


def watched_probability(model: AllianceModel, monitor: Monitor, share: float) -> float:
    """The probability ``monitor`` looks at a member it watches this step: the charter's
    ``monitoring_probability``; for audits, cut by the audit budget when it is short
    (:func:`audit_probability`, watching ``share`` of the members)."""
    if monitor is Monitor.AUDIT:
        return audit_probability(model, share)
    return model.alliance.charter.monitoring_probability


def within_sight(model: AllianceModel, monitor: Monitor) -> np.ndarray:
    """The firm slots ``monitor`` can sanction if they free-ride (bool per slot): peers
    see only members with a member among their network neighbours; the leader does not
    sanction itself nor its recent partners when it shields them; audits and the
    rating reach every member."""
    n = len(model.firms)
    if monitor is Monitor.PEERS:
        return _tied_to_a_member(model)
    if monitor is Monitor.LEADER and model.config.oversight.leader_shields_partners:
        return ~leader_partners(model, model.leader_row())
    return np.ones(n, bool)


def shielded_share(model: AllianceModel) -> float:
    """Share of members the leading enterprise would not sanction (itself and its
    recent partners); 0 where no leader monitors."""
    spec = model.mechanics.spec
    if spec is None or Monitor.LEADER not in active_monitors(model, spec):
        return 0.0  # asked before the members are found: most modes end here
    members = model.firms.members()
    if not members.any():
        return 0.0
    return float((~within_sight(model, Monitor.LEADER))[members].mean())


def _tied_to_a_member(model: AllianceModel) -> np.ndarray:
    """Slots with at least one member among their network neighbours (everyone in a
    well-mixed population, where every member sees every other)."""
    n, net = len(model.firms), model.network
    if not hasattr(net, "indptr"):
        return np.ones(n, bool)
    member = model.firms.members()
    nodes = min(net.n_nodes, n)
    ends = np.zeros(len(net.indices) + 1, np.int64)
    ends[1:] = np.cumsum(member[net.indices].astype(np.int64))
    counts = ends[net.indptr[1 : nodes + 1]] - ends[net.indptr[:nodes]]
    seen = np.zeros(n, bool)
    seen[:nodes] = counts > 0
    return seen


def leader_partners(model: AllianceModel, leader: int) -> np.ndarray:
    """The leader and its recent business partners: the firms it bid with jointly
    within ``oversight.partner_memory`` steps (bool per slot)."""
    n = len(model.firms)
    shielded = np.zeros(n, bool)
    if leader < 0:
        return shielded
    shielded[leader] = True
    within = model.config.oversight.partner_memory
    shielded[model.ties.partners_of(leader, model.steps, within)] = True
    return shielded

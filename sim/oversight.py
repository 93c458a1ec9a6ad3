"""What each monitor can see, and how often it detects what it sees (the "who sees what"
of the construction modes, :mod:`sim.monitoring`).

* **detection**: the chance a monitor catches a free-riding member it watches and can
  see, from the charter's ``monitoring_probability`` and the monitor's strength
  (``oversight.peer_efficacy``, ``oversight.audit_accuracy``,
  ``society.rating_accuracy``; the leading enterprise, an insider, sees directly);
* **sight**: peers see only members tied to another member in the business network;
  the leading enterprise spares itself and its recent partners (the firms it bid with
  jointly within ``oversight.partner_memory`` steps) when it shields them; audits and
  the rating reach every member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

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
    members = model.firms.members()
    spec = model.mechanics.spec
    if spec is None or Monitor.LEADER not in active_monitors(model, spec) or not members.any():
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

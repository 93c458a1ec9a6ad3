"""Who monitors, and how well: the monitoring mechanism of each construction mode.

The paper's actors differ in authority, information and interest, so each monitors
differently. With a detection probability ``p`` (``alliance.monitoring_probability``)
and fine ``f`` (a multiple of the contribution the free-rider owed this step,
``model.contribution_owed``, so a sanction bites large firms as much as small ones):

* **peers** (market only): a free-rider is reported with probability
  ``p x peer_efficacy``; each member pays ``monitoring_cost``; fines and expulsion
  follow the charter.
* **audit** (administration): each member, contributor or not, is audited with
  probability ``p`` at public cost ``audit_cost`` per audit (never beyond the budget);
  an audited free-rider is found with probability ``audit_accuracy`` (arm's length:
  less informed); the fine is credible and expulsion follows the charter.
* **leader** (leading enterprise): free-riders are detected with probability ``p``
  (an insider is well informed), the leader pays ``monitoring_cost`` per member, but it
  never sanctions itself nor its business partners (network neighbours and
  collaboration ties) when ``leader_shields_partners``, and waives ``leader_leniency``
  of the fine for the others (conflict of interest).
* **rating** (society): detection ``p``, scaled down if the society's funds cannot pay
  ``monitoring_cost`` per member; sanctions are soft: no fine and no expulsion, but
  the member's credit rating drops (visible to clients, :mod:`sim.credit_rating`) and
  its certificate is withdrawn while the rating is below 0.5.

Several monitors (co-construction) run side by side: a firm is caught if any catches
it; it pays the largest fine imposed; it can be expelled only by a monitor with hard
sanctions. The reputation penalty and offence count are applied once per step by the
model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from agents.action import Action
from sim.alliance import Sanctions
from sim.credit_rating import rate_members
from sim.governance_form import staff_cost
from sim.organiser_accounts import OrganiserCost
from sim.scenario import Organiser
from sim.scenario.modes import ModeSpec, Monitor

if TYPE_CHECKING:
    from sim.model import AllianceModel

ORGANISER_OF = {
    Monitor.PEERS: None,
    Monitor.AUDIT: Organiser.ADMINISTRATION,
    Monitor.LEADER: Organiser.ENTERPRISE,
    Monitor.RATING: Organiser.SOCIETY,
}


@dataclass
class Catch:
    """One monitor's findings this step."""

    caught: np.ndarray  # bool per slot
    fines: np.ndarray  # MU per slot
    hard: bool  # may lead to expulsion


def active_monitors(model: AllianceModel, spec: ModeSpec) -> list[Monitor]:
    """The mode's monitors whose organiser is engaged this step (peers always)."""
    engaged = set(model.engaged_organisers())
    return [m for m in spec.monitors if ORGANISER_OF[m] is None or ORGANISER_OF[m] in engaged]


def run_monitoring(
    model: AllianceModel, spec: ModeSpec, open_members: np.ndarray, profit: np.ndarray
) -> Sanctions:
    """Every active monitor of the mode watches the members; combine what they find."""
    t = model.firms
    free_riders = open_members & (t.strategy == Action.FREE_RIDE)
    n = len(t)
    caught, hard = np.zeros(n, bool), np.zeros(n, bool)
    fines = np.zeros(n)
    model.last_monitors = active_monitors(model, spec)
    for monitor in model.last_monitors:
        found = MECHANISMS[monitor](model, open_members, free_riders, profit)
        caught |= found.caught
        fines = np.maximum(fines, found.fines)
        if found.hard:
            hard |= found.caught
    expelled = np.zeros(n, bool)
    after = model.alliance.charter.expulsion_after
    if after > 0:
        expelled = hard & (t.offences + 1 >= after)
    return Sanctions(caught, fines, expelled)


def charter_monitoring(
    model: AllianceModel, open_members: np.ndarray, profit: np.ndarray
) -> Sanctions:
    """Monitoring without a construction mode (``mode: null``): the charter's detection
    probability, its cost split among the engaged organisers (members share it when the
    alliance has none); detection is scaled down by the share of the cost funded."""
    t, charter, lg = model.firms, model.alliance.charter, model.ledger
    cost = charter.monitoring_cost * int(open_members.sum())
    funded = 1.0
    if cost > 0 and model.config.alliance.organiser:
        funded = model._charge_organisers(cost, profit, OrganiserCost.MONITORING)
    elif cost > 0:
        profit -= np.where(open_members, charter.monitoring_cost, 0.0)
        lg.monitoring_costs += cost
    free_riders = open_members & (t.strategy == Action.FREE_RIDE)
    return model.alliance.monitor(
        free_riders,
        t.offences,
        charter.monitoring_probability * funded,
        fine_due(model),
        model.streams["governance"],
    )


def fine_due(model: AllianceModel) -> np.ndarray:
    """The fine each member would pay if caught this step: ``fine`` x contribution owed."""
    return model.alliance.charter.fine * model.contribution_owed


def detection(monitor: Monitor, p: float, oversight) -> float:
    """Chance that ``monitor`` catches a free-riding member, given the charter's ``p``:
    peers see less (``peer_efficacy``), audits find less (``audit_accuracy``)."""
    if monitor is Monitor.PEERS:
        return p * oversight.peer_efficacy
    if monitor is Monitor.AUDIT:
        return p * oversight.audit_accuracy
    return p


def _draw(model: AllianceModel, mask: np.ndarray, probability: float) -> np.ndarray:
    rng = model.streams["governance"]
    return mask & (rng.random(len(mask)) < probability)


def peer_monitoring(model: AllianceModel, members, free_riders, profit) -> Catch:
    """Members watch each other, weakly, and pay for it themselves."""
    charter, lg = model.alliance.charter, model.ledger
    cost = charter.monitoring_cost
    if cost > 0:
        profit -= np.where(members, cost, 0.0)
        lg.monitoring_costs += cost * int(members.sum())
    p = detection(Monitor.PEERS, charter.monitoring_probability, model.config.oversight)
    caught = _draw(model, free_riders, p)
    return Catch(caught, np.where(caught, fine_due(model), 0.0), hard=True)


def administration_audit(model: AllianceModel, members, free_riders, profit) -> Catch:
    """Random audits of members at public cost; credible but less informed."""
    charter, oversight, admin = model.alliance.charter, model.config.oversight, model.administration
    audited = _draw(model, members, charter.monitoring_probability)
    if oversight.audit_cost > 0:
        affordable = int(admin.budget // oversight.audit_cost)
        rows = np.flatnonzero(audited)
        audited[rows[affordable:]] = False
        paid = admin.pay(oversight.audit_cost * int(audited.sum()))
        model.ledger.public_spending += paid
        model.ledger.public_monitoring += paid
    caught = _draw(model, audited & free_riders, oversight.audit_accuracy)
    model.last_audits = int(audited.sum())
    return Catch(caught, np.where(caught, fine_due(model), 0.0), hard=True)


def leader_partners(model: AllianceModel, leader: int) -> np.ndarray:
    """The leader and its business partners: network neighbours and collaboration ties."""
    n = len(model.firms)
    shielded = np.zeros(n, bool)
    shielded[leader] = True
    net = model.network
    if hasattr(net, "indptr") and leader < net.n_nodes:
        shielded[net.indices[net.indptr[leader] : net.indptr[leader + 1]]] = True
    if len(model.ties):
        pairs = model.ties.pairs()
        mine = (pairs[:, 0] == leader) | (pairs[:, 1] == leader)
        shielded[pairs[mine].ravel()] = True
    return shielded


def leader_monitoring(model: AllianceModel, members, free_riders, profit) -> Catch:
    """The leading enterprise monitors, well informed but with a conflict of interest."""
    charter, oversight = model.alliance.charter, model.config.oversight
    leader = model.leader_row()
    cost = charter.monitoring_cost * int(members.sum())
    profit[leader] -= cost
    model.ledger.monitoring_costs += cost
    suspects = free_riders
    if oversight.leader_shields_partners:
        suspects = free_riders & ~leader_partners(model, leader)
    caught = _draw(model, suspects, charter.monitoring_probability)
    fine = fine_due(model) * (1.0 - oversight.leader_leniency)
    return Catch(caught, np.where(caught, fine, 0.0), hard=True)


def society_rating(model: AllianceModel, members, free_riders, profit) -> Catch:
    """The society rates members' credit: soft, reputation-based sanctions."""
    charter, society = model.alliance.charter, model.society
    cost = charter.monitoring_cost * int(members.sum())
    funded = society.pay(cost) / cost if cost > 0 else 1.0
    caught = _draw(model, free_riders, charter.monitoring_probability * funded)
    rate_members(model.firms, members, caught, model.config.society)
    return Catch(caught, np.zeros(len(caught)), hard=False)


MECHANISMS = {
    Monitor.PEERS: peer_monitoring,
    Monitor.AUDIT: administration_audit,
    Monitor.LEADER: leader_monitoring,
    Monitor.RATING: society_rating,
}


def expected_fine(
    model: AllianceModel, spec: ModeSpec, who: np.ndarray, owed: np.ndarray
) -> np.ndarray:
    """Expected fine (MU/step) of each firm in ``who`` if it free-rides next step under
    the mode's monitors engaged now: ``sum_k f_k q_k prod_{j<k} (1 - q_j)`` over monitors
    ordered by fine, largest first (a firm caught by several pays the largest fine).
    ``owed`` is what each would owe as a contributing member (the fine's base). Used by
    the logit best response."""
    charter, oversight = model.alliance.charter, model.config.oversight
    p, f = charter.monitoring_probability, charter.fine * owed
    detect, fines = [], []
    for monitor in active_monitors(model, spec):
        q, fine = np.full(len(who), detection(monitor, p, oversight)), f.copy()
        if monitor is Monitor.LEADER:
            fine *= 1.0 - oversight.leader_leniency
            if oversight.leader_shields_partners:
                fine[leader_partners(model, model.leader_row())[who]] = 0.0
        elif monitor is Monitor.RATING:
            fine[:] = 0.0  # soft sanctions: no fine
        detect.append(q)
        fines.append(fine)
    if not detect:
        return np.zeros(len(who))
    q, fine = np.array(detect), np.array(fines)
    order = np.argsort(-fine, axis=0, kind="stable")
    q, fine = np.take_along_axis(q, order, 0), np.take_along_axis(fine, order, 0)
    escaped = np.cumprod(np.vstack([np.ones(len(who)), 1.0 - q[:-1]]), axis=0)
    return (fine * q * escaped).sum(axis=0)


def member_cost(model: AllianceModel, spec: ModeSpec) -> float:
    """What the mode makes every member pay each step besides the fee (MU/step): peer
    monitoring and, without an operator, a share of a tight alliance's staff."""
    members = max(int(model.firms.members().sum()), 1)
    cost = 0.0
    if Monitor.PEERS in active_monitors(model, spec):
        cost += model.alliance.charter.monitoring_cost
    if spec.operator is None:
        cost += staff_cost(model.config.governance) / members
    return cost

"""Who monitors, and how well: the monitoring mechanism of each construction mode.

The paper's actors differ in authority, information and interest, so each monitors
differently. Every monitor is described in the same terms
(:mod:`sim.incentives.enforcement`): the chance it catches a free-rider it can see per
step, the penalty per MU evaded (a fine of ``f`` times the contribution the free-rider
owed this step, ``model.contribution_owed``, or market profit lost through standing),
its cost per member and who pays; what each monitor can see and how often it detects
what it sees is :mod:`sim.oversight`. With the charter's detection probability ``p``
(``alliance.monitoring_probability``):

* **peers** (market only): members watch the members they are tied to in the
  business network; a free-rider with no member among its neighbours goes unseen.
  One that is seen is reported with probability ``p x peer_efficacy``; each member pays
  ``monitoring_cost``; fines and expulsion follow the charter.
* **audit** (administration): each member, contributor or not, is audited with
  probability ``p`` at public cost ``audit_cost`` per audit (never beyond the budget;
  audits are paid before subsidies, so they come first when the budget is short); no
  more audits a step than ``administration.audit_budget`` pays for, those kept chosen
  at random among the drawn (:func:`sim.oversight.audit_probability`);
  an audited free-rider is found with probability ``audit_accuracy``; the fine is
  credible and expulsion follows the charter.
* **leader** (leading enterprise): free-riders are detected with probability ``p``
  (an insider is well informed), the leader pays ``monitoring_cost`` per member, but it
  never sanctions itself nor its recent business partners (firms it bid with jointly
  within ``oversight.partner_memory`` steps) when ``leader_shields_partners``, and
  waives ``leader_leniency`` of the fine for the others (conflict of interest).
* **rating** (society): it reviews members' reports; a free-rider is found with
  probability ``p x rating_accuracy``, scaled down if the society's funds cannot pay
  ``monitoring_cost`` per member; sanctions are soft: no fine and no expulsion, but
  the member's credit rating drops (visible to clients, :mod:`sim.credit_rating`) and
  its certificate is withdrawn while the rating is below 0.5.

At the defaults every monitor is equally strong for a member it can see (the
equal-strength baseline, :mod:`sim.incentives.enforcement`). Several monitors
(co-construction) split the members between them at random each step, so every member
is watched once a step at one monitor's cost, as in every other mode; a firm caught by
a monitor with hard sanctions can be expelled. The reputation penalty and offence
count are applied once per step by the model.
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
from sim.oversight import (
    active_monitors,
    affordable_audits,
    detection,
    watched_probability,
    within_sight,
)
from sim.scenario.modes import ModeSpec, Monitor

if TYPE_CHECKING:
    from sim.model import AllianceModel


@dataclass
class Watch:
    """What one monitor looks at this step: every open member, the members assigned
    to it (several monitors split the members between them, so each member is watched
    once per step at the same cost), and those of them who free-ride."""

    members: np.ndarray  # bool per slot: every open member
    watched: np.ndarray  # bool per slot: the members this monitor watches
    free_riders: np.ndarray  # bool per slot: watched members who free-ride


@dataclass
class Catch:
    """One monitor's findings this step."""

    caught: np.ndarray  # bool per slot
    fines: np.ndarray  # MU per slot
    hard: bool  # may lead to expulsion


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
    shares = watch_shares(model, open_members, len(model.last_monitors))
    for monitor, mine in zip(model.last_monitors, shares, strict=True):
        found = MECHANISMS[monitor](model, Watch(open_members, mine, free_riders & mine), profit)
        caught |= found.caught
        fines = np.maximum(fines, found.fines)
        if found.hard:
            hard |= found.caught
    expelled = np.zeros(n, bool)
    after = model.alliance.charter.expulsion_after
    if after > 0:
        expelled = hard & (t.offences + 1 >= after)
    return Sanctions(caught, fines, expelled)


def watch_shares(model: AllianceModel, members: np.ndarray, monitors: int) -> list[np.ndarray]:
    """Split the members between the monitors at random each step, one each, so that a
    mode with several monitors (co-construction) watches every member once, at one
    monitor's cost, like every other mode (the equal-strength baseline)."""
    if monitors <= 1:
        return [members] * monitors
    assigned = model.streams["governance"].integers(monitors, size=len(members))
    return [members & (assigned == k) for k in range(monitors)]


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


def _draw(model: AllianceModel, mask: np.ndarray, probability: float) -> np.ndarray:
    rng = model.streams["governance"]
    return mask & (rng.random(len(mask)) < probability)


def peer_monitoring(model: AllianceModel, watch: Watch, profit: np.ndarray) -> Catch:
    """Members watch the members they are tied to, and pay for it themselves."""
    charter, lg = model.alliance.charter, model.ledger
    cost = charter.monitoring_cost
    if cost > 0:
        profit -= np.where(watch.watched, cost, 0.0)
        lg.monitoring_costs += cost * int(watch.watched.sum())
    p = detection(Monitor.PEERS, charter.monitoring_probability, model.config)
    caught = _draw(model, watch.free_riders & within_sight(model, Monitor.PEERS), p)
    return Catch(caught, np.where(caught, fine_due(model), 0.0), hard=True)


def administration_audit(model: AllianceModel, watch: Watch, profit: np.ndarray) -> Catch:
    """Random audits of members at public cost; credible but less informed."""
    charter, oversight, admin = model.alliance.charter, model.config.oversight, model.administration
    audited = _draw(model, watch.watched, charter.monitoring_probability)
    _keep_affordable(model, audited)
    if oversight.audit_cost > 0:
        affordable = int(admin.budget // oversight.audit_cost)
        rows = np.flatnonzero(audited)
        audited[rows[affordable:]] = False
        paid = admin.pay(oversight.audit_cost * int(audited.sum()))
        model.ledger.public_spending += paid
        model.ledger.public_monitoring += paid
    p_found = detection(Monitor.AUDIT, 1.0, model.config)  # of those audited
    caught = _draw(model, audited & watch.free_riders, p_found)
    model.last_audits = int(audited.sum())
    return Catch(caught, np.where(caught, fine_due(model), 0.0), hard=True)


def _keep_affordable(model: AllianceModel, audited: np.ndarray) -> None:
    """Cut the audits drawn to those the audit budget pays for, keeping a random set of
    them (every drawn member equally likely to stay); no draw when all are affordable."""
    k = affordable_audits(model.config)
    rows = np.flatnonzero(audited)
    if k is None or len(rows) <= k:
        return
    dropped = model.streams["governance"].choice(rows, len(rows) - k, replace=False)
    audited[dropped] = False


def leader_monitoring(model: AllianceModel, watch: Watch, profit: np.ndarray) -> Catch:
    """The leading enterprise monitors, well informed but with a conflict of interest."""
    charter, oversight = model.alliance.charter, model.config.oversight
    leader = model.leader_row()
    cost = charter.monitoring_cost * int(watch.watched.sum())
    profit[leader] -= cost
    model.ledger.monitoring_costs += cost
    suspects = watch.free_riders & within_sight(model, Monitor.LEADER)
    p = detection(Monitor.LEADER, charter.monitoring_probability, model.config)
    caught = _draw(model, suspects, p)
    fine = fine_due(model) * (1.0 - oversight.leader_leniency)
    return Catch(caught, np.where(caught, fine, 0.0), hard=True)


def society_rating(model: AllianceModel, watch: Watch, profit: np.ndarray) -> Catch:
    """The society rates members' credit: soft, reputation-based sanctions. Every
    member not found wanting recovers, whether reviewed this step or not."""
    charter, society = model.alliance.charter, model.society
    cost = charter.monitoring_cost * int(watch.watched.sum())
    funded = society.pay(cost) / cost if cost > 0 else 1.0
    p = detection(Monitor.RATING, charter.monitoring_probability, model.config)
    caught = _draw(model, watch.free_riders, p * funded)
    rate_members(model.firms, watch.members, caught, model.config.society)
    return Catch(caught, np.zeros(len(caught)), hard=False)


MECHANISMS = {
    Monitor.PEERS: peer_monitoring,
    Monitor.AUDIT: administration_audit,
    Monitor.LEADER: leader_monitoring,
    Monitor.RATING: society_rating,
}


def catch_chances(model: AllianceModel, spec: ModeSpec, who: np.ndarray) -> dict:
    """Per monitor of the mode engaged now, the chance each firm in ``who`` is caught
    if it free-rides next step: its detection where the monitor can see the firm, 0
    where it cannot (:func:`within_sight`)."""
    monitors = active_monitors(model, spec)
    share = 1.0 / max(len(monitors), 1)  # each member is watched by one of them a step
    return {
        m: share
        * detection(m, watched_probability(model, m, share), model.config)
        * within_sight(model, m)[who]
        for m in monitors
    }


def fine_rate(model: AllianceModel, monitor: Monitor) -> float:
    """The fine ``monitor`` imposes per MU evaded when it catches a free-rider: the
    charter's ``fine``, less the leader's leniency; none for the rating's soft sanction."""
    fine = model.alliance.charter.fine
    if monitor is Monitor.LEADER:
        return fine * (1.0 - model.config.oversight.leader_leniency)
    if monitor is Monitor.RATING:
        return 0.0
    return fine


def expected_fine(
    model: AllianceModel, spec: ModeSpec, who: np.ndarray, owed: np.ndarray
) -> np.ndarray:
    """Expected fine (MU/step) of each firm in ``who`` if it free-rides next step under
    the mode's monitors engaged now: ``sum_k f_k q_k``, with ``q_k`` the chance monitor
    ``k`` watches the firm and catches it (the monitors split the members, so at most
    one catches a firm in a step). ``owed`` is what each would owe as a contributing
    member (the fine's base). Used by the logit best response."""
    expected = np.zeros(len(who))
    for monitor, q in catch_chances(model, spec, who).items():
        expected += q * fine_rate(model, monitor) * owed
    return expected


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

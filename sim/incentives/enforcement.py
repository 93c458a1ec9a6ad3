"""One enforcement model: every monitor described by the same quantities.

Peers, the administration's audits, the leading enterprise and the society's credit
rating enforce the charter in different ways (:mod:`sim.monitoring`), but a firm
weighing free-riding sees each of them through the same numbers, and so does this
table (printed per mode by ``alliance diagnose``):

* **detection**: the chance a free-rider the monitor can see is caught in a step;
* **accuracy**: the chance an inspection of a free-rider finds it (audits and the
  rating inspect; peers and the leader see directly), and **false accusations**, the
  chance a contributor is sanctioned (no mechanism here accuses contributors: 0);
* **reach**: the share of members it can sanction at all (peers see only members tied
  to another member; the leader spares itself and its recent partners);
* **penalty per MU evaded** if caught: the fine (a multiple of the contribution owed)
  plus the market profit lost through reputation and rating, valued by the one
  estimator of :mod:`sim.incentives.sanction_cost` over the firms' one horizon;
* **expected penalty per MU evaded** for a member it can see: detection x penalty;
* **cost per member and step**, and **who pays** it.

The **equal-strength baseline**: at the shared defaults every monitor's expected
penalty per MU evaded, for a member it can see, is the charter's ``p x fine`` and its
cost per member is the charter's ``monitoring_cost`` (audits: ``p x audit_cost``; an
audit budget too short for every audit drawn lowers the audits' ``p`` in both, the one
:func:`sim.oversight.audit_probability` a firm's best response uses too), so
that modes differ only in who organises, who pays, who sees what, the leader's conflict
of interest and the services each organiser provides. The rating has no fine: its
default penalty (``society.rating_penalty``) is set so that the profit a drop costs a
member, at the start of a society-led run, equals the fine it replaces
(:data:`sim.scenario.society.RATING_PENALTY`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.incentives.sanction_cost import rating_loss, reputation_loss
from sim.monitoring import fine_rate
from sim.oversight import (
    ORGANISER_OF,
    active_monitors,
    detection,
    watched_probability,
    within_sight,
)
from sim.scenario.modes import Monitor

if TYPE_CHECKING:
    from sim.model import AllianceModel

CHARTER = "charter"
"""The row of a scenario without a construction mode: the charter's plain monitoring."""

__all__ = [
    "CHARTER",
    "MonitorTerms",
    "enforcement_table",
    "mode_cost_per_member",
    "mode_expected_per_mu",
    "standing_per_mu",
]


@dataclass(frozen=True)
class MonitorTerms:
    """One monitor in the common terms of the enforcement model."""

    monitor: str
    watched: float
    detection: float
    accuracy: float
    false_accusation: float
    reach: float
    fine_per_mu: float
    standing_per_mu: float
    cost_per_member: float
    payer: str

    @property
    def penalty_per_mu(self) -> float:
        """MU a caught free-rider loses per MU it evaded (fine plus lost standing)."""
        return self.fine_per_mu + self.standing_per_mu

    @property
    def expected_per_mu(self) -> float:
        """Expected penalty per MU evaded for a free-rider the monitor watches and can see."""
        return self.detection * self.penalty_per_mu


def mode_expected_per_mu(table: list[MonitorTerms]) -> float:
    """Expected penalty per MU evaded for a member every monitor can see, with the
    monitors splitting the members between them."""
    return sum(row.watched * row.expected_per_mu for row in table)


def mode_cost_per_member(table: list[MonitorTerms]) -> float:
    """Monitoring cost per member and step, the monitors splitting the members."""
    return sum(row.watched * row.cost_per_member for row in table)


def enforcement_table(model: AllianceModel) -> list[MonitorTerms]:
    """The monitors enforcing the charter now, each in the common terms."""
    spec = model.mechanics.spec
    if spec is None:
        return [_charter_terms(model)]
    monitors = active_monitors(model, spec)
    return [_monitor_terms(model, m, 1.0 / len(monitors)) for m in monitors]


def standing_per_mu(model: AllianceModel, monitor: Monitor | None) -> float:
    """Market profit a member expects to lose per MU evaded when ``monitor`` catches it:
    the reputation drop (any monitor) and, for the rating, the rating drop, each over
    its discounted duration (the estimator of :mod:`sim.incentives.sanction_cost`), for
    a member earning the members' gross profit rate."""
    share = reputation_loss(model)
    if monitor is Monitor.RATING:
        share += rating_loss(model)
    return share * _gross_per_mu_owed(model)


def _gross_per_mu_owed(model: AllianceModel) -> float:
    """Members' expected gross market profit per MU of contribution they owe (the
    ratio the standing cost scales with), averaged over members."""
    t = model.firms
    members = np.flatnonzero(t.members())
    if not len(members):
        return 0.0
    owed = model.contribution_owed[members]
    gross = max(model.market_rates.value[1], 0.0) * t.capacity[members]
    ok = owed > 0
    return float((gross[ok] / owed[ok]).mean()) if ok.any() else 0.0


def _monitor_terms(model: AllianceModel, monitor: Monitor, watched: float) -> MonitorTerms:
    charter, config = model.alliance.charter, model.config
    p = watched_probability(model, monitor, watched)  # audits: cut by a short audit budget
    members = model.firms.members()
    reach = float(within_sight(model, monitor)[members].mean()) if members.any() else 1.0
    accuracy = {
        Monitor.AUDIT: config.oversight.audit_accuracy,
        Monitor.RATING: config.society.rating_accuracy,
    }.get(monitor, 1.0)
    cost = charter.monitoring_cost
    if monitor is Monitor.AUDIT:
        cost = p * config.oversight.audit_cost
    payer = ORGANISER_OF[monitor]
    return MonitorTerms(
        monitor.value,
        watched,
        detection(monitor, p, config),
        accuracy,
        0.0,
        reach,
        fine_rate(model, monitor),
        standing_per_mu(model, monitor),
        cost,
        payer.value if payer is not None else "members",
    )


def _charter_terms(model: AllianceModel) -> MonitorTerms:
    charter = model.alliance.charter
    payer = "organisers" if model.config.alliance.organiser else "members"
    return MonitorTerms(
        CHARTER,
        1.0,
        charter.monitoring_probability,
        1.0,
        0.0,
        1.0,
        charter.fine,
        standing_per_mu(model, None),
        charter.monitoring_cost,
        payer,
    )

"""The governance and oversight sections: loose versus tight governance (the second axis
of every construction mode) and how each kind of monitor works."""

from __future__ import annotations

from enum import StrEnum

from sim.scenario.section import Plausible, Section, param


class GovernanceForm(StrEnum):
    """Loose (an agreement: low fee, little staff) or tight (an entity with staff,
    platform and stronger sanctions): the second axis of every mode."""

    LOOSE = "loose"
    TIGHT = "tight"


class Oversight(Section):
    """How each kind of monitor works: the mechanism behind "who monitors and how well".

    Used when ``mode`` is set (see :mod:`sim.monitoring`). Every monitor is described in
    the same terms (:mod:`sim.incentives.enforcement`): detection per step, accuracy,
    penalty per MU evaded, cost per member and who pays. At the defaults every monitor
    is equally strong (the equal-strength baseline: full efficacy and accuracy, no
    leniency), so modes differ by who organises, pays and sees what: peers see only
    members they are tied to, audits sample members at public cost, the leading
    enterprise shields its recent partners, the society's rating acts through the
    market. How strong each instrument really is is uncertain: the plausible ranges
    below are what the robust comparison samples.
    """

    peer_efficacy: float = param(
        1.0,
        0.0,
        1.0,
        "fraction",
        "Peers' detection of a free-rider they are tied to, relative to monitoring_probability",
        Plausible(0.2, 1.0, "peers lack authority and hesitate to report business partners"),
    )
    audit_cost: float = param(
        0.02,
        0.0,
        1e4,
        "MU/audit",
        "Public cost of auditing one member (any member, not only free-riders)",
    )
    audit_accuracy: float = param(
        1.0,
        0.0,
        1.0,
        "probability",
        "Chance an audit of a free-rider finds it",
        Plausible(0.4, 1.0, "an arm's-length auditor reads books, not the daily work"),
    )
    leader_shields_partners: bool = param(
        True,
        None,
        None,
        "switch",
        "The leading enterprise never sanctions itself nor its recent business partners",
    )
    partner_memory: int = param(
        8,
        1,
        1000,
        "steps",
        "The leader's partners: firms it bid with jointly within this many steps",
        Plausible(2, 20, "half a year to five years of a business relationship"),
    )
    leader_leniency: float = param(
        0.0,
        0.0,
        1.0,
        "fraction",
        "Share of the fine the leading enterprise waives for firms it does sanction",
        Plausible(0.0, 0.8, "a leader depends on its members' goodwill and may go easy"),
    )


class Governance(Section):
    """Loose versus tight governance: the second axis of every construction mode.

    ``loose`` runs the charter as written. ``tight`` turns the alliance into an entity:
    the fee is multiplied by ``tight_fee_factor``, fines and reputation penalties by
    ``tight_sanction_factor``, monitoring probability by ``tight_monitoring_factor``
    (capped at 1), staff cost ``tight_staff_cost`` is paid each step by the operator
    (see :mod:`sim.scenario.modes`) and ``tight_platform_investment`` is added to the platform.
    """

    form: GovernanceForm = param(GovernanceForm.LOOSE, None, None, "choice", "Loose or tight")
    tight_fee_factor: float = param(2.0, 1.0, 100.0, "multiplier", "Fee multiplier when tight")
    tight_sanction_factor: float = param(
        2.0, 1.0, 100.0, "multiplier", "Fine and reputation-penalty multiplier when tight"
    )
    tight_monitoring_factor: float = param(
        2.0, 1.0, 100.0, "multiplier", "Monitoring-probability multiplier when tight (cap 1)"
    )
    tight_staff_cost: float = param(
        1.0, 0.0, 1e9, "MU/step", "Secretariat staff cost when tight, paid by the operator"
    )
    tight_platform_investment: float = param(
        1.0, 0.0, 1e9, "MU/step", "Platform investment added when tight, paid by the funders"
    )

"""The governance and oversight sections: loose versus tight governance (the second axis
of every construction mode) and how each kind of monitor works."""

from __future__ import annotations

from enum import StrEnum

from sim.scenario.section import Section, param


class GovernanceForm(StrEnum):
    """Loose (an agreement: low fee, little staff) or tight (an entity with staff,
    platform and stronger sanctions): the second axis of every mode."""

    LOOSE = "loose"
    TIGHT = "tight"


class Oversight(Section):
    """How each kind of monitor works: the mechanism behind "who monitors and how well".

    Used when ``mode`` is set (see :mod:`sim.monitoring`): peers report weakly and pay
    for it themselves; the administration audits at random (credible, costly, less
    informed); a leading enterprise monitors with a conflict of interest; the society
    rates (soft, reputation-based sanctions).
    """

    peer_efficacy: float = param(
        0.5,
        0.0,
        1.0,
        "fraction",
        "Peers' detection relative to monitoring_probability (no authority, little information)",
    )
    audit_cost: float = param(
        0.02,
        0.0,
        1e4,
        "MU/audit",
        "Public cost of auditing one member (any member, not only free-riders)",
    )
    audit_accuracy: float = param(
        0.6, 0.0, 1.0, "probability", "Chance an audit of a free-rider finds it (arm's length)"
    )
    leader_shields_partners: bool = param(
        True,
        None,
        None,
        "switch",
        "The leading enterprise never sanctions itself nor its business partners",
    )
    leader_leniency: float = param(
        0.5, 0.0, 1.0, "fraction", "Share of the fine the leading enterprise waives for others"
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

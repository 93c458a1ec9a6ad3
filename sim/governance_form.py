"""Loose versus tight governance: the second axis of every construction mode.

The paper contrasts a loose alliance (a cooperation agreement: low fee, little staff)
with a tight one (an entity with a secretariat, a platform and binding sanctions).
Here ``loose`` runs the charter as written, and ``tight`` transforms it:

    fee' = fee x tight_fee_factor
    fine' = fine x tight_sanction_factor
    reputation_penalty' = min(1, reputation_penalty x tight_sanction_factor)
    monitoring_probability' = min(1, monitoring_probability x tight_monitoring_factor)

and adds two flows each step the alliance is active: ``tight_staff_cost`` (MU/step),
paid by the mode's operator (or shared by members when there is none), and
``tight_platform_investment`` (MU/step) paid by the mode's platform funders. A charter
changed by an event goes through the same transformation.
"""

from __future__ import annotations

from sim.scenario import Charter, Governance, GovernanceForm


def effective_charter(written: Charter, governance: Governance) -> Charter:
    """The charter in force under ``governance`` (unchanged when loose)."""
    if governance.form is GovernanceForm.LOOSE:
        return written
    g = governance
    return written.model_copy(
        update={
            "fee": written.fee * g.tight_fee_factor,
            "fine": written.fine * g.tight_sanction_factor,
            "reputation_penalty": min(1.0, written.reputation_penalty * g.tight_sanction_factor),
            "monitoring_probability": min(
                1.0, written.monitoring_probability * g.tight_monitoring_factor
            ),
        }
    )


def staff_cost(governance: Governance) -> float:
    """Secretariat cost per step (MU/step): zero for a loose alliance."""
    return governance.tight_staff_cost if governance.form is GovernanceForm.TIGHT else 0.0


def extra_platform_investment(governance: Governance) -> float:
    """Platform investment a tight alliance adds per step (MU/step)."""
    if governance.form is GovernanceForm.TIGHT:
        return governance.tight_platform_investment
    return 0.0

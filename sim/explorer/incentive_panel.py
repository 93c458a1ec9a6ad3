"""The incentive panel: this step's incentive audit (:func:`sim.incentives.diagnosis.audit`,
the function behind ``alliance diagnose``), shown as two small tables and a verdict.

For the smallest, median and largest member: what one more MU contributed returns to it
alone, with the subsidy it could claim, with the sanction it avoids (the expected fine and
lost standing per MU evaded, over all of the mode's monitors engaged now), and with both;
whether the pool is a social dilemma; each monitor in the common terms of the
enforcement model (:mod:`sim.incentives.enforcement`: detection, reach, expected penalty
per MU evaded, cost per member, who pays); each organiser's income, costs, funds and
runway.
The audit replays the pool on copies and its own generator, so showing it does not
change the run.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd
import solara
from mesa.visualization.utils import update_counter

from sim.incentives.diagnosis import Diagnosis, audit

if TYPE_CHECKING:
    from sim.model import AllianceModel

BOLD = {"font-weight": "bold"}
PROBE_NOTE = (
    "alone: from the pool; + subsidy: the matching subsidy it could claim; + sanction: "
    "the expected fine and lost standing it avoids, per MU evaded, over the monitors engaged "
    "now; with both: the sum. Above 1, contributing pays this member."
)


def probe_table(d: Diagnosis) -> pd.DataFrame:
    """One row per probed member: return per MU contributed, alone and with incentives."""
    return pd.DataFrame(
        [
            {
                "member": p.probe,
                "capacity [CU]": round(p.capacity, 2),
                "alone": round(p.private_return, 3),
                "+ subsidy": round(p.subsidy_per_mu, 3),
                "+ sanction": round(p.sanction_per_mu, 3),
                "with both": round(p.with_incentives, 3),
            }
            for p in d.probes
        ]
    )


def organiser_table(d: Diagnosis) -> pd.DataFrame:
    """One row per organiser: income and costs this step, funds and runway."""
    return pd.DataFrame(
        [
            {
                "organiser": who,
                "income [MU/step]": round(acc["income"], 3),
                "costs [MU/step]": round(acc["costs"], 3),
                "funds [MU]": round(acc["funds"], 2),
                "runway [steps]": _runway(acc["runway"]),
            }
            for who, acc in d.organisers.items()
        ]
    )


def _runway(steps: float) -> str:
    return "unlimited" if math.isinf(steps) else f"{steps:.0f}"


def verdict(d: Diagnosis) -> str:
    """Whether the pool is a social dilemma this step, in one sentence."""
    if not d.probes:
        return f"step {d.step}: fewer than two members, no pool to audit."
    dilemma = "a social dilemma" if d.dilemma else "NOT a social dilemma"
    return (
        f"step {d.step}: {d.members} members; multiplier {d.multiplier:.3f} (bound "
        f"{d.multiplier_bound:.3f}); all contributing returns {d.group_return:.3f} per MU to "
        f"the group. The pool is {dilemma} (each member gains by free-riding when its "
        "private return is below 1, the group gains when its return is above 1)."
    )


def enforcement_table(d: Diagnosis) -> pd.DataFrame:
    """One row per monitor engaged now, in the common terms of the enforcement model."""
    return pd.DataFrame(
        [
            {
                "monitor": r.monitor,
                "watches": round(r.watched, 2),
                "detects": round(r.detection, 3),
                "reach": round(r.reach, 2),
                "penalty per MU evaded": round(r.penalty_per_mu, 3),
                "expected per MU evaded": round(r.expected_per_mu, 3),
                "cost per member": round(r.cost_per_member, 4),
                "paid by": r.payer,
            }
            for r in d.enforcement
        ]
    )


def shield_line(d: Diagnosis) -> str:
    """The leader's shield, where a leading enterprise monitors."""
    if d.shielded_share <= 0:
        return ""
    return f"The leading enterprise shields {d.shielded_share:.0%} of members (recent partners)."


@solara.component
def IncentivePanel(model: AllianceModel) -> None:
    """The audit of the model as it stands now (redrawn after every step)."""
    update_counter.get()
    d = audit(model)
    with solara.Card("Incentives this step (alliance diagnose)"), solara.Column():
        solara.Text(verdict(d), classes=["explorer-verdict"])
        if d.probes:
            solara.Text("Return to a member of one more MU it contributes (MU per MU)", style=BOLD)
            solara.Text(PROBE_NOTE)
            solara.DataFrame(probe_table(d), items_per_page=3)
        if d.enforcement:
            solara.Text("Monitors engaged now (enforcement per MU evaded)", style=BOLD)
            solara.DataFrame(enforcement_table(d), items_per_page=4)
            if shield_line(d):
                solara.Text(shield_line(d))
        if d.organisers:
            solara.Text("Organisers", style=BOLD)
            solara.DataFrame(organiser_table(d), items_per_page=5)

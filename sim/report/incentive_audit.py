"""Why each mode behaves as it does: the incentive audit of ``alliance diagnose`` per mode.

For every base scenario the store recorded, :func:`sim.incentives.diagnosis.diagnose`
runs the scenario (at its own settings, replicate 0's seed) and audits it at the first
step, half-way and the last step: is the pool a social dilemma, what one more MU
contributed returns to a small and a large member without and with the subsidy and the
expected sanction, and each organiser's runway. The mode's monitors come from the modes'
table, and the last step's enforcement table (:mod:`sim.incentives.enforcement`) says how
each of them enforces, in the same terms. This module only gathers the numbers and words
them; the template lays them out.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from sim.experiment.seeds import replicate_seed
from sim.incentives.diagnosis import Diagnosis, diagnose
from sim.incentives.enforcement import MonitorTerms, mode_expected_per_mu
from sim.report.wording import mode_name, number
from sim.scenario import Scenario, ScenarioError, validate_scenario
from sim.scenario.modes import MODES, Mode, Monitor

MONITOR_NAMES = {
    Monitor.PEERS: "peers (members watch each other, weakly)",
    Monitor.AUDIT: "the administration's random audits",
    Monitor.LEADER: "the leading enterprise (it shields itself and its partners)",
    Monitor.RATING: "the society's credit rating (soft sanctions clients see)",
}
"""Each monitor in a policymaker's words (the mechanisms are in sim/monitoring.py)."""


@dataclass
class ModeAudit:
    """The audit of one mode: who monitors, and the diagnosis at a few steps."""

    mode: str
    monitors: list[str]
    steps: list[Diagnosis] = field(default_factory=list)
    problem: str | None = None

    @property
    def sentences(self) -> list[str]:
        return audit_sentences(self)


def audit_modes(scenarios_json: str, seed: int, steps: int | None) -> list[ModeAudit]:
    """Audit every base scenario recorded in a store's ``scenarios`` meta entry."""
    recorded = json.loads(scenarios_json)
    return [_audit(label, data, seed, steps) for label, data in recorded.items()]


def _audit(label: str, data: dict, seed: int, steps: int | None) -> ModeAudit:
    audit = ModeAudit(label, _monitors(label))
    try:
        scenario: Scenario = validate_scenario(data, source=f"scenario {label}")
    except ScenarioError as err:
        audit.problem = f"its recorded scenario no longer loads: {err}"
        return audit
    horizon = steps or scenario.steps
    at = sorted({1, max(horizon // 2, 1), max(horizon, 1)})
    audit.steps = diagnose(scenario, replicate_seed(seed, 0), at)
    return audit


def _monitors(label: str) -> list[str]:
    try:
        return [MONITOR_NAMES[m] for m in MODES[Mode(label)].monitors]
    except ValueError:
        return []


def audit_sentences(audit: ModeAudit) -> list[str]:
    """Two or three sentences: the dilemma, what incentives are worth, the runway."""
    if audit.problem:
        return [f"No audit: {audit.problem}."]
    if not audit.steps:
        return ["No audit was run."]
    last = audit.steps[-1]
    said = (_dilemma(audit), _incentives(last), _enforcement(last), _runway(last))
    return [s for s in said if s]


def _dilemma(audit: ModeAudit) -> str:
    held = [d.step for d in audit.steps if d.dilemma]
    steps = ", ".join(str(d.step) for d in audit.steps)
    if len(held) == len(audit.steps):
        return (
            f"Under {mode_name(audit.mode)} the pool is a social dilemma at every audited "
            f"step ({steps}): free-riding pays each member more, contributing pays the group more."
        )
    if not held:
        name = mode_name(audit.mode)
        return f"Under {name} the pool is not a social dilemma at the audited steps ({steps})."
    return (
        f"Under {mode_name(audit.mode)} the pool is a social dilemma at steps "
        f"{', '.join(map(str, held))} of {steps}."
    )


def _incentives(d: Diagnosis) -> str | None:
    if len(d.probes) < 2:
        return None
    small, large = d.probes[0], d.probes[-1]
    verdict = _verdict(small.with_incentives, large.with_incentives)
    return (
        f"At step {d.step}, one more MU contributed returns {number(small.private_return, 3)} MU "
        f"to the smallest member and {number(large.private_return, 3)} MU to the largest; with "
        f"the subsidy and the expected sanction, {number(small.with_incentives, 3)} and "
        f"{number(large.with_incentives, 3)} MU: {verdict}."
    )


def _verdict(small: float, large: float) -> str:
    """Who is better off contributing (a return above 1 MU per MU) once incentives count."""
    if small > 1 and large > 1:
        return "contributing pays both"
    if small <= 1 and large <= 1:
        return "free-riding still pays both"
    who = "smallest" if small > 1 else "largest"
    other = "largest" if small > 1 else "smallest"
    return f"contributing pays the {who}, free-riding still pays the {other}"


def _enforcement(d: Diagnosis) -> str | None:
    if not d.enforcement:
        return None
    expected = number(mode_expected_per_mu(d.enforcement), 3)
    text = (
        f"A member its monitors can see expects to lose {expected} MU per MU it evades "
        "(detection × fine and lost standing)"
    )
    if d.shielded_share > 0:
        text += f"; the leading enterprise shields {d.shielded_share:.0%} of members"
    return text + "."


def monitor_name(row: MonitorTerms) -> str:
    """A monitor of the enforcement table in words."""
    try:
        return MONITOR_NAMES[Monitor(row.monitor)]
    except ValueError:
        return "the charter's monitoring"


def _runway(d: Diagnosis) -> str | None:
    if not d.organisers:
        return "No organiser holds funds: members pay for everything."
    parts = [f"{who} {runway_text(acc['runway'])}" for who, acc in d.organisers.items()]
    return f"Organisers' runway at step {d.step}: {'; '.join(parts)}."


def runway_text(steps: float, short: bool = False) -> str:
    """An organiser's runway as words: its funds last forever, or for so many steps."""
    if math.isinf(steps):
        return "unlimited" if short else "unlimited (income covers costs)"
    return f"{steps:.0f} steps"

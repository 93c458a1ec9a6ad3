"""The administration section: the archives administration's budget and policy levers."""

from __future__ import annotations

from enum import StrEnum

from sim.scenario.section import Section, param


class BackingRule(StrEnum):
    """How the administration decides to back the alliance."""

    COMMITTED = "committed"
    ADAPTIVE = "adaptive"


class Administration(Section):
    """The archives administration: a public budget and policy levers."""

    present: bool = param(False, None, None, "switch", "Whether an administration acts")
    budget_initial: float = param(0.0, 0.0, 1e12, "MU", "Budget at the start")
    budget_per_step: float = param(0.0, 0.0, 1e12, "MU/step", "Appropriation each step")
    subsidy: float = param(
        0.0,
        0.0,
        10.0,
        "MU/MU contributed",
        "Matching subsidy: paid per MU a member contributes (claimed, within the budget)",
    )
    audit_budget: float | None = param(
        None,
        0.0,
        1e12,
        "MU/step",
        "Most it spends on audits in a step (whole audits at oversight.audit_cost); "
        "null: no limit but the budget",
    )
    procurement_preference: float = param(
        0.0, 0.0, 100.0, "score", "Score bonus for members in public procurement"
    )
    backing_rule: BackingRule = param(
        BackingRule.COMMITTED, None, None, "choice", "Committed, or adaptive (logit on value)"
    )
    public_value: float = param(
        0.5, 0.0, 1e6, "MU/contributor/step", "Public value it sees in each contributing member"
    )
    backing_intensity: float = param(
        5.0, 0.0, 1e6, "1/MU", "Logit intensity of an adaptive backing decision"
    )

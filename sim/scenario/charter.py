"""The charter: the alliance's rules (admission, fee, contribution, benefit sharing,
monitoring, sanctions) and the enums they choose from. An event may replace the charter
alone (``charter_change``), so it is a section of its own."""

from __future__ import annotations

from enum import StrEnum

from sim.scenario.section import Section, param

CONTRIBUTION_RATE = 0.02
"""Default contribution per capacity unit and quarter (MU/CU/step): 2% of a quarter's
deliverable value, a membership's stake in the common platform."""


class Admission(StrEnum):
    """Admission rule of the charter."""

    OPEN = "open"
    MIN_QUALITY = "min_quality"
    MIN_CAPACITY = "min_capacity"
    CERTIFIED = "certified"


class CostScheme(StrEnum):
    """How much a contributing member puts into the pool each step.

    ``per_capacity``: contribution_rate x capacity; ``fixed``: ``contribution`` per
    group it plays in; ``fixed_per_individual``: ``contribution`` in total, split
    evenly over the groups it plays in (Santos, Santos & Pacheco 2008).
    """

    PER_CAPACITY = "per_capacity"
    FIXED = "fixed"
    FIXED_PER_INDIVIDUAL = "fixed_per_individual"


class Sharing(StrEnum):
    """Benefit-sharing rule for the excludable part of the pool's yield."""

    EQUAL = "equal"
    CONTRIBUTION = "contribution"
    CAPACITY = "capacity"


class Recipient(StrEnum):
    """Where fees or fines go."""

    ORGANISER = "organiser"
    MEMBERS = "members"
    PLATFORM = "platform"


class Charter(Section):
    """The alliance's rules: admission, fee, contribution, sharing, monitoring, sanctions."""

    admission: Admission = param(Admission.OPEN, None, None, "choice", "Admission rule")
    admission_threshold: float = param(
        0.0, 0.0, 1e6, "quality or CU", "Threshold of min_quality / min_capacity admission"
    )
    fee: float = param(0.05, 0.0, 1e4, "MU/member/step", "Membership fee")
    fees_to: Recipient = param(Recipient.PLATFORM, None, None, "choice", "Who receives fees")
    cost_scheme: CostScheme = param(
        CostScheme.PER_CAPACITY, None, None, "choice", "How contributions are sized"
    )
    contribution_rate: float = param(
        CONTRIBUTION_RATE,
        0.0,
        1.0,
        "MU/CU/step",
        "Contribution per capacity unit (per_capacity scheme)",
    )
    contribution: float = param(1.0, 0.0, 1e6, "MU/step", "Contribution (fixed schemes)")
    sharing: Sharing = param(
        Sharing.EQUAL,
        None,
        None,
        "choice",
        "Benefit-sharing rule of the excludable part (by contribution it removes the "
        "dilemma once (1 - non_excludable_share) x the multiplier's bound reaches 1; "
        "alliance diagnose checks)",
    )
    non_excludable_share: float = param(
        0.65,
        0.0,
        1.0,
        "fraction",
        "Part of the yield that benefits every member equally, whatever the rule",
    )
    organiser_cut: float = param(
        0.0, 0.0, 0.5, "fraction", "Share of the yield kept by the organiser(s)"
    )
    monitoring_probability: float = param(
        0.25,
        0.0,
        1.0,
        "probability/step",
        "Chance a fully informed monitor detects a free-riding member (each member is "
        "checked about once a year)",
    )
    monitoring_cost: float = param(
        0.005, 0.0, 1e4, "MU/member/step", "Monitor's cost of watching one member"
    )
    fine: float = param(
        4.0,
        0.0,
        1e6,
        "x contribution owed",
        "Fine on a detected free-rider, as a multiple of the contribution it owed this step",
    )
    fines_to: Recipient = param(Recipient.MEMBERS, None, None, "choice", "Who receives fines")
    reputation_penalty: float = param(
        0.0,
        0.0,
        1.0,
        "reputation",
        "Reputation lost when caught free-riding (0: clients learn of it only through the "
        "society's credit rating)",
    )
    expulsion_after: int = param(3, 0, 1000, "offences", "Expel after this many (0 = never)")
    readmission_ban: int = param(8, 0, 100_000, "steps", "Steps an expelled firm may not rejoin")

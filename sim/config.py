"""The scenario schema: every parameter of the alliance model, validated once.

A scenario is read from YAML with a safe loader and validated into a frozen
:class:`Scenario`. Every parameter carries its unit and its allowed range here and
nowhere else; the CLI (``--set``), the documentation and the explorer all read them
from this schema. Money is in *money units* (MU; think of 10,000 yuan), time in
steps (one step is one quarter), capacity in *capacity units* (CU: the project value
a firm can deliver per step at full load).
"""

from __future__ import annotations

import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Segment(StrEnum):
    """Business segments of the archives service industry (the paper's sub-industries)."""

    CUSTODY = "custody"
    DIGITISATION = "digitisation"
    SOFTWARE = "software"
    CONSULTING = "consulting"
    EQUIPMENT = "equipment"


SEGMENTS: tuple[Segment, ...] = tuple(Segment)


class Organiser(StrEnum):
    """Who builds and leads the alliance (the paper's construction modes)."""

    ADMINISTRATION = "administration"
    ENTERPRISE = "enterprise"
    SOCIETY = "society"


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


class GroupStructure(StrEnum):
    """Which pools members play in: the whole alliance, each member's network
    neighbourhood, or random project teams."""

    ALLIANCE = "alliance"
    NEIGHBOURHOOD = "neighbourhood"
    TEAMS = "teams"
    PAIRWISE = "pairwise"  # a 2x2 game with each network neighbour (sim.pairwise)


class NetworkKind(StrEnum):
    WELL_MIXED = "well_mixed"
    RING = "ring"
    LATTICE = "lattice"
    RANDOM_REGULAR = "random_regular"
    SMALL_WORLD = "small_world"
    SCALE_FREE = "scale_free"
    EDGE_LIST = "edge_list"


class Neighbourhood(StrEnum):
    VON_NEUMANN = "von_neumann"
    MOORE = "moore"


class RuleKind(StrEnum):
    """Decision rules of ``agents.decisions``."""

    FERMI = "fermi"
    IMITATE_BEST = "imitate_best"
    PROPORTIONAL = "proportional"
    BUSH_MOSTELLER = "bush_mosteller"
    ROTH_EREV = "roth_erev"
    LOGIT_BEST_RESPONSE = "logit_best_response"


class Updating(StrEnum):
    """``synchronous``: all revising firms at once on this step's payoffs;
    ``random_sequential``: one after another on this step's payoffs;
    ``monte_carlo``: one Monte Carlo step of elementary updates (a random firm, with
    replacement, as many times as there are firms), payoffs recomputed locally from the
    current strategies at each elementary update (``sim.elementary``; the Fermi rule
    only, and ``update_probability`` does not apply: an MCS fixes the number of updates)."""

    SYNCHRONOUS = "synchronous"
    RANDOM_SEQUENTIAL = "random_sequential"
    MONTE_CARLO = "monte_carlo"


class Normalisation(StrEnum):
    """Normaliser M of proportional imitation: the spread of payoffs observed this step,
    or the largest payoff difference possible between the two firms given their places
    in the network (Santos & Pacheco 2005; Santos, Santos & Pacheco 2008)."""

    OBSERVED_SPREAD = "observed_spread"
    MAX_DIFFERENCE = "max_difference"


class PayoffMeasure(StrEnum):
    """What a firm compares when it learns: profit per capacity unit, or total profit."""

    PER_CAPACITY = "per_capacity"
    TOTAL = "total"


class Strategy(StrEnum):
    """An enterprise's stance towards the alliance."""

    OUTSIDE = "outside"
    CONTRIBUTE = "contribute"
    FREE_RIDE = "free_ride"


class BackingRule(StrEnum):
    """How the administration decides to back the alliance."""

    COMMITTED = "committed"
    ADAPTIVE = "adaptive"


class Mode(StrEnum):
    """The paper's construction modes: who builds, leads and pays for the alliance.

    The mechanism of each mode (organisers, payers, monitors, sharing) is data in
    :mod:`sim.modes`; here is only its name, so the schema can validate it.
    """

    MARKET_ONLY = "market_only"
    GOVERNMENT_LED = "government_led"
    ENTERPRISE_LED = "enterprise_led"
    SOCIETY_LED = "society_led"
    CO_CONSTRUCTION = "co_construction"


class GovernanceForm(StrEnum):
    """Loose (an agreement: low fee, little staff) or tight (an entity with staff,
    platform and stronger sanctions): the second axis of every mode."""

    LOOSE = "loose"
    TIGHT = "tight"


class EventKind(StrEnum):
    """Scheduled events a scenario may declare (applied in the events stage)."""

    SUBSIDY_PHASE_OUT = "subsidy_phase_out"
    DEMAND_SHOCK = "demand_shock"
    LEADER_EXIT = "leader_exit"
    ENTRY_WAVE = "entry_wave"
    CHARTER_CHANGE = "charter_change"


def param(default: Any, lo: float | None, hi: float | None, unit: str, doc: str) -> Any:
    """A scenario parameter with its range, unit and meaning, in one place."""
    bounds = {}
    if lo is not None:
        bounds["ge"] = lo
    if hi is not None:
        bounds["le"] = hi
    return Field(default, description=doc, json_schema_extra={"unit": unit}, **bounds)


class Section(BaseModel):
    """A frozen block of the scenario that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def _default_segment_shares() -> dict[Segment, float]:
    return {
        Segment.CUSTODY: 0.25,
        Segment.DIGITISATION: 0.35,
        Segment.SOFTWARE: 0.2,
        Segment.CONSULTING: 0.1,
        Segment.EQUIPMENT: 0.1,
    }


class Population(Section):
    """The service enterprises at the start and the flow of entrants."""

    enterprises: int = param(1000, 2, 1_000_000, "firms", "Initial number of service enterprises")
    segment_shares: dict[Segment, float] = Field(
        default_factory=_default_segment_shares,
        description="Share of firms in each segment; must sum to 1",
        json_schema_extra={"unit": "fraction"},
    )
    capacity_shape: float = param(
        1.6,
        1.01,
        50.0,
        "dimensionless",
        "Pareto tail index of capacity (smaller = a few large leaders, many SMEs)",
    )
    capacity_minimum: float = param(1.0, 1e-6, 1e6, "CU", "Smallest firm's capacity")
    capacity_maximum: float = param(200.0, 1e-6, 1e9, "CU", "Capacity cap of the largest firms")
    sme_capacity: float = param(3.0, 0.0, 1e9, "CU", "Firms below this capacity are SMEs")
    quality_alpha: float = param(4.0, 0.01, 1e3, "dimensionless", "Beta(a, b) shape a of quality")
    quality_beta: float = param(4.0, 0.01, 1e3, "dimensionless", "Beta(a, b) shape b of quality")
    initial_cash_per_capacity: float = param(
        4.0, 0.0, 1e6, "MU/CU", "Starting cash per capacity unit"
    )
    initial_reputation: float = param(0.5, 0.0, 1.0, "score", "Starting reputation of every firm")
    entry_rate: float = param(
        0.01, 0.0, 1.0, "firms/firm/step", "Expected entrants per step per initial firm"
    )
    initial_member_share: float = param(
        0.3, 0.0, 1.0, "fraction", "Share of firms that start as alliance members"
    )
    initial_contributor_share: float = param(
        0.5, 0.0, 1.0, "fraction", "Share of starting members that contribute"
    )

    @field_validator("segment_shares")
    @classmethod
    def _shares_sum_to_one(cls, shares: dict[Segment, float]) -> dict[Segment, float]:
        if any(v < 0 for v in shares.values()):
            raise ValueError("segment shares must be >= 0")
        total = sum(shares.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise ValueError(f"segment shares must sum to 1; they sum to {total:g}")
        return shares

    @model_validator(mode="after")
    def _capacity_range(self) -> Population:
        if self.capacity_maximum < self.capacity_minimum:
            raise ValueError(
                f"capacity_maximum ({self.capacity_maximum:g}) must be >= "
                f"capacity_minimum ({self.capacity_minimum:g})"
            )
        return self


class Market(Section):
    """Client demand for archives services and its allocation among bidders."""

    enabled: bool = param(True, None, None, "switch", "Run the market stage at all")
    projects_per_firm: float = param(
        0.3, 0.0, 100.0, "projects/firm/step", "Expected new projects per active firm per step"
    )
    project_value: float = param(4.0, 0.0, 1e6, "MU", "Mean project value (lognormal)")
    project_value_spread: float = param(
        0.8, 0.0, 5.0, "log-sd", "Log standard deviation of project values"
    )
    multi_segment_share: float = param(
        0.3, 0.0, 1.0, "fraction", "Share of projects that need several segments"
    )
    segments_per_large_project: int = param(
        3, 2, 5, "segments", "Segments a multi-segment project needs"
    )
    bidders_per_project: int = param(
        5, 1, 50, "firms", "Candidate bidders per project, drawn in proportion to capacity"
    )
    variable_cost_share: float = param(
        0.7, 0.0, 1.0, "fraction", "Delivery cost as a share of a project's value"
    )
    subcontract_premium: float = param(
        0.25,
        0.0,
        2.0,
        "fraction",
        "Extra cost, as a share of the foreign segments' value, for a solo winner",
    )
    fixed_cost_per_capacity: float = param(
        0.12, 0.0, 1e3, "MU/CU/step", "Overhead per capacity unit per step"
    )
    markup: float = param(
        0.2, 0.0, 5.0, "fraction", "Price markup of a firm of quality 1 (half for quality 0)"
    )
    weight_price: float = param(2.0, 0.0, 100.0, "score/markup", "Client weight on price")
    weight_quality: float = param(1.0, 0.0, 100.0, "score/quality", "Client weight on quality")
    weight_reputation: float = param(
        1.0, 0.0, 100.0, "score/reputation", "Client weight on reputation"
    )
    joint_bid_bonus: float = param(
        0.5, 0.0, 100.0, "score", "Score advantage of a members' consortium on multi-segment work"
    )
    solo_penalty: float = param(
        0.5, 0.0, 100.0, "score", "Score handicap of a solo bid on multi-segment work"
    )
    score_noise: float = param(
        0.3, 0.0, 100.0, "score", "Scale of clients' idiosyncratic taste (Gumbel noise)"
    )
    reputation_learning: float = param(
        0.1, 0.0, 1.0, "1/step", "Rate at which delivered quality becomes reputation"
    )
    collaboration_memory: int = param(
        20, 1, 10_000, "steps", "Steps a collaboration tie lasts without a new joint project"
    )


class Network(Section):
    """The business network among enterprises (imitation and neighbourhood pools use it)."""

    kind: NetworkKind = param(NetworkKind.SMALL_WORLD, None, None, "choice", "Network family")
    degree: int = param(6, 1, 1000, "ties", "Mean number of neighbours")
    rewire_probability: float = param(
        0.1, 0.0, 1.0, "probability", "Small-world rewiring probability"
    )
    neighbourhood: Neighbourhood = param(
        Neighbourhood.VON_NEUMANN, None, None, "choice", "Lattice neighbourhood"
    )
    periodic: bool = param(True, None, None, "switch", "Lattice wraps around (torus)")
    edge_list: Path | None = param(
        None, None, None, "path", "Whitespace-separated edge list, relative to the scenario file"
    )


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
        0.05, 0.0, 1.0, "MU/CU/step", "Contribution per capacity unit (per_capacity scheme)"
    )
    contribution: float = param(1.0, 0.0, 1e6, "MU/step", "Contribution (fixed schemes)")
    sharing: Sharing = param(Sharing.EQUAL, None, None, "choice", "Benefit-sharing rule")
    non_excludable_share: float = param(
        0.5,
        0.0,
        1.0,
        "fraction",
        "Part of the yield that benefits every member equally, whatever the rule",
    )
    organiser_cut: float = param(
        0.0, 0.0, 0.5, "fraction", "Share of the yield kept by the organiser(s)"
    )
    monitoring_probability: float = param(
        0.1, 0.0, 1.0, "probability/step", "Chance a free-riding member is detected"
    )
    monitoring_cost: float = param(
        0.0, 0.0, 1e4, "MU/member/step", "Organiser's cost of monitoring one member"
    )
    fine: float = param(0.5, 0.0, 1e6, "MU", "Fine on a detected free-rider")
    fines_to: Recipient = param(Recipient.MEMBERS, None, None, "choice", "Who receives fines")
    reputation_penalty: float = param(
        0.1, 0.0, 1.0, "reputation", "Reputation lost when caught free-riding"
    )
    expulsion_after: int = param(3, 0, 1000, "offences", "Expel after this many (0 = never)")
    readmission_ban: int = param(8, 0, 100_000, "steps", "Steps an expelled firm may not rejoin")


class Platform(Section):
    """The shared platform (resource integration): a stock built from fees."""

    investment_share: float = param(
        0.5, 0.0, 1.0, "fraction", "Share of the organiser's fee income invested in the platform"
    )
    depreciation: float = param(0.05, 0.0, 1.0, "1/step", "Platform stock lost per step")
    effect: float = param(0.5, 0.0, 10.0, "fraction", "Largest synergy gain from the platform")
    half_saturation: float = param(
        50.0, 1e-9, 1e9, "MU", "Platform stock at which half the effect is reached"
    )
    organiser_investment: float = param(
        0.0, 0.0, 1e9, "MU/step", "What the engaged organisers put into the platform each step"
    )


class PairwiseGame(Section):
    """A symmetric 2x2 game (contribute = C, free-ride = D) that each member plays with
    every member neighbour (``group_structure: pairwise``). Payoff matrix of the row
    player: [[R, S], [T, P]]; Nowak & May (1992) use R=1, T=b, S=P=0 with self-interaction."""

    reward: float = param(1.0, -1e6, 1e6, "MU/game", "R: payoff of C against C")
    sucker: float = param(0.0, -1e6, 1e6, "MU/game", "S: payoff of C against D")
    temptation: float = param(1.5, -1e6, 1e6, "MU/game", "T (b): payoff of D against C")
    punishment: float = param(0.0, -1e6, 1e6, "MU/game", "P: payoff of D against D")
    self_interaction: bool = param(
        False, None, None, "switch", "Each member also plays against itself (Nowak & May 1992)"
    )


class Alliance(Charter):
    """The alliance as an institution: organiser, pool and platform, plus its charter's
    rules (inherited from :class:`Charter`, so they sit directly under ``alliance:``)."""

    enabled: bool = param(True, None, None, "switch", "Whether an alliance can exist at all")
    organiser: tuple[Organiser, ...] = Field(
        default=(),
        description="Who builds and leads it: [] for firms' self-organisation, or any of "
        "administration, enterprise, society",
        json_schema_extra={"unit": "choice"},
    )
    min_members: int = param(2, 1, 1_000_000, "firms", "Members below which no pool runs")
    synergy: float = param(2.0, 0.0, 1000.0, "multiplier", "Pool multiplication factor r")
    complementarity_bonus: float = param(
        0.5,
        0.0,
        10.0,
        "fraction",
        "Extra synergy when contributors span all segments evenly (entropy-weighted)",
    )
    group_structure: GroupStructure = param(
        GroupStructure.ALLIANCE, None, None, "choice", "Which pools members play in"
    )
    team_size: int = param(5, 2, 1000, "firms", "Team size N (teams structure)")
    team_rounds: int = param(
        1, 1, 1000, "rounds/step", "Random team draws averaged per step (teams structure)"
    )
    loner_payoff: float = param(
        0.0,
        -1e6,
        1e6,
        "MU/step",
        "Outside option sigma: a non-member's alliance payoff (0 for plain non-membership)",
    )
    platform: Platform = Field(default_factory=Platform)
    pairwise: PairwiseGame = Field(default_factory=PairwiseGame)

    @property
    def charter(self) -> Charter:
        """The charter's rules alone (the part an event may replace)."""
        return Charter(**{name: getattr(self, name) for name in Charter.model_fields})

    @field_validator("organiser", mode="before")
    @classmethod
    def _organiser_list(cls, value: Any) -> Any:
        if value is None or value == "none":
            return ()
        if isinstance(value, str):
            return (value,)
        return value

    @field_validator("organiser")
    @classmethod
    def _organiser_unique(cls, value: tuple[Organiser, ...]) -> tuple[Organiser, ...]:
        if len(set(value)) != len(value):
            raise ValueError("each organiser may be named once")
        return value


class Administration(Section):
    """The archives administration: a public budget and policy levers."""

    present: bool = param(False, None, None, "switch", "Whether an administration acts")
    budget_initial: float = param(0.0, 0.0, 1e12, "MU", "Budget at the start")
    budget_per_step: float = param(0.0, 0.0, 1e12, "MU/step", "Appropriation each step")
    subsidy: float = param(0.0, 0.0, 1e6, "MU/contributor/step", "Subsidy per contributing member")
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


class Society(Section):
    """The archival society or industry association."""

    present: bool = param(False, None, None, "switch", "Whether a society acts")
    budget_initial: float = param(10.0, 0.0, 1e12, "MU", "Society's own funds at the start")
    running_cost: float = param(0.5, 0.0, 1e9, "MU/step", "Cost of running the society's offices")
    influence_value: float = param(
        0.01, 0.0, 1e6, "MU/member/step", "Value of influence per member it represents"
    )
    participation_intensity: float = param(
        5.0, 0.0, 1e6, "1/MU", "Logit intensity of its take-part decision"
    )
    fee_adjustment: float = param(
        0.0, 0.0, 1.0, "fraction/step", "How fast it moves the fee to cover its running cost"
    )
    max_fee: float = param(1.0, 0.0, 1e4, "MU/member/step", "Highest fee it will charge")
    certification_threshold: float = param(
        1.1, 0.0, 1.1, "quality", "Quality at which it certifies a member (above 1 = never)"
    )
    training_rate: float = param(
        0.0, 0.0, 1.0, "1/step", "Share of the gap to quality 1 closed per step for members"
    )
    certification_bonus: float = param(
        0.0, 0.0, 100.0, "score", "Clients' score bonus for a firm holding the certificate"
    )
    rating_weight: float = param(
        0.0,
        0.0,
        100.0,
        "score/rating",
        "Credit rating visible to clients: score bonus per rating point above 0.5 "
        "(penalty below) for members the society rates",
    )
    rating_penalty: float = param(
        0.2, 0.0, 1.0, "rating", "Rating a member loses when the society finds it free-riding"
    )
    rating_recovery: float = param(
        0.05, 0.0, 1.0, "1/step", "Share of the gap to rating 1 a member not found wanting regains"
    )


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
        0.05,
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
    (see :mod:`sim.modes`) and ``tight_platform_investment`` is added to the platform.
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


class Outcomes(Section):
    """Definitions behind the summary outcomes (see :mod:`sim.metrics`)."""

    collapse_member_share: float = param(
        0.05,
        0.0,
        1.0,
        "fraction",
        "An active alliance with at least this member share is functioning",
    )
    collapse_patience: int = param(
        4,
        1,
        100_000,
        "steps",
        "Collapse: this many consecutive non-functioning steps after having functioned",
    )
    retention_lag: int = param(
        20, 1, 100_000, "steps", "Steps after outside support ends at which retention is read"
    )
    clustering_every: int = param(
        20, 1, 100_000, "steps", "Compute collaboration clustering every this many steps"
    )
    clustering_sample: int = param(
        500, 1, 1_000_000, "firms", "Largest number of firms clustering is averaged over"
    )


class SubsidyPhaseOut(Section):
    """The administration's subsidy falls to ``to_fraction`` of its level: at once
    (``duration`` 0) or linearly over ``duration`` steps."""

    kind: Literal[EventKind.SUBSIDY_PHASE_OUT] = EventKind.SUBSIDY_PHASE_OUT
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    duration: int = param(0, 0, 1_000_000, "steps", "0 = sudden; else linear over this many")
    to_fraction: float = param(0.0, 0.0, 1.0, "fraction", "Final subsidy as share of its level")


class DemandShock(Section):
    """Client demand (projects per firm) is multiplied by ``factor``; for ``duration``
    steps, or for good (``duration`` 0)."""

    kind: Literal[EventKind.DEMAND_SHOCK] = EventKind.DEMAND_SHOCK
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    factor: float = param(0.5, 0.0, 100.0, "multiplier", "Multiplier on projects_per_firm")
    duration: int = param(0, 0, 1_000_000, "steps", "0 = permanent; else steps until undone")


class LeaderExit(Section):
    """The ``count`` largest active firms leave the market (their cash leaves with them)."""

    kind: Literal[EventKind.LEADER_EXIT] = EventKind.LEADER_EXIT
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    count: int = param(1, 1, 1_000_000, "firms", "How many of the largest firms leave")


class EntryWave(Section):
    """``entrants`` new firms enter at once (drawn like every entrant)."""

    kind: Literal[EventKind.ENTRY_WAVE] = EventKind.ENTRY_WAVE
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    entrants: int = param(100, 1, 1_000_000, "firms", "How many firms enter")


class CharterChange(Section):
    """The charter's keys in ``changes`` take new values (e.g. ``{fee: 0.2}``)."""

    kind: Literal[EventKind.CHARTER_CHANGE] = EventKind.CHARTER_CHANGE
    step: int = param(1, 1, 1_000_000, "step", "Step at which the event fires")
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="Charter keys and their new values",
        json_schema_extra={"unit": "mapping"},
    )

    @field_validator("changes")
    @classmethod
    def _charter_keys(cls, changes: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(changes) - set(Charter.model_fields))
        if unknown:
            raise ValueError(
                f"unknown charter key(s) {', '.join(unknown)}; allowed: "
                + ", ".join(Charter.model_fields)
            )
        Charter.model_validate(changes)
        return changes


Event = Annotated[
    SubsidyPhaseOut | DemandShock | LeaderExit | EntryWave | CharterChange,
    Field(discriminator="kind"),
]
EVENT_MODELS = (SubsidyPhaseOut, DemandShock, LeaderExit, EntryWave, CharterChange)


class EnterpriseDecisions(Section):
    """How enterprises choose: join, stay or leave; contribute or free-ride."""

    rule: RuleKind = param(RuleKind.FERMI, None, None, "choice", "Decision rule")
    intensity: float = param(
        1.0, 0.0, 1e6, "1/payoff", "Selection intensity beta (Fermi, logit best response)"
    )
    exploration: float = param(
        0.01, 0.0, 1.0, "probability", "Mutation: chance of a uniformly random strategy"
    )
    learning_rate: float = param(
        0.2, 0.0, 1.0, "fraction", "Learning rate (Bush-Mosteller) or forgetting (Roth-Erev)"
    )
    aspiration: float = param(0.0, -1e6, 1e6, "payoff", "Aspiration level (Bush-Mosteller)")
    update_probability: float = param(
        1.0, 0.0, 1.0, "probability/step", "Chance a firm revises its strategy in a step"
    )
    updating: Updating = param(Updating.SYNCHRONOUS, None, None, "choice", "Updating scheme")
    normalisation: Normalisation = param(
        Normalisation.OBSERVED_SPREAD,
        None,
        None,
        "choice",
        "Normaliser M of proportional imitation",
    )
    payoff_measure: PayoffMeasure = param(
        PayoffMeasure.PER_CAPACITY, None, None, "choice", "What firms compare"
    )
    strategies: tuple[Strategy, ...] = Field(
        default=(Strategy.OUTSIDE, Strategy.CONTRIBUTE, Strategy.FREE_RIDE),
        description="Strategies open to firms (drop outside for compulsory membership)",
        json_schema_extra={"unit": "choice"},
    )
    join_cost: float = param(0.1, 0.0, 1e6, "MU", "One-off cost of joining")
    leave_cost: float = param(0.1, 0.0, 1e6, "MU", "One-off cost of leaving")

    @field_validator("strategies")
    @classmethod
    def _strategies(cls, value: tuple[Strategy, ...]) -> tuple[Strategy, ...]:
        if len(set(value)) != len(value) or not value:
            raise ValueError("strategies must be a non-empty list without repeats")
        return tuple(sorted(value, key=list(Strategy).index))


class LeaderRule(StrEnum):
    """How a leading enterprise that organises the alliance decides to stay."""

    ANCHOR = "anchor"
    AS_ENTERPRISE = "as_enterprise"


class LeaderDecisions(Section):
    """The leading enterprise as organiser (agents/leadership.py)."""

    rule: LeaderRule = param(
        LeaderRule.ANCHOR,
        None,
        None,
        "choice",
        "anchor: stays while organising pays it (smoothed); as_enterprise: the firms' rule",
    )
    memory: float = param(
        0.2, 0.01, 1.0, "fraction", "Weight of the latest step in its smoothed net benefit"
    )


class Decisions(Section):
    enterprise: EnterpriseDecisions = Field(default_factory=EnterpriseDecisions)
    leader: LeaderDecisions = Field(default_factory=LeaderDecisions)


class Scenario(Section):
    """A complete, validated scenario: the model is a pure function of it and a seed."""

    name: str = Field("default", description="Short name of the scenario")
    description: str = Field("", description="What the scenario represents")
    steps: int = param(200, 0, 1_000_000, "steps", "Default run length (one step = one quarter)")
    mode: Mode | None = Field(
        None,
        description="Construction mode (sim.modes); null = custom, the charter's plain monitoring",
        json_schema_extra={"unit": "choice"},
    )
    population: Population = Field(default_factory=Population)
    market: Market = Field(default_factory=Market)
    network: Network = Field(default_factory=Network)
    alliance: Alliance = Field(default_factory=Alliance)
    administration: Administration = Field(default_factory=Administration)
    society: Society = Field(default_factory=Society)
    decisions: Decisions = Field(default_factory=Decisions)
    oversight: Oversight = Field(default_factory=Oversight)
    governance: Governance = Field(default_factory=Governance)
    events: tuple[Event, ...] = Field(
        default=(),
        description="Scheduled events (see sim.events), each with its step",
        json_schema_extra={"unit": "list"},
    )
    outcomes: Outcomes = Field(default_factory=Outcomes)
    source_path: Annotated[Path | None, Field(exclude=True)] = None

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        for problem in consistency_problems(self):
            raise ValueError(problem)
        return self


def consistency_problems(s: Scenario) -> list[str]:
    """Combinations that are each valid alone but make no sense together."""
    problems: list[str] = []
    admin, society, alliance = s.administration, s.society, s.alliance
    if not admin.present:
        for key in ("subsidy", "procurement_preference", "budget_initial", "budget_per_step"):
            if getattr(admin, key) > 0:
                problems.append(
                    f"administration.{key} is {getattr(admin, key):g} but "
                    "administration.present is false: no administration can pay or prefer"
                )
    for who, present in (
        (Organiser.ADMINISTRATION, admin.present),
        (Organiser.SOCIETY, society.present),
    ):
        if who in alliance.organiser and not present:
            problems.append(
                f"alliance.organiser names {who.value!r} but {who.value}.present is false"
            )
    if not alliance.organiser:
        for key in ("fees_to", "fines_to"):
            if getattr(alliance, key) is Recipient.ORGANISER:
                problems.append(
                    f"alliance.{key} is 'organiser' but the alliance has no organiser "
                    "(alliance.organiser is empty); use 'members' or 'platform'"
                )
    if alliance.fines_to is Recipient.PLATFORM:
        problems.append("alliance.fines_to must be 'organiser' or 'members'")
    if alliance.group_structure is not GroupStructure.ALLIANCE and (
        s.network.kind is NetworkKind.WELL_MIXED
        and alliance.group_structure is GroupStructure.NEIGHBOURHOOD
    ):
        problems.append(
            "alliance.group_structure 'neighbourhood' needs a network; network.kind is well_mixed"
        )
    n = s.population.enterprises
    net = s.network
    if net.kind is NetworkKind.LATTICE and math.isqrt(n) ** 2 != n:
        problems.append(
            f"network.kind 'lattice' needs population.enterprises to be a square number; got {n}"
        )
    if net.kind is NetworkKind.RANDOM_REGULAR and (net.degree >= n or (n * net.degree) % 2):
        problems.append(
            f"network.kind 'random_regular' needs degree < enterprises and enterprises x degree "
            f"even; got degree {net.degree} with {n} enterprises"
        )
    if net.kind in (NetworkKind.RING, NetworkKind.SMALL_WORLD) and net.degree % 2:
        problems.append(f"network.kind {net.kind.value!r} needs an even degree; got {net.degree}")
    if net.kind in (NetworkKind.SCALE_FREE,) and net.degree % 2:
        problems.append(f"network.kind 'scale_free' needs an even degree; got {net.degree}")
    if (
        net.kind is not NetworkKind.WELL_MIXED
        and net.kind is not NetworkKind.LATTICE
        and (net.degree >= n)
    ):
        problems.append(f"network.degree must be below population.enterprises ({n})")
    if net.kind is NetworkKind.EDGE_LIST and net.edge_list is None:
        problems.append("network.kind 'edge_list' needs network.edge_list (a file path)")
    dec = s.decisions.enterprise
    if dec.rule is RuleKind.LOGIT_BEST_RESPONSE and (
        alliance.group_structure is not GroupStructure.ALLIANCE
    ):
        problems.append(
            "decisions.enterprise.rule 'logit_best_response' needs alliance.group_structure "
            f"'alliance' (its expected payoffs are exact only there); got "
            f"{alliance.group_structure.value!r}"
        )
    problems += reference_game_problems(s)
    member_options = {Strategy.CONTRIBUTE, Strategy.FREE_RIDE} & set(dec.strategies)
    if Strategy.OUTSIDE not in dec.strategies and not alliance.enabled:
        problems.append(
            "decisions.enterprise.strategies makes membership compulsory but alliance.enabled "
            "is false"
        )
    if not member_options and alliance.enabled and s.population.initial_member_share > 0:
        problems.append(
            "population.initial_member_share > 0 but no member strategy is open to firms"
        )
    problems.extend(_event_problems(s))
    from sim.modes import mode_problems  # modes.py reads this schema: import late

    problems.extend(mode_problems(s))
    return problems


def _event_problems(s: Scenario) -> list[str]:
    """Scheduled events that cannot happen in this scenario."""
    problems = []
    for i, event in enumerate(s.events):
        if event.kind is EventKind.SUBSIDY_PHASE_OUT and not s.administration.present:
            problems.append(
                f"events.{i}: subsidy_phase_out needs an administration "
                "(administration.present is false)"
            )
    return problems


def reference_game_problems(s: Scenario) -> list[str]:
    """Settings that only the reference-game machinery supports, checked when the model
    is built rather than failing inside ``step()``."""
    problems: list[str] = []
    alliance, dec = s.alliance, s.decisions.enterprise
    local = (GroupStructure.NEIGHBOURHOOD, GroupStructure.PAIRWISE)
    if alliance.group_structure is GroupStructure.PAIRWISE and (
        s.network.kind is NetworkKind.WELL_MIXED
    ):
        problems.append(
            "alliance.group_structure 'pairwise' needs a network; network.kind is well_mixed"
        )
    if dec.updating is not Updating.MONTE_CARLO:
        return problems
    need = {
        "decisions.enterprise.rule must be 'fermi'": dec.rule is RuleKind.FERMI,
        "alliance.group_structure must be 'neighbourhood' or 'pairwise'": alliance.group_structure
        in local,
        "decisions.enterprise.strategies must not include 'outside'": Strategy.OUTSIDE
        not in dec.strategies,
        "market.enabled must be false": not s.market.enabled,
        "alliance.complementarity_bonus must be 0": alliance.complementarity_bonus == 0,
        "alliance.sharing must be 'equal'": alliance.sharing is Sharing.EQUAL,
        "administration.subsidy must be 0": s.administration.subsidy == 0,
        "alliance.fine x monitoring_probability must be 0": alliance.fine
        * alliance.monitoring_probability
        == 0,
        "alliance.fee must be 0": alliance.fee == 0,
        "population.entry_rate must be 0": s.population.entry_rate == 0,
    }
    problems += [
        f"decisions.enterprise.updating 'monte_carlo' recomputes only the game's payoffs: {why}"
        for why, ok in need.items()
        if not ok
    ]
    return problems

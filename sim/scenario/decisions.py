"""The decisions section: how enterprises choose (rule, intensity, exploration, updating)
and how a leading enterprise that organises the alliance decides to stay."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator

from sim.scenario.charter import CONTRIBUTION_RATE
from sim.scenario.section import Plausible, Section, param

CHOICE_NOISE_SHARE = 0.05
"""The criterion for the default intensity of choice: the noise of a firm's choice
(``1 / intensity`` in per-capacity payoffs, the scale of the logit's Gumbel noise) is
at most this share of one quarter's contribution per capacity unit, so a firm tells
contributing from free-riding whenever their payoffs differ by more than a twentieth
of what contributing costs it."""

DEFAULT_INTENSITY = 1.0 / (CHOICE_NOISE_SHARE * CONTRIBUTION_RATE)
"""1,000 per (MU/CU/step) at the default contribution rate of 0.02 MU/CU/step."""


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
    current strategies at each elementary update (``sim.monte_carlo.elementary``; the Fermi rule
    only, and ``update_probability`` does not apply: an MCS fixes the number of updates)."""

    SYNCHRONOUS = "synchronous"
    RANDOM_SEQUENTIAL = "random_sequential"
    MONTE_CARLO = "monte_carlo"


class ExplorationMode(StrEnum):
    """What an exploring (mutating) firm does, with probability ``exploration`` = mu.

    ``redraw``: it draws a strategy uniformly among those open to it, possibly its
    current one, so with S open strategies it moves to each other one with probability
    mu / S (the project's original convention). ``switch``: it moves to one of the
    *other* open strategies, each with probability mu / (S - 1): the convention of most
    of the finite-population literature and of egttools (Traulsen, Nowak & Pacheco
    2006; Fernandez Domingos et al.'s egttools ``StochDynamics``), so a paper's mu can be
    entered as it is. With two strategies redraw explores into the other strategy at half
    the rate of switch (mu/2 against mu)."""

    REDRAW = "redraw"
    SWITCH = "switch"


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


class EnterpriseDecisions(Section):
    """How enterprises choose: join, stay or leave; contribute or free-ride."""

    rule: RuleKind = param(RuleKind.LOGIT_BEST_RESPONSE, None, None, "choice", "Decision rule")
    intensity: float = param(
        DEFAULT_INTENSITY,
        0.0,
        1e6,
        "1/payoff",
        "Selection intensity beta (Fermi, logit best response): a payoff difference d "
        "moves the odds by exp(beta d); per-capacity payoffs are MU/CU/step",
        Plausible(250.0, 4000.0, "choice noise from a fifth of a quarter's contribution to 1/80"),
    )
    discount_factor: float = param(
        0.98,
        0.0,
        0.999,
        "1/step",
        "Quarterly discount factor: a firm values every term of its choice (pool share, "
        "subsidy, fee, fine, lost standing) over one horizon, a quarter ahead at this weight",
        Plausible(0.95, 0.995, "annual discount rates of about 2% to 19%"),
    )
    payoff_memory: float = param(
        0.2,
        0.01,
        1.0,
        "fraction",
        "Weight of the latest quarter in the smoothed payoff firms compare (1 = this "
        "quarter only; 0.2 averages over about the last five quarters)",
    )
    exploration: float = param(
        0.01,
        0.0,
        1.0,
        "probability",
        "Mutation mu: chance per revision of exploring, by exploration_mode",
    )
    exploration_mode: ExplorationMode = param(
        ExplorationMode.REDRAW,
        None,
        None,
        "choice",
        "redraw: a uniformly random open strategy, maybe the same (mu/S to each other); "
        "switch: a random other one (mu/(S-1) each, egttools' convention)",
    )
    learning_rate: float = param(
        0.2, 0.0, 1.0, "fraction", "Learning rate (Bush-Mosteller) or forgetting (Roth-Erev)"
    )
    aspiration: float = param(0.0, -1e6, 1e6, "payoff", "Aspiration level (Bush-Mosteller)")
    update_probability: float = param(
        0.25,
        0.0,
        1.0,
        "probability/step",
        "Chance a firm revises its strategy in a step (0.25: about once a year)",
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
    commitment: int = param(
        4,
        0,
        10_000,
        "steps",
        "Steps a new leader commits to organising before it weighs leaving (a founder's "
        "charter term; 0 = it may leave after its first step)",
    )


class Decisions(Section):
    enterprise: EnterpriseDecisions = Field(default_factory=EnterpriseDecisions)
    leader: LeaderDecisions = Field(default_factory=LeaderDecisions)

"""The alliance section: the institution (organiser, pool and group structure, synergy,
platform, the pairwise game of the reference games) with its charter's rules inline."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from sim.scenario.charter import Charter
from sim.scenario.section import Section, param


class Organiser(StrEnum):
    """Who builds and leads the alliance (the paper's construction modes)."""

    ADMINISTRATION = "administration"
    ENTERPRISE = "enterprise"
    SOCIETY = "society"


class GroupStructure(StrEnum):
    """Which pools members play in: the whole alliance, each member's network
    neighbourhood, or random project teams."""

    ALLIANCE = "alliance"
    NEIGHBOURHOOD = "neighbourhood"
    TEAMS = "teams"
    PAIRWISE = "pairwise"  # a 2x2 game with each network neighbour (sim.pairwise)


class Platform(Section):
    """The shared platform (resource integration): a stock built from fees."""

    investment_share: float = param(
        0.5, 0.0, 1.0, "fraction", "Share of the organiser's fee income invested in the platform"
    )
    depreciation: float = param(0.05, 0.0, 1.0, "1/step", "Platform stock lost per step")
    effect: float = param(0.3, 0.0, 10.0, "fraction", "Largest synergy gain from the platform")
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
    synergy: float = param(
        1.5, 0.0, 1000.0, "multiplier", "Pool multiplication factor r (before the bonuses)"
    )
    complementarity_bonus: float = param(
        0.3,
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

"""The scenario schema: every parameter of the alliance model, validated once.

A scenario is read from YAML with a safe loader and validated into a frozen
:class:`Scenario`. Every parameter carries its unit and its allowed range here and
nowhere else; the CLI (``--set``), the documentation and the explorer all read them
from this schema. Money is in *money units* (MU; think of 10,000 yuan), time in
steps (one step is one quarter), capacity in *capacity units* (CU: a firm's size, its
weight in being invited to bid and the base of its contribution; not a delivery limit,
docs/ODD.md section 2).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, PrivateAttr, model_validator

from sim.scenario.administration import Administration
from sim.scenario.alliance import Alliance
from sim.scenario.consistency import consistency_problems
from sim.scenario.decisions import Decisions
from sim.scenario.events import Event
from sim.scenario.governance import Governance, Oversight
from sim.scenario.market import Market
from sim.scenario.modes import Mode
from sim.scenario.network import Network
from sim.scenario.outcomes import Outcomes
from sim.scenario.population import Population
from sim.scenario.section import Section, param
from sim.scenario.society import Society


class Scenario(Section):
    """A complete, validated scenario: the model is a pure function of it and a seed."""

    name: str = Field("default", description="Short name of the scenario")
    description: str = Field("", description="What the scenario represents")
    steps: int = param(200, 0, 1_000_000, "steps", "Default run length (one step = one quarter)")
    mode: Mode | None = Field(
        None,
        description=(
            "Construction mode (sim.scenario.modes); null = custom, the charter's plain monitoring"
        ),
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
    _source_path: Path | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        for problem in consistency_problems(self):
            raise ValueError(problem)
        return self

    @property
    def source_path(self) -> Path | None:
        """The file this scenario was read from: set by the loader, never a key a file can
        give (a file naming ``source_path`` is refused as an unknown key)."""
        return self._source_path

    def read_from(self, path: Path) -> Scenario:
        """This scenario, noting that it was read from ``path``."""
        copy = self.model_copy()
        copy._source_path = path
        return copy

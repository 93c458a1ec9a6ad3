"""The experiment file's schema: what a sweep runs, how often, and what it reports.

An experiment declares the base scenarios (the construction modes are a categorical
lever), the factors to vary (dotted scenario keys), the design, the replicates (a
count, or adaptive: ``{min, max, precision}``), the horizon, one root seed, the
outcomes to summarise, the figures to draw and a ``quick`` preset. Validation of the
factor keys and values against the scenario schema happens in
:mod:`sim.experiment.loading`, where the base scenarios are known.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from sim.experiment.factors import Factor, parse_factor


class DesignKind(StrEnum):
    """How design points are laid out over the factors."""

    FULL_FACTORIAL = "full_factorial"
    ONE_FACTOR_AT_A_TIME = "one_factor_at_a_time"
    LATIN_HYPERCUBE = "latin_hypercube"
    SOBOL = "sobol"
    MORRIS = "morris"


NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
SAMPLING_DESIGNS = (DesignKind.LATIN_HYPERCUBE, DesignKind.SOBOL, DesignKind.MORRIS)


class FigureKind(StrEnum):
    """The figures ``alliance summarise`` can draw (sim.experiment.figures)."""

    TRAJECTORIES = "trajectories"
    FINAL_OUTCOMES = "final_outcomes"
    INTERACTION = "interaction"
    COST_EFFECTIVENESS = "cost_effectiveness"
    RETENTION = "retention"
    SENSITIVITY = "sensitivity"
    FACTOR_EFFECTS = "factor_effects"


class PrecisionTarget(StrEnum):
    """What adaptive replication's precision applies to."""

    POINTS = "points"  # each point's mean
    DIFFERENCES = "differences"  # each point's paired difference against the baseline


def _field(default: Any, doc: str, unit: str = "", **bounds: Any) -> Any:
    return Field(default, description=doc, json_schema_extra={"unit": unit}, **bounds)


class AdaptiveReplicates(BaseModel):
    """Replicates added in batches until every point's 95% intervals are narrow enough."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int = _field(
        10, "Replicates every point gets first", "replicates", ge=2, le=100_000, strict=True
    )
    max: int = _field(
        200, "Most replicates any point gets", "replicates", ge=2, le=100_000, strict=True
    )
    precision: float = _field(
        0.05,
        "Target CI half-width relative to |mean|",
        "fraction",
        gt=0,
        le=10,
        allow_inf_nan=False,
    )
    floor: float = _field(
        0.01,
        "Absolute half-width always accepted (outcomes near 0)",
        "outcome units",
        ge=0,
        allow_inf_nan=False,
    )
    batch: int = _field(
        10, "Replicates added per round to unsettled points", "replicates", ge=1, strict=True
    )
    on: PrecisionTarget = _field(
        PrecisionTarget.POINTS,
        "What the precision applies to: each point's mean (points), or each point's paired "
        "difference against the baseline in its cell (differences: the point and its "
        "baseline grow together, on common seeds)",
        "choice",
    )

    @model_validator(mode="after")
    def _ordered(self) -> AdaptiveReplicates:
        if self.max < self.min:
            raise ValueError(f"replicates.max ({self.max}) is below replicates.min ({self.min})")
        return self


def _replicates_shape(value: Any) -> str:
    return "adaptive" if isinstance(value, dict | AdaptiveReplicates) else "count"


# A count or the adaptive mapping, told apart by shape so an error speaks of one of them.
Replicates = Annotated[
    Annotated[int, Tag("count"), Field(strict=True)]
    | Annotated[AdaptiveReplicates, Tag("adaptive")],
    Discriminator(_replicates_shape),
]


class Experiment(BaseModel):
    """A sweep, as declared in ``experiments/*.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = _field("experiment", "Short name; the default store is results/<name>")
    description: str = _field("", "What the experiment asks")
    scenarios: tuple[str, ...] = _field(
        ("market_only",),
        "Base scenarios: shipped scenarios by name (a construction mode or default), or "
        "scenario files relative to this file",
        "choice",
        min_length=1,
    )
    baseline: str | None = _field(
        "market_only", "Base scenario that paired differences are taken against", "choice"
    )
    factors: dict[str, Factor] = _field(
        {}, "Dotted scenario keys to vary: a list of levels, {low, high} or a distribution"
    )
    design: DesignKind = _field(DesignKind.FULL_FACTORIAL, "How points are laid out", "choice")
    samples: int = _field(
        8,
        "Latin hypercube points; Sobol base samples N (a power of 2); Morris trajectories",
        "samples",
        ge=1,
        le=1_000_000,
        strict=True,
    )
    morris_levels: int = _field(
        4, "Grid levels of Morris trajectories", "levels", ge=2, le=100, strict=True
    )
    replicates: Replicates = _field(
        10, "Replicates per point, or {min, max, precision, floor, batch}", "replicates"
    )
    steps: int | None = _field(
        None,
        "Steps per run (null: each scenario's own horizon)",
        "steps",
        ge=1,
        le=1_000_000,
        strict=True,
    )
    seed: int = _field(
        12345, "Root seed of the experiment's SeedSequence", "seed", ge=0, lt=2**128, strict=True
    )
    record_every: int = _field(
        1,
        "Keep every k-th step of the time series (the last step always)",
        "steps",
        ge=1,
        strict=True,
    )
    outcomes: tuple[str, ...] = _field(
        ("final_window.member_share", "final_window.cooperation_share"),
        "Outcomes to summarise, as section.name of the run summary",
        "outcome",
        min_length=1,
    )
    figures: tuple[FigureKind, ...] = _field((), "Figures to draw", "choice")
    report: bool = _field(
        False, "Write the policymakers' report.html into the store when the sweep ends", "bool"
    )
    quick: dict[str, Any] = _field({}, "Keys replaced by --quick (a small preset)")

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if not NAME.fullmatch(value):
            raise ValueError(
                "must be a plain name of letters, digits, '_' and '-' (at most 100, starting "
                "with a letter or digit): it names the store folder results/<name>, so it "
                "cannot be a path"
            )
        return value

    @field_validator("factors", mode="before")
    @classmethod
    def _factor_shapes(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: parse_factor(raw) for key, raw in value.items()}
        return value

    @field_validator("replicates", mode="before")
    @classmethod
    def _replicate_count(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            raise ValueError(f"replicates must be at least 1; got {value}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Experiment:
        if self.baseline is not None and self.baseline not in self.scenarios:
            raise ValueError(
                f"baseline {self.baseline!r} must be one of scenarios ({', '.join(self.scenarios)})"
            )
        if len(set(self.scenarios)) != len(self.scenarios):
            raise ValueError("scenarios lists a base scenario twice")
        if (
            self.adaptive
            and self.adaptive.on is PrecisionTarget.DIFFERENCES
            and (self.baseline is None or len(self.scenarios) < 2)
        ):
            raise ValueError(
                "replicates.on: differences needs a baseline and at least one other "
                "scenario to take paired differences against it"
            )
        if self.design in SAMPLING_DESIGNS and not self.factors:
            raise ValueError(f"design {self.design.value} needs at least one factor")
        n = self.samples
        if self.design is DesignKind.SOBOL and n & (n - 1):
            low = 1 << (n.bit_length() - 1)
            raise ValueError(
                f"samples must be a power of 2 for design sobol (Sobol' points keep their "
                f"balance only then); got {n}: use {low} or {2 * low}"
            )
        return self

    @property
    def adaptive(self) -> AdaptiveReplicates | None:
        return self.replicates if isinstance(self.replicates, AdaptiveReplicates) else None

    @property
    def first_replicates(self) -> int:
        """Replicates every point gets before any adaptive round."""
        return self.adaptive.min if self.adaptive else int(self.replicates)

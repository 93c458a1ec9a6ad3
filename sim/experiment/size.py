"""How big a sweep is, counted from the experiment alone before anything is built.

A design's cells, points and runs are products of the file's numbers (levels, samples,
factors, base scenarios, replicates), so a typo such as ``replicates: 1000000000`` or a
factorial of five factors with 1000 levels each would otherwise allocate for minutes
before failing. ``check_plan_size`` counts them with integer arithmetic (no design is
drawn) and refuses a plan above ``RUN_LIMIT`` runs unless asked (``--allow-large``).

Why 100,000: at about one second per default run that is some 28 core-hours, a day on
a workstation; larger sweeps are for a cluster and should be meant. Adaptive replication
counts its ``max`` replicates (the most it can plan). Even when allowed, a design above
``CELL_LIMIT`` cells is refused: every point's scenario is built and validated in the
parent before the first run, and that many would not fit in memory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.experiment.spec import DesignKind, Experiment
from sim.scenario import ScenarioError

RUN_LIMIT = 100_000
CELL_LIMIT = 1_000_000


@dataclass(frozen=True)
class PlanSize:
    """Cells of the design, base scenarios crossed with them, replicates per point."""

    cells: int
    bases: int
    replicates: int

    @property
    def points(self) -> int:
        return self.cells * self.bases

    @property
    def runs(self) -> int:
        return self.points * self.replicates

    def __str__(self) -> str:
        return (
            f"{_count(self.runs, 'run')} ({_count(self.cells, 'cell')} × "
            f"{_count(self.bases, 'base scenario')} × {_count(self.replicates, 'replicate')})"
        )


def design_cell_count(experiment: Experiment) -> int:
    """The number of cells the design lays out (sim.experiment.design's counts)."""
    levels = [factor.level_count for factor in experiment.factors.values()]
    k, n = len(levels), experiment.samples
    match experiment.design:
        case DesignKind.FULL_FACTORIAL:
            return math.prod(levels)
        case DesignKind.ONE_FACTOR_AT_A_TIME:
            return 1 + sum(levels)
        case DesignKind.LATIN_HYPERCUBE:
            return n
        case DesignKind.SOBOL:
            return n * (k + 2)
        case DesignKind.MORRIS:
            return n * (k + 1)
    raise AssertionError(experiment.design)


def plan_size(experiment: Experiment) -> PlanSize:
    """The size of the whole plan (adaptive: at its most replicates)."""
    spec = experiment.adaptive
    replicates = spec.max if spec else int(experiment.replicates)
    return PlanSize(design_cell_count(experiment), len(experiment.scenarios), replicates)


def check_plan_size(experiment: Experiment, source: str, allow_large: bool = False) -> PlanSize:
    """The plan's size, or a :class:`ScenarioError` when it is above the limits."""
    size = plan_size(experiment)
    if size.cells > CELL_LIMIT:
        raise ScenarioError(
            f"{source}: the design has {size.cells:,} cells, more than {CELL_LIMIT:,} "
            "(even with --allow-large); use fewer factors, levels or samples"
        )
    if size.runs > RUN_LIMIT and not allow_large:
        raise ScenarioError(
            f"{source}: the plan has {size}, more than the limit of {RUN_LIMIT:,}; "
            "reduce it, or give --allow-large if you mean it"
        )
    return size


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"

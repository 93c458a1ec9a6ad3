"""Design points: which factor values each run uses, crossed with the base scenarios.

A design lays out *cells* (one combination of factor values); every base scenario
(construction mode) is crossed with the same cells, so that points of different modes
in one cell differ only by the mode and can be paired. The sampling designs draw on
the unit cube (Latin hypercube from SciPy; Sobol and Morris from SALib) and each factor
maps its coordinate to a value (:mod:`sim.experiment.factors`).

Counts, with k factors, levels L_i and ``samples`` N:

* full factorial: prod(L_i) cells;
* one factor at a time: 1 + sum(L_i) cells (the base scenario as it is, then each
  factor over its levels with the others left at the base scenario's values);
* Latin hypercube: N cells; Sobol (Saltelli, first and total order): N (k + 2) cells;
  Morris: N (k + 1) cells.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import qmc

from sim.experiment.spec import DesignKind, Experiment

DESIGN_STREAM = 0x5EED  # entropy suffix separating the design's draws from replicate seeds


@dataclass(frozen=True)
class Point:
    """One design point: a base scenario and the factor values set on it."""

    point_id: int
    base: str
    cell: int
    overrides: tuple[tuple[str, Any], ...]
    unit: tuple[tuple[str, float], ...] = ()  # (factor, unit-cube coordinate), sampling designs

    def overrides_dict(self) -> dict[str, Any]:
        return dict(self.overrides)


def design_points(experiment: Experiment) -> list[Point]:
    """Every point of the experiment, bases outermost, in a fixed order."""
    cells = design_cells(experiment)
    points = []
    for b, base in enumerate(experiment.scenarios):
        for c, (values, unit) in enumerate(cells):
            points.append(Point(b * len(cells) + c, base, c, tuple(values.items()), unit))
    return points


Cell = tuple[dict[str, Any], tuple[tuple[str, float], ...]]


def design_cells(experiment: Experiment) -> list[Cell]:
    """The factor combinations, each with its named unit-cube coordinates (sampling designs)."""
    keys = list(experiment.factors)
    factors = [experiment.factors[k] for k in keys]
    kind = experiment.design
    if kind is DesignKind.FULL_FACTORIAL:
        grids = [f.grid() for f in factors]
        return [(dict(zip(keys, combo, strict=True)), ()) for combo in itertools.product(*grids)]
    if kind is DesignKind.ONE_FACTOR_AT_A_TIME:
        cells: list[Cell] = [({}, ())]
        for key, factor in zip(keys, factors, strict=True):
            cells.extend(({key: value}, ()) for value in factor.grid())
        return cells
    unit = unit_samples(experiment)
    names = list(unit.columns)
    values = {key: experiment.factors[key].from_unit(unit[key].to_numpy()) for key in names}
    coordinates = unit.to_numpy()
    return [
        (
            {key: values[key][row] for key in names},
            tuple(zip(names, map(float, point), strict=True)),
        )
        for row, point in enumerate(coordinates)
    ]


def salib_problem(names: list[str]) -> dict[str, Any]:
    """The SALib problem of factors ``names``, every one on the unit interval."""
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def unit_samples(experiment: Experiment) -> pd.DataFrame:
    """The unit-cube samples of a Latin hypercube, Sobol or Morris design.

    Rows are cells; each column is named after its factor, so the pairing of a column
    with its factor travels with the data (never a positional order kept elsewhere).
    """
    names = list(experiment.factors)
    return pd.DataFrame(_unit_array(experiment), columns=names)


def _unit_array(experiment: Experiment) -> np.ndarray:
    from SALib.sample import morris, sobol

    k = len(experiment.factors)
    n = experiment.samples
    seed = int(np.random.SeedSequence([experiment.seed, DESIGN_STREAM]).generate_state(1)[0])
    if experiment.design is DesignKind.LATIN_HYPERCUBE:
        return qmc.LatinHypercube(d=k, seed=np.random.default_rng(seed)).random(n)
    problem = salib_problem(list(experiment.factors))
    if experiment.design is DesignKind.SOBOL:
        return sobol.sample(problem, n, calc_second_order=False, seed=seed)
    return morris.sample(problem, n, num_levels=experiment.morris_levels, seed=seed)

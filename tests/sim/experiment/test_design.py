"""Designs produce the right points: counts, bounds, completeness, SALib's sample sizes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from sim.experiment.design import design_points
from sim.experiment.spec import Experiment

FACTORS = {
    "alliance.sharing": ["equal", "contribution", "capacity"],
    "alliance.fee": {"low": 0.0, "high": 0.4, "levels": 5},
    "alliance.synergy": {"low": 1.0, "high": 3.0},
}


def experiment(design: str, **extra) -> Experiment:
    return Experiment.model_validate(
        {
            "scenarios": ["market_only", "government_led"],
            "factors": FACTORS,
            "design": design,
            "samples": 8,
            **extra,
        }
    )


def test_full_factorial_is_complete_and_crossed_with_every_mode():
    points = design_points(experiment("full_factorial"))
    assert len(points) == 2 * 3 * 5 * 3
    combos = {p.overrides for p in points if p.base == "market_only"}
    grids = [["equal", "contribution", "capacity"], [0.0, 0.1, 0.2, 0.3, 0.4], [1.0, 2.0, 3.0]]
    expected = {tuple(zip(FACTORS, c, strict=True)) for c in itertools.product(*grids)}
    assert combos == expected
    by_cell = {(p.base, p.cell): p.overrides for p in points}
    assert all(by_cell["market_only", c] == by_cell["government_led", c] for c in range(45))
    assert [p.point_id for p in points] == list(range(90))


def test_one_factor_at_a_time_varies_one_key_per_cell():
    points = design_points(experiment("one_factor_at_a_time"))
    assert len(points) == 2 * (1 + 3 + 5 + 3)
    cells = [p.overrides for p in points if p.base == "market_only"]
    assert cells[0] == ()
    assert all(len(c) == 1 for c in cells[1:])


@pytest.mark.parametrize(
    ("design", "cells"), [("latin_hypercube", 8), ("sobol", 8 * (3 + 2)), ("morris", 8 * (3 + 1))]
)
def test_sampling_designs_have_salib_sizes_and_stay_in_bounds(design, cells):
    points = design_points(experiment(design))
    assert len(points) == 2 * cells
    fees = np.array([dict(p.overrides)["alliance.fee"] for p in points])
    synergies = np.array([dict(p.overrides)["alliance.synergy"] for p in points])
    assert fees.min() >= 0.0 and fees.max() <= 0.4
    assert synergies.min() >= 1.0 and synergies.max() <= 3.0
    assert {dict(p.overrides)["alliance.sharing"] for p in points} <= set(
        FACTORS["alliance.sharing"]
    )


def test_latin_hypercube_hits_every_stratum_once():
    points = design_points(experiment("latin_hypercube", samples=10))
    unit = np.array([[c for _, c in p.unit] for p in points if p.base == "market_only"])
    for column in unit.T:
        assert sorted((column * 10).astype(int)) == list(range(10))


def test_designs_are_reproducible_from_the_root_seed_and_change_with_it():
    a, b = design_points(experiment("sobol")), design_points(experiment("sobol"))
    c = design_points(experiment("sobol", seed=99))
    assert a == b
    assert [p.overrides for p in a] != [p.overrides for p in c]

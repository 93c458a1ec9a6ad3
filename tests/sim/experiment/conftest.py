"""Tiny experiments on tiny scenarios, written to a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

TINY_SCENARIO = {"population": {"enterprises": 30}, "steps": 6}


def write_experiment(folder: Path, **changes: Any) -> Path:
    """Two tiny base scenarios (a, b differ by fee) and an experiment over them."""
    for name, fee in (("a", 0.05), ("b", 0.2)):
        data = {**TINY_SCENARIO, "name": name, "alliance": {"fee": fee}}
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data))
    experiment = {
        "name": "tiny",
        "scenarios": ["a.yaml", "b.yaml"],
        "baseline": "a.yaml",
        "factors": {"alliance.sharing": ["equal", "contribution"]},
        "replicates": 3,
        "seed": 7,
        "record_every": 2,
        "outcomes": ["time_average.member_share", "outcomes.cumulative_public_cost"],
        **changes,
    }
    path = folder / "tiny_experiment.yaml"
    path.write_text(yaml.safe_dump(experiment, sort_keys=False))
    return path


@pytest.fixture
def tiny_experiment(tmp_path: Path):
    """Builder of a tiny experiment file in ``tmp_path`` (keyword arguments replace keys)."""

    def build(**changes: Any) -> Path:
        return write_experiment(tmp_path, **changes)

    return build

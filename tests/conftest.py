"""Shared helpers: small scenarios built from nested overrides, and the repository root."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from sim.scenario import Scenario
from sim.scenario.mode_files import deep_merge

ROOT = Path(__file__).resolve().parents[1]


def small_scenario(
    overrides: Mapping[str, Any] | None = None, enterprises: int = 200, steps: int = 20
) -> Scenario:
    """A validated scenario with a small population (fast tests) and ``overrides``.

    The default decision rule (logit best response) needs alliance-wide pools; where
    ``overrides`` choose another group structure and no rule, the firms imitate (Fermi)
    instead, so that a test of the pool need not restate the decisions."""
    data = {"steps": steps, "population": {"enterprises": enterprises}}
    overrides = dict(overrides or {})
    local = overrides.get("alliance", {}).get("group_structure", "alliance") != "alliance"
    if local and "rule" not in overrides.get("decisions", {}).get("enterprise", {}):
        data["decisions"] = {"enterprise": {"rule": "fermi"}}
    return Scenario.model_validate(deep_merge(data, overrides))


@pytest.fixture(scope="session")
def make_scenario():
    """The :func:`small_scenario` builder."""
    return small_scenario


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT

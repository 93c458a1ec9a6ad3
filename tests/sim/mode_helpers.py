"""Helpers shared by the construction-mode tests: small scenarios and a stepping loop
that checks the accounting identities every step."""

from __future__ import annotations

from typing import Any

import numpy as np

from sim.config import Mode, Scenario
from sim.mode_scenarios import mode_scenario
from sim.model import AllianceModel


def deep_merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def small(mode: Mode, **changes: Any) -> Scenario:
    """The mode's shipped scenario, shrunk to 200 firms, with ``changes`` merged in."""
    data = mode_scenario(mode).model_dump(mode="json", exclude={"source_path"})
    data = deep_merge(data, {"population": {"enterprises": 200}, "steps": 20})
    return Scenario.model_validate(deep_merge(data, changes))


def all_free_riders(**extra: Any) -> dict:
    """Every firm starts as a free-riding member and cannot change (learning off)."""
    return deep_merge(
        {
            "population": {"initial_member_share": 1.0, "initial_contributor_share": 0.0,
                           "entry_rate": 0.0},
            "decisions": {"enterprise": {"update_probability": 0.0, "exploration": 0.0}},
        },
        extra,
    )


def step_checked(model: AllianceModel) -> None:
    """One step, asserting the enterprises' and the administration's identities."""
    cash_before = float(model.firms.cash.sum())
    admin = model.administration
    budget_before = admin.budget if admin else 0.0
    model.step()
    lg = model.ledger
    assert np.isclose(float(model.firms.cash.sum()) - cash_before, lg.enterprise_net(),
                      atol=1e-7), lg.as_dict()
    assert np.isclose(
        lg.public_spending,
        lg.subsidies + lg.public_monitoring + lg.public_platform + lg.public_staff,
        atol=1e-9,
    ), lg.as_dict()
    if admin:
        change = admin.budget - budget_before
        expected = admin.spec.budget_per_step + lg.public_receipts - lg.public_spending
        assert np.isclose(change, expected, atol=1e-7), (change, expected)
        assert admin.budget >= -1e-9
    else:
        assert lg.public_spending == 0.0


def run_checked(model: AllianceModel, steps: int) -> None:
    for _ in range(steps):
        step_checked(model)

"""Metrics: the required time-series columns with their exact names, step 0 included,
values that agree with the model's state, the Gini coefficient on known inputs, and the
run summary."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sim.model import AllianceModel
from sim.output.metrics import TIMESERIES, gini, share
from sim.output.results import run_scenario, summarise

REQUIRED = [
    "step",
    "enterprises",
    "member_share",
    "cooperation_share",
    "alliance_active",
    "surplus",
    "mean_quality",
    "public_cost",
    "gini",
    "sme_member_share",
]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 1, 1, 1], 0.0),
        ([0, 0, 0, 1], 0.75),
        ([1, 2, 3, 4], 0.25),
        ([4, 1, 3, 2], 0.25),  # order does not matter
        ([0, 0], 0.0),
        ([], 0.0),
        ([5.0], 0.0),
        ([-3, 0, 0, 1], 0.75),  # negative cash counts as nothing
    ],
)
def test_gini_on_known_inputs(values, expected):
    assert gini(np.array(values, dtype=float)) == pytest.approx(expected, abs=1e-12)


def test_gini_matches_the_mean_absolute_difference_definition():
    x = np.random.default_rng(0).pareto(1.5, 300)
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert gini(x) == pytest.approx(mad, rel=1e-10)


def test_gini_is_scale_invariant():
    x = np.random.default_rng(1).random(50)
    assert gini(x) == pytest.approx(gini(1000 * x), rel=1e-12)


def test_share_of_nothing_is_zero():
    assert share(3, 0) == 0.0 and share(1, 4) == 0.25


@pytest.fixture(scope="module")
def run(make_scenario):
    scenario = make_scenario(
        {"administration": {"present": True, "budget_initial": 5.0, "subsidy": 0.2}},
        enterprises=200,
    )
    model = AllianceModel(scenario, rng=3)
    states = []
    for _ in range(8):
        model.step()
        t = model.firms
        states.append(
            {
                "active": t.active.copy(),
                "strategy": t.strategy.copy(),
                "cash": t.cash.copy(),
                "quality": t.quality.copy(),
                "capacity": t.capacity.copy(),
            }
        )
    frames = model.dataframe()
    return model, frames, states


def test_required_columns_with_exact_names_and_step_zero(run):
    _, frame, _ = run
    assert frame.columns[0] == "step"
    assert [c for c in REQUIRED if c not in frame.columns] == []
    assert frame["step"].tolist() == list(range(9))
    assert frame["alliance_active"].dtype == bool
    assert frame["enterprises"].dtype.kind == "i"


def test_every_column_is_documented_once_with_its_unit():
    for name, column in TIMESERIES.items():
        assert column.unit and column.doc, name
    assert "step" not in TIMESERIES


def test_columns_agree_with_the_model_state(run):
    model, frame, states = run
    sme_cap = model.config.population.sme_capacity
    for i, s in enumerate(states, start=1):
        row = frame.iloc[i]
        active = s["active"]
        member = active & (s["strategy"] != 0)
        contributor = active & (s["strategy"] == 1)
        sme = active & (s["capacity"] < sme_cap)
        assert row["enterprises"] == active.sum()
        assert row["member_share"] == pytest.approx(member.sum() / active.sum())
        assert row["cooperation_share"] == pytest.approx(
            contributor.sum() / member.sum() if member.sum() else 0.0
        )
        assert row["mean_quality"] == pytest.approx(s["quality"][active].mean())
        assert row["gini"] == pytest.approx(gini(s["cash"][active]))
        assert row["sme_member_share"] == pytest.approx((sme & member).sum() / sme.sum())
    assert frame["gini"].min() >= 0 and frame["gini"].max() <= 1


def test_summary_has_inputs_provenance_and_outcomes(make_scenario, tmp_path):
    result = run_scenario(make_scenario(enterprises=100), steps=6, seed=11)
    s = result.summary
    for key in (
        "scenario",
        "seed",
        "steps",
        "final",
        "time_average",
        "versions",
        "git_commit",
        "wall_time_seconds",
    ):
        assert key in s, key
    assert s["seed"] == 11 and s["steps"] == 6
    assert s["scenario"]["population"]["enterprises"] == 100
    assert s["scenario"]["alliance"]["fee"] == 0.05  # defaults filled in
    assert s["final"]["step"] == 6
    frame = result.timeseries
    assert s["time_average"]["member_share"] == pytest.approx(frame["member_share"].iloc[1:].mean())
    assert s["versions"]["mesa"].startswith("3.5")
    assert 0 < s["wall_time_seconds"] < 600  # six steps of 100 firms take some time
    out = result.write(tmp_path / "run")
    on_disk = json.loads((out / "summary.json").read_text())
    assert on_disk["seed"] == 11 and set(s) == set(on_disk)


def test_a_seed_is_drawn_and_recorded_when_none_is_given(make_scenario):
    a = run_scenario(make_scenario(enterprises=50), steps=2)
    b = run_scenario(make_scenario(enterprises=50), steps=2)
    assert isinstance(a.summary["seed"], int)
    assert a.summary["seed"] != b.summary["seed"]
    again = run_scenario(make_scenario(enterprises=50), steps=2, seed=a.summary["seed"])
    assert again.timeseries.equals(a.timeseries)


def test_summary_records_the_wall_time_it_is_given(make_scenario):
    result = run_scenario(make_scenario(enterprises=50), steps=2, seed=3)
    summary = summarise(result.model.config, result.timeseries, 3, 2, 1.234567)
    assert summary["wall_time_seconds"] == 1.2346  # rounded to 0.1 ms

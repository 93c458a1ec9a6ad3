"""Scenario discovery on constructed tables with a known answer, and its bad requests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.commands.main import main
from sim.experiment.conditions import Beats, ConditionError, RunCondition, parse_condition
from sim.experiment.discovery import Discovery, DiscoveryError, DiscoverySettings, discover
from sim.experiment.discovery_cases import condition_cases
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.sweep import run_sweep

FAST = DiscoverySettings(resamples=0, seed=3)


def uniform_inputs(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(rng.random((n, 3)), columns=["synergy", "intensity", "demand"])


def test_prim_recovers_a_known_box():
    """Cases of interest exactly where synergy ≥ 0.6 and intensity ≤ 0.3. PRIM's limits
    sit on the training cases, within one peel (peel_alpha of the unit range) of the
    true ones; the unrelated input is not restricted."""
    x = uniform_inputs(600, seed=1)
    y = ((x["synergy"] >= 0.6) & (x["intensity"] <= 0.3)).to_numpy()
    found = discover(x, y, "interesting", FAST)
    limits = found.limits.set_index("parameter")
    assert set(limits.index) == {"synergy", "intensity"}
    step = FAST.peel_alpha
    assert limits.loc["synergy", "restricted"] == "low"
    assert abs(limits.loc["synergy", "low"] - 0.6) <= step
    assert limits.loc["intensity", "restricted"] == "high"
    assert abs(limits.loc["intensity", "high"] - 0.3) <= step
    assert found.significant
    assert found.density > 0.9 and found.coverage > 0.9
    assert "In " in found.sentences()[1] and "these cases are" in found.sentences()[1]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_condition_without_structure_has_no_significant_box(seed):
    x = uniform_inputs(450, seed=10 + seed)
    y = np.random.default_rng(20 + seed).random(450) < 0.3  # independent of the inputs
    found = discover(x, y, "noise", DiscoverySettings(resamples=0, seed=seed))
    assert not found.significant


def test_no_case_of_interest_is_a_clear_error():
    x = uniform_inputs(50, seed=1)
    with pytest.raises(DiscoveryError, match="no case meets"):
        discover(x, np.zeros(50, dtype=bool), "never", FAST)


def test_conditions_read_and_evaluate():
    runs = pd.DataFrame(
        {
            "base": ["a", "b", "a", "b"],
            "cell": [0, 0, 1, 1],
            "replicate": [0, 0, 0, 0],
            "final.share": [0.2, 0.6, 0.7, 0.4],
            "outcomes.collapse_step": [np.nan, 12.0, np.nan, np.nan],
            "factor": [1.0, 1.0, 2.0, 2.0],
        }
    )
    below = parse_condition("final.share < 0.5 and collapse")
    assert isinstance(below, RunCondition)
    assert below.met(runs).tolist() == [False, False, False, False]
    assert parse_condition("final.share >= 0.6").met(runs).tolist() == [False, True, True, False]
    beats = parse_condition("a beats b on final.share")
    assert isinstance(beats, Beats)
    assert beats.met(runs).tolist() == [False, True]
    inputs, interest = condition_cases(runs, ["factor"], beats)
    assert inputs["factor"].tolist() == [1.0, 2.0] and interest.tolist() == [False, True]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("final.shar < 0.5", "did you mean 'final.share'"),
        ("final.share << 0.5", "cannot read condition"),
        ("a beats zzz on final.share", "no runs of mode 'zzz'"),
    ],
)
def test_bad_conditions_are_clear_errors(text, message):
    runs = pd.DataFrame(
        {"base": ["a"], "cell": [0], "replicate": [0], "final.share": [0.1], "factor": [1.0]}
    )
    with pytest.raises(ConditionError, match=message):
        parse_condition(text).met(runs)


@pytest.fixture
def tiny_lhs_store(tiny_experiment, tmp_path):
    path = tiny_experiment(
        design="latin_hypercube",
        factors={"alliance.synergy": {"low": 1.2, "high": 2.0}},
        samples=4,
        replicates=2,
    )
    store = tmp_path / "store"
    run_sweep(load_experiment(path), InProcess(), store)
    return store


def test_cli_bad_requests_exit_non_zero_with_one_line(tiny_lhs_store, capsys):
    for condition, message in (
        ("time_average.member_shar < 0.5", "unknown outcome"),
        ("time_average.member_share < -1", "no case meets"),
    ):
        assert main(["discover", str(tiny_lhs_store), "--condition", condition]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: ") and message in err and "\n" not in err


def test_summarise_writes_the_robust_tables_for_a_latin_hypercube_of_modes(tiny_lhs_store):
    from sim.experiment.summary import summarise_store

    files = summarise_store(tiny_lhs_store, draw=False)
    first = pd.read_csv(files.tables / "robust_first.csv")
    assert set(first["mode"]) == {"a.yaml", "b.yaml"}
    for _, table in first.groupby("outcome"):
        assert table["p_first"].sum() == pytest.approx(1.0)


def test_the_files_of_a_discovery(tmp_path):
    from sim.experiment.discovery_output import write_discovery

    x = uniform_inputs(300, seed=2)
    y = (x["demand"] >= 0.5).to_numpy()
    found = discover(x, y, "demand is high", FAST)
    written = write_discovery(found, tmp_path / "d")
    names = {p.name for p in written}
    assert {"trajectory.csv", "limits.csv", "discovery.md", "tradeoff.png", "box.png"} <= names
    limits = pd.read_csv(tmp_path / "d" / "limits.csv")
    assert limits["parameter"].tolist() == ["demand"]
    assert found.sentences()[1] in (tmp_path / "d" / "discovery.md").read_text()


def test_robust_tables_leave_out_a_mode_without_runs(tiny_lhs_store):
    from sim.experiment.reading import runs_table
    from sim.experiment.robust_output import robust_tables
    from sim.experiment.summary import stored_experiment

    runs = runs_table(tiny_lhs_store)
    experiment = stored_experiment(tiny_lhs_store)
    first, pairs = robust_tables(runs[runs["base"] == "a.yaml"], experiment)
    assert first.empty and pairs.empty


def test_a_box_no_held_out_case_falls_in_is_said_unchecked_not_nan():
    found = Discovery(
        condition="A beats B",
        cases=50,
        cases_of_interest=20,
        trajectory=pd.DataFrame(),
        chosen=0,
        limits=pd.DataFrame(),
        coverage=0.5,
        density=0.9,
        holdout_base_rate=0.4,
        holdout_p=1.0,
        box_text="x <= 0.2",
    )
    check = found.sentences()[2]
    assert "nan" not in check
    assert "No held-out case falls inside the box (base rate 40%)" in check
    assert check.endswith("no significant box.")

"""Experiment files: the shipped ones load; bad ones get one clear line, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.commands.main import main
from sim.experiment.design import design_points
from sim.experiment.loading import load_experiment
from sim.scenario import ScenarioError

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = sorted((ROOT / "experiments").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_experiments_load_full_and_quick(path):
    full, quick = load_experiment(path), load_experiment(path, quick=True)
    assert design_points(full.experiment) and design_points(quick.experiment)
    assert full.experiment.quick, "every shipped experiment has a quick preset"


def test_compare_modes_is_the_five_modes_by_sharing_rule_with_30_replicates():
    experiment = load_experiment(ROOT / "experiments" / "compare_modes.yaml").experiment
    assert len(experiment.scenarios) == 5 and experiment.baseline == "market_only"
    assert experiment.replicates == 30
    assert len(design_points(experiment)) == 10


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"replicate": 3}, "unknown key 'replicate'; did you mean 'replicates'?"),
        ({"factors": {"alliance.fe": [0.1]}}, "unknown scenario key 'alliance.fe'"),
        ({"factors": {"alliance.fe": [0.1]}}, "did you mean 'fee'?"),
        ({"factors": {"alliance.fee": [-1]}}, "alliance.fee must be in [0, 10000]"),
        ({"factors": {"alliance.sharing": ["equal", "fair"]}}, "alliance.sharing must be one of"),
        ({"factors": {"alliance.fee": {"low": 0.3, "high": 0.1}}}, "low must be below high"),
        ({"outcomes": ["time_average.member_shar"]}, "did you mean 'time_average.member_share'?"),
        ({"design": "sobel"}, "design must be one of 'full_factorial'"),
        ({"baseline": "c.yaml"}, "baseline 'c.yaml' must be one of scenarios"),
        ({"replicates": {"min": 10, "max": 5}}, "replicates.max (5) is below replicates.min (10)"),
        ({"quick": {"replicatez": 2}}, "unknown key 'quick.replicatez'"),
        ({"name": "../../x"}, "name must be a plain name of letters, digits"),
        ({"name": "/tmp/elsewhere"}, "it names the store folder results/<name>"),
        ({"name": "a/b"}, "cannot be a path"),
        ({"name": ""}, "name must be a plain name"),
        ({"name": ".hidden"}, "name must be a plain name"),
        ({"steps": 12, "factors": {"steps": [10, 20]}}, "factors.steps and steps: 12 both set"),
        (
            {"steps": 5, "factors": {"events": [[], [{"kind": "subsidy_phase_out", "step": 40}]]}},
            "subsidy_phase_out at step 40 is after the run's last step (steps is 5)",
        ),
        ({"replicates": True}, "replicates must be a whole number; got true"),
        ({"replicates": 2.5}, "replicates must be a whole number; got 2.5"),
        ({"samples": True}, "samples must be a whole number; got true"),
        (
            {"design": "sobol", "samples": 10, "factors": {"alliance.fee": {"low": 0, "high": 1}}},
            "samples must be a power of 2 for design sobol (Sobol' points keep their balance "
            "only then); got 10: use 8 or 16",
        ),
        (
            {"factors": {"alliance.fee": {"low": 0, "high": float("inf")}}},
            "factors.alliance.fee.high must be a finite number; got inf",
        ),
        (
            {
                "factors": {
                    "alliance.fee": {"distribution": "normal", "mean": 0.1, "sd": float("nan")}
                }
            },
            "factors.alliance.fee.sd must be a finite number; got nan",
        ),
        (
            {"factors": {"alliance.fee": {"low": 0.1}}},
            "factors.alliance.fee: a uniform range needs low and high; got {'low': 0.1}",
        ),
        ({"factors": {"alliance.fee": {"lo": 0, "high": 1}}}, "did you mean 'low'?"),
        ({"replicates": {"min": 3, "mx": 4}}, "'replicates.mx'; did you mean 'max'?"),
        (
            {"replicates": {"min": 3, "precision": -1}},
            "replicates.precision must be above 0",
        ),
        ({"seed": 2**130}, "seed must be below 3402823669209384634633746074317682114"),
        (
            {"scenarios": ["co_construction"], "baseline": "co_construction", "steps": 12},
            "(scenario co_construction at steps): events.0: subsidy_phase_out at step 100",
        ),
    ],
)
def test_bad_experiment_files_get_one_clear_error(tiny_experiment, changes, message):
    path = tiny_experiment(**changes)
    quick = "quick" in changes
    with pytest.raises(ScenarioError) as err:
        load_experiment(path, quick=quick)
    text = str(err.value)
    assert message in text and str(path) in text
    assert len(text.splitlines()) == 1, text  # one problem, said once
    for internal in ("function-after", "LevelsFactor", "RangeFactor", "'kind'", "nan]"):
        assert internal not in text, text


def test_cli_exits_2_without_traceback_and_writes_nothing(tiny_experiment, tmp_path, capsys):
    path = tiny_experiment(factors={"alliance.fe": [0.1]})
    out = tmp_path / "store"
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and len(err.splitlines()) == 1
    assert not out.exists()


def test_cli_sweep_status_summarise_export(tiny_experiment, tmp_path, capsys):
    path = tiny_experiment(replicates=2, figures=["trajectories", "final_outcomes"])
    out = tmp_path / "store"
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    assert "8 runs done, 0 failed" in printed and "tables in" in printed
    assert (out / "figures" / "trajectories.png").is_file()
    assert (out / "tables" / "differences.csv").is_file()
    import pandas as pd

    replicates = pd.read_csv(out / "tables" / "replicates.csv")
    assert replicates["target_met"].isna().all()  # fixed replication has no target to miss
    assert sorted(p.name for p in out.iterdir()) == [
        "figures",
        "store.sqlite",
        "tables",
    ]  # no -wal, -shm or lock file left by a finished sweep and its summary
    assert main(["status", str(out)]) == 0
    assert "8 done, 0 failed, 0 pending of 8 planned (not running)" in capsys.readouterr().out
    assert main(["export", str(out), "--parquet", str(tmp_path / "pq")]) == 0
    import pandas as pd

    wide = pd.read_parquet(tmp_path / "pq" / "runs_wide.parquet")
    assert len(wide) == 8 and "time_average.member_share" in wide
    assert main(["status", str(tmp_path / "nothing")]) == 2


def test_docs_experiments_md_is_generated_from_the_schema():
    from sim.experiment.docs import reference

    assert (ROOT / "docs" / "experiments.md").read_text(encoding="utf-8") == reference()


def test_a_sweep_runs_every_point_at_the_experiments_horizon(tiny_experiment, tmp_path):
    from sim.experiment.executors import InProcess
    from sim.experiment.reading import timeseries_table
    from sim.experiment.sweep import run_sweep

    run_sweep(load_experiment(tiny_experiment(steps=4, replicates=1)), InProcess(), tmp_path / "s")
    series = timeseries_table(tmp_path / "s")
    assert series.groupby("run_id")["step"].max().eq(4).all()  # the scenarios say 6


def test_a_scenario_given_to_sweep_says_so_in_one_line(tmp_path, capsys):
    scenario = ROOT / "scenarios" / "government_led.yaml"
    assert main(["sweep", str(scenario), "--out", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: {scenario}: this is a scenario file, not an experiment: run it with "
        f"'alliance run {scenario}', or list it under scenarios: in an experiment file\n"
    )
    assert not (tmp_path / "s").exists()

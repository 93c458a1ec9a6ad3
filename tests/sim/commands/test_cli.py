"""The ``alliance`` command: runs a scenario, prints a table, writes results; on any
user mistake it exits with status 2, prints one message and no traceback, and writes
nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sim.commands.main import build_parser, main

SMALL = ["--set", "population.enterprises=120", "--steps", "5", "--seed", "3"]


@pytest.fixture
def default(repo_root) -> str:
    return str(repo_root / "scenarios" / "default.yaml")


def test_run_prints_the_final_outcomes_and_writes_results(tmp_path, default, capsys):
    out = tmp_path / "demo"
    assert main(["run", default, *SMALL, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for name in (
        "member_share",
        "cooperation_share",
        "alliance_active",
        "surplus",
        "gini",
        "public_cost",
        "sme_member_share",
        "welfare",
        "value_added",
    ):
        assert name in printed
    assert "seed 3" in printed and "5 steps" in printed
    frame = pd.read_parquet(out / "timeseries.parquet")
    assert frame["step"].tolist() == list(range(6))
    assert frame["value_added"].notna().all()  # paired with its counterfactual by default
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counterfactual_wall_time_seconds"] > 0
    assert "value_added" in summary["final_window"] and "value_added" in summary["settled"]
    assert (out / "summary.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]  # no temporary left over


def test_run_without_out_writes_nothing(tmp_path, default, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["run", default, *SMALL]) == 0
    assert list(tmp_path.iterdir()) == []


def test_out_into_an_existing_folder_replaces_the_results(tmp_path, default, capsys):
    out = tmp_path / "demo"
    out.mkdir()
    (out / "timeseries.parquet").write_text("old")
    assert main(["run", default, *SMALL, "--out", str(out)]) == 0
    assert len(pd.read_parquet(out / "timeseries.parquet")) == 6


def scenario_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    return str(path)


BAD = {
    "unknown key": (
        lambda d, t: [scenario_file(t, "alliance:\n  fees: 0.1\n")],
        "did you mean 'fee'?",
    ),
    "wrong type": (lambda d, t: [scenario_file(t, "steps: lots\n")], "whole number"),
    "out of range": (
        lambda d, t: [scenario_file(t, "alliance:\n  fee: -1\n")],
        "alliance.fee must be in [0, 10000]",
    ),
    "inconsistent": (
        lambda d, t: [scenario_file(t, "administration:\n  subsidy: 1\n")],
        "administration.present is false",
    ),
    "bad --set value": (lambda d, t: [d, "--set", "alliance.fee=abc"], "(--set alliance.fee=abc)"),
    "bad --set key": (lambda d, t: [d, "--set", "alliance.fe=0.2"], "did you mean 'fee'?"),
    "malformed --set": (lambda d, t: [d, "--set", "alliance.fee"], "key.path=value"),
    "missing file": (lambda d, t: [str(t / "nowhere.yaml")], "no such scenario file"),
    "empty file": (lambda d, t: [scenario_file(t, "")], "empty"),
    "not YAML": (lambda d, t: [scenario_file(t, "a: [1, 2\n")], "not valid YAML"),
    "not a mapping": (lambda d, t: [scenario_file(t, "- 1\n- 2\n")], "must be a mapping"),
    "an experiment file": (
        lambda d, t: [scenario_file(t, "name: x\nscenarios: [market_only]\nreplicates: 2\n")],
        "this is an experiment file, not a scenario: run it with 'alliance sweep ",
    ),
    "steps true under --steps": (
        lambda d, t: [scenario_file(t, "steps: true\n"), "--steps", "3"],
        "steps must be a whole number, not true or false; got true",
    ),
    "a key in the wrong section": (
        lambda d, t: [d, "--set", "alliance.subsidy=1"],
        "did you mean 'administration.subsidy'?",
    ),
    "an unknown scenario name": (lambda d, t: ["governmentled"], "nor a shipped scenario's name"),
    "malformed edge list": (
        lambda d, t: [
            scenario_file(
                t,
                "population:\n  enterprises: 10\nnetwork:\n  kind: edge_list\n  edge_list: e.txt\n",
            ),
            "--set",
            "steps=2",
        ],
        "an edge needs two node labels",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_user_mistakes_exit_2_with_one_message_and_write_nothing(tmp_path, default, capsys, case):
    (tmp_path / "e.txt").write_text("a b\nc\n")
    args, fragment = BAD[case]
    out = tmp_path / "out"
    assert main(["run", *args(default, tmp_path), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ")
    assert fragment in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert captured.out == ""
    assert not out.exists()
    assert not any(p.name.startswith(".out") for p in tmp_path.iterdir())


def test_run_takes_a_shipped_scenario_by_name(tmp_path, repo_root, capsys):
    out = tmp_path / "named"
    args = ["--set", "population.enterprises=120", "--steps", "3", "--seed", "3"]
    assert main(["run", "government_led", *args, "--out", str(out)]) == 0
    assert "scenario 'government_led', seed 3, 3 steps" in capsys.readouterr().out
    by_file = tmp_path / "file"
    assert (
        main(
            ["run", str(repo_root / "scenarios/government_led.yaml"), *args, "--out", str(by_file)]
        )
        == 0
    )
    named = pd.read_parquet(out / "timeseries.parquet")
    pd.testing.assert_frame_equal(named, pd.read_parquet(by_file / "timeseries.parquet"))


def test_every_experiment_file_given_to_run_is_refused_in_one_line(repo_root, capsys):
    for path in sorted((repo_root / "experiments").glob("*.yaml")):
        assert main(["run", str(path)]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"error: {path}: this is an experiment file, not a scenario: run it with "
            f"'alliance sweep {path}'\n"
        )


@pytest.mark.parametrize("args", [["--steps", "-1"], ["--steps", "many"], ["--seed", "x"]])
def test_bad_command_line_values_exit_2(default, capsys, args, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as info:
        main(["run", default, *args, "--out", str(out)])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not out.exists()


def _command() -> list[str]:
    script = Path(sys.executable).with_name("alliance")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sim.commands.main"]


@pytest.mark.parametrize(
    "args", [["nowhere.yaml"], ["scenarios/default.yaml", "--set", "alliance.fee=-1"]]
)
def test_the_installed_command_exits_2_without_traceback(repo_root, tmp_path, args):
    out = tmp_path / "out"
    proc = subprocess.run(
        [*_command(), "run", *args, "--out", str(out)],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1
    assert proc.stdout == ""
    assert not out.exists()


def test_help_examples_of_set_are_valid_keys(default):
    """The ``--set`` example in ``alliance run --help`` must itself work."""
    from sim.scenario import load_scenario

    run = build_parser()._subparsers._group_actions[0].choices["run"]
    help_text = run.format_help()
    examples = re.findall(r"--set\s+([a-z_][a-z_.]*=[^\s\]]+)", help_text)
    assert examples, help_text
    for example in examples:
        load_scenario(default, [example])


def test_zero_steps_writes_step_zero_only(tmp_path, default, capsys):
    out = tmp_path / "zero"
    assert (
        main(
            [
                "run",
                default,
                "--steps",
                "0",
                "--seed",
                "1",
                "--out",
                str(out),
                "--set",
                "population.enterprises=60",
            ]
        )
        == 0
    )
    assert pd.read_parquet(out / "timeseries.parquet")["step"].tolist() == [0]


def test_summary_is_strict_json_even_when_a_metric_is_undefined(tmp_path, default, capsys):
    """With the market off no project is won, so the mean markup is undefined; the
    summary must still be standard JSON (no NaN)."""
    import json

    out = tmp_path / "nomarket"
    assert main(["run", default, *SMALL, "--set", "market.enabled=false", "--out", str(out)]) == 0

    def reject(constant):
        raise ValueError(f"non-standard JSON constant {constant}")

    summary = json.loads((out / "summary.json").read_text(), parse_constant=reject)
    assert summary["final"]["price_pressure"] is None


def test_diagnose_takes_a_shipped_scenario_by_name_too(capsys):
    args = ["--set", "population.enterprises=100", "--at", "1"]
    assert main(["diagnose", "government_led", *args]) == 0
    assert capsys.readouterr().out.startswith("scenario 'government_led', seed 1: incentive audit")
    assert main(["diagnose", "governmentled", *args]) == 2
    assert "nor a shipped scenario's name" in capsys.readouterr().err

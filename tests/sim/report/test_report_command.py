"""``alliance report``: prints the path, refuses a folder without a store in one line, and
the flagship experiment asks ``alliance sweep`` for the report."""

from __future__ import annotations

from report_stores import build_store

from sim.commands.main import main
from sim.experiment.loading import load_experiment
from sim.experiment.spec import Experiment


def test_report_command_prints_the_path(tmp_path, capsys):
    store = build_store(tmp_path / "store", ["base", "other"],
                        lambda m, lv, r: {"final_window.member_share": 0.5 + 0.01 * r})  # fmt: skip
    assert main(["report", str(store), "--no-audit"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"report {store / 'report.html'} ")
    assert (store / "report.html").is_file()
    assert not list(store.glob(".*.partial"))  # written under a temporary name, then renamed


def test_a_folder_without_a_store_is_a_usage_error(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no sweep store here" in err
    assert not (tmp_path / "report.html").exists()


def test_the_report_is_asked_for_by_compare_modes_only_when_declared(repo_root):
    assert Experiment().report is False
    assert load_experiment(
        repo_root / "experiments/compare_modes.yaml", quick=True
    ).experiment.report

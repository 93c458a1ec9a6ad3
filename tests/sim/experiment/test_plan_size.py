"""A plan's size is counted before anything is built: huge plans are refused fast, in one
line, and leave nothing behind; ``--allow-large`` lets a large (but buildable) plan run."""

from __future__ import annotations

import resource
import time

import pytest

from sim.commands.main import main
from sim.experiment.design import design_points
from sim.experiment.size import RUN_LIMIT, plan_size
from sim.experiment.spec import Experiment

THOUSAND_LEVELS = {"low": 0.0, "high": 0.1, "levels": 1000}
FIVE_FACTORS = {
    key: THOUSAND_LEVELS
    for key in (
        "alliance.fee",
        "alliance.fine",
        "alliance.monitoring_probability",
        "alliance.non_excludable_share",
        "market.multi_segment_share",
    )
}


@pytest.mark.parametrize(
    ("design", "extra"),
    [
        ("full_factorial", {}),
        ("one_factor_at_a_time", {}),
        ("latin_hypercube", {"samples": 16}),
        ("sobol", {"samples": 16}),
        ("morris", {"samples": 5, "morris_levels": 4}),
    ],
)
def test_counts_match_the_designs_points(design, extra):
    experiment = Experiment.model_validate(
        {
            "scenarios": ["market_only", "government_led"],
            "factors": {
                "alliance.sharing": ["equal", "contribution"],
                "alliance.fee": {"low": 0, "high": 1, "levels": 3},
            },
            "design": design,
            "replicates": 7,
            **extra,
        }
    )
    size = plan_size(experiment)
    assert size.points == len(design_points(experiment))
    assert size.runs == 7 * size.points


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"replicates": 1_000_000_000}, "4,000,000,000 runs (2 cells × 2 base scenarios"),
        ({"factors": FIVE_FACTORS}, "1,000,000,000,000,000 cells"),
        ({"design": "sobol", "samples": 524_288, "factors": FIVE_FACTORS}, "3,670,016 cells"),
        ({"replicates": {"min": 10, "max": 100_000}}, "400,000 runs"),
    ],
)
def test_huge_plans_are_refused_fast_and_leave_nothing(
    tiny_experiment, tmp_path, capsys, changes, message
):
    path = tiny_experiment(**changes)
    out = tmp_path / "results" / "store"
    started, memory = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1"]) == 2
    assert time.perf_counter() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory < 200_000  # kB
    err = capsys.readouterr().err
    assert message in err and str(path) in err and len(err.splitlines()) == 1
    assert not (tmp_path / "results").exists()


def test_allow_large_lets_a_large_plan_run(tiny_experiment, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sim.experiment.size.RUN_LIMIT", 10)
    path = tiny_experiment(replicates=3)  # 12 runs
    out = tmp_path / "store"
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1"]) == 2
    assert "more than the limit of 10; reduce it, or give --allow-large" in capsys.readouterr().err
    assert not out.exists()
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1", "--allow-large"]) == 0
    assert RUN_LIMIT == 100_000  # the documented limit


def test_a_store_left_without_runs_by_a_failed_start_is_removed(
    tiny_experiment, tmp_path, monkeypatch, capsys
):
    """A start that fails after the store is made (here: the first run's commit) leaves nothing."""
    from sim.experiment.store import StoreWriter

    def broken(self, *args):
        raise KeyboardInterrupt

    monkeypatch.setattr(StoreWriter, "record", broken)
    out = tmp_path / "results" / "store"
    assert main(["sweep", str(tiny_experiment()), "--out", str(out), "--workers", "1"]) == 130
    assert not (tmp_path / "results").exists()


def test_sweep_out_into_a_folder_of_other_files_is_refused(tiny_experiment, tmp_path, capsys):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.tex").write_text("precious")
    assert main(["sweep", str(tiny_experiment()), "--out", str(out), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "holds other files (chapter1.tex)" in err and len(err.splitlines()) == 1
    assert sorted(p.name for p in out.iterdir()) == ["chapter1.tex"]

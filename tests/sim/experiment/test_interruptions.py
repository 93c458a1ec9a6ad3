"""A killed sweep resumes to identical results; SIGINT stops cleanly; Dask gives the same rows."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sim.experiment.executors import DaskCluster, InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.reading import runs_table, timeseries_table
from sim.experiment.status import sweep_status
from sim.experiment.sweep import run_sweep

pytestmark = pytest.mark.slow
TIMING = ["started", "wall_seconds", "worker", "session", "attempts"]


def stored(folder):
    runs = runs_table(folder).drop(columns=TIMING).sort_values("run_id").reset_index(drop=True)
    series = timeseries_table(folder).sort_values(["run_id", "step"]).reset_index(drop=True)
    return runs, series


def start_sweep(path: Path, out: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "sim.commands.main",
        "sweep",
        str(path),
        "--out",
        str(out),
        "--workers",
        "1",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_runs(
    out: Path, at_least: int, process: subprocess.Popen, timeout: float = 180
) -> None:
    """Wait until the sweep has finished ``at_least`` runs; fail with its own output if it
    stopped first (a loaded machine may need a while to start a Python process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if sweep_status(out).done >= at_least:
                return
        except Exception:  # the store may not exist yet
            pass
        if process.poll() is not None:
            _, err = process.communicate()
            raise AssertionError(f"the sweep exited ({process.returncode}) early: {err[-2000:]}")
        time.sleep(0.05)
    raise AssertionError("the sweep made no progress")


def slow_experiment(tiny_experiment) -> Path:
    # 80 runs of a 30-firm, 6-step model: enough that a signal sent after the second run
    # arrives well before the last (runs got faster with issue 20)
    return tiny_experiment(replicates=20)


def test_sigkill_then_resume_equals_an_uninterrupted_sweep(tiny_experiment, tmp_path):
    path = slow_experiment(tiny_experiment)
    process = start_sweep(path, tmp_path / "killed")
    wait_for_runs(tmp_path / "killed", 3, process)
    process.kill()
    process.wait()
    partial = sweep_status(tmp_path / "killed")
    assert 3 <= partial.done < 80 and not partial.running
    resumed = start_sweep(path, tmp_path / "killed")
    assert resumed.wait(timeout=120) == 0
    run_sweep(load_experiment(path), InProcess(), tmp_path / "whole")
    for left, right in zip(stored(tmp_path / "killed"), stored(tmp_path / "whole"), strict=True):
        pd.testing.assert_frame_equal(left, right, check_exact=True)
    assert runs_table(tmp_path / "killed")["run_id"].is_unique


def test_sigint_stops_cleanly_keeping_finished_runs(tiny_experiment, tmp_path):
    path = slow_experiment(tiny_experiment)
    process = start_sweep(path, tmp_path / "s")
    wait_for_runs(tmp_path / "s", 2, process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert [line for line in out.splitlines() if line.startswith("stopped:")] == [
        f"stopped: finished runs are kept in {tmp_path / 's'}; run the same command to resume"
    ]
    status = sweep_status(tmp_path / "s")
    assert status.done >= 2 and status.pending > 0 and not status.running


def test_dask_local_cluster_gives_identical_rows(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates=2))
    run_sweep(loaded, InProcess(), tmp_path / "one")
    cluster = DaskCluster(workers=2)
    try:
        run_sweep(loaded, cluster, tmp_path / "dask")
    finally:
        cluster.close()
    for left, right in zip(stored(tmp_path / "one"), stored(tmp_path / "dask"), strict=True):
        pd.testing.assert_frame_equal(left, right, check_exact=True)

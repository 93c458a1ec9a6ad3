"""A sweep killed by SIGKILL on the local pool leaves no process behind: its workers, the
forkserver and the resource tracker end within seconds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.experiment.parent_watch import alive
from sim.experiment.status import sweep_status


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def test_alive_tells_a_live_process_from_a_finished_one():
    assert alive(os.getpid())
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    assert not alive(finished.pid)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigkill_of_a_sweep_ends_its_workers(tiny_experiment, tmp_path):
    path = tiny_experiment(replicates=20, steps=30)  # long enough to be killed mid-way
    out = tmp_path / "store"
    command = [sys.executable, "-m", "sim.commands.main", "sweep", str(path)]
    sweep = subprocess.Popen(
        [*command, "--out", str(out), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 180
    while not (out / "store.sqlite").exists() or sweep_status(out).done < 2:
        assert sweep.poll() is None, sweep.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the sweep made no progress"
        time.sleep(0.1)
    below = descendants(sweep.pid)
    assert len(below) >= 3  # forkserver and two workers at least
    sweep.kill()
    sweep.wait()
    deadline = time.monotonic() + 15
    while (left := {pid for pid in below if alive(pid)}) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left, f"still running after the sweep died: {left}"

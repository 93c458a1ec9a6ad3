"""Stopped from outside, the command ends with one line and the conventional status:
Ctrl-C (130), a reader closing the pipe (141), a full disk (the file named, status 1);
nothing half-written. ``--version`` answers."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from sim.commands.main import main
from sim.output.provenance import installed_version

LONG_RUN = ["--set", "population.enterprises=2000", "--steps", "3000", "--seed", "1"]


def command() -> list[str]:
    script = Path(sys.executable).with_name("alliance")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sim.commands.main"]


def test_ctrl_c_prints_one_line_exits_130_and_writes_nothing(repo_root, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*command(), "run", "scenarios/default.yaml", *LONG_RUN, "--out", str(out)],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(4)  # well into the run (it takes minutes)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert stderr.count("\n") == 1 and "interrupted" in stderr, stderr
    assert "Traceback" not in stderr and stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_reader_closing_the_pipe_gets_one_line_and_status_141(repo_root, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        proc = subprocess.run(
            [*command(), "modes"],
            cwd=repo_root,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert proc.stderr.count("\n") == 1 and "broken pipe" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_results_are_written_even_when_the_reader_closes_the_pipe(repo_root, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    out = tmp_path / "out"
    args = ["--set", "population.enterprises=60", "--steps", "2", "--out", str(out)]
    try:
        proc = subprocess.run(
            [*command(), "run", "scenarios/default.yaml", *args],
            cwd=repo_root,
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert len(pd.read_parquet(out / "timeseries.parquet")) == 3


def test_a_full_disk_names_the_file_and_leaves_nothing(repo_root, tmp_path, capsys, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("sim.output.results.pq.write_table", no_space)
    out = tmp_path / "out"
    args = ["--set", "population.enterprises=60", "--steps", "2", "--out", str(out)]
    assert main(["run", str(repo_root / "scenarios" / "default.yaml"), *args]) == 1
    err = capsys.readouterr().err
    assert err == f"error: cannot write {out}/timeseries.parquet: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def test_version(capsys):
    proc = subprocess.run([*command(), "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"alliance {installed_version('archives-alliance')}")

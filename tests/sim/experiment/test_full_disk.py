"""A full disk during a sweep, its summary or an export: one line naming what could not be
written, exit 1, the runs committed before kept, and no empty or partial file left."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from sim.commands.main import main
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.status import sweep_status
from sim.experiment.store import StoreWriter
from sim.experiment.sweep import run_sweep


def _fills_the_disk_after(calls: int, real):
    """``real`` that writes a little and then fails with ENOSPC from call ``calls`` on."""
    count = {"n": 0}

    def write(self, path, *args, **kwargs):
        count["n"] += 1
        if count["n"] < calls:
            return real(self, path, *args, **kwargs)
        Path(path).write_bytes(b"PAR1")  # what a writer leaves when the disk fills mid-file
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    return write


@pytest.fixture
def store(tiny_experiment, tmp_path) -> Path:
    folder = tmp_path / "store"
    run_sweep(load_experiment(tiny_experiment(replicates=1)), InProcess(), folder)
    return folder


def _left_behind(folder: Path) -> list[str]:
    """Empty or temporary files in ``folder``."""
    return [p.name for p in folder.iterdir() if p.stat().st_size == 0 or "partial" in p.name]


def test_export_parquet_on_a_full_disk(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        pd.DataFrame, "to_parquet", _fills_the_disk_after(3, pd.DataFrame.to_parquet)
    )
    out = tmp_path / "pq"
    assert main(["export", str(store), "--parquet", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: cannot write {out / 'points.parquet'}: No space left on device\n"
    assert sorted(p.name for p in out.iterdir()) == ["meta.parquet", "sessions.parquet"]
    assert not _left_behind(out)
    assert pd.read_parquet(out / "meta.parquet").shape[0] > 0  # the earlier files are whole


def test_export_csv_on_a_full_disk(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pd.DataFrame, "to_csv", _fills_the_disk_after(1, pd.DataFrame.to_csv))
    out = tmp_path / "csv"
    assert main(["export", str(store), "--csv", str(out / "runs.csv")]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_export_csv_writes_one_row_per_run_with_factors_and_outcomes(store, tmp_path):
    assert main(["export", str(store), "--csv", str(tmp_path / "runs.csv")]) == 0
    table = pd.read_csv(tmp_path / "runs.csv")
    assert len(table) == 4 and {"alliance.sharing", "time_average.member_share"} <= set(table)


def test_summary_tables_on_a_full_disk_leave_no_empty_table(store, capsys, monkeypatch):
    monkeypatch.setattr(pd.DataFrame, "to_csv", _fills_the_disk_after(2, pd.DataFrame.to_csv))
    assert main(["summarise", str(store)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert not _left_behind(store / "tables")


def test_a_sweep_on_a_full_disk_stops_in_one_line_and_keeps_its_runs(
    tiny_experiment, tmp_path, capsys, monkeypatch
):
    real = StoreWriter.record
    calls = {"n": 0}

    def record(self, run, result, session):
        calls["n"] += 1
        if calls["n"] > 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, run, result, session)

    monkeypatch.setattr(StoreWriter, "record", record)
    out = tmp_path / "store"
    path = tiny_experiment(replicates=1)
    assert main(["sweep", str(path), "--out", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and "Traceback" not in err
    assert err.count("error: ") == 1 and err.rstrip().splitlines()[-1].startswith("error: ")
    assert sweep_status(out).done == 2

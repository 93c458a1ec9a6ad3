"""Sweeps: stored rows, resume, executors agree, failures recorded, shards, a second writer."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

import sim.output.results
from sim.experiment.executors import InProcess, LocalPool
from sim.experiment.loading import load_experiment
from sim.experiment.merge import merge_stores
from sim.experiment.reading import runs_table, timeseries_table
from sim.experiment.store import StoreError, StoreWriter
from sim.experiment.sweep import Shard, rerun, run_sweep

TIMING = ["started", "wall_seconds", "worker", "session", "attempts"]


def stored(folder) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Runs (without timings) and time series, in a canonical order."""
    runs = runs_table(folder).drop(columns=TIMING).sort_values("run_id").reset_index(drop=True)
    series = timeseries_table(folder).sort_values(["run_id", "step"]).reset_index(drop=True)
    return runs, series


def test_sweep_stores_every_run_with_outcomes_and_thinned_series(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    outcome = run_sweep(loaded, InProcess(), tmp_path / "store")
    assert (outcome.done, outcome.failed) == (12, 0)  # 2 bases x 2 sharing x 3 replicates
    runs, series = stored(tmp_path / "store")
    assert len(runs) == 12 and set(runs["status"]) == {"done"}
    assert runs["time_average.member_share"].notna().all()
    assert sorted(series.loc[series["run_id"] == "p0000-r000", "step"]) == [0, 2, 4, 6]
    assert runs.groupby("replicate")["seed"].nunique().eq(1).all()  # common seeds


def test_same_command_again_resumes_and_recomputes_nothing(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "s")
    before = stored(tmp_path / "s")
    again = run_sweep(loaded, InProcess(), tmp_path / "s")
    assert (again.done, again.failed) == (0, 0)
    after = stored(tmp_path / "s")
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])


def test_local_pool_gives_identical_rows_to_in_process(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates=2))
    run_sweep(loaded, InProcess(), tmp_path / "one")
    pool = LocalPool(2)
    try:
        run_sweep(loaded, pool, tmp_path / "two")
    finally:
        pool.close()
    for left, right in zip(stored(tmp_path / "one"), stored(tmp_path / "two"), strict=True):
        pd.testing.assert_frame_equal(left, right, check_exact=True)


def test_a_run_that_raises_is_recorded_and_the_others_complete(
    tiny_experiment, tmp_path, monkeypatch
):
    loaded = load_experiment(tiny_experiment())
    real = sim.output.results.run_scenario

    def flaky(scenario, steps=None, seed=None):
        if scenario.alliance.fee == 0.2 and scenario.alliance.sharing == "contribution":
            raise RuntimeError("boom in the model")
        return real(scenario, steps=steps, seed=seed)

    monkeypatch.setattr(sim.output.results, "run_scenario", flaky)
    outcome = run_sweep(loaded, InProcess(), tmp_path / "s")
    assert (outcome.done, outcome.failed) == (9, 3)
    runs = runs_table(tmp_path / "s")
    failed = runs[runs["status"] == "failed"]
    assert set(failed["point_id"]) == {3} and failed["error"].str.contains("boom").all()
    monkeypatch.setattr(sim.output.results, "run_scenario", real)
    assert run_sweep(loaded, InProcess(), tmp_path / "s").done == 0  # failures are not retried
    retried = run_sweep(loaded, InProcess(), tmp_path / "s", retry_failed=True)
    assert (retried.done, retried.failed) == (3, 0)
    runs = runs_table(tmp_path / "s")
    assert set(runs["status"]) == {"done"}
    assert runs.loc[runs["point_id"] == 3, "attempts"].eq(2).all()


def test_shards_cover_every_run_once_and_merge_into_the_whole(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "whole")
    shards = [tmp_path / f"shard{i}" for i in (1, 2, 3)]
    ids = []
    for i, folder in enumerate(shards, start=1):
        run_sweep(loaded, InProcess(), folder, shard=Shard(i, 3))
        ids.extend(runs_table(folder)["run_id"])
    assert len(ids) == 12 and len(set(ids)) == 12
    merge_stores(shards, tmp_path / "merged")
    for left, right in zip(stored(tmp_path / "whole"), stored(tmp_path / "merged"), strict=True):
        pd.testing.assert_frame_equal(left, right, check_like=True)


def test_merge_refuses_an_overlap_that_disagrees(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "x", shard=Shard(1, 2))
    run_sweep(loaded, InProcess(), tmp_path / "y", shard=Shard(1, 2))
    merge_stores([tmp_path / "x", tmp_path / "y"], tmp_path / "same")  # equal overlap is fine
    with sqlite3.connect(tmp_path / "y" / "store.sqlite") as db:
        db.execute("UPDATE outcomes SET value = value + 1 WHERE run_id = 'p0000-r000'")
    with pytest.raises(StoreError, match="p0000-r000"):
        merge_stores([tmp_path / "x", tmp_path / "y"], tmp_path / "bad")
    assert not (tmp_path / "bad").exists()


def test_a_second_writer_is_refused(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    with StoreWriter(tmp_path / "s"), pytest.raises(StoreError, match="another sweep"):
        run_sweep(loaded, InProcess(), tmp_path / "s")


def test_a_store_of_another_experiment_is_refused(tiny_experiment, tmp_path):
    run_sweep(load_experiment(tiny_experiment()), InProcess(), tmp_path / "s")
    other = load_experiment(tiny_experiment(seed=8))
    with pytest.raises(StoreError, match="another experiment"):
        run_sweep(other, InProcess(), tmp_path / "s")


def test_a_single_run_reruns_alone_to_the_same_outcomes(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "s")
    runs = runs_table(tmp_path / "s").set_index("run_id")
    record = rerun(loaded, "p0002-r001", InProcess())
    for name, value in record.outcomes.items():
        if name in runs:
            assert runs.loc["p0002-r001", name] == pytest.approx(value, abs=0) or value is None


def test_cli_run_option_runs_one_run_alone_and_writes_nothing(tiny_experiment, tmp_path, capsys):
    from sim.commands.main import main

    path = tiny_experiment()
    out = tmp_path / "store"
    assert main(["sweep", str(path), "--run", "p0002-r001", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("run p0002-r001: done") and "time_average.member_share" in printed
    assert not out.exists()
    for wrong in ("p0099-r000", "p0001-r003", "p0001-r-01", "x"):  # 8 points, 3 replicates
        assert main(["sweep", str(path), "--run", wrong]) == 2
        err = capsys.readouterr().err
        assert f"no run {wrong!r}" in err and len(err.splitlines()) == 1


def test_merging_some_shards_is_not_called_complete(tiny_experiment, tmp_path, capsys):
    from sim.commands.main import main

    loaded = load_experiment(tiny_experiment())
    shards = [tmp_path / f"shard{i}" for i in (1, 2, 3)]
    for i, folder in enumerate(shards[:2], start=1):
        run_sweep(loaded, InProcess(), folder, shard=Shard(i, 3))
    assert main(["merge", str(tmp_path / "part"), *map(str, shards[:2])]) == 0
    assert "incomplete: 4 of 12 runs missing (shards 3/3)" in capsys.readouterr().out
    assert main(["status", str(tmp_path / "part")]) == 0
    printed = capsys.readouterr().out
    assert "8 done, 0 failed, 4 pending of 12 planned" in printed
    assert "shards not merged in: 3/3" in printed
    assert main(["status", str(shards[0])]) == 0  # a shard's own status counts its slice
    assert "4 done, 0 failed, 0 pending of 4 planned" in capsys.readouterr().out


def test_merge_refuses_shards_whose_time_series_disagree(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "x", shard=Shard(1, 2))
    run_sweep(loaded, InProcess(), tmp_path / "y", shard=Shard(1, 2))
    with sqlite3.connect(tmp_path / "y" / "store.sqlite") as db:
        db.execute("UPDATE timeseries SET member_share = 0.5 WHERE run_id = 'p0000-r000'")
    with pytest.raises(StoreError, match="p0000-r000 is also in another shard"):
        merge_stores([tmp_path / "x", tmp_path / "y"], tmp_path / "bad")
    assert not (tmp_path / "bad").exists()

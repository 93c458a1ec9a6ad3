"""Shards at their edges: overlapping shards merge into each run once, a shard's store
is not resumed as the whole sweep (nor the whole as a shard), and a merge of some
shards resumed as the whole sweep runs only the missing runs."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pytest

from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.merge import merge_stores
from sim.experiment.reading import runs_table, timeseries_table
from sim.experiment.store import StoreError
from sim.experiment.sweep import Shard, run_sweep

TIMING = ["started", "wall_seconds", "worker", "session", "attempts"]
PLANNED = 12  # 2 bases x 2 sharing levels x 3 replicates


def stored(folder) -> tuple[pd.DataFrame, pd.DataFrame]:
    runs = runs_table(folder).drop(columns=TIMING).sort_values("run_id").reset_index(drop=True)
    series = timeseries_table(folder).sort_values(["run_id", "step"]).reset_index(drop=True)
    return runs, series


def table_count(folder, table: str) -> int:
    with sqlite3.connect(folder / "store.sqlite") as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_overlapping_shards_merge_each_run_once(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "whole")
    halves, thirds = tmp_path / "half1", tmp_path / "third1"
    run_sweep(loaded, InProcess(), halves, shard=Shard(1, 2))
    run_sweep(loaded, InProcess(), thirds, shard=Shard(1, 3))
    # plan positions 0..11: even ones, and multiples of 3; 0 and 6 are in both
    union = sorted({p for p in range(PLANNED) if p % 2 == 0 or p % 3 == 0})
    assert union == [0, 2, 3, 4, 6, 8, 9, 10]
    merged = tmp_path / "merged"
    assert merge_stores([halves, thirds], merged) == len(union)
    whole_runs, whole_series = stored(tmp_path / "whole")
    ids = set(runs_table(halves)["run_id"]) | set(runs_table(thirds)["run_id"])
    assert len(ids) == len(union)
    runs, series = stored(merged)
    pd.testing.assert_frame_equal(
        runs, whole_runs[whole_runs["run_id"].isin(ids)].reset_index(drop=True), check_like=True
    )
    expected_series = whole_series[whole_series["run_id"].isin(ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(series, expected_series, check_like=True)  # no row twice
    whole = tmp_path / "whole"
    per_run = table_count(whole, "outcomes") // table_count(whole, "runs")
    assert table_count(merged, "outcomes") == len(union) * per_run  # no outcome twice
    assert table_count(merged, "sessions") == 2  # one sweep session from each shard
    with sqlite3.connect(merged / "store.sqlite") as db:
        meta = dict(db.execute("SELECT key, value FROM meta"))
    assert json.loads(meta["merged_shards"]) == ["1/2", "1/3"] and meta["shard"] == ""


def test_a_shard_store_is_not_resumed_as_the_whole_sweep(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(2, 3))
    before = stored(tmp_path / "s")
    with pytest.raises(StoreError, match=r"holds shard 2/3; not the whole sweep"):
        run_sweep(loaded, InProcess(), tmp_path / "s")
    with pytest.raises(StoreError, match=r"holds shard 2/3; not 1/3"):
        run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(1, 3))
    after = stored(tmp_path / "s")
    for left, right in zip(before, after, strict=True):
        pd.testing.assert_frame_equal(left, right)
    assert table_count(tmp_path / "s", "plan") == PLANNED // 3  # nothing planned by the refusals
    assert run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(2, 3)).done == 0


def test_a_whole_sweep_store_is_not_resumed_as_a_shard(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates=1))
    run_sweep(loaded, InProcess(), tmp_path / "s")
    with pytest.raises(StoreError, match=r"holds shard none \(whole sweep\); not 1/2"):
        run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(1, 2))


def test_a_store_that_records_no_shard_is_the_whole_sweep(tiny_experiment, tmp_path):
    """A store whose meta has no ``shard`` row (as before shards were recorded) holds
    the whole sweep: it resumes as such, and is refused as a shard."""
    loaded = load_experiment(tiny_experiment(replicates=1))
    run_sweep(loaded, InProcess(), tmp_path / "s")
    with sqlite3.connect(tmp_path / "s" / "store.sqlite") as db:
        db.execute("DELETE FROM meta WHERE key = 'shard'")
    assert run_sweep(loaded, InProcess(), tmp_path / "s").done == 0
    with sqlite3.connect(tmp_path / "s" / "store.sqlite") as db:
        db.execute("DELETE FROM meta WHERE key = 'shard'")
    with pytest.raises(StoreError, match=r"holds shard none \(whole sweep\); not 1/2"):
        run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(1, 2))


def test_a_merge_of_some_shards_resumed_whole_runs_only_the_missing(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "whole")
    shards = [tmp_path / "one", tmp_path / "two"]
    for i, folder in enumerate(shards, start=1):
        run_sweep(loaded, InProcess(), folder, shard=Shard(i, 3))
    merge_stores(shards, tmp_path / "merged")
    finished = run_sweep(loaded, InProcess(), tmp_path / "merged")
    assert (finished.done, finished.failed) == (PLANNED // 3, 0)  # shard 3/3's runs only
    for left, right in zip(stored(tmp_path / "merged"), stored(tmp_path / "whole"), strict=True):
        pd.testing.assert_frame_equal(left, right, check_like=True)

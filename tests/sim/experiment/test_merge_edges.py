"""Merging at its edges: a merge never writes over a store, never joins different
experiments, leaves nothing when refused (but keeps a folder it did not make), records
where it came from, copies every session, and refuses runs whose status differs."""

from __future__ import annotations

import sqlite3

import pytest

from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.merge import merge_stores
from sim.experiment.store import StoreError
from sim.experiment.sweep import Shard, run_sweep


def rows(folder, query: str) -> list[tuple]:
    with sqlite3.connect(folder / "store.sqlite") as db:
        return db.execute(query).fetchall()


@pytest.fixture
def halves(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates=1))  # 4 runs: 2 in each half
    folders = [tmp_path / "h1", tmp_path / "h2"]
    for i, folder in enumerate(folders, start=1):
        run_sweep(loaded, InProcess(), folder, shard=Shard(i, 2))
    return folders


def test_a_merge_records_its_sources_and_copies_every_session(halves, tmp_path):
    out = tmp_path / "m"
    assert merge_stores(halves, out) == 4
    meta = dict(rows(out, "SELECT key, value FROM meta"))
    assert meta["merged_from"] == f"{halves[0]}, {halves[1]}"
    assert meta["merged_shards"] == '["1/2", "2/2"]' and meta["shard"] == ""
    assert (
        meta["experiment_resolved"]
        == dict(rows(halves[0], "SELECT key, value FROM meta"))["experiment_resolved"]
    )
    columns = "executor, workers, shard, runs_done, runs_failed, stopped"
    sessions = rows(out, f"SELECT {columns} FROM sessions ORDER BY session")
    assert sessions == [("in-process", 1, s, 2, 0, "") for s in ("1/2", "2/2")]


def test_a_merge_never_writes_into_a_store(halves, tmp_path):
    with pytest.raises(StoreError, match="already a store; merge into a new folder"):
        merge_stores(halves, halves[0])
    assert len(rows(halves[0], "SELECT run_id FROM runs")) == 2


def test_stores_of_different_experiments_do_not_merge(halves, tiny_experiment, tmp_path):
    other = load_experiment(tiny_experiment(replicates=1, seed=99))
    run_sweep(other, InProcess(), tmp_path / "other", shard=Shard(2, 2))
    with pytest.raises(StoreError) as err:
        merge_stores([halves[0], tmp_path / "other"], tmp_path / "m")
    assert str(err.value) == (
        "these stores hold different experiments; only shards of one sweep merge"
    )
    assert not (tmp_path / "m").exists()


def test_a_refused_merge_keeps_a_folder_it_did_not_make(halves, tmp_path):
    with sqlite3.connect(halves[1] / "store.sqlite") as db:  # make the halves overlap
        db.execute("ATTACH DATABASE ? AS one", (str(halves[0] / "store.sqlite"),))
        db.execute("INSERT INTO runs SELECT * FROM one.runs")
        db.execute(
            "UPDATE runs SET status = 'failed' WHERE run_id IN (SELECT run_id FROM one.runs)"
        )
    out = tmp_path / "given"
    out.mkdir()
    with pytest.raises(StoreError, match="is also in another shard with other results") as err:
        merge_stores(halves, out)
    assert str(err.value).startswith(f"{halves[1]}: run p0")  # names the shard that disagrees
    assert out.is_dir() and not (out / "store.sqlite").exists()


def test_a_merge_into_a_folder_of_other_files_is_refused(halves, tmp_path):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.tex").write_text("mine")
    with pytest.raises(StoreError, match=r"holds other files \(chapter1.tex\)"):
        merge_stores(halves, out)
    assert sorted(p.name for p in out.iterdir()) == ["chapter1.tex"]


def test_shards_given_in_any_order_are_named_in_order(halves, tmp_path):
    out = tmp_path / "m"
    assert merge_stores(halves[::-1], out) == 4
    meta = dict(rows(out, "SELECT key, value FROM meta"))
    assert meta["merged_shards"] == '["1/2", "2/2"]'
    assert meta["merged_from"] == f"{halves[1]}, {halves[0]}"  # as given


def test_one_shard_merges_alone(halves, tmp_path):
    out = tmp_path / "m"
    assert merge_stores(halves[1:], out) == 2
    meta = dict(rows(out, "SELECT key, value FROM meta"))
    assert meta["merged_shards"] == '["2/2"]' and meta["planned_total"] == "4"

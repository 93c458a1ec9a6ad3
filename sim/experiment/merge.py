"""Joining shard stores into one store (``alliance merge``).

Shards of one sweep hold the same experiment (the resolved experiment in ``meta``
must match) and disjoint slices of its plan. A run found in two shards is accepted
only if both hold identical outcomes; otherwise the merge is refused and nothing is
left behind (a folder it was given is kept, without the store it began). The folder
must be new or empty, as a sweep's ``--out``. Every table is copied with
``INSERT OR IGNORE`` inside one transaction.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sim.experiment.store import (
    StoreError,
    StoreWriter,
    check_store_folder,
    connect_readonly,
    database_path,
    remove_store_files,
)

COPIED = ("points", "plan", "outcomes", "timeseries", "runs")  # runs last: it marks copied


def merge_stores(shards: list[Path], out: Path) -> int:
    """Merge ``shards`` into the new store ``out``; return the number of runs in it."""
    if database_path(out).exists():
        raise StoreError(f"{out}: already a store; merge into a new folder")
    check_store_folder(out)
    experiment = _common_experiment(shards)
    created = not out.exists()
    try:
        with StoreWriter(out) as store:
            for shard in shards:
                _copy(store, shard)
            store.set_meta(
                {
                    **_meta(shards[0]),
                    "shard": "",
                    "merged_from": ", ".join(map(str, shards)),
                    "merged_shards": json.dumps(
                        sorted({_meta(s).get("shard", "") for s in shards})
                    ),
                }
            )
            assert store.meta()["experiment_resolved"] == experiment
            (count,) = store.db.execute("SELECT COUNT(*) FROM runs").fetchone()
    except BaseException:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        else:
            remove_store_files(out)
        raise
    return int(count)


def _meta(folder: Path) -> dict[str, str]:
    db = connect_readonly(folder)
    try:
        return dict(db.execute("SELECT key, value FROM meta"))
    finally:
        db.close()


def _common_experiment(shards: list[Path]) -> str:
    experiments = {str(s): _meta(s).get("experiment_resolved") for s in shards}
    if len(set(experiments.values())) != 1:
        raise StoreError("these stores hold different experiments; only shards of one sweep merge")
    return next(iter(experiments.values()))


def _copy(store: StoreWriter, shard: Path) -> None:
    db = store.db
    db.execute("ATTACH DATABASE ? AS shard", (str(database_path(shard)),))
    try:
        for row in db.execute("PRAGMA shard.table_info(timeseries)").fetchall():
            store.add_series_column(row[1], row[2])
        _refuse_disagreements(db, shard)
        db.execute("BEGIN IMMEDIATE")
        for table in COPIED:
            names = ", ".join(f'"{r[1]}"' for r in db.execute(f"PRAGMA shard.table_info({table})"))
            new = "" if table in ("points", "plan") else NEW_RUNS
            copy = f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM shard.{table}"
            db.execute(copy + new)
        columns = "started, ended, executor, workers, shard, git_commit, git_dirty, runs_done, "
        columns += "runs_failed, stopped"
        db.execute(f"INSERT INTO main.sessions ({columns}) SELECT {columns} FROM shard.sessions")
        db.execute("COMMIT")
    finally:
        db.execute("DETACH DATABASE shard")


NEW_RUNS = " WHERE run_id NOT IN (SELECT run_id FROM main.runs)"


def _refuse_disagreements(db, shard: Path) -> None:
    """A run already merged must have the same status, outcomes and time series in ``shard``
    (runs are deterministic: a difference means the shards ran different code or data)."""
    overlap = db.execute(
        "SELECT run_id FROM shard.runs WHERE run_id IN (SELECT run_id FROM main.runs)"
    ).fetchall()
    series = ", ".join(f'"{r[1]}"' for r in db.execute("PRAGMA shard.table_info(timeseries)"))
    queries = (
        "SELECT status, seed FROM {0}.runs WHERE run_id = ?",
        "SELECT name, value FROM {0}.outcomes WHERE run_id = ? ORDER BY name",
        f"SELECT {series} FROM {{0}}.timeseries WHERE run_id = ? ORDER BY step",
    )
    for (run_id,) in overlap:
        for query in queries:
            mine = db.execute(query.format("main"), (run_id,)).fetchall()
            theirs = db.execute(query.format("shard"), (run_id,)).fetchall()
            if mine != theirs:
                raise StoreError(
                    f"{shard}: run {run_id} is also in another shard with other results"
                )

"""Running a sweep: plan the runs, skip the finished ones, execute, store each as it ends.

``run_sweep`` is the whole job behind ``alliance sweep`` and the Python API. Every point's
scenario is validated before the store is touched, so a bad experiment writes nothing.
The store is written by this process only, one committed transaction per run; the
same call on the same store resumes (finished runs are skipped; ``retry_failed`` reruns
failed ones). A shard (``index/count``) takes every count-th planned run, so shards
cover every run exactly once. Stopping (KeyboardInterrupt) closes the session and
keeps every finished run; the exception then propagates to the caller.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sim.experiment.adaptive import next_round
from sim.experiment.design import Point, design_points
from sim.experiment.executors import Executor
from sim.experiment.loading import LoadedExperiment
from sim.experiment.plan import PlannedRun, planned_runs, point_scenario, run_job
from sim.experiment.provenance import environment_meta, experiment_meta
from sim.experiment.size import check_plan_size
from sim.experiment.store import (
    StoreError,
    StoreWriter,
    check_store_folder,
    database_path,
    remove_store_files,
)
from sim.experiment.task import RunRecord, RunStatus
from sim.output.provenance import provenance
from sim.scenario import Scenario, ScenarioError

PAGE = 500


@dataclass(frozen=True)
class Shard:
    """Slice ``index`` (1-based) of ``count``: planned runs whose position ≡ index − 1 mod count."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        head, sep, tail = text.partition("/")
        if not sep or not head.isdigit() or not tail.isdigit():
            raise ScenarioError(f"--shard must look like I/N (e.g. 3/20); got {text!r}")
        index, count = int(head), int(tail)
        if not 1 <= index <= count:
            raise ScenarioError(f"--shard {text}: I must be between 1 and N")
        return cls(index, count)

    def select(self, runs: Iterable[PlannedRun]) -> Iterator[PlannedRun]:
        for position, run in enumerate(runs):
            if position % self.count == self.index - 1:
                yield run

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


class Progress(Protocol):
    """Told how many runs are pending and of each finished run (the CLI draws a bar)."""

    def planned(self, pending: int) -> None: ...

    def finished(self, record: RunRecord) -> None: ...


@dataclass
class SweepOutcome:
    """What a sweep invocation did."""

    store: Path
    done: int = 0
    failed: int = 0


def run_sweep(
    loaded: LoadedExperiment,
    executor: Executor,
    out: str | Path,
    shard: Shard | None = None,
    retry_failed: bool = False,
    progress: Progress | None = None,
    allow_large: bool = False,
) -> SweepOutcome:
    """Run (or resume) the experiment into the store at ``out``.

    The plan's size, every point's scenario and the ``out`` folder are checked before
    anything is created; a store this call created is removed again if it stops before
    its first run is recorded, so a refused or aborted start leaves nothing behind.
    """
    experiment = loaded.experiment
    if shard is not None and experiment.adaptive is not None:
        raise ScenarioError(
            f"{loaded.path}: adaptive replication needs the whole sweep in one store; "
            "give a fixed replicate count to use --shard"
        )
    size = check_plan_size(experiment, str(loaded.path), allow_large)
    check_store_folder(Path(out))
    points = design_points(experiment)
    scenarios = {p.point_id: point_scenario(loaded, p) for p in points}
    outcome = SweepOutcome(Path(out))
    with created_store(Path(out), outcome) as store:
        _check_store(store, loaded, shard)
        store.set_meta(
            {
                **experiment_meta(loaded),
                **environment_meta(),
                "shard": str(shard or ""),
                # the whole sweep's runs, so a merge of some shards knows it is partial
                "planned_total": "" if experiment.adaptive else size.runs,
            }
        )
        store.add_points(points)
        session = store.start_session(_session_row(executor, shard))
        stopped = "interrupted"
        try:
            first = planned_runs(points, range(experiment.first_replicates), experiment.seed)
            store.add_plan(shard.select(first) if shard else first)
            _execute(store, loaded, scenarios, executor, session, retry_failed, progress, outcome)
            while added := next_round(store.db, experiment, points):
                if not store.add_plan(added):  # a round must add runs, or it never ends
                    raise RuntimeError("an adaptive round planned only runs already planned")
                _execute(store, loaded, scenarios, executor, session, False, progress, outcome)
            stopped = ""
        finally:
            store.end_session(
                session,
                {
                    "ended": time.time(),
                    "runs_done": outcome.done,
                    "runs_failed": outcome.failed,
                    "stopped": stopped,
                },
            )
    return outcome


@contextlib.contextmanager
def created_store(out: Path, outcome: SweepOutcome) -> Iterator[StoreWriter]:
    """The store's writer; a store created here and left without a single recorded run
    (refused, stopped or failed at its start) is removed, so the next try starts clean."""
    made = [p for p in (out, *out.parents) if not p.exists()]
    fresh = not database_path(out).exists()
    try:
        with StoreWriter(out) as store:
            yield store
    except BaseException:
        if fresh and outcome.done + outcome.failed == 0:
            _remove_store(out, made)
        raise


def _remove_store(out: Path, made: list[Path]) -> None:
    remove_store_files(out)
    for folder in made:  # innermost first
        with contextlib.suppress(OSError):
            folder.rmdir()


def _execute(
    store: StoreWriter,
    loaded: LoadedExperiment,
    scenarios: dict[int, Scenario],
    executor: Executor,
    session: int,
    retry_failed: bool,
    progress: Progress | None,
    outcome: SweepOutcome,
) -> None:
    condition = "r.run_id IS NULL" + (" OR r.status = 'failed'" if retry_failed else "")
    (pending,) = store.db.execute(
        f"SELECT COUNT(*) FROM plan p LEFT JOIN runs r USING (run_id) WHERE {condition}"
    ).fetchone()
    if progress:
        progress.planned(pending)
    by_id: dict[str, PlannedRun] = {}

    def jobs() -> Iterator:
        for run in _pending(store, condition):
            by_id[run.run_id] = run
            yield run_job(loaded, scenarios[run.point_id], run)

    for record in executor.run(jobs()):
        run = by_id.pop(record.run_id)
        store.record(run, record, session)
        outcome.done += record.status is RunStatus.DONE
        outcome.failed += record.status is RunStatus.FAILED
        if progress:
            progress.finished(record)


def _pending(store: StoreWriter, condition: str) -> Iterator[PlannedRun]:
    """Pending runs in plan order, a page at a time (memory does not grow with runs)."""
    last = 0
    while True:
        page = store.db.execute(
            "SELECT p.rowid, p.run_id, p.point_id, p.replicate, p.seed FROM plan p "
            f"LEFT JOIN runs r USING (run_id) WHERE p.rowid > ? AND ({condition}) "
            "ORDER BY p.rowid LIMIT ?",
            (last, PAGE),
        ).fetchall()
        if not page:
            return
        for rowid, run_id, point_id, replicate, seed in page:
            last = rowid
            yield PlannedRun(run_id, point_id, replicate, seed)


def _check_store(store: StoreWriter, loaded: LoadedExperiment, shard: Shard | None) -> None:
    meta = store.meta()
    if not meta:
        return
    if meta.get("experiment_resolved") != experiment_meta(loaded)["experiment_resolved"]:
        raise StoreError(
            f"{store.folder}: this store holds another experiment (or another version of "
            f"{loaded.path}, or the other of --quick/full); give another --out"
        )
    if meta.get("shard", "") != str(shard or ""):
        raise StoreError(
            f"{store.folder}: this store holds shard {meta.get('shard') or 'none (whole sweep)'}; "
            f"not {shard or 'the whole sweep'}"
        )


def _session_row(executor: Executor, shard: Shard | None) -> dict[str, object]:
    origin = provenance()
    return {
        "started": time.time(),
        "executor": executor.description,
        "workers": getattr(executor, "workers", 1),
        "shard": str(shard or ""),
        "git_commit": origin["git_commit"] or "",
        "git_dirty": origin["git_dirty"],
    }


def rerun(loaded: LoadedExperiment, run_id: str, executor: Executor) -> RunRecord:
    """Run one planned run alone (by its id) and return its record; writes nothing."""
    experiment = loaded.experiment
    check_plan_size(experiment, str(loaded.path), allow_large=True)
    points: dict[int, Point] = {p.point_id: p for p in design_points(experiment)}
    most = experiment.adaptive.max if experiment.adaptive else experiment.first_replicates
    point_part, _, rep_part = run_id.partition("-r")
    try:
        point = points[int(point_part.removeprefix("p"))]
        replicate = int(rep_part)
    except (KeyError, ValueError):
        replicate = -1
    if not 0 <= replicate < most:
        raise ScenarioError(
            f"{loaded.path}: no run {run_id!r} in this experiment (run ids are pPPPP-rRRR "
            f"with point 0 to {len(points) - 1} and replicate 0 to {most - 1})"
        )
    (run,) = planned_runs([point], [replicate], experiment.seed)
    job = run_job(loaded, point_scenario(loaded, point), run)
    return next(iter(executor.run([job])))

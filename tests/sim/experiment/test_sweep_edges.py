"""The sweep's bookkeeping at its edges: shard slices parsed and taken as documented,
the store's meta and session rows, a stop that keeps finished runs (and removes a store
that never recorded one), paging through pending runs, the progress it reports, and the
run ids ``rerun`` accepts under adaptive replication."""

from __future__ import annotations

import sqlite3

import pytest
from sweep_doubles import Progress

import sim.experiment.sweep
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.reading import runs_table
from sim.experiment.store import StoreError
from sim.experiment.sweep import Shard, rerun, run_sweep
from sim.scenario import ScenarioError

PLANNED = 12  # 2 bases x 2 sharing levels x 3 replicates


def rows(folder, query: str) -> list[tuple]:
    with sqlite3.connect(folder / "store.sqlite") as db:
        return db.execute(query).fetchall()


def meta(folder) -> dict[str, str]:
    return dict(rows(folder, "SELECT key, value FROM meta"))


@pytest.mark.parametrize(("text", "index", "count"), [("3/20", 3, 20), ("1/1", 1, 1)])
def test_a_shard_parses_and_prints_back(text, index, count):
    shard = Shard.parse(text)
    assert (shard.index, shard.count) == (index, count)
    assert str(shard) == text


@pytest.mark.parametrize("text", ["3", "3/", "/3", "a/3", "3/b", "-1/3", "3/4.0", "3-4"])
def test_a_shard_of_another_shape_is_refused(text):
    with pytest.raises(ScenarioError, match=r"--shard must look like I/N"):
        Shard.parse(text)


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0"])
def test_a_shard_out_of_range_is_refused(text):
    with pytest.raises(ScenarioError, match=rf"--shard {text}: I must be between 1 and N"):
        Shard.parse(text)


def test_a_shard_takes_every_count_th_run_from_its_index():
    assert list(Shard(2, 3).select(range(10))) == [1, 4, 7]
    assert list(Shard(3, 3).select(range(10))) == [2, 5, 8]
    assert list(Shard(1, 1).select(range(4))) == [0, 1, 2, 3]


def test_adaptive_replication_refuses_a_shard_and_writes_nothing(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates={"min": 2, "max": 4, "batch": 1}))
    with pytest.raises(ScenarioError, match="adaptive replication needs the whole sweep"):
        run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(1, 2))
    assert not (tmp_path / "s").exists()


def test_meta_and_session_rows(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(2, 3))
    found = meta(tmp_path / "s")
    assert found["shard"] == "2/3" and found["planned_total"] == str(PLANNED)
    run_sweep(loaded, InProcess(), tmp_path / "s", shard=Shard(2, 3))  # resumed: nothing to do
    sessions = rows(
        tmp_path / "s",
        "SELECT executor, workers, shard, runs_done, runs_failed, stopped, ended >= started "
        "FROM sessions ORDER BY session",
    )
    assert sessions == [
        ("in-process", 1, "2/3", PLANNED // 3, 0, "", 1),
        ("in-process", 1, "2/3", 0, 0, "", 1),
    ]
    adaptive = load_experiment(tiny_experiment(replicates={"min": 2, "max": 2, "batch": 1}))
    run_sweep(adaptive, InProcess(), tmp_path / "a")
    assert meta(tmp_path / "a")["planned_total"] == "" and meta(tmp_path / "a")["shard"] == ""


class StopAfter:
    """An executor that runs ``n`` jobs in this process, then is stopped (Ctrl-C)."""

    description = "stopped"

    def __init__(self, n: int) -> None:
        self.n = n

    def run(self, jobs):
        inner = InProcess()
        for k, job in enumerate(jobs):
            if k == self.n:
                raise KeyboardInterrupt
            yield from inner.run([job])

    def close(self) -> None:
        pass


def test_a_stop_keeps_the_finished_runs_and_says_so(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    with pytest.raises(KeyboardInterrupt):
        run_sweep(loaded, StopAfter(2), tmp_path / "s")
    assert len(runs_table(tmp_path / "s")) == 2
    assert rows(tmp_path / "s", "SELECT runs_done, runs_failed, stopped FROM sessions") == [
        (2, 0, "interrupted")
    ]
    finished = run_sweep(loaded, InProcess(), tmp_path / "s")
    assert finished.done == PLANNED - 2


def test_a_stop_before_the_first_run_leaves_nothing(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment())
    out = tmp_path / "new" / "deeper" / "s"
    with pytest.raises(KeyboardInterrupt):
        run_sweep(loaded, StopAfter(0), out)
    assert not (tmp_path / "new").exists()  # the folders it made, removed innermost first


def test_a_stop_before_the_first_run_of_a_resumed_store_keeps_it(tiny_experiment, tmp_path):
    loaded = load_experiment(tiny_experiment(replicates=1))
    with pytest.raises(KeyboardInterrupt):
        run_sweep(loaded, StopAfter(1), tmp_path / "s")
    with pytest.raises(KeyboardInterrupt):
        run_sweep(loaded, StopAfter(0), tmp_path / "s")
    assert len(runs_table(tmp_path / "s")) == 1


def test_paging_and_progress_see_every_pending_run_once(tiny_experiment, tmp_path, monkeypatch):
    monkeypatch.setattr(sim.experiment.sweep, "PAGE", 5)  # 12 runs: pages of 5, 5, 2
    loaded = load_experiment(tiny_experiment())
    with pytest.raises(KeyboardInterrupt):
        run_sweep(loaded, StopAfter(3), tmp_path / "s")
    progress = Progress()
    outcome = run_sweep(loaded, InProcess(), tmp_path / "s", progress=progress)
    assert outcome.done == PLANNED - 3 and progress.pending == [PLANNED - 3]
    assert len(progress.done) == len(set(progress.done)) == PLANNED - 3
    runs = runs_table(tmp_path / "s")
    assert len(runs) == PLANNED and (runs["attempts"] == 1).all()
    plan = [r for (r,) in rows(tmp_path / "s", "SELECT run_id FROM plan ORDER BY rowid")]
    assert progress.done == plan[3:]  # in plan order


def test_rerun_accepts_replicates_up_to_the_adaptive_maximum(tiny_experiment):
    loaded = load_experiment(tiny_experiment(replicates={"min": 2, "max": 4, "batch": 1}))
    assert rerun(loaded, "p0001-r003", InProcess()).run_id == "p0001-r003"
    with pytest.raises(ScenarioError, match=r"replicate 0 to 3\)"):
        rerun(loaded, "p0001-r004", InProcess())


def test_a_store_folder_of_other_files_is_refused_before_anything(tiny_experiment, tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="holds other files"):
        run_sweep(load_experiment(tiny_experiment()), InProcess(), tmp_path / "s")
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["notes.txt"]


class StopAfterWriting(StopAfter):
    """Stopped before its first run, after someone put a file beside the new store."""

    def __init__(self, path) -> None:
        super().__init__(0)
        self.path = path

    def run(self, jobs):
        self.path.write_text("not the sweep's")
        yield from super().run(jobs)


def test_a_stop_before_the_first_run_keeps_a_folder_someone_else_wrote_in(
    tiny_experiment, tmp_path
):
    loaded = load_experiment(tiny_experiment())
    other = tmp_path / "new" / "notes.txt"
    with pytest.raises(KeyboardInterrupt):
        run_sweep(loaded, StopAfterWriting(other), tmp_path / "new" / "s")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["notes.txt"]


class ThreeWorkers(InProcess):
    description = "three workers"
    workers = 3


def test_the_session_row_records_the_executor_and_the_checkout(tiny_experiment, tmp_path):
    from sim.output.provenance import provenance

    loaded = load_experiment(tiny_experiment(replicates=1))
    run_sweep(loaded, ThreeWorkers(), tmp_path / "s")
    found = rows(tmp_path / "s", "SELECT executor, workers, shard, git_commit FROM sessions")
    assert found == [("three workers", 3, "", provenance()["git_commit"] or "")]


def test_outside_a_checkout_the_session_has_no_commit(tiny_experiment, tmp_path, monkeypatch):
    monkeypatch.setattr(
        sim.experiment.sweep, "provenance", lambda: {"git_commit": None, "git_dirty": None}
    )
    run_sweep(load_experiment(tiny_experiment(replicates=1)), InProcess(), tmp_path / "s")
    assert rows(tmp_path / "s", "SELECT git_commit, git_dirty FROM sessions") == [("", None)]

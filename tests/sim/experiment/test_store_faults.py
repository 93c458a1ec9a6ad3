"""A damaged store (random bytes, truncated, empty, not a sweep store) is refused by every
command in one line naming the file, exit 2, no traceback; nothing is rebuilt over it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sim.commands.main import main
from sim.experiment.executors import InProcess
from sim.experiment.loading import load_experiment
from sim.experiment.sweep import run_sweep
from tests.sim.experiment.conftest import write_experiment


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> tuple[Path, Path]:
    """A finished tiny sweep: (experiment file, store folder)."""
    folder = tmp_path_factory.mktemp("healthy")
    path = write_experiment(folder, replicates=1)
    run_sweep(load_experiment(path), InProcess(), folder / "store")
    return path, folder / "store"


def _random_bytes(db: Path) -> None:
    db.write_bytes(bytes(range(256)) * 64)


def _truncated(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])


def _overwritten_page(db: Path) -> None:
    data = bytearray(db.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = b"\xa5" * page  # a b-tree page torn by a bad disk
    db.write_bytes(bytes(data))


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _foreign(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE notes (text TEXT)")


DAMAGE = {
    "random bytes": (_random_bytes, "not a readable sweep store"),
    "truncated": (_truncated, "store.sqlite"),
    "overwritten page": (_overwritten_page, "store.sqlite"),
    "empty": (_empty, "the store file is empty (0 bytes)"),
    "another database": (_foreign, "not a sweep store (no table"),
}


def _commands(experiment: Path, store: Path, tmp: Path) -> dict[str, list[str]]:
    return {
        "status": ["status", str(store)],
        "summarise": ["summarise", str(store)],
        "export": ["export", str(store), "--parquet", str(tmp / "pq")],
        "merge": ["merge", str(tmp / "merged"), str(store)],
        "sweep": ["sweep", str(experiment), "--out", str(store), "--workers", "1"],
    }


@pytest.mark.parametrize("damage", DAMAGE, ids=str)
@pytest.mark.parametrize("command", ["status", "summarise", "export", "merge", "sweep"])
def test_a_damaged_store_is_refused_in_one_line(healthy, tmp_path, capsys, damage, command):
    experiment, original = healthy
    store = tmp_path / "store"
    shutil.copytree(original, store)
    spoil, message = DAMAGE[damage]
    spoil(store / "store.sqlite")
    before = (store / "store.sqlite").read_bytes()
    status = main(_commands(experiment, store, tmp_path)[command])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err
    assert "Traceback" not in err and str(store) in err and message in err
    assert (store / "store.sqlite").read_bytes() == before  # not rebuilt, not touched
    assert not (tmp_path / "merged").exists() and not (tmp_path / "pq").exists()

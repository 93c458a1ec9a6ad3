"""The store's writer lock: one writer at a time, and no lock file left behind."""

from __future__ import annotations

import os

import pytest

from sim.experiment.store import StoreError, StoreWriter
from sim.experiment.writer_lock import LOCK, acquire_lock, same_file


def test_a_closed_writer_leaves_no_lock_file_and_the_next_writer_gets_in(tmp_path):
    with StoreWriter(tmp_path / "s"):
        assert (tmp_path / "s" / LOCK).is_file()
        with pytest.raises(StoreError, match="another sweep is writing this store"):
            StoreWriter(tmp_path / "s")
    assert not (tmp_path / "s" / LOCK).exists()
    with (
        StoreWriter(tmp_path / "s"),
        pytest.raises(StoreError, match="another sweep is writing this store"),
    ):
        StoreWriter(tmp_path / "s")


def test_a_lock_won_on_a_removed_file_is_taken_again_on_the_file_now_there(tmp_path):
    path = tmp_path / LOCK
    stale = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    path.unlink()  # the last writer removed it after this process opened it
    assert not same_file(stale, path)
    fd = acquire_lock(path)
    try:
        assert same_file(fd, path) and path.read_text() == f"pid {os.getpid()}"
    finally:
        os.close(fd)
        os.close(stale)


def test_a_refused_corrupt_store_leaves_no_lock_file(tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "store.sqlite").write_bytes(b"not a database at all" * 10)
    with pytest.raises(StoreError):
        StoreWriter(tmp_path / "s")
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == ["store.sqlite"]

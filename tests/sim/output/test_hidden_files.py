"""Folders holding hidden files: a hidden file is still somebody's file, so a results
folder or a sweep store folder holding one is refused and the file is left untouched
(a check that skipped names starting with a dot would replace it with the results)."""

from __future__ import annotations

import pytest

from sim.experiment.store import StoreError, check_store_folder
from sim.output.results_folder import ResultsFolderError, check_out_dir, write_folder


def fill(text: str):
    def write(folder):
        (folder / "summary.json").write_text(text)

    return write


def test_a_results_folder_holding_a_hidden_file_is_never_replaced(tmp_path):
    out = write_folder(tmp_path / "run", fill("old"))
    (out / ".notes").write_text("mine")
    with pytest.raises(ResultsFolderError, match=r"holds other files \(\.notes\)"):
        check_out_dir(out)
    with pytest.raises(ResultsFolderError):
        write_folder(out, fill("new"))
    assert (out / ".notes").read_text() == "mine"
    assert (out / "summary.json").read_text() == "old"


def test_a_results_folder_holding_only_results_is_replaced(tmp_path):
    out = write_folder(tmp_path / "run", fill("old"))
    write_folder(out, fill("new"))
    assert sorted(p.name for p in out.iterdir()) == ["summary.json"]
    assert (out / "summary.json").read_text() == "new"


def test_a_store_folder_holding_a_hidden_file_is_refused(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\0")
    with pytest.raises(StoreError, match=r"holds other files \(\.DS_Store\)"):
        check_store_folder(folder)
    (folder / ".DS_Store").unlink()
    for name in ("store.sqlite-wal", ".store.sqlite.new", "writer.lock", "tables"):
        (folder / name).touch()
    check_store_folder(folder)  # a store's own leftovers (the database itself not yet made)

"""A results folder is replaced whole: killed at any point of the write, the folder holds
the old results or the new ones, never a mix, and the next write leaves no stale
temporary folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.output.results_folder import RESULT_FILES, ResultsFolderError, check_out_dir, write_folder

# Writes "new" results into argv[1], SIGKILLing itself before the argv[2]-th file system
# step (writing a file, a rename, the exchange, a removal); argv[3] "0" makes the atomic
# exchange unavailable, so the two-rename fallback runs. Prints "done" if never killed.
KILLER = """
import os, signal, sys
from pathlib import Path
import sim.output.results_folder as rf

out, kill_at, exchange = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
calls = [0]

def step():
    if calls[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    calls[0] += 1

def seam(fn):
    def wrapped(*args):
        step()
        return fn(*args)
    return wrapped

if not exchange:
    rf._exchange = lambda a, b: False
for name in ("_exchange", "_rename", "_remove_tree"):
    setattr(rf, name, seam(getattr(rf, name)))

def write_files(staged):
    for name in rf.RESULT_FILES:
        step()
        (staged / name).write_text("new")

rf.write_folder(out, write_files)
print("done")
"""


def fill(tag: str):
    def write_files(staged: Path) -> None:
        for name in RESULT_FILES:
            (staged / name).write_text(tag)

    return write_files


def contents(folder: Path) -> set[str]:
    return {(folder / name).read_text() for name in RESULT_FILES}


def hidden(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("exchange", ["1", "0"], ids=["atomic exchange", "two renames"])
def test_a_kill_at_any_point_leaves_old_or_new_results_never_a_mix(tmp_path, exchange):
    out = tmp_path / "run"
    seen = set()
    for kill_at in range(20):
        write_folder(out, fill("old"))
        proc = subprocess.run(
            [sys.executable, "-c", KILLER, str(out), str(kill_at), exchange],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if out.exists():
            state = contents(out)
            assert state in ({"old"}, {"new"}), f"mixed results after a kill at step {kill_at}"
            seen.add(state.pop())
        else:  # only between the fallback's two renames: the old results are set aside
            assert exchange == "0", f"no results folder after a kill at step {kill_at}"
            seen.add("set aside")
        write_folder(out, fill("next"))  # recovers or cleans up what the kill left
        assert contents(out) == {"next"}
        assert hidden(tmp_path) == [], f"stale temporaries after a kill at step {kill_at}"
        if proc.stdout.strip() == "done":
            break
    else:
        pytest.fail("the writer was killed at every one of 20 steps")
    assert {"old", "new"} <= seen  # the kills landed both before and after the swap


def test_the_old_results_set_aside_are_put_back_before_the_next_write(tmp_path):
    out = tmp_path / "run"
    write_folder(out, fill("old"))
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = ended.stdout.strip()
    out.rename(tmp_path / f".run.{dead_pid}.old")

    def fails(staged: Path) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_folder(out, fails)
    assert contents(out) == {"old"}
    assert hidden(tmp_path) == []


def test_results_folders_get_ordinary_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        out = write_folder(tmp_path / "a" / "run", fill("x"))
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o755
    write_folder(out, fill("y"))  # replaced, still ordinary
    assert out.stat().st_mode & 0o777 == 0o755


def test_a_folder_holding_other_files_is_never_replaced(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("years of work")
    with pytest.raises(ResultsFolderError, match=r"holds other files \(thesis.tex\)"):
        check_out_dir(tmp_path / "mine")
    with pytest.raises(ResultsFolderError):
        write_folder(tmp_path / "mine", fill("x"))
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "years of work"


def test_an_out_folder_given_as_a_link_is_replaced_without_leftovers(tmp_path):
    target = write_folder(tmp_path / "real", fill("old"))
    (tmp_path / "link").symlink_to(target)
    write_folder(tmp_path / "link", fill("new"))
    assert contents(tmp_path / "link") == {"new"}
    assert contents(target) == {"old"}  # the link is replaced, not what it pointed at
    assert hidden(tmp_path) == []

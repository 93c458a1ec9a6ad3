"""Malformed inputs run through the installed ``alliance`` command: each is refused with
one line naming what is wrong, exit status 2, no traceback and nothing written; the
clean cases beside them must stay clean (issue 10's probe)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SMALL = ["--set", "population.enterprises=60", "--steps", "2", "--seed", "1"]


def alliance(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("alliance")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sim.commands.main"]
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def write(path: Path, content: str | bytes) -> str:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path.name


def alias_bomb(node: Callable[[list[str]], str]) -> str:
    """Ten levels, each holding nine aliases of the level below: 9**9 values expanded."""
    lines = [f"a0: &a0 {node(['x'] * 9)}"]
    lines += [f"a{n}: &a{n} {node([f'*a{n - 1}'] * 9)}" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


LIST_BOMB = alias_bomb(lambda items: "[" + ", ".join(items) + "]")
MAP_BOMB = alias_bomb(
    lambda items: "{" + ", ".join(f"k{i}: {v}" for i, v in enumerate(items)) + "}"
)
EDGES = "population:\n  enterprises: 10\nnetwork:\n  kind: edge_list\n  edge_list: ties.txt\n"
PLAIN = {"s.yaml": "steps: 3\n"}
LATE_EVENT = (
    "steps: 10\nadministration:\n  present: true\n"
    "events:\n  - kind: subsidy_phase_out\n    step: 40\n"
)

# case: (files to write {name: content}, arguments after "run", fragment of the message)
BAD: dict[str, tuple[dict[str, str | bytes], list[str], str]] = {
    "latin-1 file": ({"s.yaml": "description: caf\xe9\n".encode("latin-1")}, ["s.yaml"], "UTF-8"),
    "utf-16 file": ({"s.yaml": "steps: 3\n".encode("utf-16")}, ["s.yaml"], "UTF-8"),
    "gbk file": ({"s.yaml": "description: 档案\n".encode("gbk")}, ["s.yaml"], "UTF-8"),
    "binary file": ({"s.yaml": bytes(range(256)) * 4}, ["s.yaml"], "UTF-8"),
    "NUL bytes": ({"s.yaml": b"steps: 3\x00\n"}, ["s.yaml"], "NUL"),
    "alias bomb of lists": ({"s.yaml": LIST_BOMB}, ["s.yaml"], "expands to more than"),
    "alias bomb of mappings": ({"s.yaml": MAP_BOMB}, ["s.yaml"], "expands to more than"),
    "deep nesting": ({"s.yaml": "a: " + "[" * 100_000 + "]" * 100_000}, ["s.yaml"], "deeper"),
    "a device": ({}, ["/dev/zero"], "not a regular file"),
    "a folder": ({}, ["."], "is a directory"),
    "duplicate key": (
        {"s.yaml": "population:\n  enterprises: 50\nsteps: 3\npopulation:\n  entry_rate: 0\n"},
        ["s.yaml"],
        "key 'population' appears twice",
    ),
    "duplicate nested key": (
        {"s.yaml": "alliance:\n  fee: 0.1\n  fee: 0.2\n"},
        ["s.yaml"],
        "key 'fee' appears twice",
    ),
    "steps: true": ({"s.yaml": "steps: true\n"}, ["s.yaml"], "not true or false"),
    "fee: true via --set": (
        PLAIN,
        ["s.yaml", "--set", "alliance.fee=true"],
        "fee must be a number",
    ),
    "event past the horizon": (
        {"s.yaml": LATE_EVENT},
        ["s.yaml"],
        "after the run's last step",
    ),
    "certified admission, no society": (
        {"s.yaml": "alliance:\n  admission: certified\n"},
        ["s.yaml"],
        "nobody could ever join",
    ),
    "edge-list row of three labels": (
        {"s.yaml": EDGES, "ties.txt": "a b\nb c d\n"},
        ["s.yaml"],
        "ties.txt:2: an edge needs two node labels",
    ),
    "edge list not UTF-8": (
        {"s.yaml": EDGES, "ties.txt": "caf\xe9 b\n".encode("latin-1")},
        ["s.yaml"],
        "ties.txt: the edge list",
    ),
    "--steps beyond the schema": (PLAIN, ["s.yaml", "--steps", "2000000"], "at most 1,000,000"),
    "--steps 1e15": (PLAIN, ["s.yaml", "--steps", "1000000000000000"], "at most"),
    "--out ''": (PLAIN, ["s.yaml", "--out", ""], "--out ''"),
    "--out an existing file": ({**PLAIN, "f": "x"}, ["s.yaml", "--out", "f"], "is a file"),
    "--out under a file": ({**PLAIN, "f": "x"}, ["s.yaml", "--out", "f/r"], "is a file"),
    "--out where nothing can be made": (PLAIN, ["s.yaml", "--out", "/proc/r"], "cannot create"),
    "--out a folder of other files": (
        {**PLAIN, "d/notes.txt": "mine"},
        ["s.yaml", "--out", "d"],
        "holds other files (notes.txt)",
    ),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("case", list(BAD))
def test_a_malformed_input_is_refused_in_one_line_and_writes_nothing(tmp_path, case):
    files, args, fragment = BAD[case]
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path / name, content)
    before = snapshot(tmp_path)
    out_given = "--out" in args
    proc = alliance("run", *args, *([] if out_given else ["--out", "out"]), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout == ""
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert fragment in proc.stderr, proc.stderr
    assert len(proc.stderr) < 400  # nothing expanded into the message
    assert snapshot(tmp_path) == before  # nothing written, no hidden temporary folder
    assert sorted(os.listdir(tmp_path)) == sorted({n.split("/")[0] for n in files})


CLEAN: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "utf-8 with a BOM, an anchor and an alias": (
        {"s.yaml": "\ufeffdescription: 档案 café\nsteps: &s 3\noutcomes:\n  clustering_every: *s"},
        ["s.yaml"],
    ),
    "an edge list with comments and a blank line": (
        {"s.yaml": EDGES, "ties.txt": "a b  # tie\nb c\n\n"},
        ["s.yaml"],
    ),
}


@pytest.mark.parametrize("case", list(CLEAN))
def test_the_probe_clean_cases_stay_clean(tmp_path, case):
    files, args = CLEAN[case]
    for name, content in files.items():
        write(tmp_path / name, content)
    proc = alliance("run", *args, "--steps", "2", "--seed", "1", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert sorted(os.listdir(tmp_path / "out")) == ["summary.json", "timeseries.parquet"]

"""Provenance: the project's commit only when the code runs from the project's own
checkout, with a dirty flag; otherwise the installed version; every runtime dependency's
version; each Parquet column's unit and description."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sim.output.metrics import TIMESERIES
from sim.output.provenance import checkout_state, dependency_versions
from sim.output.results import run_scenario


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-C", str(root), *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def repository(root: Path, project: str) -> str:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f'[project]\nname = "{project}"\n')
    git(root, "init", "-q")
    git(root, "add", "pyproject.toml")
    git(root, "commit", "-q", "-m", "first")
    return git(root, "rev-parse", "HEAD")


def test_the_commit_and_dirty_flag_of_the_projects_own_checkout(tmp_path):
    head = repository(tmp_path / "checkout", "archives-alliance")
    assert checkout_state(tmp_path / "checkout") == (head, False)
    (tmp_path / "checkout" / "pyproject.toml").write_text(
        '[project]\nname = "archives-alliance"\n#'
    )
    assert checkout_state(tmp_path / "checkout") == (head, True)


def test_no_commit_from_another_projects_repository(tmp_path):
    repository(tmp_path / "other", "someone-elses-project")
    assert checkout_state(tmp_path / "other") == (None, None)
    nested = tmp_path / "other" / "lib" / "site-packages"
    nested.mkdir(parents=True)
    assert checkout_state(nested) == (None, None)


def test_versions_cover_every_runtime_dependency(repo_root):
    text = (repo_root / "pyproject.toml").read_text()
    block = text.split("dependencies = [", 1)[1].split("]", 1)[0]
    requirements = [line.split('"')[1] for line in block.splitlines() if '"' in line]
    declared = {re.match(r"[A-Za-z0-9._-]+", r).group(0) for r in requirements}
    versions = dependency_versions()
    assert declared <= set(versions), declared - set(versions)
    assert "not installed" not in versions.values()


def test_parquet_columns_carry_unit_and_description(make_scenario, tmp_path):
    result = run_scenario(make_scenario(enterprises=60), steps=2, seed=1)
    out = result.write(tmp_path / "run")
    schema = pq.read_schema(out / "timeseries.parquet")
    for name, column in TIMESERIES.items():
        meta = schema.field(name).metadata
        assert meta[b"unit"].decode() == column.unit
        assert meta[b"description"].decode() == column.doc
    assert schema.field("step").metadata[b"unit"] == b"step"
    assert pq.read_table(out / "timeseries.parquet").to_pandas().equals(result.timeseries)


def _install_into_venv_inside_a_repository(source: Path, repo: Path) -> Path:
    """A venv inside ``repo`` holding a non-editable install of this package (copied out
    of the checkout first, so the build writes nothing into it); the dependencies come
    from the running environment through a .pth file."""
    package = repo / "src-copy"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(source / "sim", package / "sim", ignore=skip)
    shutil.copytree(source / "agents", package / "agents", ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(source / name, package / name)
    venv = repo / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    (Path(site) / "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = ["-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(package)]
    _run(Path(sys.executable), *pip)
    shutil.rmtree(package)
    return python


def _run(python: Path, *args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(python), *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=600
    )
    return done.stdout.strip()


@pytest.mark.slow
def test_an_install_inside_another_repository_records_no_commit_of_it(repo_root, tmp_path):
    repo = tmp_path / "user-project"
    head = repository(repo, "user-project")
    python = _install_into_venv_inside_a_repository(repo_root, repo)
    probe = "import json, sim.output.provenance as p; print(json.dumps(p.provenance()))"
    found = json.loads(_run(python, "-c", probe, cwd=repo))
    assert found["git_commit"] != head
    assert found["git_commit"] is None and found["git_dirty"] is None
    assert found["source"] == "installed"
    assert found["version"] == found["versions"]["archives-alliance"] != "not installed"


def test_a_run_from_this_checkout_records_its_commit(repo_root):
    """The source root is the repository (a move of provenance.py once made it sim/,
    and every run recorded no commit)."""
    import subprocess

    from sim.output.provenance import SOURCE_ROOT, checkout_state

    assert repo_root == SOURCE_ROOT
    head = subprocess.run(
        ["git", "-C", str(repo_root), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    if not head:
        pytest.skip("not a git checkout: no commit to record")
    assert checkout_state(SOURCE_ROOT)[0] == head  # not the process's cached record

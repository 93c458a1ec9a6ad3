"""Where a run's code came from: the project's git commit and dirty flag when the code
runs from the project's own checkout, otherwise the installed package's version, and
the version of every runtime dependency.

A git commit is recorded only when the folder holding the ``sim`` package is the top
of a git work tree whose ``pyproject.toml`` names this project, so that an installed
copy that happens to sit inside some other repository (a virtual environment inside
a user's own project, say) never records that repository's commit.

The origin is taken once per process, at the first run, and reused: a process runs the
code it imported, so later edits of the checkout or installs do not change what it
runs. Asking git and reading every distribution's metadata took about 65 ms, four
times a tiny run's model time and 5% of a default run's.
"""

from __future__ import annotations

import platform
import re
import subprocess
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

PROJECT = "archives-alliance"
SOURCE_ROOT = Path(__file__).resolve().parents[2]
"""The repository root when running from a checkout (sim/output/provenance.py -> root)."""
CORE_DEPENDENCIES = ("mesa", "networkx", "numpy", "scipy", "pandas", "pyarrow", "pydantic")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_PROJECT_LINE = re.compile(rf'^name\s*=\s*"{PROJECT}"\s*$', re.MULTILINE)


def provenance() -> dict[str, Any]:
    """The code's origin (``source``, ``git_commit``, ``git_dirty``, ``version``), the
    dependencies' versions, the Python version and the platform."""
    origin = _process_provenance()
    return {**origin, "versions": dict(origin["versions"])}  # a copy the caller may change


@cache
def _process_provenance() -> dict[str, Any]:
    """:func:`provenance`, taken once for this process (see the module's docstring)."""
    commit, dirty = checkout_state(SOURCE_ROOT)
    return {
        "source": "checkout" if commit else "installed",
        "version": installed_version(PROJECT),
        "git_commit": commit,
        "git_dirty": dirty,
        "versions": dependency_versions(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def checkout_state(root: Path) -> tuple[str | None, bool | None]:
    """``(commit, dirty)`` of the project checkout at ``root``; ``(None, None)`` when
    ``root`` is not the top of this project's own git work tree. ``dirty`` is true when
    a tracked file differs from the commit."""
    if not _is_project_root(root):
        return None, None
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top).resolve() != root.resolve():
        return None, None
    commit = _git(root, "rev-parse", "HEAD")
    if commit is None:
        return None, None
    status = _git(root, "status", "--porcelain", "--untracked-files=no")
    return commit, None if status is None else bool(status)


def _is_project_root(root: Path) -> bool:
    pyproject = root / "pyproject.toml"
    if not (root / ".git").exists() or not pyproject.is_file():
        return False
    try:
        return bool(_PROJECT_LINE.search(pyproject.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def dependency_versions() -> dict[str, str]:
    """This package's version and that of every runtime dependency it declares."""
    names = [PROJECT, *runtime_dependencies()]
    return {name: installed_version(name) for name in names}


def runtime_dependencies() -> list[str]:
    """The distribution names the installed package requires (extras left out); the
    core list when the package is not installed (run from a bare source tree)."""
    try:
        requires = metadata.requires(PROJECT) or []
    except metadata.PackageNotFoundError:
        return list(CORE_DEPENDENCIES)
    names = []
    for requirement in requires:
        marker = requirement.partition(";")[2]
        if "extra" in marker:
            continue
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"

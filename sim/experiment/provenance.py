"""Where a sweep's results came from: source, versions, machine, executor, times.

Written into the store's ``meta`` table (once per experiment) and ``sessions`` table (once
per sweep invocation). Package versions and the commit come from :mod:`sim.results`.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sim.experiment.loading import LoadedExperiment
from sim.results import git_commit, package_versions

EXPERIMENT_PACKAGES = ("SALib", "distributed", "tqdm")


def git_dirty() -> bool | None:
    """Whether the source tree has uncommitted changes (None outside a git checkout)."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.stdout.strip()) if out.returncode == 0 else None


def experiment_meta(loaded: LoadedExperiment) -> dict[str, Any]:
    """What identifies the experiment: its file, hash and resolved base scenarios."""
    scenarios = {
        label: scenario.model_dump(mode="json", exclude={"source_path"})
        for label, scenario in loaded.bases.items()
    }
    return {
        "experiment_name": loaded.experiment.name,
        "experiment_file": str(loaded.path),
        "experiment_sha256": loaded.sha256,
        "experiment_text": loaded.text,
        "experiment_resolved": json.dumps(
            loaded.experiment.model_dump(mode="json"), sort_keys=True
        ),
        "quick": json.dumps(loaded.quick),
        "scenarios": json.dumps(scenarios),
        "created": json.dumps(time.time()),
    }


def environment_meta() -> dict[str, Any]:
    """The software and machine of the latest session."""
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "versions": json.dumps({**package_versions(), **_experiment_versions()}),
        "git_commit": git_commit() or "",
        "git_dirty": json.dumps(git_dirty()),
    }


def _experiment_versions() -> dict[str, str]:
    from importlib import metadata

    versions = {}
    for name in EXPERIMENT_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions

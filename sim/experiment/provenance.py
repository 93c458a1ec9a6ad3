"""Where a sweep's results came from: source, versions, machine, executor, times.

Written into the store's ``meta`` table (once per experiment) and ``sessions`` table (once
per sweep invocation). Package versions, the commit and the dirty flag come from
:mod:`sim.provenance` (a commit only when the code runs from the project's own checkout).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from typing import Any

from sim.experiment.loading import LoadedExperiment
from sim.provenance import SOURCE_ROOT, checkout_state, dependency_versions

EXPERIMENT_PACKAGES = ("SALib", "distributed", "tqdm")


def git_dirty() -> bool | None:
    """Whether the project's own checkout has uncommitted changes (None when the code
    does not run from it)."""
    return checkout_state(SOURCE_ROOT)[1]


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
    commit, dirty = checkout_state(SOURCE_ROOT)
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "versions": json.dumps({**dependency_versions(), **_experiment_versions()}),
        "git_commit": commit or "",
        "git_dirty": json.dumps(dirty),
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

"""Where a sweep's results came from: source, versions, machine, executor, times.

Written into the store's ``meta`` table (once per experiment) and ``sessions`` table (once
per sweep invocation). Package versions, the commit and the dirty flag come from
:func:`sim.output.provenance.provenance`, the same record every run's summary carries (a commit
only when the code runs from the project's own checkout), plus the versions of the
packages only sweeps use.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sim.experiment.loading import LoadedExperiment
from sim.output.provenance import installed_version, provenance

EXPERIMENT_PACKAGES = ("SALib", "distributed", "tqdm")


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
        # not sort_keys: the factors' order is the design's column order
        "experiment_resolved": json.dumps(loaded.experiment.model_dump(mode="json")),
        "quick": json.dumps(loaded.quick),
        "scenarios": json.dumps(scenarios),
        "created": json.dumps(time.time()),
    }


def environment_meta() -> dict[str, Any]:
    """The software and machine of the latest session."""
    origin = provenance()
    versions = {**origin["versions"], **{n: installed_version(n) for n in EXPERIMENT_PACKAGES}}
    return {
        "python": origin["python"],
        "platform": origin["platform"],
        "versions": json.dumps(versions),
        "git_commit": origin["git_commit"] or "",
        "git_dirty": json.dumps(origin["git_dirty"]),
    }

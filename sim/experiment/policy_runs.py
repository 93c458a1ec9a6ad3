"""The model as a policy search's response: P(success) of runs at levels of a public lever.

:class:`ModelResponse` turns (levels, replicate indices) into runs of a mode's scenario
with the lever set, each seeded by the experiment's replicate seed (``replicate_seed``:
replicate k has the same seed at every level), runs them on an executor and says which
met the success condition. Every run is logged with its public cost per step
(``time_average.public_cost``), so the cost at the level found can be reported.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.experiment.conditions import RunCondition
from sim.experiment.executors import Executor
from sim.experiment.loading import nested
from sim.experiment.plan import RunJob
from sim.experiment.seeds import replicate_seed
from sim.experiment.task import RunStatus
from sim.scenario import Scenario, validate_scenario
from sim.scenario.mode_files import deep_merge

PUBLIC_COST = "time_average.public_cost"


class ModelResponse:
    """Runs of ``scenario`` with ``lever`` set; success by ``condition``."""

    def __init__(
        self,
        scenario: Scenario,
        lever: str,
        condition: RunCondition,
        executor: Executor,
        steps: int,
        root_seed: int,
    ) -> None:
        self.scenario = scenario
        self.lever = lever
        self.condition = condition
        self.executor = executor
        self.steps = steps
        self.root_seed = root_seed
        self.log: list[dict[str, object]] = []

    def __call__(self, levels: np.ndarray, replicates: np.ndarray) -> np.ndarray:
        jobs = [
            RunJob(
                f"run{len(self.log) + i:05d}",
                self.scenario_at(float(level)),
                self.steps,
                replicate_seed(self.root_seed, int(k)),
                self.steps,
            )
            for i, (level, k) in enumerate(zip(levels, replicates, strict=True))
        ]
        records = {r.run_id: r for r in self.executor.run(jobs)}
        rows = [
            {
                "level": float(level),
                "replicate": int(k),
                "seed": job.seed,
                "failed": records[job.run_id].status is RunStatus.FAILED,
                **records[job.run_id].outcomes,
            }
            for job, level, k in zip(jobs, levels, replicates, strict=True)
        ]
        frame = pd.DataFrame(rows)
        frame["success"] = self.condition.met(frame).to_numpy() & ~frame["failed"].to_numpy()
        if PUBLIC_COST not in frame:
            frame[PUBLIC_COST] = np.nan
        columns = ["level", "replicate", "seed", "failed", "success", PUBLIC_COST]
        self.log.extend(frame[columns].to_dict("records"))
        return frame["success"].to_numpy()

    def scenario_at(self, level: float) -> Scenario:
        """The scenario with the lever at ``level`` (validated)."""
        return lever_scenario(self.scenario, self.lever, level)

    def runs(self) -> pd.DataFrame:
        """Every run so far: level, replicate, seed, failed, success, public cost per step."""
        return pd.DataFrame(self.log)


def lever_scenario(scenario: Scenario, lever: str, level: float) -> Scenario:
    """``scenario`` with ``lever`` set to ``level``, validated (a clear error if refused)."""
    data = scenario.model_dump(mode="json")
    data.pop("source_path", None)
    data = deep_merge(data, nested(lever, level))
    return validate_scenario(data, source=f"{scenario.name} ({lever}={level:g})")

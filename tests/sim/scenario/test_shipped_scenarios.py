"""Every shipped scenario loads, runs 20 steps with its books balanced, is deterministic,
and is exactly what its generator writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sim.accounting import run_checked
from sim.model import AllianceModel
from sim.output.results import run_scenario
from sim.scenario import Mode, Scenario, load_scenario
from sim.scenario.commented_yaml import commented_yaml
from sim.scenario.docs import DEFAULT_HEADER
from sim.scenario.mode_files import mode_yaml

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.yaml"))


def test_every_mode_has_a_scenario_file():
    assert {p.stem for p in SHIPPED} >= {m.value for m in Mode}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_scenario_loads_and_runs_20_steps_with_balanced_books(path):
    scenario = load_scenario(path)
    model = AllianceModel(scenario, rng=1)
    run_checked(model, 20)
    assert len(model.dataframe()) == 21


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("form", ["loose", "tight"])
def test_scenario_is_deterministic(path, form, tmp_path):
    scenario = load_scenario(path, [f"governance.form={form}"])
    a = run_scenario(scenario, steps=20, seed=9).write(tmp_path / "a")
    b = run_scenario(scenario, steps=20, seed=9).write(tmp_path / "b")
    assert (a / "timeseries.parquet").read_bytes() == (b / "timeseries.parquet").read_bytes()
    c = run_scenario(scenario, steps=20, seed=10).timeseries
    assert not c.equals(run_scenario(scenario, steps=20, seed=9).timeseries)


@pytest.mark.parametrize("mode", list(Mode))
def test_mode_scenario_file_is_generated(mode):
    text = (SCENARIOS / f"{mode.value}.yaml").read_text(encoding="utf-8")
    assert text == mode_yaml(mode), "run: python -m sim.scenario.mode_files"


def test_default_scenario_file_is_generated():
    text = (SCENARIOS / "default.yaml").read_text(encoding="utf-8")
    assert text == commented_yaml(Scenario(name="default"), DEFAULT_HEADER), (
        "run: python -m sim.scenario.docs default-yaml > scenarios/default.yaml"
    )


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_commented_yaml_round_trips(path):
    scenario = load_scenario(path)
    again = Scenario.model_validate(yaml.safe_load(commented_yaml(scenario)))
    assert again.model_dump(exclude={"source_path"}) == scenario.model_dump(exclude={"source_path"})

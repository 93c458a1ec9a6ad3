"""``scenarios/default.yaml`` is generated from the schema, so it cannot drift: it is
byte for byte what ``python -m sim.scenario.docs default-yaml`` prints, it loads, and it
documents every key."""

from __future__ import annotations

import subprocess
import sys

import yaml

from sim.scenario import Scenario, load_scenario
from sim.scenario.commented_yaml import commented_yaml
from sim.scenario.docs import DEFAULT_HEADER, parameter_table
from sim.scenario.parameters import iter_parameters


def test_default_yaml_is_exactly_what_the_generator_prints(repo_root):
    proc = subprocess.run(
        [sys.executable, "-m", "sim.scenario.docs", "default-yaml"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    on_disk = (repo_root / "scenarios" / "default.yaml").read_text(encoding="utf-8")
    assert proc.stdout == on_disk, (
        "scenarios/default.yaml is stale: regenerate it with "
        "`python -m sim.scenario.docs default-yaml > scenarios/default.yaml`"
    )


def test_generated_yaml_round_trips_to_the_defaults():
    text = commented_yaml(Scenario(name="default"), DEFAULT_HEADER)
    assert Scenario.model_validate(yaml.safe_load(text)) == Scenario(name="default")


def test_default_yaml_loads_to_the_schema_defaults(repo_root):
    loaded = load_scenario(repo_root / "scenarios" / "default.yaml")
    assert loaded.model_dump(exclude={"source_path"}) == Scenario().model_dump()


def test_every_parameter_is_documented_in_the_default_yaml(repo_root):
    lines = (repo_root / "scenarios" / "default.yaml").read_text().splitlines()
    for p in iter_parameters():
        leaf = p.path.rsplit(".", 1)[-1]
        hits = [i for i, line in enumerate(lines) if line.strip().startswith(f"{leaf}:")]
        assert hits, f"{p.path} is missing"
        assert any(lines[i - 1].strip().startswith("# " + p.doc) for i in hits), (
            f"{p.path} has no comment with its meaning"
        )


def test_parameter_table_lists_every_parameter():
    table = parameter_table()
    for p in iter_parameters():
        assert f"| `{p.path}` |" in table

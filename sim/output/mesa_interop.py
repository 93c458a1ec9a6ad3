"""What Mesa's own tools expect of a model, for :class:`sim.model.AllianceModel`.

- **Keyword construction.** ``AllianceModel(scenario, rng, **keys)`` takes scenario keys
  as keyword parameters named by their key path (``"alliance.fee"``), so that
  ``mesa.batch_run(AllianceModel, {"scenario": "scenarios/default.yaml",
  "alliance.fee": [0.05, 0.2]}, ...)`` sweeps them. Each key is applied and validated
  exactly like ``alliance run --set`` (same checks, same messages), before anything
  is built.
- **A data collector.** ``model.datacollector`` is a Mesa ``DataCollector`` with one
  model reporter per time-series column (``sim.output.metrics.TIMESERIES``), each reading the
  value the model's recorder last wrote into its arrays: no per-agent cost and no
  second computation of a metric. The recorder already keeps every step, so the
  collector is filled from its arrays when it is asked for (and again only once the
  model has moved on) rather than copying every value into Python lists each step,
  which would multiply the memory of a long run several times over. Calling
  ``collect()`` by hand is therefore not needed. With ``outcomes.agent_records_every``
  set, the collector also has one agent reporter per firm column
  (:mod:`sim.output.agent_records`) and ``get_agent_vars_dataframe()`` gives each
  firm's records at those steps, indexed by ``(Step, AgentID)``, filled from the
  model's agent records in the same way.
- **Stopping.** ``model.running`` turns False at the scenario's horizon (``steps``) and
  when no firm is left in business, so ``model.run_model()`` and ``batch_run`` stop.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mesa import DataCollector

from sim.output.agent_records import AGENT_COLUMNS, agent_value
from sim.output.metrics import TIMESERIES
from sim.scenario import (
    Scenario,
    ScenarioError,
    apply_overrides,
    load_scenario,
    validate_scenario,
)

if TYPE_CHECKING:
    from sim.model import AllianceModel

KEYWORD_SOURCE = "<keyword parameters>"


def scenario_from_parameters(
    scenario: Scenario | str | Path | None, keys: Mapping[str, Any]
) -> Scenario:
    """The scenario a model is built from: a validated :class:`Scenario`, a scenario
    file, or the defaults (``None``), with ``keys`` (``{"alliance.fee": 0.2}``) applied
    as ``--set`` overrides and validated."""
    overrides = [as_override(key, value) for key, value in keys.items()]
    if isinstance(scenario, Scenario):
        if not overrides:
            return scenario
        data = apply_overrides(scenario.model_dump(mode="json"), overrides, KEYWORD_SOURCE)
        return validate_scenario(data, source=KEYWORD_SOURCE, overrides=overrides)
    if scenario is None:
        data = apply_overrides({}, overrides, KEYWORD_SOURCE)
        return validate_scenario(data, source=KEYWORD_SOURCE, overrides=overrides)
    if isinstance(scenario, str | Path):
        return load_scenario(scenario, overrides)
    raise ScenarioError(
        f"{KEYWORD_SOURCE}: scenario must be a Scenario, a scenario file path or None; "
        f"got a {type(scenario).__name__}"
    )


def as_override(key: str, value: Any) -> str:
    """``key=value`` with ``value`` written as YAML, so that it reads back as itself."""
    try:
        text = yaml.safe_dump(value, default_flow_style=True, width=1_000_000)
    except yaml.YAMLError:
        raise ScenarioError(
            f"{KEYWORD_SOURCE}: {key} must be a plain value (number, text, true/false, list "
            f"or mapping); got a {type(value).__name__}"
        ) from None
    return f"{key}={text.removesuffix('\n').removesuffix('\n...').strip()}"


def datacollector_view(model: AllianceModel) -> DataCollector:
    """A DataCollector holding the time series so far, one reporter per column."""
    size = len(model.recorder)
    cached = model.__dict__.get("_datacollector_view")
    if cached is not None and cached[0] == size:
        return cached[1]
    agents = model.agent_records
    collector = DataCollector(
        model_reporters={name: partial(latest_value, name) for name in TIMESERIES},
        agent_reporters={name: partial(agent_value, name) for name in AGENT_COLUMNS}
        if agents.every
        else None,
    )
    frame = model.recorder.frame()
    collector.model_vars = {name: frame[name].tolist() for name in TIMESERIES}
    # what batch_run reads to find each step's row (an attribute of Mesa 3.5's collector)
    collector._collection_steps = frame["step"].tolist()
    if agents.every:  # where Mesa keeps agent records: step -> [(step, id, values...)]
        collector._agent_records = agents.mesa_records()
    model.__dict__["_datacollector_view"] = (size, collector)
    return collector


def latest_value(name: str, model: AllianceModel) -> Any:
    """The model reporter of column ``name``: the recorder's last value."""
    return model.recorder.latest(name)


def still_running(model: AllianceModel) -> bool:
    """Mesa's ``running``: False from the scenario's horizon on, or once no firm is left."""
    return model.steps < model.config.steps and bool(model.firms.active.any())

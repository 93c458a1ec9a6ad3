"""Reading an experiment file into a validated :class:`LoadedExperiment`.

Every mistake becomes one :class:`sim.scenario.ScenarioError` naming the file, the
key path, what is allowed and what was given (the CLI prints it and exits 2 before
anything is written). Factor keys are checked against the scenario schema ("did you
mean") and every factor level, or both ends of a range, is validated on every base
scenario, so a sweep never fails late on a value the schema refuses.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sim.experiment.factors import RangeFactor
from sim.experiment.outcomes import unknown_outcome_message
from sim.experiment.spec import AdaptiveReplicates, Experiment
from sim.scenario import Scenario, ScenarioError, load_named_scenario, validate_scenario
from sim.scenario.errors import did_you_mean, given_note, joined, plain_words
from sim.scenario.mode_files import deep_merge
from sim.scenario.yaml_source import load_bounded_yaml, read_user_text


@dataclass(frozen=True)
class LoadedExperiment:
    """An experiment with its source text, hash and resolved base scenarios."""

    experiment: Experiment
    path: Path
    text: str
    sha256: str
    bases: dict[str, Scenario] = field(default_factory=dict)
    quick: bool = False


def load_experiment(path: str | Path, quick: bool = False) -> LoadedExperiment:
    """Load and validate ``path``; with ``quick`` the file's ``quick`` preset replaces keys."""
    path = Path(path)
    text, data = _read(path)
    _refuse_a_scenario(data, path)
    if quick:
        data = _apply_quick(data, str(path))
    try:
        experiment = Experiment.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(_explain(err, str(path))) from None
    for name in experiment.outcomes:
        problem = unknown_outcome_message(name)
        if problem:
            raise ScenarioError(f"{path}: outcomes: {problem}")
    bases = {label: load_named_scenario(label, path.parent) for label in experiment.scenarios}
    _check_horizon(experiment, bases, str(path))
    _refuse_agent_records(experiment, bases, str(path))
    experiment = _check_factors(experiment, bases, str(path))
    digest = hashlib.sha256(text.encode()).hexdigest()
    return LoadedExperiment(experiment, path, text, digest, bases, quick)


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    text = read_user_text(path, "experiment file", ScenarioError)
    try:
        data = load_bounded_yaml(text, str(path), ScenarioError)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(err, "problem", err)
        raise ScenarioError(f"{path}: not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: an experiment must be a mapping of keys to values")
    return text, data


def _refuse_a_scenario(data: dict[str, Any], path: Path) -> None:
    """A scenario file given where an experiment belongs gets one line saying so."""
    foreign = set(data) - set(Experiment.model_fields)
    if foreign and foreign <= set(Scenario.model_fields):
        raise ScenarioError(
            f"{path}: this is a scenario file, not an experiment: run it with "
            f"'alliance run {path}', or list it under scenarios: in an experiment file"
        )


def refuse_an_experiment(path: str | Path) -> None:
    """An experiment file given where a scenario belongs (``alliance run FILE``) gets one
    line saying so; anything else returns quietly (the scenario's own error stands)."""
    path = Path(path)
    try:
        _, data = _read(path)
    except ScenarioError:
        return
    foreign = set(data) - set(Scenario.model_fields)
    if foreign and foreign <= set(Experiment.model_fields):
        raise ScenarioError(
            f"{path}: this is an experiment file, not a scenario: run it with "
            f"'alliance sweep {path}'"
        )


def _apply_quick(data: dict[str, Any], source: str) -> dict[str, Any]:
    preset = data.get("quick") or {}
    if not isinstance(preset, dict):
        raise ScenarioError(f"{source}: quick must be a mapping of experiment keys")
    allowed = [n for n in Experiment.model_fields if n != "quick"]
    for key in preset:
        if key not in allowed:
            raise ScenarioError(f"{source}: unknown key 'quick.{key}'{_hint(key, allowed)}")
    return {**data, **preset}


def with_settings(
    base: Scenario, overrides: Iterable[tuple[str, Any]], steps: int | None, where: str
) -> Scenario:
    """``base`` with factor values and the experiment's horizon set, validated exactly as
    ``alliance run`` validates a scenario with ``--set`` and ``--steps`` (the horizon is part
    of the scenario, so an event after the last step is refused here, not run silently)."""
    data = base.model_dump(mode="json")
    for key, value in overrides:
        data = deep_merge(data, nested(key, value))
    if steps is not None:
        data["steps"] = steps
    return validate_scenario(data, source=where)


def _check_horizon(experiment: Experiment, bases: dict[str, Scenario], source: str) -> None:
    """Each base scenario as it will run (at the experiment's ``steps``) must be valid."""
    if "steps" in experiment.factors and experiment.steps is not None:
        raise ScenarioError(
            f"{source}: factors.steps and steps: {experiment.steps} both set the horizon; "
            "remove one (steps: null runs each point at its factor's value)"
        )
    if experiment.steps is None:
        return
    for label, scenario in bases.items():
        with_settings(scenario, (), experiment.steps, f"{source} (scenario {label} at steps)")


AGENT_RECORDS = "outcomes.agent_records_every"


def _refuse_agent_records(experiment: Experiment, bases: dict[str, Scenario], source: str) -> None:
    """A sweep stores outcomes and time series, not agent records: asking for them would
    cost every run the copies and keep none of them."""
    why = (
        "a sweep keeps each run's outcomes and time series, not agent records; "
        "record one run's with alliance run SCENARIO --set outcomes.agent_records_every=N --out DIR"
    )
    if AGENT_RECORDS in experiment.factors:
        raise ScenarioError(f"{source}: factors.{AGENT_RECORDS}: {why}")
    for label, scenario in bases.items():
        if scenario.outcomes.agent_records_every:
            raise ScenarioError(
                f"{source}: scenario {label} sets {AGENT_RECORDS} to "
                f"{scenario.outcomes.agent_records_every}: {why}"
            )


def _check_factors(experiment: Experiment, bases: dict[str, Scenario], source: str) -> Experiment:
    factors = {}
    for key, factor in experiment.factors.items():
        where = f"{source} (factors.{key})"
        annotation = _annotation(key, where)
        if isinstance(factor, RangeFactor) and annotation is int:
            factor = factor.model_copy(update={"integer": True})
        for value in _probe_values(factor):
            for scenario in bases.values():
                with_settings(scenario, [(key, value)], experiment.steps, where)
        factors[key] = factor
    return experiment.model_copy(update={"factors": factors})


def _probe_values(factor: Any) -> list[Any]:
    if isinstance(factor, RangeFactor) and factor.low is not None:
        return factor.from_unit([0.0, 1.0])
    if isinstance(factor, RangeFactor):
        return factor.from_unit([0.5])
    return factor.grid()


def _annotation(key: str, where: str) -> Any:
    """The schema type at a dotted key, or a clear error with the keys allowed there."""
    model: type[BaseModel] = Scenario
    parts = key.split(".")
    for depth, part in enumerate(parts):
        names = list(model.model_fields)
        if part not in names:
            prefix = ".".join(parts[:depth]) or "the top level"
            raise ScenarioError(
                f"{where}: unknown scenario key {key!r}: no {part!r} in {prefix}"
                f"{did_you_mean(parts[: depth + 1], names, Scenario)} "
                f"(allowed here: {', '.join(names)})"
            )
        ann = model.model_fields[part].annotation
        if depth == len(parts) - 1:
            return ann
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            raise ScenarioError(
                f"{where}: {'.'.join(parts[: depth + 1])!r} is a value, not a section"
            )
        model = ann
    return None


def nested(key: str, value: Any) -> dict[str, Any]:
    """``"a.b.c", v`` as ``{"a": {"b": {"c": v}}}``."""
    out: Any = value
    for part in reversed(key.split(".")):
        out = {part: out}
    return out


def _hint(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.5)
    did = f"; did you mean {close[0]!r}?" if close else ""
    return f"{did} (allowed here: {', '.join(allowed)})"


UNION_TAGS = {"factors": 2, "replicates": 1}  # where a union's tag sits in an error's location


def _location(raw: tuple) -> list[str]:
    """An error's key path as the user wrote it: no union tags, no validator names."""
    loc = [str(p) for p in raw]
    at = UNION_TAGS.get(loc[0]) if loc else None
    if at is not None and len(loc) > at and loc[at] in ("count", "adaptive", "levels", "range"):
        del loc[at]
    return [p for p in loc if not p.startswith("function-")]


def _allowed_at(loc: list[str]) -> list[str]:
    """The keys allowed where an unknown key was found (top level, a range, replicates)."""
    if len(loc) == 1:
        return list(Experiment.model_fields)
    if loc[0] == "factors" and len(loc) == 3:
        return [n for n in RangeFactor.model_fields if n not in ("kind", "integer")]
    if loc[0] == "replicates" and len(loc) == 2:
        return list(AdaptiveReplicates.model_fields)
    return []


def _explain(err: ValidationError, source: str) -> str:
    lines = []
    for error in err.errors():
        loc = _location(error["loc"])
        key = ".".join(loc) or "(top level)"
        if error["type"] == "extra_forbidden":
            hint = _hint(loc[-1], allowed) if (allowed := _allowed_at(loc)) else ""
            lines.append(f"{source}: unknown key {key!r}{hint}")
            continue
        message = plain_words(error)
        if not loc:  # a check across keys: the input is the whole file
            lines.append(f"{source}: {message}")
            continue
        given = error.get("input")
        if isinstance(given, dict):
            given = {k: v for k, v in given.items() if k != "kind"}  # parse_factor's tag
        if message.startswith(f"{loc[-1]} "):  # the check already names its key
            message = message.removeprefix(f"{loc[-1]} ")
        elif message.startswith(f"{key}."):  # ... or a key inside it
            lines.append(f"{source}: {message}")
            continue
        lines.append(f"{source}: {key}{joined(message)}{given_note(message, given)}")
    return "\n".join(dict.fromkeys(lines))


def with_precision(loaded: LoadedExperiment, precision: float) -> LoadedExperiment:
    """``loaded`` with adaptive replication at ``precision`` (``--precision``).

    A fixed replicate count n becomes ``{min: n, max: max(n, 200), precision}``.
    """
    experiment = loaded.experiment
    spec = experiment.adaptive
    data = (
        {**spec.model_dump(), "precision": precision}
        if spec
        else {
            "min": max(int(experiment.replicates), 2),
            "max": max(int(experiment.replicates), 200),
            "precision": precision,
        }
    )
    try:
        replicates = AdaptiveReplicates.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(_explain(err, f"{loaded.path} (--precision)")) from None
    changed = experiment.model_copy(update={"replicates": replicates})
    return LoadedExperiment(
        changed, loaded.path, loaded.text, loaded.sha256, loaded.bases, loaded.quick
    )

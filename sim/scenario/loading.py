"""Reading a scenario file and ``--set`` overrides into a validated :class:`Scenario`.

Every user mistake becomes one :class:`ScenarioError` (``sim.scenario.errors``) whose
message names the file, the key path, what is allowed and what was given, so the CLI
can print it and exit without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from sim.scenario.edge_list import read_edge_pairs
from sim.scenario.errors import ScenarioError, explain, explain_at
from sim.scenario.modes import Mode, mode_data
from sim.scenario.root import Scenario
from sim.scenario.section import bool_for_number
from sim.scenario.yaml_source import load_bounded_yaml, read_user_text

DEFAULT_NAME = "default"
SHIPPED_NAMES = (DEFAULT_NAME, *(mode.value for mode in Mode))
"""Names ``load_named_scenario`` resolves without a file: the defaults and each mode."""


def load_scenario(path: str | Path, overrides: Iterable[str] = ()) -> Scenario:
    """Load, override (``key.path=value``) and validate the scenario at ``path``."""
    path = Path(path)
    data = read_yaml_mapping(path)
    overrides = list(overrides)
    check_replaced_values(data, overrides, source=str(path))
    data = apply_overrides(data, overrides, source=str(path))
    return validate_scenario(data, source=str(path), overrides=overrides, base=path.parent)


def load_named_scenario(
    label: str, folder: str | Path = ".", overrides: Iterable[str] = ()
) -> Scenario:
    """A shipped scenario by name (a construction mode's ready-made scenario such as
    ``market_only``, or ``default``, the schema's defaults), or a scenario file relative
    to ``folder``: what ``alliance run`` and an experiment file's ``scenarios:`` accept.
    A name wins over a file of the same name in ``folder``."""
    overrides = list(overrides)
    if label in SHIPPED_NAMES:
        source = f"{label} (shipped scenario)"
        data = mode_data(label) if label != DEFAULT_NAME else {}
        check_replaced_values(data, overrides, source)
        data = apply_overrides(data, overrides, source=source)
        return validate_scenario(data, source=source, overrides=overrides)
    path = Path(folder) / label
    if not path.exists() and not path.suffix and len(path.parts) == len(Path(folder).parts) + 1:
        raise ScenarioError(
            f"{path}: no such scenario file, nor a shipped scenario's name "
            f"({', '.join(SHIPPED_NAMES)})"
        )
    return load_scenario(path, overrides)


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """Read a YAML mapping with the safe loader, bounded (``sim.scenario.yaml_source``),
    with a clear error for each failure."""
    text = read_user_text(path, "scenario file", ScenarioError)
    if not text.strip():
        raise ScenarioError(f"{path}: the scenario file is empty")
    try:
        data = load_bounded_yaml(text, str(path), ScenarioError)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ScenarioError(f"{path}: not valid YAML{where}: {problem}") from None
    if data is None:
        raise ScenarioError(f"{path}: the scenario file is empty (only comments)")
    if not isinstance(data, dict):
        raise ScenarioError(
            f"{path}: a scenario must be a mapping of keys to values; got a {type(data).__name__}"
        )
    return data


def apply_overrides(data: Mapping[str, Any], overrides: Iterable[str], source: str) -> dict:
    """Return a copy of ``data`` with each ``a.b.c=value`` override set (value read as YAML)."""
    result = _deep_copy(data)
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ScenarioError(f"{source}: --set {item!r} must look like key.path=value")
        try:
            value = load_bounded_yaml(raw, f"{source} (--set {key})", ScenarioError)
        except yaml.YAMLError:
            value = raw
        value = "" if value is None and not raw.strip() else value
        parts = key.strip().split(".")
        if not all(parts):
            raise ScenarioError(
                f"{source}: --set {item!r}: the key path {key.strip()!r} has an empty part; "
                "write it as section.key=value"
            )
        node = result
        for depth, part in enumerate(parts[:-1]):
            child = node.get(part)
            if child is None:
                child = node[part] = {}
            if not isinstance(child, dict):
                prefix = ".".join(parts[: depth + 1])
                raise ScenarioError(f"{source}: --set {key}: {prefix!r} is a value, not a section")
            node = child
        node[parts[-1]] = value
    return result


def check_replaced_values(data: Mapping[str, Any], overrides: Iterable[str], source: str) -> None:
    """A value that an override replaces is still checked on its own, whether the file or
    an earlier override gave it (``steps: true`` under ``--steps 50``): a mistake does
    not vanish because something later hides it, and the next run without the override
    would fail on it. Type and range are checked here; combinations of keys once the
    overrides are in."""
    current, setters = _deep_copy(data), {}
    for item in overrides:
        key = item.partition("=")[0].strip()
        parts = key.split(".")
        node: Any = current
        for part in parts:
            if not isinstance(node, Mapping) or part not in node:
                break
            node = node[part]
        else:
            problem = _value_problem(parts, node, source)
            if problem:
                given = next(
                    (f"--set {s}" for k, s in setters.items() if f"{key}.".startswith(f"{k}.")),
                    "the file's value",
                )
                raise ScenarioError(f"{problem} ({given}, although {item} replaces it)")
        current = apply_overrides(current, [item], source)
        setters[key] = item


def _value_problem(parts: list[str], value: Any, source: str) -> str | None:
    """Why ``value`` is not allowed at key path ``parts`` on its own, or ``None`` (also
    for a whole section or a key the schema does not have: validation reports those)."""
    model: type[BaseModel] = Scenario
    for depth, part in enumerate(parts):
        field = model.model_fields.get(part)
        if field is None:
            return None
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            model = ann
            continue
        if depth < len(parts) - 1:
            return None
        key = ".".join(parts)
        problem = bool_for_number(field, key, value)
        if problem:
            return f"{source}: {problem}"
        try:
            TypeAdapter(Annotated[ann, field]).validate_python(value)
        except ValidationError as err:
            return explain_at(err, key, source, Scenario)
    return None


def validate_scenario(
    data: Mapping[str, Any],
    source: str = "<scenario>",
    overrides: Iterable[str] = (),
    base: Path | None = None,
) -> Scenario:
    """Validate a mapping into a :class:`Scenario`, turning errors into one clear message."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(explain(err, source, list(overrides), Scenario)) from None
    edge_list = scenario.network.edge_list
    if edge_list is not None and base is not None and not edge_list.is_absolute():
        edge_list = base / edge_list
        scenario = scenario.model_copy(
            update={"network": scenario.network.model_copy(update={"edge_list": edge_list})}
        )
    if edge_list is not None:
        read_edge_pairs(Path(edge_list), scenario.population.enterprises)
    if base is not None:
        scenario = scenario.read_from(Path(source))
    return scenario


def _deep_copy(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deep_copy(v) if isinstance(v, Mapping) else v for k, v in data.items()}

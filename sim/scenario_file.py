"""Reading a scenario file and ``--set`` overrides into a validated :class:`Scenario`.

Every user mistake becomes one :class:`ScenarioError` whose message names the file,
the key path, what is allowed and what was given, so the CLI can print it and exit
without a traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from annotated_types import Ge, Le
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from sim.config import EVENT_MODELS, Charter, EventKind, Scenario


class ScenarioError(ValueError):
    """A scenario that cannot be used, explained in one message for the user."""


def load_scenario(path: str | Path, overrides: Iterable[str] = ()) -> Scenario:
    """Load, override (``key.path=value``) and validate the scenario at ``path``."""
    path = Path(path)
    data = read_yaml_mapping(path)
    overrides = list(overrides)
    data = apply_overrides(data, overrides, source=str(path))
    return validate_scenario(data, source=str(path), overrides=overrides, base=path.parent)


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """Read a YAML mapping with the safe loader, with a clear error for each failure."""
    if not path.exists():
        raise ScenarioError(f"{path}: no such scenario file")
    if path.is_dir():
        raise ScenarioError(f"{path}: is a directory, not a scenario file")
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise ScenarioError(f"{path}: the scenario file is empty")
    try:
        data = yaml.safe_load(text)
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
            value = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            value = raw
        parts = key.strip().split(".")
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
        raise ScenarioError(explain(err, source, list(overrides))) from None
    edge_list = scenario.network.edge_list
    if edge_list is not None and base is not None and not edge_list.is_absolute():
        edge_list = base / edge_list
        scenario = scenario.model_copy(
            update={"network": scenario.network.model_copy(update={"edge_list": edge_list})}
        )
    if edge_list is not None and not Path(edge_list).exists():
        raise ScenarioError(f"{source}: network.edge_list: no such file {edge_list}")
    if base is not None:
        scenario = scenario.model_copy(update={"source_path": Path(source)})
    return scenario


def explain(err: ValidationError, source: str, overrides: list[str]) -> str:
    """One line per problem: file, key path, what is allowed, what was given."""
    lines = [_explain_one(e, source, overrides) for e in err.errors()]
    return "\n".join(dict.fromkeys(lines))


def _explain_one(error: dict, source: str, overrides: list[str]) -> str:
    loc = tuple(str(p) for p in error["loc"])
    key = ".".join(loc) or "(top level)"
    given = error.get("input")
    where = f"{source}{_override_note(key, overrides)}"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{where}: unknown key {key!r}{_suggestion(loc)}"
    if kind == "union_tag_invalid":
        kinds = ", ".join(e.value for e in EventKind)
        return f"{where}: {key}.kind must be one of {kinds}; got {error['ctx']['tag']!r}"
    field = _event_field_at(loc) if loc[:1] == ("events",) else _field_at(loc)
    unit = _unit(field)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo, hi = _bounds(field)
        rng = f"[{_fmt(lo)}, {_fmt(hi)}]"
        return f"{where}: {key} must be in {rng}{unit}; got {given!r}"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"{where}: {key} must be one of {allowed}; got {given!r}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{where}: {key} must be a whole number{_range(field)}{unit}; got {given!r}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{where}: {key} must be a number{_range(field)}{unit}; got {given!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{where}: {key} must be true or false; got {given!r}"
    if kind in ("model_type", "dict_type"):
        return f"{where}: {key} must be a section (a mapping of keys); got {given!r}"
    message = error.get("msg", "invalid").removeprefix("Value error, ")
    if not loc or _model_at(loc) is not None:
        return f"{where}: {f'{key}: ' if loc else ''}{message}"
    return f"{where}: {key}: {message}; got {_short(given)}"


def _override_note(key: str, overrides: list[str]) -> str:
    for item in overrides:
        set_key = item.partition("=")[0].strip()
        if key == set_key or key.startswith(set_key + ".") or set_key.startswith(key + "."):
            return f" (--set {item})"
    return ""


def _field_at(loc: tuple[str, ...]) -> FieldInfo | None:
    model: type[BaseModel] | None = Scenario
    field = None
    for part in loc:
        if model is None or part not in model.model_fields:
            return field if part.isdigit() else None
        field = model.model_fields[part]
        ann = field.annotation
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
    return field


def _event_field_at(loc: tuple[str, ...]) -> FieldInfo | None:
    """The field of a scheduled event at ``events.<i>.<kind>.<key>[.<charter key>]``."""
    models = {m.model_fields["kind"].default.value: m for m in EVENT_MODELS}
    if len(loc) < 4 or loc[2] not in models:
        return None
    if loc[3] == "changes" and len(loc) > 4:
        return Charter.model_fields.get(loc[4])
    return models[loc[2]].model_fields.get(loc[3])


def _suggestion(loc: tuple[str, ...]) -> str:
    parent = _model_at(loc[:-1])
    if parent is None:
        return ""
    names = list(parent.model_fields)
    close = difflib.get_close_matches(loc[-1], names, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{hint} (allowed here: {', '.join(n for n in names if n != 'source_path')})"


def _model_at(loc: tuple[str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] = Scenario
    for part in loc:
        field = model.model_fields.get(part)
        if field is None:
            return None
        ann = field.annotation
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return None
        model = ann
    return model


def _bounds(field: FieldInfo | None) -> tuple[float | None, float | None]:
    lo = hi = None
    for meta in field.metadata if field else ():
        if isinstance(meta, Ge):
            lo = meta.ge
        if isinstance(meta, Le):
            hi = meta.le
    return lo, hi


def _range(field: FieldInfo | None) -> str:
    lo, hi = _bounds(field)
    return "" if lo is None and hi is None else f" in [{_fmt(lo)}, {_fmt(hi)}]"


def _unit(field: FieldInfo | None) -> str:
    extra = field.json_schema_extra if field else None
    unit = extra.get("unit") if isinstance(extra, dict) else None
    return f" ({unit})" if unit and unit not in ("choice", "switch") else ""


def _fmt(x: float | None) -> str:
    return "…" if x is None else f"{x:g}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) < 120 else text[:117] + "..."


def _deep_copy(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deep_copy(v) if isinstance(v, Mapping) else v for k, v in data.items()}

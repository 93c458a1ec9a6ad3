"""Validation errors in the user's words: one line per problem naming the file, the key
path, what is allowed and what was given, with a "did you mean" for unknown keys.

``explain`` works on any schema built from :class:`sim.scenario.section.Section`
(``root``): scenario files use it, and so can other validated files such as
experiment files.
"""

from __future__ import annotations

import difflib
import reprlib
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from sim.scenario.charter import Charter
from sim.scenario.events import EVENT_MODELS, EventKind


class ScenarioError(ValueError):
    """A scenario that cannot be used, explained in one message for the user."""


def explain(err: ValidationError, source: str, overrides: list[str], root: type[BaseModel]) -> str:
    """One line per problem: file, key path, what is allowed, what was given."""
    lines = [_explain_one(e, source, overrides, root) for e in err.errors()]
    return "\n".join(dict.fromkeys(lines))


def explain_at(err: ValidationError, key: str, source: str, root: type[BaseModel]) -> str:
    """``explain`` for a value validated alone, reported at its key path ``key``."""
    at = tuple(key.split("."))
    errors = [{**e, "loc": at + tuple(e["loc"])} for e in err.errors()]
    lines = [_explain_one(e, source, [], root) for e in errors]
    return "\n".join(dict.fromkeys(lines))


def _explain_one(error: dict, source: str, overrides: list[str], root: type[BaseModel]) -> str:
    loc = tuple(str(p) for p in error["loc"])
    key = ".".join(loc) or "(top level)"
    given = error.get("input")
    where = f"{source}{_override_note(key, overrides)}"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{where}: unknown key {key!r}{_suggestion(loc, root)}"
    if kind == "union_tag_invalid":
        kinds = ", ".join(e.value for e in EventKind)
        return f"{where}: {key}.kind must be one of {kinds}; got {error['ctx']['tag']!r}"
    field = _event_field_at(loc) if loc[:1] == ("events",) else _field_at(loc, root)
    unit = _unit(field)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo, hi = _bounds(field)
        rng = f"[{_fmt(lo)}, {_fmt(hi)}]"
        return f"{where}: {key} must be in {rng}{unit}; got {_short(given)}"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"{where}: {key} must be one of {allowed}; got {_short(given)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{where}: {key} must be a whole number{_range(field)}{unit}; got {_short(given)}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{where}: {key} must be a number{_range(field)}{unit}; got {_short(given)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{where}: {key} must be true or false; got {_short(given)}"
    if kind in ("model_type", "dict_type"):
        return f"{where}: {key} must be a section (a mapping of keys); got {_short(given)}"
    message = plain_words(error)
    section = _model_at(loc, root) if loc else None
    if section is not None and message.partition(" ")[0] in section.model_fields:
        return f"{where}: {key}.{message}"  # a section's own check naming one of its keys
    if not loc or section is not None:
        return f"{where}: {f'{key}: ' if loc else ''}{message}"
    return f"{where}: {key}{joined(message)}{given_note(message, given)}"


def joined(message: str) -> str:
    """How a message follows its key: ``key must be ...``, or ``key: what went wrong``."""
    return f" {message}" if message.startswith("must ") else f": {message}"


def plain_words(error: dict) -> str:
    """What a validation error asks for, in the user's words rather than the library's
    ("must be a whole number", not "Input should be a valid integer")."""
    kind, ctx = error["type"], error.get("ctx") or {}
    words = {
        "int_type": "must be a whole number",
        "int_parsing": "must be a whole number",
        "int_from_float": "must be a whole number",
        "float_type": "must be a number",
        "float_parsing": "must be a number",
        "finite_number": "must be a finite number",
        "bool_type": "must be true or false",
        "bool_parsing": "must be true or false",
        "string_type": "must be text",
        "tuple_type": "must be a list",
        "list_type": "must be a list",
        "dict_type": "must be a mapping of keys",
        "model_type": "must be a mapping of keys",
        "model_attributes_type": "must be a mapping of keys",
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "greater_than": f"must be above {ctx.get('gt')}",
        "less_than_equal": f"must be at most {ctx.get('le')}",
        "less_than": f"must be below {ctx.get('lt')}",
        "too_short": f"must hold at least {ctx.get('min_length')} item(s)",
        "too_long": f"must hold at most {ctx.get('max_length')} item(s)",
        "enum": f"must be one of {ctx.get('expected')}",
        "literal_error": f"must be one of {ctx.get('expected')}",
    }
    if kind in words:
        return words[kind]
    return error.get("msg", "invalid").removeprefix("Value error, ")


def given_note(message: str, given: Any) -> str:
    """``"; got ..."`` unless the message already says what was given."""
    if "got " in message:
        return ""
    if isinstance(given, bool):
        return f"; got {str(given).lower()}"
    return f"; got {_short(given)}"


def _override_note(key: str, overrides: list[str]) -> str:
    for item in overrides:
        set_key = item.partition("=")[0].strip()
        if key == set_key or key.startswith(set_key + ".") or set_key.startswith(key + "."):
            return f" (--set {item})"
    return ""


def _field_at(loc: tuple[str, ...], root: type[BaseModel]) -> FieldInfo | None:
    model: type[BaseModel] | None = root
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


def _suggestion(loc: tuple[str, ...], root: type[BaseModel]) -> str:
    parent = _model_at(loc[:-1], root)
    if parent is None:
        return ""
    names = list(parent.model_fields)
    return f"{did_you_mean(loc, names, root)} (allowed here: {', '.join(names)})"


def did_you_mean(loc: tuple[str, ...] | list[str], names: list[str], root: type[BaseModel]) -> str:
    """``"; did you mean '...'?"`` for the unknown key at ``loc``, or ``""``: the same name
    in another section first (``alliance.subsidy`` -> ``administration.subsidy``), else a
    close spelling among ``names``, the keys allowed where it was found."""
    elsewhere = [p for p in key_paths(root) if p.rpartition(".")[2] == loc[-1]]
    if elsewhere:
        return f"; did you mean {' or '.join(repr(p) for p in elsewhere)}?"
    close = difflib.get_close_matches(loc[-1], names, n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def key_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key path of a schema's sections, depth first (``alliance.platform.effect``)."""
    paths = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            paths.extend(key_paths(ann, f"{prefix}{name}."))
        else:
            paths.append(f"{prefix}{name}")
    return paths


def _model_at(loc: tuple[str, ...], root: type[BaseModel]) -> type[BaseModel] | None:
    model: type[BaseModel] = root
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


_BRIEF = reprlib.Repr(maxlevel=2, maxdict=4, maxlist=4, maxtuple=4, maxset=4, maxstring=60)
_BRIEF.maxother = 60


def _short(value: Any) -> str:
    """A short repr that never walks a whole structure (reprlib stops after a few items)."""
    text = _BRIEF.repr(value)
    return text if len(text) < 120 else text[:117] + "..."

"""Every parameter of the scenario schema with its key path, default, unit, range and
meaning: the one walk of the schema that the documentation and generated files share.

``iter_parameters`` works on any section model (the scenario root by default, an event
model, or another validated file's schema); ``allowed`` puts a parameter's allowed
values in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from annotated_types import Ge, Le
from pydantic import BaseModel

from sim.scenario.events import EVENT_MODELS
from sim.scenario.root import Scenario
from sim.scenario.section import Plausible


@dataclass(frozen=True)
class Parameter:
    path: str
    default: Any
    unit: str
    lo: float | None
    hi: float | None
    doc: str
    choices: tuple[str, ...] = ()
    plausible: Plausible | None = None


def iter_parameters(model: type[BaseModel] = Scenario, prefix: str = "") -> Iterator[Parameter]:
    """Every leaf parameter of the schema, depth first, in declaration order."""
    for name, field in model.model_fields.items():
        ann = field.annotation
        path = f"{prefix}{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from iter_parameters(ann, path + ".")
            continue
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        lo = next((m.ge for m in field.metadata if isinstance(m, Ge)), None)
        hi = next((m.le for m in field.metadata if isinstance(m, Le)), None)
        default = field.get_default(call_default_factory=True)
        yield Parameter(
            path,
            _plain(default),
            str(extra.get("unit", "")),
            lo,
            hi,
            field.description or "",
            _choices(ann),
            Plausible(*extra["plausible"]) if "plausible" in extra else None,
        )


def uncertain_parameters(model: type[BaseModel] = Scenario) -> list[Parameter]:
    """The parameters whose strength is uncertain, each with its plausible range: the
    construction modes' instruments and the noise of firms' choices (the robust
    comparison samples them)."""
    return [p for p in iter_parameters(model) if p.plausible is not None]


def _choices(ann: Any) -> tuple[str, ...]:
    args = getattr(ann, "__args__", ()) or (ann,)
    for arg in args:
        if isinstance(arg, type) and issubclass(arg, Enum):
            return tuple(e.value for e in arg)
    return ()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def allowed(p: Parameter) -> str:
    """The allowed values of a parameter, in words."""
    if p.path == "events":
        return "list of events, kind one of " + ", ".join(
            e.model_fields["kind"].default.value for e in EVENT_MODELS
        )
    if p.choices:
        return "one of " + ", ".join(p.choices)
    if isinstance(p.default, bool):
        return "true or false"
    if p.lo is None and p.hi is None:
        return "any"
    lo = "-inf" if p.lo is None else f"{p.lo:g}"
    hi = "inf" if p.hi is None else f"{p.hi:g}"
    words = f"[{lo}, {hi}]"
    if p.plausible is not None:
        u = p.plausible
        words += f"; plausible [{u.low:g}, {u.high:g}]: {u.reason}"
    return words

"""The building blocks of the scenario schema: a section that rejects unknown keys and
freezes, and ``param``, which gives every parameter its range, unit and meaning in one
place (the CLI, the documentation and the error messages all read them from here)."""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class Plausible:
    """The plausible range of an uncertain parameter: how strong an organiser's
    instrument really is, or how noisy firms' choices are, is not known; ``low`` and
    ``high`` bound what is defensible and ``reason`` says why. The robust comparison
    samples these ranges; the documentation prints them."""

    low: float
    high: float
    reason: str

    def __post_init__(self) -> None:
        if not self.low <= self.high:
            raise ValueError(f"plausible range [{self.low}, {self.high}] is empty")


def param(
    default: Any,
    lo: float | None,
    hi: float | None,
    unit: str,
    doc: str,
    plausible: Plausible | None = None,
) -> Any:
    """A scenario parameter with its range, unit and meaning, in one place; an uncertain
    one also carries its plausible range (:class:`Plausible`)."""
    bounds = {}
    if lo is not None:
        bounds["ge"] = lo
    if hi is not None:
        bounds["le"] = hi
    extra: dict[str, Any] = {"unit": unit}
    if plausible is not None:
        inside = (lo is None or lo <= plausible.low) and (hi is None or plausible.high <= hi)
        if not inside or not plausible.low <= default <= plausible.high:
            raise ValueError(f"plausible range {plausible} must hold the default and lie in range")
        extra["plausible"] = [plausible.low, plausible.high, plausible.reason]
    return Field(default, description=doc, json_schema_extra=extra, **bounds)


class Section(BaseModel):
    """A frozen block of the scenario that rejects unknown keys, and true/false where a
    number is expected (pydantic would otherwise read ``steps: true`` as 1)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    @model_validator(mode="before")
    @classmethod
    def _no_bool_for_numbers(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        for name, value in data.items():
            problem = bool_for_number(cls.model_fields.get(name), name, value)
            if problem:
                raise ValueError(problem)
        return data


def bool_for_number(field: FieldInfo | None, name: str, value: Any) -> str | None:
    """Why ``value`` cannot stand for the number ``field`` expects, when it is true or
    false (Python counts a bool as an integer; the schema does not); else ``None``."""
    kinds = _number_kinds(field.annotation) if field and isinstance(value, bool) else set()
    if not kinds or bool in kinds:
        return None
    kind = "a whole number" if float not in kinds else "a number"
    return f"{name} must be {kind}, not true or false; got {str(value).lower()}"


def _number_kinds(annotation: Any) -> set[type]:
    """The plain number types an annotation admits (``int``, ``float``, ``bool``)."""
    options = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ()
    return {t for t in (options or (annotation,)) if t in (int, float, bool)}

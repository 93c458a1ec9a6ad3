"""The building blocks of the scenario schema: a section that rejects unknown keys and
freezes, and ``param``, which gives every parameter its range, unit and meaning in one
place (the CLI, the documentation and the error messages all read them from here)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def param(default: Any, lo: float | None, hi: float | None, unit: str, doc: str) -> Any:
    """A scenario parameter with its range, unit and meaning, in one place."""
    bounds = {}
    if lo is not None:
        bounds["ge"] = lo
    if hi is not None:
        bounds["le"] = hi
    return Field(default, description=doc, json_schema_extra={"unit": unit}, **bounds)


class Section(BaseModel):
    """A frozen block of the scenario that rejects unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

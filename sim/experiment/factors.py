"""The factors an experiment varies: dotted scenario keys with levels, a range or a distribution.

A factor is one of

* ``[a, b, c]``: levels, used as given (any design);
* ``{low: x, high: y}`` (optionally ``levels: k``): a uniform range; factorial and
  one-factor-at-a-time designs use ``k`` evenly spaced levels, sampling designs the range;
* ``{distribution: normal, mean: m, sd: s}``: a normal distribution (Latin hypercube only).

Each factor maps a unit-interval coordinate to a value (``from_unit``), so that every
sampling design (Latin hypercube, Sobol, Morris) works on the unit cube and the factors
turn it into scenario values. Whole-number scenario keys get rounded values.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from scipy import stats


class Distribution(StrEnum):
    """How a continuous factor's values are spread."""

    UNIFORM = "uniform"
    NORMAL = "normal"


class RangeFactor(BaseModel):
    """A continuous factor: a uniform range or a normal distribution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["range"] = "range"
    distribution: Distribution = Field(Distribution.UNIFORM, description="Spread of the values")
    low: float | None = Field(None, allow_inf_nan=False, description="Lower end (uniform)")
    high: float | None = Field(None, allow_inf_nan=False, description="Upper end (uniform)")
    mean: float | None = Field(None, allow_inf_nan=False, description="Mean (normal)")
    sd: float | None = Field(
        None, gt=0, allow_inf_nan=False, description="Standard deviation (normal)"
    )
    levels: int = Field(
        3, ge=2, le=1000, strict=True, description="Grid levels in factorial designs"
    )
    integer: bool = Field(False, description="Round to whole numbers (set from the schema)")

    @model_validator(mode="after")
    def _complete(self) -> RangeFactor:
        if self.distribution is Distribution.UNIFORM:
            if self.low is None or self.high is None:
                raise ValueError("a uniform range needs low and high")
            if not self.low < self.high:
                raise ValueError(f"low must be below high; got low={self.low}, high={self.high}")
        elif self.mean is None or self.sd is None:
            raise ValueError("a normal distribution needs mean and sd")
        return self

    def from_unit(self, u: np.ndarray) -> list[Any]:
        """Values for unit-interval coordinates ``u`` (the inverse CDF)."""
        u = np.asarray(u, dtype=float)
        if self.distribution is Distribution.UNIFORM:
            values = self.low + u * (self.high - self.low)
        else:
            values = stats.norm.ppf(u, loc=self.mean, scale=self.sd)
        return [self._cast(v) for v in values]

    def grid(self) -> list[Any]:
        """Evenly spaced levels (uniform) or quantiles (normal) for grid designs."""
        if self.distribution is Distribution.UNIFORM:
            values = self.from_unit(np.linspace(0.0, 1.0, self.levels))
        else:
            values = self.from_unit((np.arange(self.levels) + 0.5) / self.levels)
        return [
            v if self.integer else float(f"{v:.12g}") for v in values
        ]  # 0.3, not 0.30000000000000004

    @property
    def level_count(self) -> int:
        """Levels in grid designs (counted without building them)."""
        return self.levels

    def _cast(self, value: float) -> float | int:
        return round(float(value)) if self.integer else float(value)


class LevelsFactor(BaseModel):
    """A factor given as a list of levels (numbers, choices or switches)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["levels"] = "levels"
    values: tuple[Any, ...] = Field(min_length=1)

    def grid(self) -> list[Any]:
        return list(self.values)

    @property
    def level_count(self) -> int:
        return len(self.values)

    def from_unit(self, u: np.ndarray) -> list[Any]:
        """Levels picked by equal slices of the unit interval (categorical sampling)."""
        index = np.minimum((np.asarray(u) * len(self.values)).astype(int), len(self.values) - 1)
        return [self.values[i] for i in index]


# Told apart by the YAML shape (parse_factor), so an error speaks of the factor given.
Factor = Annotated[LevelsFactor | RangeFactor, Field(discriminator="kind")]


def parse_factor(raw: Any) -> Any:
    """The YAML shape of a factor (a list or a mapping) as the model's input."""
    if isinstance(raw, list | tuple):
        return {"kind": "levels", "values": list(raw)}
    if isinstance(raw, dict) and "kind" not in raw:
        return {"kind": "range", **raw}
    return raw

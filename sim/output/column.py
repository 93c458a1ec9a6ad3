"""A time-series column: its unit, meaning and how it is read off the model.

Every column of a run's time series is one of these, defined once
(:data:`sim.output.metrics.TIMESERIES`, the welfare account's columns in
:mod:`sim.output.welfare`), so the recorder, the Parquet metadata, the docs and the
experiment catalogue all read the same unit and description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.model import AllianceModel


@dataclass(frozen=True)
class Column:
    """A time-series column: its unit, meaning and how to read it off the model."""

    unit: str
    doc: str
    read: Callable[[AllianceModel], float]
    dtype: type = float

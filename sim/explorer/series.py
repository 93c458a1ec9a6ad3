"""The time series the explorer charts, named and labelled from the run's own columns
(:data:`sim.output.metrics.TIMESERIES`), with the steps at which scheduled events fired.

The alliance's value added is measured against the same seeds without an alliance, which
a single run cannot do; until the run outputs define a ``value_added`` column the chart
shows the firms' total profit (``surplus``) and says so in its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from sim.output.metrics import TIMESERIES

if TYPE_CHECKING:
    from sim.model import AllianceModel


@dataclass(frozen=True)
class Series:
    """One chart: a time-series column and its title; the unit is the column's."""

    column: str
    title: str

    @property
    def unit(self) -> str:
        return TIMESERIES[self.column].unit


def _value_series() -> Series:
    if "value_added" in TIMESERIES:
        return Series("value_added", "alliance's value added")
    return Series("surplus", "firms' total profit (surplus, not value added)")


CHARTED: tuple[Series, ...] = (
    Series("member_share", "member share"),
    Series("cooperation_share", "cooperation share (contributors / members)"),
    _value_series(),
    Series("public_cost", "public cost"),
)


def series_data(model: AllianceModel) -> dict[str, pd.DataFrame]:
    """The charted columns in long form (step, column, value) and the event steps."""
    frame = model.dataframe()
    wide = frame[["step", *(s.column for s in CHARTED)]]
    long = wide.melt(id_vars="step", var_name="column", value_name="value")
    events = frame.loc[frame["events_fired"] > 0, ["step"]]
    return {"series": long, "events": events}

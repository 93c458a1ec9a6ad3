"""The alliance's time series as a Vega-Lite chart: one small panel per series, a dashed
rule at each step where a scheduled event fired (:mod:`sim.explorer.series`).

The look is fixed per run (:func:`series_template`: the x axis spans the run's horizon);
each frame fills the data sets ``series`` and ``events``.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from sim.explorer.series import CHARTED, Series
from sim.explorer.vega import template

PANEL = (330, 120)  # width, height in px


def series_template(horizon: int) -> dict[str, Any]:
    """Two rows of two panels, x from step 0 to ``horizon``."""
    panels = [_panel(s, horizon) for s in CHARTED]
    rows = [alt.hconcat(*panels[i : i + 2]) for i in range(0, len(panels), 2)]
    chart = alt.vconcat(*rows).properties(title="over time (dashed: an event fired)")
    return template(chart)


def _panel(series: Series, horizon: int) -> alt.LayerChart:
    x = alt.X("step:Q", scale=alt.Scale(domain=[0, max(horizon, 1)]), title="step (quarter)")
    line = alt.Chart(alt.NamedData("series")).mark_line(color="#1f4e79")
    line = line.transform_filter(alt.datum.column == series.column)
    line = line.encode(x=x, y=alt.Y("value:Q", title=None))
    rules = alt.Chart(alt.NamedData("events")).mark_rule(color="#a50f15", strokeDash=[4, 3])
    title = f"{series.title} [{series.unit}]"
    return alt.layer(line, rules.encode(x=x)).properties(
        width=PANEL[0], height=PANEL[1], title=title
    )

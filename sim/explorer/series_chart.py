"""The alliance's time series as a Vega-Lite chart (altair): one small panel per series,
a dashed rule at each step where a scheduled event fired (:mod:`sim.explorer.series`)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.explorer.series import CHARTED

PANEL = (260, 120)  # width, height in px


def series_chart(long: pd.DataFrame, events: list[int], horizon: int) -> alt.VConcatChart:
    """Two rows of two panels, x from step 0 to the run's horizon."""
    titles = list(dict.fromkeys(long["series"])) or [s.title for s in CHARTED]
    panels = [_panel(long, title, events, horizon) for title in titles]
    rows = [alt.hconcat(*panels[i : i + 2]) for i in range(0, len(panels), 2)]
    return alt.vconcat(*rows).properties(title="over time (dashed: an event fired)")


def _panel(long: pd.DataFrame, title: str, events: list[int], horizon: int) -> alt.LayerChart:
    x = alt.X("step:Q", scale=alt.Scale(domain=[0, max(horizon, 1)]), title="step (quarter)")
    data = long[long["series"] == title]
    line = alt.Chart(data).mark_line(color="#1f4e79").encode(x=x, y=alt.Y("value:Q", title=None))
    rules = alt.Chart(pd.DataFrame({"step": events})).mark_rule(color="#a50f15", strokeDash=[4, 3])
    rules = rules.encode(x=x)
    return alt.layer(line, rules).properties(width=PANEL[0], height=PANEL[1], title=title)

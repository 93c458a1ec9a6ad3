"""The network of firms as a Vega-Lite chart (altair): ties as thin lines, firms as
circles coloured by state and sized by capacity, the organising firm ringed.

Axes are hidden (a layout's coordinates mean nothing) and fixed to the layout's extent,
so a frame differs from the last only in colours and which firms are in business.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.explorer.firm_states import STATE_COLOURS
from sim.explorer.network_view import NetworkFrame

SIZE = 420
NODE_AREA = (15, 250)  # smallest and largest circle, px^2
NO_AXIS = alt.Axis(labels=False, ticks=False, title=None, grid=False, domain=False)


def network_chart(frame: NetworkFrame) -> alt.LayerChart:
    """The frame as a layered chart: ties, firms, the organiser's ring."""
    scale = alt.Scale(domain=_extent(frame.nodes), nice=False, zero=False)
    x = alt.X("x:Q", scale=scale, axis=NO_AXIS)
    y = alt.Y("y:Q", scale=scale, axis=NO_AXIS)
    ties = alt.Chart(frame.edges).mark_rule(color="#cfcfcf", strokeWidth=0.5, opacity=0.6)
    ties = ties.encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    firms = alt.Chart(frame.nodes).mark_circle(opacity=0.9, stroke="white", strokeWidth=0.3)
    firms = firms.encode(
        x=x,
        y=y,
        color=alt.Color("state:N", scale=_state_scale(), legend=alt.Legend(orient="bottom")),
        size=alt.Size("capacity:Q", scale=alt.Scale(range=list(NODE_AREA)), legend=None),
        tooltip=["slot:Q", "state:N", alt.Tooltip("capacity:Q", format=".2f")],
    )
    ring = alt.Chart(frame.nodes[frame.nodes["organiser"]]).mark_point(
        shape="circle", size=600, color="black", strokeWidth=2, filled=False
    )
    ring = ring.encode(x=x, y=y, tooltip=[alt.Tooltip("slot:Q", title="organising firm")])
    return alt.layer(ties, firms, ring).properties(
        width=SIZE, height=SIZE, title="network of firms (ring: the organising firm)"
    )


def _state_scale() -> alt.Scale:
    return alt.Scale(domain=[s.value for s in STATE_COLOURS], range=list(STATE_COLOURS.values()))


def _extent(nodes: pd.DataFrame) -> list[float]:
    if nodes.empty:
        return [-1.0, 1.0]
    lo = float(min(nodes["x"].min(), nodes["y"].min()))
    hi = float(max(nodes["x"].max(), nodes["y"].max()))
    pad = 0.05 * (hi - lo or 1.0)
    return [lo - pad, hi + pad]

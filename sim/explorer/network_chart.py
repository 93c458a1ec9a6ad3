"""The network of firms as a Vega-Lite chart: ties as thin lines, firms as circles
coloured by state and sized by capacity, the organising firm ringed.

The look is fixed per network (:func:`network_template`: axes hidden, since a layout's
coordinates mean nothing, and fixed to the layout's extent); each frame fills the data
sets ``ties``, ``firms`` and ``organiser`` (:func:`network_data`).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sim.explorer.firm_states import STATE_COLOURS
from sim.explorer.network_view import NetworkFrame
from sim.explorer.vega import template

SIZE = 420
NODE_AREA = (15, 250)  # smallest and largest circle, px^2
NO_AXIS = alt.Axis(labels=False, ticks=False, title=None, grid=False, domain=False)


def network_template(extent: tuple[float, float], capacity: tuple[float, float]) -> dict[str, Any]:
    """The chart for a layout spanning ``extent`` and firms' capacities in ``capacity``."""
    scale = alt.Scale(domain=list(extent), nice=False, zero=False)
    x = alt.X("x:Q", scale=scale, axis=NO_AXIS)
    y = alt.Y("y:Q", scale=scale, axis=NO_AXIS)
    ties = alt.Chart(alt.NamedData("ties")).mark_rule(color="#cfcfcf", strokeWidth=0.5, opacity=0.6)
    ties = ties.encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    firms = alt.Chart(alt.NamedData("firms")).mark_circle(opacity=0.9)
    firms = firms.encode(
        x=x,
        y=y,
        color=alt.Color("state:N", scale=_state_scale(), legend=alt.Legend(orient="bottom")),
        size=alt.Size(
            "capacity:Q", scale=alt.Scale(domain=list(capacity), range=list(NODE_AREA)), legend=None
        ),
        tooltip=["slot:Q", "state:N", alt.Tooltip("capacity:Q", format=".2f")],
    )
    ring = alt.Chart(alt.NamedData("organiser")).mark_point(
        shape="circle", size=600, color="black", strokeWidth=2, filled=False
    )
    ring = ring.encode(x=x, y=y, tooltip=[alt.Tooltip("slot:Q", title="organising firm")])
    chart = alt.layer(ties, firms, ring).properties(
        width=SIZE, height=SIZE, title="network of firms (ring: the organising firm)"
    )
    return template(chart)


def network_data(frame: NetworkFrame) -> dict[str, pd.DataFrame]:
    """The frame's rows for the template's named data sets."""
    nodes = frame.nodes
    return {"ties": frame.edges, "firms": nodes, "organiser": nodes[nodes["organiser"]]}


def _state_scale() -> alt.Scale:
    return alt.Scale(domain=[s.value for s in STATE_COLOURS], range=list(STATE_COLOURS.values()))

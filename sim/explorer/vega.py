"""Charts as Vega-Lite specifications whose data is swapped each frame.

A chart's look (marks, scales, titles) is authored once with altair and turned into a
Vega-Lite dictionary that names its data sets instead of holding them; each frame only
fills the named data sets with this step's rows. Building and validating an altair chart
costs tens of milliseconds, filling a dictionary well under one, which keeps a frame at
1,000 firms fast (``benchmarks/bench_explorer.py``).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import solara


def template(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's Vega-Lite dictionary, its named data sets still empty."""
    return chart.to_dict()


def filled(spec: dict[str, Any], data: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """``spec`` with each named data set holding the rows of its frame."""
    datasets = {name: frame.to_dict(orient="records") for name, frame in data.items()}
    return {**spec, "datasets": {**spec.get("datasets", {}), **datasets}}


@solara.component
def VegaChart(spec: dict[str, Any]):
    """Show a Vega-Lite dictionary (solara's widget behind ``FigureAltair``)."""
    return solara.widgets.VegaLite.element(spec=spec, listen_to_click=False, listen_to_hover=False)

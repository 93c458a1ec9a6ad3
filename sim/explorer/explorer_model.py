"""The model the explorer drives: an :class:`sim.model.AllianceModel` built from the
student's :class:`sim.explorer.settings.ExplorerSettings`.

Mesa's model controller (``mesa.visualization.solara_viz.ModelController``) resets a model
by calling its class with keyword parameters; this class takes the settings as its one
keyword, so Mesa's Reset rebuilds exactly what the student chose. It adds nothing to the
model's behaviour.
"""

from __future__ import annotations

from sim.explorer.settings import ExplorerSettings
from sim.model import AllianceModel


class ExplorerModel(AllianceModel):
    """An alliance model that remembers the settings it was built from."""

    def __init__(self, settings: ExplorerSettings | None = None) -> None:
        self.settings = settings or ExplorerSettings()
        super().__init__(self.settings.scenario(), rng=self.settings.seed)

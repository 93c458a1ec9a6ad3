"""Where each firm is drawn: a layout computed once per network, on a sample of firms
when the industry is large.

A force-directed layout costs seconds at 1,000 nodes (DESIGN.md section 8), so it is
computed once, when the model is built, never per frame; each frame only reads the
firms' states. Above :data:`SAMPLE_LIMIT` slots a fixed sample is drawn (the leading
firm always in it) and the page says so. The sample and the layout draw from their own
generator seeded by the run's seed: they never touch the model's random streams, so
watching a run does not change it. Slots that appear later (entrants beyond the initial
slots) are placed once, beside a drawn neighbour, when they first appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from sim.explorer.firm_states import firm_states
from sim.scenario import Organiser

if TYPE_CHECKING:
    from sim.model import AllianceModel

SAMPLE_LIMIT = 300
"""Most firms drawn: beyond a few hundred nodes a drawing is a blur and costs time."""

LAYOUT_ITERATIONS = 50


@dataclass
class NetworkFrame:
    """One frame of the network: nodes with position, state, capacity; edges; a note."""

    nodes: pd.DataFrame  # slot, x, y, state, capacity, organiser
    edges: pd.DataFrame  # x, y, x2, y2
    note: str


class NetworkView:
    """The drawing of one model's network; build it once per model."""

    def __init__(self, model: AllianceModel, limit: int = SAMPLE_LIMIT) -> None:
        self.rng = np.random.default_rng([model.seed or 0, 0xD7A])  # drawing only
        self.total_slots = len(model.firms)
        self.slots = self._sample(model, limit)
        self.graph = self._graph(model)
        self.position = self._layout()
        self.extent = _extent(np.array(list(self.position.values())).reshape(-1, 2))
        drawn = model.firms.capacity[self.slots]
        self.capacity = (float(drawn.min()), float(drawn.max())) if len(drawn) else (0.0, 1.0)

    def _sample(self, model: AllianceModel, limit: int) -> np.ndarray:
        n = len(model.firms)
        if n <= limit:
            return np.arange(n)
        leader = model.leader_row()
        others = np.setdiff1d(np.arange(n), [leader])
        picked = self.rng.choice(others, size=limit - (leader >= 0), replace=False)
        return np.sort(np.concatenate([picked, [leader] if leader >= 0 else []]).astype(int))

    def _graph(self, model: AllianceModel) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(self.slots.tolist())
        net = model.network
        if net.well_mixed:
            return graph  # no ties: every firm can observe every other
        inside = np.zeros(max(net.n_nodes, len(model.firms)), dtype=bool)
        inside[self.slots] = True
        owner = np.repeat(np.arange(net.n_nodes), np.diff(net.indptr))
        keep = inside[owner] & inside[net.indices] & (owner < net.indices)
        graph.add_edges_from(zip(owner[keep].tolist(), net.indices[keep].tolist(), strict=True))
        return graph

    def _layout(self) -> dict[int, np.ndarray]:
        if self.graph.number_of_edges() == 0:
            return nx.circular_layout(self.graph)
        seed = int(self.rng.integers(2**31))
        return nx.spring_layout(self.graph, iterations=LAYOUT_ITERATIONS, seed=seed)

    def frame(self, model: AllianceModel) -> NetworkFrame:
        """The network as the model stands now (active firms among the drawn slots)."""
        if len(model.firms) > self.total_slots:
            self._grow(model)
        slots = self.slots[model.firms.active[self.slots]]
        xy = np.array([self.position[s] for s in slots.tolist()]).reshape(-1, 2)
        nodes = pd.DataFrame(
            {
                "slot": slots,
                "x": xy[:, 0],
                "y": xy[:, 1],
                "state": firm_states(model, slots),
                "capacity": model.firms.capacity[slots],
                "organiser": _organiser_mask(model, slots),
            }
        )
        return NetworkFrame(nodes, self._edges(slots), self._note(model, len(slots)))

    def _grow(self, model: AllianceModel) -> None:
        """Draw the slots the industry added (entrants beyond the initial slots) when the
        whole industry is drawn: each beside a drawn neighbour, once."""
        new = np.arange(self.total_slots, len(model.firms))
        self.total_slots = len(model.firms)
        if len(self.slots) + len(new) > SAMPLE_LIMIT:
            return  # a sample stays the sample of the initial slots
        self.slots = np.concatenate([self.slots, new])
        self.graph = self._graph(model)
        for slot in new.tolist():
            placed = [self.position[s] for s in self.graph.neighbors(slot) if s in self.position]
            anchor = placed[0] if placed else np.zeros(2)
            self.position[slot] = anchor + self.rng.normal(0.0, 0.03, size=2)

    def _edges(self, slots: np.ndarray) -> pd.DataFrame:
        drawn = self.graph.subgraph(slots.tolist()).edges()
        if not drawn:
            return pd.DataFrame({"x": [], "y": [], "x2": [], "y2": []})
        a, b = (np.array(side) for side in zip(*drawn, strict=True))
        pa = np.array([self.position[s] for s in a.tolist()])
        pb = np.array([self.position[s] for s in b.tolist()])
        return pd.DataFrame({"x": pa[:, 0], "y": pa[:, 1], "x2": pb[:, 0], "y2": pb[:, 1]})

    def _note(self, model: AllianceModel, shown: int) -> str:
        active = int(model.firms.active.sum())
        ties = "no ties (well mixed)" if model.network.well_mixed else "business ties"
        if len(self.slots) < self.total_slots:
            return (
                f"showing {shown} of {active} firms in business (a fixed sample of "
                f"{len(self.slots)} of {self.total_slots} slots) with their {ties}; "
                "colour: state, size: capacity"
            )
        return f"all {active} firms in business with their {ties}; colour: state, size: capacity"


def _extent(xy: np.ndarray) -> tuple[float, float]:
    """One range for both axes (the layout keeps its aspect), padded by a tenth."""
    if not len(xy):
        return (-1.0, 1.0)
    lo, hi = float(xy.min()), float(xy.max())
    pad = 0.1 * (hi - lo or 1.0)
    return (lo - pad, hi + pad)


def _organiser_mask(model: AllianceModel, slots: np.ndarray) -> np.ndarray:
    """The leading firm, where an enterprise organises the alliance."""
    mask = np.zeros(len(slots), dtype=bool)
    if Organiser.ENTERPRISE in model.config.alliance.organiser:
        mask = slots == model.leader_row()
    return mask

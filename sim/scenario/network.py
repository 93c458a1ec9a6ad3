"""The network section: the business ties among enterprises, along which imitation and
neighbourhood pools run."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from sim.scenario.section import Section, param


class NetworkKind(StrEnum):
    WELL_MIXED = "well_mixed"
    RING = "ring"
    LATTICE = "lattice"
    RANDOM_REGULAR = "random_regular"
    SMALL_WORLD = "small_world"
    SCALE_FREE = "scale_free"
    EDGE_LIST = "edge_list"


class Neighbourhood(StrEnum):
    VON_NEUMANN = "von_neumann"
    MOORE = "moore"


class Network(Section):
    """The business network among enterprises (imitation and neighbourhood pools use it)."""

    kind: NetworkKind = param(NetworkKind.SMALL_WORLD, None, None, "choice", "Network family")
    degree: int = param(6, 1, 1000, "ties", "Mean number of neighbours")
    rewire_probability: float = param(
        0.1, 0.0, 1.0, "probability", "Small-world rewiring probability"
    )
    neighbourhood: Neighbourhood = param(
        Neighbourhood.VON_NEUMANN, None, None, "choice", "Lattice neighbourhood"
    )
    periodic: bool = param(True, None, None, "switch", "Lattice wraps around (torus)")
    edge_list: Path | None = param(
        None, None, None, "path", "Whitespace-separated edge list, relative to the scenario file"
    )

"""The business network among enterprises: who observes and imitates whom, and which
neighbourhood pools a firm plays in.

Graphs come from networkx generators, always seeded from the model's generator (the
small world's edges are networkx's, replayed without building its graph:
:mod:`sim.small_world`), or from a user's edge list; they are then held as compressed
sparse rows (CSR) so the decision rules can sample neighbours of many firms at once.
``well_mixed`` has no graph: any active firm can be observed.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp

from sim.scenario import Neighbourhood, Network, NetworkKind
from sim.scenario.edge_list import read_edge_pairs
from sim.small_world import watts_strogatz_edges


class InteractionNetwork:
    """A fixed graph over firm slots, as CSR arrays (``indptr``, ``indices``)."""

    well_mixed = False

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, active: np.ndarray) -> None:
        self.indptr = indptr.astype(np.int64)
        self.indices = indices.astype(np.int64)
        self._active_ref = active
        self._adjacency: sp.csr_array | None = None

    def bind(self, active: np.ndarray) -> None:
        """Follow the enterprise table's ``active`` column (it is replaced when it grows)."""
        self._active_ref = active

    @property
    def n_nodes(self) -> int:
        return len(self.indptr) - 1

    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    def _rows(self, who: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        inside = who < self.n_nodes
        start = np.where(inside, self.indptr[np.minimum(who, self.n_nodes - 1)], 0)
        deg = np.where(inside, np.diff(self.indptr)[np.minimum(who, self.n_nodes - 1)], 0)
        return start, deg

    REDRAWS = 8

    def sample_one(self, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A uniformly random neighbour in business of each firm in ``who``.

        Rejection sampling: a draw that lands on a vacant slot is redrawn, up to
        ``REDRAWS`` times, which is exactly uniform over the active neighbours when it
        succeeds; -1 where it does not (no, or almost no, neighbour in business)."""
        start, deg = self._rows(who)
        pick = np.full(len(who), -1, dtype=np.int64)
        todo = np.flatnonzero(deg > 0)
        for _ in range(self.REDRAWS):
            if not len(todo):
                break
            offset = (rng.random(len(todo)) * deg[todo]).astype(np.int64)
            drawn = self.indices[start[todo] + offset]
            hit = self._active_ref[drawn]
            pick[todo[hit]] = drawn[hit]
            todo = todo[~hit]
        return pick

    def best_neighbour(
        self, who: np.ndarray, payoff: np.ndarray, rng: np.random.Generator | None = None
    ) -> np.ndarray:
        """The active neighbour with the highest payoff (first in adjacency order on a tie)."""
        start, deg = self._rows(who)
        total = int(deg.sum())
        result = np.full(len(who), -1, dtype=np.int64)
        if total == 0:
            return result
        seg_start = np.cumsum(deg) - deg
        flat = np.repeat(start - seg_start, deg) + np.arange(total)
        nbr = self.indices[flat]
        value = np.where(self._active_ref[nbr], payoff[nbr], -np.inf)
        has = deg > 0
        top = np.full(len(who), -np.inf)
        top[has] = np.maximum.reduceat(value, seg_start[has])
        owner = np.repeat(np.arange(len(who)), deg)
        is_top = (value == top[owner]) & np.isfinite(value)
        pos = np.where(is_top, np.arange(total), total)
        first = np.full(len(who), total)
        first[has] = np.minimum.reduceat(pos, seg_start[has])
        found = first < total
        result[found] = nbr[first[found]]
        return result

    def extend(self, n_rows: int, rng: np.random.Generator, preferential: bool) -> None:
        """Give new slots ``n_nodes..n_rows-1`` a place in the network: each ties to
        about half the mean degree of existing slots (so the mean degree is kept), drawn
        uniformly, or in proportion to degree (``preferential``, for scale-free
        networks). A modelling assumption: entrants beyond the initial population find
        partners at random."""
        old = self.n_nodes
        if n_rows <= old:
            return
        degree = self.degree()
        ties = max(1, round(float(degree.mean()) / 2)) if len(degree) else 1
        new = np.repeat(np.arange(old, n_rows), ties)
        if preferential and degree.sum() > 0:
            target = rng.choice(old, size=len(new), p=degree / degree.sum())
        else:
            target = rng.integers(0, old, size=len(new))
        self.indptr, self.indices = add_edges_csr(
            self.indptr, self.indices, np.stack([new, target], axis=1), n_rows
        )
        self._adjacency = None

    def adjacency(self, n_rows: int) -> sp.csr_array:
        """Adjacency matrix over ``n_rows`` slots (rows beyond the graph are isolated)."""
        if self._adjacency is None or self._adjacency.shape[0] != n_rows:
            indptr = self.indptr
            if n_rows > self.n_nodes:
                indptr = np.concatenate([indptr, np.full(n_rows - self.n_nodes, indptr[-1])])
            data = np.ones(len(self.indices))
            self._adjacency = sp.csr_array((data, self.indices, indptr), shape=(n_rows, n_rows))
        return self._adjacency

    def to_networkx(self) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(range(self.n_nodes))
        owner = np.repeat(np.arange(self.n_nodes), np.diff(self.indptr))
        graph.add_edges_from(zip(owner.tolist(), self.indices.tolist(), strict=True))
        return graph


class WellMixed:
    """No graph: every active firm can observe every other (mean-field population)."""

    well_mixed = True

    def __init__(self, active: np.ndarray, sample_size: int) -> None:
        self._active_ref = active
        self.sample_size = sample_size

    def bind(self, active: np.ndarray) -> None:
        self._active_ref = active

    def extend(self, n_rows: int, rng: np.random.Generator, preferential: bool) -> None:
        """Nothing to wire: every active firm observes every other."""

    def _others(self, who: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
        pool = np.flatnonzero(self._active_ref)
        if len(pool) < 2:
            return np.full((len(who), k), -1, dtype=np.int64)
        pick = pool[rng.integers(0, len(pool), size=(len(who), k))]
        clash = pick == who[:, None]
        while clash.any():
            pick[clash] = pool[rng.integers(0, len(pool), size=int(clash.sum()))]
            clash = pick == who[:, None]
        return pick

    def sample_one(self, who: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A uniformly random other active firm for each firm in ``who``."""
        return self._others(who, 1, rng)[:, 0]

    def best_neighbour(
        self, who: np.ndarray, payoff: np.ndarray, rng: np.random.Generator | None = None
    ) -> np.ndarray:
        """Best of ``sample_size`` random others (the well-mixed 'neighbourhood')."""
        if rng is None:
            raise ValueError("a well-mixed population needs a generator to draw observed firms")
        pick = self._others(who, self.sample_size, rng)
        if (pick < 0).all():
            return pick[:, 0]
        best = np.argmax(payoff[pick], axis=1)
        return pick[np.arange(len(who)), best]


def build_network(
    spec: Network, n: int, active: np.ndarray, rng: np.random.Generator
) -> InteractionNetwork | WellMixed:
    """The network the scenario asks for; every networkx generator is seeded from ``rng``."""
    seed = int(rng.integers(2**32))
    if spec.kind is NetworkKind.WELL_MIXED:
        return WellMixed(active, sample_size=spec.degree)
    if spec.kind is NetworkKind.LATTICE:
        side = math.isqrt(n)
        indptr, indices = lattice_csr(side, spec.neighbourhood, spec.periodic)
        return InteractionNetwork(indptr, indices, active)
    if spec.kind is NetworkKind.SMALL_WORLD:  # networkx's graph, without building one
        edges = watts_strogatz_edges(n, spec.degree, spec.rewire_probability, seed)
        return InteractionNetwork(*edges_csr(edges, n), active)
    graph = _generate(spec, n, seed)
    return InteractionNetwork(*graph_csr(graph, n), active)


def _generate(spec: Network, n: int, seed: int) -> nx.Graph:
    match spec.kind:
        case NetworkKind.RING:
            return nx.circulant_graph(n, range(1, spec.degree // 2 + 1))
        case NetworkKind.RANDOM_REGULAR:
            return nx.random_regular_graph(spec.degree, n, seed=seed)
        case NetworkKind.SMALL_WORLD:
            return nx.watts_strogatz_graph(n, spec.degree, spec.rewire_probability, seed=seed)
        case NetworkKind.SCALE_FREE:
            return nx.barabasi_albert_graph(n, spec.degree // 2, seed=seed)
        case NetworkKind.EDGE_LIST:
            return read_edge_list(Path(spec.edge_list), n)
    raise ValueError(f"unknown network kind {spec.kind}")


def read_edge_list(path: Path, n: int) -> nx.Graph:
    """The user's edge list (checked when the scenario loaded) as a graph over ``n`` slots."""
    graph = nx.Graph()
    graph.add_edges_from(read_edge_pairs(path, n))
    graph.add_nodes_from(range(n))
    return graph


def graph_csr(graph: nx.Graph, n: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays of an undirected graph over nodes 0..n-1, neighbours sorted."""
    edges = np.array(list(graph.edges()), dtype=np.int64).reshape(-1, 2)
    return edges_csr(edges, n)


def edges_csr(edges: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR arrays of the undirected graph with these edges over nodes 0..n-1: both
    directions, no self-loops, no repeats, neighbours sorted."""
    a = np.concatenate([edges[:, 0], edges[:, 1]]).astype(np.int64)
    b = np.concatenate([edges[:, 1], edges[:, 0]]).astype(np.int64)
    keys = np.unique((a * n + b)[a != b])
    source, target = np.divmod(keys, n)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(source, minlength=n))])
    return indptr.astype(np.int64), target


def add_edges_csr(
    indptr: np.ndarray, indices: np.ndarray, edges: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The CSR arrays with undirected ``edges`` added, over ``n >= len(indptr) - 1``
    nodes: the sorted keys of the old entries are merged with the new ones, which costs
    a few copies of the old arrays, not a sort of all of them."""
    owner = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
    keys = owner * n + indices
    del owner
    a = np.concatenate([edges[:, 0], edges[:, 1]]).astype(np.int64)
    b = np.concatenate([edges[:, 1], edges[:, 0]]).astype(np.int64)
    fresh = np.unique((a * n + b)[a != b])
    fresh = fresh[~_sorted_contains(keys, fresh)]
    keys = np.insert(keys, np.searchsorted(keys, fresh), fresh)
    source, target = np.divmod(keys, n)
    del keys
    counts = np.bincount(source, minlength=n)
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int64), target


def _sorted_contains(sorted_keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(sorted_keys, values)
    found = pos < len(sorted_keys)
    found[found] = sorted_keys[pos[found]] == values[found]
    return found


def lattice_csr(side: int, hood: Neighbourhood, periodic: bool) -> tuple[np.ndarray, np.ndarray]:
    """Square lattice of side x side slots; von Neumann (4) or Moore (8) neighbours."""
    offsets = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if hood is Neighbourhood.MOORE:
        offsets += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    r, c = np.divmod(np.arange(side * side), side)
    pairs = []
    for dr, dc in offsets:
        rr, cc = r + dr, c + dc
        if periodic:
            rr, cc = rr % side, cc % side
            ok = np.ones_like(rr, dtype=bool)
        else:
            ok = (rr >= 0) & (rr < side) & (cc >= 0) & (cc < side)
        pairs.append(np.stack([(r * side + c)[ok], (rr * side + cc)[ok]], axis=1))
    return edges_csr(np.concatenate(pairs), side * side)

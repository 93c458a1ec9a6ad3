"""The small world built without networkx (sim/small_world.py) has exactly the edges of
``networkx.watts_strogatz_graph`` with the same seed: on rings from 3 nodes (where a
node can be tied to every other, and rewiring gives up) to 2,000, at every rewiring
probability from none to all, and when the first batch of random words runs short."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import sim.small_world as small_world
from sim.network import edges_csr, graph_csr
from sim.small_world import watts_strogatz_edges


def same_graph(n: int, k: int, p: float, seed: int) -> bool:
    theirs = graph_csr(nx.watts_strogatz_graph(n, k, p, seed=seed), n)
    ours = edges_csr(watts_strogatz_edges(n, k, p, seed).reshape(-1, 2), n)
    return all(np.array_equal(a, b) for a, b in zip(theirs, ours, strict=True))


@pytest.mark.parametrize("n", [3, 4, 5, 7, 10, 31, 2_000])
@pytest.mark.parametrize("k", [0, 1, 2, 3, 4, 6, 8])
@pytest.mark.parametrize("p", [0.0, 0.1, 0.5, 1.0])
def test_the_edges_of_networkx(n, k, p):
    if k > n:
        pytest.skip("networkx refuses k > n")
    assert all(same_graph(n, k, p, seed) for seed in (0, 7, 2**32 - 1))


def test_a_short_batch_of_words_is_drawn_again(monkeypatch):
    monkeypatch.setattr(small_world, "WORDS_PER_EDGE", 0)  # the first batch runs out
    assert same_graph(500, 6, 0.3, 11)

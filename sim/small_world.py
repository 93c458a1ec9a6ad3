"""The Watts-Strogatz small world of ``networkx.watts_strogatz_graph``, edge for edge,
without building a networkx graph (at 100,000 firms the graph was the largest thing
the model ever held, and its construction a tenth of a run at 1,000 firms).

networkx joins each node to its ``k // 2`` successors on a ring, then visits the ring
edges (distance by distance, node by node) and rewires each with probability ``p`` to a
uniformly drawn node that is neither the node itself nor already its neighbour, giving
up on a node tied to every other. It draws from Python's ``random.Random(seed)``: a
Mersenne Twister whose 32-bit outputs numpy's ``MT19937`` reproduces once given the
same state. Here the words are drawn ahead in a batch and a compiled loop spends them
exactly as ``random.random()`` (two words) and ``random.choice`` (``getrandbits`` of the
bit length of ``n``, redrawn while out of range) would, on an edge set instead of a
graph. A batch too short is drawn again, longer, from the same state.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np

from sim.compiled import compiled

MT_WORDS = 624  # the Mersenne Twister's state, in 32-bit words
WORDS_PER_EDGE = 3  # a first guess at the words a ring edge takes (2, more if rewired)


def watts_strogatz_edges(n: int, k: int, p: float, seed: int) -> np.ndarray:
    """The edges (an (m, 2) array, in no particular order) of
    ``networkx.watts_strogatz_graph(n, k, p, seed=seed)`` for an integer ``seed``."""
    if not 2 <= k < n:  # no ring, a complete graph or an error: networkx's own answer
        return np.array(list(nx.watts_strogatz_graph(n, k, p, seed=seed).edges()), np.int64)
    state = random.Random(seed).getstate()[1]
    words = WORDS_PER_EDGE * n * (k // 2) + MT_WORDS
    while True:
        twister = np.random.MT19937()
        twister.state = {
            "bit_generator": "MT19937",
            "state": {"key": np.array(state[:MT_WORDS], np.uint32), "pos": state[MT_WORDS]},
        }
        raw = twister.random_raw(words).astype(np.int64)
        edges, enough = _rewired_ring(n, k // 2, float(p), raw, n.bit_length())
        if enough:
            return edges
        words *= 2


@compiled
def _rewired_ring(n, half, p, words, bits):
    """The rewired ring's edges, and whether ``words`` sufficed."""
    edges = set()
    degree = np.full(n, 2 * half, np.int64)
    for j in range(1, half + 1):
        for u in range(n):
            v = (u + j) % n
            edges.add(min(u, v) * n + max(u, v))
    at = 0
    for j in range(1, half + 1):
        for u in range(n):
            v = (u + j) % n
            if at + 2 > len(words):
                return np.empty((0, 2), np.int64), False
            high, low = words[at] >> 5, words[at + 1] >> 6  # random.random()
            at += 2
            if (high * 67108864.0 + low) * (1.0 / 9007199254740992.0) >= p:
                continue
            w = n
            while w >= n:  # random.choice(range(n)): getrandbits(bits) below n
                if at >= len(words):
                    return np.empty((0, 2), np.int64), False
                w = words[at] >> (32 - bits)
                at += 1
            skipped = False
            while w == u or min(u, w) * n + max(u, w) in edges:
                w = n
                while w >= n:
                    if at >= len(words):
                        return np.empty((0, 2), np.int64), False
                    w = words[at] >> (32 - bits)
                    at += 1
                if degree[u] >= n - 1:
                    skipped = True  # tied to every other node: no rewiring
                    break
            if not skipped:
                edges.remove(min(u, v) * n + max(u, v))
                edges.add(min(u, w) * n + max(u, w))
                degree[v] -= 1
                degree[w] += 1
    out = np.empty((len(edges), 2), np.int64)
    for i, key in enumerate(edges):
        out[i, 0], out[i, 1] = key // n, key % n
    return out, True

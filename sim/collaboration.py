"""Collaboration ties: the business network that joint projects grow.

Each joint (consortium) bid that wins a project ties its partners together. A tie
lasts ``market.collaboration_memory`` steps after its last joint project. Ties are
kept as a sorted array of pair keys (``low * K + high``) with the step each was last
used, so adding a step's ties costs a merge (a compiled loop).
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from sim.compiled import compiled

KEY_BITS = 31  # a key is low * 2**31 + high: slots below 2**31
KEY_BASE = np.int64(1) << KEY_BITS


class CollaborationTies:
    """Undirected, expiring ties between firm slots created by joint projects."""

    def __init__(self, memory: int) -> None:
        self.memory = memory
        self.keys = np.zeros(0, dtype=np.int64)
        self.last_used = np.zeros(0, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, a: np.ndarray, b: np.ndarray, step: int) -> None:
        """Tie each ``a[i]`` to ``b[i]`` (self-pairs ignored), refreshing existing ties."""
        if len(a):
            self._merge(a, b, step, np.iinfo(np.int32).min)

    def refresh(self, a: np.ndarray, b: np.ndarray, step: int) -> None:
        """A step's ties: :meth:`add` them, then :meth:`expire` at ``step``, in one pass
        (the merge leaves out the ties the expiry would drop)."""
        if not len(a) or self.memory < 1:  # with no memory the new ties expire too
            self.add(a, b, step)
            self.expire(step)
            return
        self._merge(a, b, step, step - self.memory + 1)

    def _merge(self, a: np.ndarray, b: np.ndarray, step: int, oldest: int) -> None:
        self.keys, self.last_used = _merge(
            self.keys, self.last_used, a.astype(np.int64), b.astype(np.int64), step, oldest
        )

    def expire(self, step: int) -> None:
        """Drop ties unused for longer than the memory."""
        keep = step - self.last_used < self.memory
        if not keep.all():
            self.keys, self.last_used = self.keys[keep], self.last_used[keep]

    def drop_firms(self, rows: np.ndarray) -> None:
        """Remove every tie of firms that left the market."""
        if not len(rows) or not len(self.keys):
            return
        self.keys, self.last_used = _without(self.keys, self.last_used, rows.astype(np.int64))

    def partners_of(self, row: int, step: int, within: int) -> np.ndarray:
        """The slots tied to ``row`` by a joint project within the last ``within`` steps
        (this step's ties included)."""
        lo, hi = self.ends()
        recent = step - self.last_used < within
        return np.concatenate((hi[recent & (lo == row)], lo[recent & (hi == row)]))

    def ends(self) -> tuple[np.ndarray, np.ndarray]:
        """The two ends of every tie (lower slot, higher slot): the key's high and low
        bits (a shift and a mask, much quicker than a division)."""
        return self.keys >> KEY_BITS, self.keys & (KEY_BASE - 1)

    def pairs(self) -> np.ndarray:
        """The ties as an (n, 2) array of slot pairs."""
        return np.stack(self.ends(), axis=1)

    def graph(self) -> nx.Graph:
        graph = nx.Graph()
        graph.add_edges_from(self.pairs().tolist())
        return graph


@compiled
def _merge(keys, last_used, a, b, step, oldest):
    """The sorted tie keys with the pairs ``a``-``b`` merged in, all used at ``step``;
    the old ties last used before ``oldest`` and not refreshed are left out. The old
    ties between two new keys are copied in one run, each written and kept unless
    expired (no branch on the expiry)."""
    new = np.empty(len(a), np.int64)
    m = 0
    for i in range(len(a)):
        if a[i] != b[i]:
            new[m] = min(a[i], b[i]) * KEY_BASE + max(a[i], b[i])
            m += 1
    new = np.sort(new[:m])
    n = len(keys)
    merged = np.empty(n + m, np.int64)
    used = np.empty(n + m, np.int32)
    i = k = 0
    for j in range(m + 1):
        bound = new[j] if j < m else np.iinfo(np.int64).max
        if 0 < j < m and new[j] == new[j - 1]:
            continue  # a pair tied twice this step
        while i < n and keys[i] < bound:
            merged[k], used[k] = keys[i], last_used[i]
            k += last_used[i] >= oldest
            i += 1
        if j == m:
            break
        if i < n and keys[i] == new[j]:
            i += 1  # an existing tie, refreshed
        merged[k], used[k] = new[j], step
        k += 1
    return merged[:k], used[:k]


@compiled
def _without(keys, last_used, rows):
    """The ties (keys and last use, in order) with neither end among ``rows``."""
    top = rows.max()
    gone = np.zeros(top + 1, np.bool_)
    gone[rows] = True
    kept = np.empty(len(keys), np.int64)
    used = np.empty(len(keys), np.int32)
    k = 0
    for i in range(len(keys)):
        lo, hi = keys[i] >> KEY_BITS, keys[i] & (KEY_BASE - 1)  # lo < hi
        dropped = lo <= top and (gone[lo] or (hi <= top and gone[hi]))
        kept[k], used[k] = keys[i], last_used[i]
        k += not dropped
    return kept[:k], used[:k]

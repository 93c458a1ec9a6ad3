"""Collaboration ties: the business network that joint projects grow.

Each joint (consortium) bid that wins a project ties its partners together. A tie
lasts ``market.collaboration_memory`` steps after its last joint project. Ties are
kept as a sorted array of pair keys (``low * K + high``) with the step each was last
used, so adding a step's ties costs a sort of its few new keys and a merge (compiled
loops).
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
        fresh = _tie_keys(a.astype(np.int64, copy=False), b.astype(np.int64, copy=False))
        self.keys, self.last_used = _merge(self.keys, self.last_used, fresh, step, oldest)

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
def _tie_keys(a, b):
    """The keys of the pairs ``a``-``b`` (self-pairs left out) in ascending order, each
    once. A step brings a couple of thousand in no order: they are spread into buckets
    by the leading bits of their lower slot (a counting sort, about one key a bucket),
    each bucket then sorted by insertion; much quicker than a general sort."""
    fresh = np.empty(len(a), np.int64)
    m = top = 0
    for i in range(len(a)):
        if a[i] != b[i]:
            low = min(a[i], b[i])
            fresh[m] = low * KEY_BASE + max(a[i], b[i])
            top = max(top, low)
            m += 1
    shift = 0
    while (top >> shift) >= max(m, 1):
        shift += 1
    starts = np.zeros((top >> shift) + 2, np.int64)
    for i in range(m):
        starts[((fresh[i] >> KEY_BITS) >> shift) + 1] += 1
    for j in range(1, len(starts)):
        starts[j] += starts[j - 1]
    fill = starts.copy()
    keys = np.empty(m, np.int64)
    for i in range(m):
        j = (fresh[i] >> KEY_BITS) >> shift
        keys[fill[j]] = fresh[i]
        fill[j] += 1
    for j in range(len(starts) - 1):
        for i in range(starts[j] + 1, starts[j + 1]):
            key, p = keys[i], i
            while p > starts[j] and keys[p - 1] > key:
                keys[p] = keys[p - 1]
                p -= 1
            keys[p] = key
    distinct = min(m, 1)
    for i in range(1, m):
        key = keys[i]
        other = key != keys[distinct - 1]  # else a pair tied twice this step
        keys[distinct] = key
        distinct += other
    return keys[:distinct]


@compiled
def _merge(keys, last_used, fresh, step, oldest):
    """The sorted tie keys with the sorted, distinct keys ``fresh`` merged in, all used
    at ``step``; the old ties last used before ``oldest`` and not refreshed are left
    out. One pass over the old ties, each written and kept unless expired (no branch
    on the expiry); the few new keys are let in as the pass reaches them (a loop over
    the old ties' range, much quicker than a loop on two cursors)."""
    n, m = len(keys), len(fresh)
    merged = np.empty(n + m, np.int64)
    used = np.empty(n + m, np.int32)
    k = j = 0
    last = np.iinfo(np.int64).max
    coming = fresh[0] if m else last
    for i in range(n):
        key = keys[i]
        if coming <= key:  # new ties come before this old one (rare)
            while coming < key:
                merged[k], used[k] = coming, step
                k, j = k + 1, j + 1
                coming = fresh[j] if j < m else last
            if coming == key:  # an existing tie, refreshed
                merged[k], used[k] = key, step
                k, j = k + 1, j + 1
                coming = fresh[j] if j < m else last
                continue
        merged[k], used[k] = key, last_used[i]
        k += last_used[i] >= oldest
    for rest in range(j, m):
        merged[k], used[k] = fresh[rest], step
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

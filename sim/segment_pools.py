"""The firms of each segment, for draws in proportion to capacity (the market's calls
for tender and its consortia, :mod:`sim.market`).

A pool lists the firms of each segment in slot order with the running sum of their
capacities. A draw with a uniform ``u`` in [0, 1) picks, within the requested segment,
the first firm whose cumulative capacity exceeds ``u`` times the segment's total
(inverse-CDF sampling: a firm is drawn with probability capacity / segment total).

Requests are served in a fixed order, whatever order they are made in: segment by
segment, and within a segment in the order of the requests, each taking the next
uniform; a request for a segment without firms gets ``-1`` and takes none. A request
made several times (a project's candidate bidders) is that many requests in a row,
served without spelling them out. Building a pool (a counting sort by segment, the
running sums and the lookup table, in one pass per segment) and serving the requests
are compiled loops (:mod:`sim.compiled`): a step makes thousands of draws from a few
small arrays.

The inversion needs no binary search: a lookup table cuts each segment's capacity into
``BINS_PER_FIRM`` equal-width bins per firm and gives, for each bin, a firm at or just
before the answer of any draw in it; the draw steps forward (or, after rounding at a
bin's edge, back) to the exact answer. The table only shortens the walk: the firm
drawn is the first whose cumulative capacity exceeds the draw whatever the table holds.
"""

from __future__ import annotations

import numpy as np

from sim.compiled import compiled
from sim.scenario import SEGMENTS

N_SEG = len(SEGMENTS)
BINS_PER_FIRM = 2  # lookup bins per firm: a draw lands within a step of its firm


class SegmentPools:
    """Firms ``rows`` of each segment with their cumulative capacity, built once per step."""

    def __init__(self, segment: np.ndarray, capacity: np.ndarray, rows: np.ndarray) -> None:
        self.rows, self.bounds, self.cum, self.start = _build(segment, capacity, rows, N_SEG)

    def size(self, s: int) -> int:
        """Number of firms of segment ``s`` in the pool."""
        return int(self.bounds[s + 1] - self.bounds[s])

    def uniforms_needed(self, wanted: np.ndarray, times: int = 1) -> int:
        """How many uniforms serving the segment requests ``wanted``, each made
        ``times`` times, takes (one per request whose segment has firms)."""
        has_firms = self.bounds[1:] > self.bounds[:-1]
        if has_firms.all():
            return wanted.size * times
        return int(has_firms[wanted].sum()) * times

    def draw(self, wanted: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """One firm per request (segment codes ``wanted``, any shape), drawn with
        probability proportional to capacity, ``-1`` where the segment has none."""
        return self.draw_each(wanted, 1, rng).reshape(np.shape(wanted))

    def draw_each(self, wanted: np.ndarray, times: int, rng: np.random.Generator) -> np.ndarray:
        """``times`` firms per request (segment codes ``wanted``, any shape; a last axis
        of ``times``): the draws of :meth:`draw` on each request repeated ``times`` times
        in a row (``np.repeat(wanted, times)``), without making the repeats."""
        flat = np.ascontiguousarray(wanted, dtype=np.int64).ravel()
        u = rng.random(self.uniforms_needed(flat, times))
        picks = _serve(flat, times, u, self.rows, self.bounds, self.cum, self.start)
        return picks.reshape((*np.shape(wanted), times))


@compiled
def _build(segment, capacity, rows, n_seg):
    """Counting sort of ``rows`` by segment (stable), each segment's cumulative capacity,
    and the lookup table of :func:`_serve`: for each segment's bins, the number of its
    firms before the first whose cumulative capacity ends in that bin or a later one
    (a histogram of the firms by end bin, then its running sum: no branch on the
    capacities), offset to the segment's first firm."""
    bounds = np.zeros(n_seg + 1, np.int64)
    for r in rows:
        bounds[segment[r] + 1] += 1
    for s in range(n_seg):
        bounds[s + 1] += bounds[s]
    fill = bounds[:-1].copy()
    ordered = np.empty(len(rows), np.int64)
    for r in rows:
        s = segment[r]
        ordered[fill[s]] = r
        fill[s] += 1
    cum = np.empty(len(rows))
    start = np.zeros(BINS_PER_FIRM * len(rows), np.int64)
    for s in range(n_seg):
        lo, hi = bounds[s], bounds[s + 1]
        total = 0.0
        for i in range(lo, hi):
            total += capacity[ordered[i]]
            cum[i] = total
        if lo == hi:
            continue
        first, bins = BINS_PER_FIRM * lo, BINS_PER_FIRM * (hi - lo)
        per_bin = bins / cum[hi - 1]
        for i in range(lo, hi - 1):  # the last firm is every later bin's start anyway
            start[first + max(min(int(cum[i] * per_bin), bins - 1), 0)] += 1
        before = lo
        for j in range(first, first + bins):
            before, start[j] = before + start[j], before
    return ordered, bounds, cum, start


@compiled
def _serve(wanted, times, u, rows, bounds, cum, start):
    """Serve requests, each made ``times`` times in a row, segment by segment, in
    request order within a segment (a counting sort assigns each request its first
    uniform), each inverting its segment's cumulative capacity at that uniform."""
    n_seg = len(bounds) - 1
    first = np.zeros(n_seg, np.int64)  # the first uniform of each segment's requests
    for i in range(len(wanted)):
        first[wanted[i]] += times
    total, per_bin = np.zeros(n_seg), np.zeros(n_seg)  # each segment's capacity, bins/CU
    taken = 0
    for s in range(n_seg):
        count, first[s] = first[s], taken
        if bounds[s + 1] > bounds[s]:  # a segment without firms takes no uniform
            taken += count
            total[s] = cum[bounds[s + 1] - 1]
            per_bin[s] = (BINS_PER_FIRM * (bounds[s + 1] - bounds[s])) / total[s]
    picks = np.full(len(wanted) * times, -1, np.int64)
    for i in range(len(wanted)):
        s = wanted[i]
        lo, hi = bounds[s], bounds[s + 1]
        if lo == hi:
            continue
        bins, at = BINS_PER_FIRM * (hi - lo), first[s]
        first[s] += times
        for t in range(times):
            x = u[at + t] * total[s]
            # The first firm whose cumulative capacity exceeds x (the last if none). A
            # binary search would take a branch the CPU cannot predict at every level
            # (the draws are random); the lookup table (BINS_PER_FIRM equal-width bins
            # per firm) gives a firm near the answer, and a few steps forward or back
            # land on it exactly, from any start. The one step forward a draw needs
            # about once in four is taken without a branch; further steps (about one
            # draw in 400) are rare enough for the CPU to predict that there are none.
            pick = start[BINS_PER_FIRM * lo + max(min(int(x * per_bin[s]), bins - 1), 0)]
            pick += pick < hi - 1 and cum[pick] <= x
            while pick < hi - 1 and cum[pick] <= x:
                pick += 1
            while pick > lo and cum[pick - 1] > x:
                pick -= 1
            picks[i * times + t] = rows[pick]
    return picks

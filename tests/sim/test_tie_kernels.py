"""The ties' compiled kernels (sim/collaboration.py: ``_tie_keys`` sorting a step's
pairs, ``_merge`` and ``_without``) give what plain numpy gives: on no old ties, no new
ones, a pair tied twice in a step, self-pairs, refreshed ties, expired ones at both ends
of the key range, and removed firms at either end of a tie."""

from __future__ import annotations

import numpy as np
import pytest

from sim.collaboration import KEY_BASE, _merge, _tie_keys, _without


def numpy_merge(keys, last_used, a, b, step, oldest):
    pair = a != b
    new = np.unique(np.minimum(a, b)[pair] * KEY_BASE + np.maximum(a, b)[pair])
    kept = (last_used >= oldest) & ~np.isin(keys, new)
    merged = np.concatenate([keys[kept], new])
    used = np.concatenate([last_used[kept], np.full(len(new), step, np.int32)])
    order = np.argsort(merged, kind="stable")
    return merged[order], used[order]


def numpy_tie_keys(a, b):
    pair = a != b
    return np.unique(np.minimum(a, b)[pair] * KEY_BASE + np.maximum(a, b)[pair])


def numpy_without(keys, last_used, rows):
    keep = ~(np.isin(keys >> 31, rows) | np.isin(keys & (KEY_BASE - 1), rows))
    return keys[keep], last_used[keep]


def random_ties(make, count, slots):
    lo = make.integers(0, slots, size=count)
    hi = make.integers(0, slots, size=count)
    pair = lo != hi
    keys = np.unique(np.minimum(lo, hi)[pair] * KEY_BASE + np.maximum(lo, hi)[pair])
    return keys, make.integers(0, 10, size=len(keys)).astype(np.int32)


@pytest.mark.parametrize("old", [0, 1, 50, 400])
@pytest.mark.parametrize("fresh", [0, 1, 30])
@pytest.mark.parametrize("oldest", [-5, 4, 11])
def test_merge_as_numpy(old, fresh, oldest):
    make = np.random.default_rng(old * 100 + fresh)
    keys, last_used = random_ties(make, old, 40)
    a = make.integers(0, 40, size=fresh).astype(np.int64)
    b = make.integers(0, 40, size=fresh).astype(np.int64)
    a, b = np.concatenate([a, a[:3], [7]]), np.concatenate([b, b[:3], [7]])  # twice; self
    got = _merge(keys, last_used, _tie_keys(a, b), 10, oldest)
    expected = numpy_merge(keys, last_used, a, b, 10, oldest)
    assert all(np.array_equal(g, e) for g, e in zip(got, expected, strict=True))


@pytest.mark.parametrize("count", [0, 1, 2, 7, 100, 2000])
@pytest.mark.parametrize("slots", [2, 40, 11_250, 2**31 - 1])
def test_tie_keys_as_numpy(count, slots):
    make = np.random.default_rng(count + slots)
    a = make.integers(0, slots, size=count).astype(np.int64)
    b = make.integers(0, slots, size=count).astype(np.int64)
    cases = [
        (a, b),
        (np.concatenate([a, b, a]), np.concatenate([b, a, b])),  # each pair three times
        (a, a),  # self-pairs only
        (np.full(count, slots - 1), b),  # one lower end... or the upper one
        (np.zeros(count, np.int64), b),  # every pair in one bucket
    ]
    for a_, b_ in cases:
        np.testing.assert_array_equal(_tie_keys(a_, b_), numpy_tie_keys(a_, b_))


@pytest.mark.parametrize("old", [1, 50, 400])
@pytest.mark.parametrize("rows", [[0], [39], [3, 17, 38], list(range(40)), [1000]])
def test_without_as_numpy(old, rows):
    keys, last_used = random_ties(np.random.default_rng(old), old, 40)
    rows = np.array(rows, dtype=np.int64)
    got = _without(keys, last_used, rows)
    expected = numpy_without(keys, last_used, rows)
    assert all(np.array_equal(g, e) for g, e in zip(got, expected, strict=True))

"""The compiled float sort (sim/float_sort.py) gives ``np.sort``'s values bit for bit,
by either of its ways (buckets of leading bits, or the radix sort when a bucket would
be crowded), on values that would reveal a bug: empty, one value, ties, signs, zeros,
infinities, NaNs, subnormals, a narrow range and a wide one."""

from __future__ import annotations

import numpy as np
import pytest

import sim.float_sort
from sim.float_sort import sort_floats

MAKE = np.random.default_rng(20)
CASES = {
    "empty": np.zeros(0),
    "one": np.array([3.5]),
    "specials": np.array([np.nan, 1.0, -np.inf, np.inf, -3.0, 5e-324, -5e-324, 0.0, np.nan]),
    "ties": np.full(1000, 2.5),
    "normal": MAKE.normal(size=5000),
    "rounded ties": np.round(MAKE.normal(size=5000), 1),
    "narrow": 1000.0 + MAKE.random(3000) * 1e-9,
    "cash-like": MAKE.lognormal(2.0, 1.5, size=10_000),
    "negative NaN": np.array([2.0, -np.nan, 1.0]),
}


def same_bits(got: np.ndarray, expected: np.ndarray) -> bool:
    """Equal bit for bit, except that any NaN equals any NaN (its payload is lost) and
    -0.0 equals 0.0 (``np.sort`` leaves their order to chance)."""
    both_nan = np.isnan(got) & np.isnan(expected)
    got, expected = got[~both_nan] + 0.0, expected[~both_nan] + 0.0  # -0.0 + 0.0 is 0.0
    return bool(np.array_equal(got.view(np.uint64), expected.view(np.uint64)))


@pytest.mark.parametrize("name", CASES)
def test_as_np_sort(name):
    values = CASES[name].copy()
    assert same_bits(sort_floats(values), np.sort(values))
    assert np.array_equal(values, CASES[name], equal_nan=True)  # the input is left alone


@pytest.mark.parametrize("name", CASES)
def test_radix_sort_as_np_sort(name, monkeypatch):
    monkeypatch.setattr(sim.float_sort, "MOST_IN_A_BUCKET", 0)  # every bucket crowded
    values = CASES[name]
    assert same_bits(sort_floats(values), np.sort(values))


def test_zeros_of_both_signs_sort_as_equals():
    got = sort_floats(np.array([0.0, -0.0, 1.0, -0.0, -1.0]))
    assert np.array_equal(got, [-1.0, 0.0, 0.0, 0.0, 1.0])

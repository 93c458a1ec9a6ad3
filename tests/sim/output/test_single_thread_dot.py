"""The Gini coefficient's dot product (sim/output/metrics.py ``single_thread_dot``) is
numpy's up to the length OpenBLAS keeps on one thread, and above it the sum, in order,
of the dots of consecutive blocks of that length: the same on any number of cores."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.output.metrics import BLAS_ONE_THREAD, single_thread_dot


@pytest.mark.parametrize("n", [0, 1, 999, BLAS_ONE_THREAD])
def test_numpy_dot_up_to_one_thread(n):
    x = np.random.default_rng(n).pareto(1.5, n)
    ranks = np.arange(1, n + 1)
    assert single_thread_dot(ranks, x) == float(np.dot(ranks, x))


def test_blocks_added_in_order_above_it():
    n = 2 * BLAS_ONE_THREAD + 123
    x = np.random.default_rng(1).pareto(1.5, n)
    ranks = np.arange(1, n + 1)
    first, second, rest = (
        float(np.dot(ranks[:10_000], x[:10_000])),
        float(np.dot(ranks[10_000:20_000], x[10_000:20_000])),
        float(np.dot(ranks[20_000:], x[20_000:])),
    )
    assert single_thread_dot(ranks, x) == (first + second) + rest
    exact = math.fsum((ranks * x).tolist())
    assert single_thread_dot(ranks, x) == pytest.approx(exact, rel=1e-12)

"""The bids' base scores in one compiled pass (sim/market.py ``_scores``) carry the
same bits as the numpy expression of the market's rule, operation for operation (no
fused multiply-add, no reordering), on values of every size and sign, zeros and
infinities included, and on an empty market."""

from __future__ import annotations

import numpy as np
import pytest

from sim.market import _scores


def numpy_scores(quality, reputation, preference, w_q, w_r, w_p, markup_max):
    markup = markup_max * (1.0 + quality) / 2.0
    return w_q * quality + w_r * reputation - w_p * markup + preference


@pytest.mark.parametrize("size", [0, 1, 100_000])
@pytest.mark.parametrize(
    "weights", [(1.0, 1.0, 2.0, 0.2), (0.3, 7.1, 0.0, 1.7), (1e-9, 3e8, 5.5, 0.013)]
)
def test_same_bits_as_numpy(size, weights):
    make = np.random.default_rng(size)
    quality = make.random(size)
    reputation = make.random(size) * make.choice([1e-12, 1.0, 1e12], size=size)
    preference = make.normal(size=size) * make.choice([0.0, 1e-8, 3.0], size=size)
    if size:
        quality[0], reputation[0], preference[0] = 0.0, np.inf, -0.0
    got = _scores(quality, reputation, preference, *weights)
    expected = numpy_scores(quality, reputation, preference, *weights)
    assert np.array_equal(got.view(np.uint64), expected.view(np.uint64))

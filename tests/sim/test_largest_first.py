"""The multi-segment projects' segments by selection (sim/market.py ``_largest_first``)
are those ``np.argsort(-keys, axis=1)[:, :width]`` gives on the Gumbel top-k keys,
segments without demand (-inf keys) included."""

from __future__ import annotations

import numpy as np
import pytest

from sim.market import _largest_first


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_same_columns_as_argsort(width):
    make = np.random.default_rng(width)
    with np.errstate(divide="ignore"):
        log_shares = np.log(np.array([0.3, 0.3, 0.2, 0.2, 0.0]))
    for rows in (0, 1, 7, 300):
        keys = log_shares[None, :] + make.gumbel(size=(rows, 5))
        expected = np.argsort(-keys, axis=1)[:, :width]
        assert np.array_equal(_largest_first(keys, width), expected)

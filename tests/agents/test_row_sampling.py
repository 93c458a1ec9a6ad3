"""Row sampling in one compiled pass (agents/decisions/rule.py) draws what numpy's
row-wise ``cumsum`` gives (the same picks from the same uniforms), and the logit rule's
utility gaps (agents/decisions/logit.py) are what its array expressions gave: random
values with zeros, ties, -inf and NaN, one to five columns, no row, one row, strided."""

from __future__ import annotations

import numpy as np
import pytest

from agents.decisions.logit import utility_gaps
from agents.decisions.rule import sample_rows


def reference_sample(weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    cum = np.cumsum(weights, axis=1)
    u = rng.random(len(weights)) * cum[:, -1]
    return np.minimum((cum <= u[:, None]).sum(axis=1), weights.shape[1] - 1)


@pytest.mark.parametrize("columns", [1, 2, 3, 5])
def test_same_picks_as_cumsum(columns):
    make = np.random.default_rng(columns)
    weights = make.random((400, columns)) * (make.random((400, columns)) < 0.7)
    weights[:5] = 0.0  # rows with nothing to choose
    weights[5:10] = 1.0  # ties
    weights[10, 0] = np.nan  # compares false, as numpy's comparison does
    weights[11, -1] = np.inf
    ours = sample_rows(weights, np.random.default_rng(9))
    theirs = reference_sample(weights, np.random.default_rng(9))
    assert ours.dtype == np.int64
    assert np.array_equal(ours, theirs)
    assert np.array_equal(sample_rows(weights[:0], np.random.default_rng(9)), [])
    strided = np.asfortranarray(weights)[::2]  # not contiguous
    expected = reference_sample(strided, np.random.default_rng(9))
    assert np.array_equal(sample_rows(strided, np.random.default_rng(9)), expected)
    one = sample_rows(weights[12:13], np.random.default_rng(9))
    assert np.array_equal(one, reference_sample(weights[12:13], np.random.default_rng(9)))


@pytest.mark.parametrize("columns", [1, 2, 3, 5])
def test_same_utility_gaps_as_numpy(columns):
    make = np.random.default_rng(columns)
    utility = make.normal(size=(300, columns))
    utility[make.random((300, columns)) < 0.2] = -np.inf
    utility[:3, 0] = np.nan
    utility[3:6] = 0.5  # ties
    allowed = make.random((300, columns)) < 0.7
    allowed[6:9] = False  # nothing open
    top = np.where(allowed, utility, -np.inf).max(axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        expected = np.where(allowed, utility - top, 0.0)
    assert np.array_equal(utility_gaps(utility, allowed), expected, equal_nan=True)
    assert utility_gaps(utility[:0], allowed[:0]).shape == (0, columns)
    one = utility_gaps(utility[3:4], allowed[3:4])
    assert np.array_equal(one, expected[3:4], equal_nan=True)

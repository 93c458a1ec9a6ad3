"""The segments each project needs (sim/market.py ``_segments_needed``): the lead
throughout for a single-segment project; for a multi-segment one the columns
``np.argsort(-keys, axis=1)[:, :width]`` gives on its Gumbel top-k keys, segments
without demand (-inf keys) included."""

from __future__ import annotations

import numpy as np
import pytest

from sim.market import _segments_needed


def numpy_way(lead, is_multi, log_shares, gumbel, width):
    needs = np.repeat(lead[:, None], width, axis=1)
    multi = np.flatnonzero(is_multi)
    if width > 1 and len(multi):
        keys = log_shares[None, :] + gumbel
        needs[multi] = np.argsort(-keys, axis=1)[:, :width]
    return needs


@pytest.mark.parametrize("width", [1, 2, 3, 4])
@pytest.mark.parametrize("projects", [0, 1, 7, 300])
def test_as_the_numpy_way(width, projects):
    make = np.random.default_rng(width * 1000 + projects)
    with np.errstate(divide="ignore"):
        log_shares = np.log(np.array([0.3, 0.3, 0.2, 0.2, 0.0]))
    lead = make.integers(0, 4, size=projects)
    is_multi = make.random(projects) < 0.4
    gumbel = make.gumbel(size=(int(is_multi.sum()) if width > 1 else 0, 5))
    expected = numpy_way(lead, is_multi, log_shares, gumbel, width)
    assert np.array_equal(_segments_needed(lead, is_multi, log_shares, gumbel, width), expected)


def test_a_tie_goes_to_the_first_column():
    needs = _segments_needed(np.array([4]), np.array([True]), np.zeros(5), np.zeros((1, 5)), 3)
    assert needs.tolist() == [[0, 1, 2]]

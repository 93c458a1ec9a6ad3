"""The segments each project needs (sim/market.py ``_segments_needed``): the lead
throughout for a single-segment project, where ``np.searchsorted`` puts its uniform in
the demand shares' cumulative (ties at a segment's edge included); for a multi-segment
one the columns ``np.argsort(-keys, axis=1)[:, :width]`` gives on its Gumbel top-k keys,
segments without demand (-inf keys) included."""

from __future__ import annotations

import numpy as np
import pytest

from sim.market import _segments_needed


def numpy_way(u, cum, is_multi, log_shares, gumbel, width):
    lead = np.minimum(np.searchsorted(cum, u, side="right"), len(cum) - 1)
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
    cum = np.array([0.3, 0.6, 0.8, 1.0, 1.0])
    u = make.choice([0.0, 0.3, 0.5, 0.8, 0.9999, 1.0], size=projects)  # edges: ties
    is_multi = make.random(projects) < 0.4
    gumbel = make.gumbel(size=(int(is_multi.sum()) if width > 1 else 0, 5))
    expected = numpy_way(u, cum, is_multi, log_shares, gumbel, width)
    got = _segments_needed(u, cum, is_multi, log_shares, gumbel, width)
    assert np.array_equal(got, expected)


def test_a_tie_goes_to_the_first_column():
    cum = np.linspace(0.2, 1.0, 5)
    needs = _segments_needed(
        np.array([0.9]), cum, np.array([True]), np.zeros(5), np.zeros((1, 5)), 3
    )
    assert needs.tolist() == [[0, 1, 2]]

"""The consortia's compiled steps (sim/market.py ``_partner_requests``,
``_place_partners``) give what the plain numpy way gives: the leads in the order
``np.nonzero`` finds them, and partners placed only where every segment gave one; on
no leads, one lead, absent bidders (-1) and leads that found no partner."""

from __future__ import annotations

import numpy as np
import pytest

from sim.market import _partner_requests, _place_partners


def numpy_requests(bidders, is_multi, is_member, needs):
    lead_is_member = is_multi[:, None] & is_member[np.maximum(bidders, 0)] & (bidders >= 0)
    proj, slot = np.nonzero(lead_is_member)
    return needs[proj, 1:], proj * bidders.shape[1] + slot


def numpy_placed(found, leads, projects, bids):
    complete = (found >= 0).all(axis=1)
    partners = np.full((projects, bids, found.shape[1]), -1, dtype=np.int64)
    proj, slot = np.divmod(leads, bids)
    partners[proj[complete], slot[complete]] = found[complete]
    return partners


@pytest.mark.parametrize("projects", [0, 1, 7, 200])
@pytest.mark.parametrize("k", [2, 3])
def test_as_the_numpy_way(projects, k):
    make = np.random.default_rng(projects + k)
    firms, bids = 30, 4
    bidders = make.integers(-1, firms, size=(projects, bids))
    is_multi = make.random(projects) < 0.5
    is_member = make.random(firms) < 0.4
    needs = make.integers(0, 5, size=(projects, k))
    wanted, leads = _partner_requests(bidders, is_multi, is_member, needs)
    expected_wanted, expected_leads = numpy_requests(bidders, is_multi, is_member, needs)
    assert np.array_equal(wanted, expected_wanted) and np.array_equal(leads, expected_leads)
    found = make.integers(-1, firms, size=wanted.shape)  # -1: a segment without a member
    placed = _place_partners(found, leads, projects, bids)
    assert np.array_equal(placed, numpy_placed(found, leads, projects, bids))


def test_a_lone_lead_without_a_partner_bids_alone():
    bidders = np.array([[3, -1]])
    wanted, leads = _partner_requests(
        bidders, np.array([True]), np.ones(5, bool), np.array([[0, 2, 4]])
    )
    assert wanted.tolist() == [[2, 4]] and leads.tolist() == [0]
    assert _place_partners(np.array([[1, -1]]), leads, 1, 2).tolist() == [[[-1, -1], [-1, -1]]]
    assert _place_partners(np.array([[1, 2]]), leads, 1, 2).tolist() == [[[1, 2], [-1, -1]]]

"""The leading enterprise's participation constraint (agents/leadership.py)."""

import pytest

from agents.action import Action
from agents.leadership import Leadership


def test_smoothed_benefit_follows_the_formula():
    lead = Leadership(memory=0.25)
    assert lead.observe(7, 4.0) == pytest.approx(1.0)
    assert lead.observe(7, -8.0) == pytest.approx(0.75 * 1.0 - 2.0)


def test_stays_while_organising_pays_and_leaves_when_it_does_not():
    lead = Leadership(memory=0.5)
    lead.observe(3, 1.0)
    assert lead.choice() is Action.CONTRIBUTE
    lead.observe(3, -0.5)  # 0.5 * 1 - 0.25 = 0.25: still worth it
    assert lead.choice() is Action.CONTRIBUTE
    lead.observe(3, -2.0)  # 0.125 - 1 < 0
    assert lead.choice() is Action.OUTSIDE


def test_a_new_leader_starts_afresh():
    lead = Leadership(memory=1.0)
    lead.observe(3, -5.0)
    assert lead.choice() is Action.OUTSIDE
    lead.observe(4, 2.0)
    assert lead.row == 4
    assert lead.benefit == pytest.approx(2.0)
    assert lead.choice() is Action.CONTRIBUTE


def test_a_new_leader_serves_its_commitment_before_weighing_leaving():
    lead = Leadership(memory=1.0, commitment=2)
    for _ in range(2):
        lead.observe(5, -3.0)  # organising loses money, but it signed up for two steps
        assert lead.choice() is Action.CONTRIBUTE
    lead.observe(5, -3.0)  # third step: free to weigh it, and it leaves
    assert lead.choice() is Action.OUTSIDE
    lead.observe(6, -3.0)  # a successor starts its own term
    assert lead.choice() is Action.CONTRIBUTE and lead.served == 1

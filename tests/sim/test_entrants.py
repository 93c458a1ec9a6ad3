"""Entrants (sim.roster.Roster.enter_firms): a firm that takes over a vacant row starts
clean (outsider, no offences, neutral rating, no certificate, no learned propensities),
and where membership is compulsory its stance is drawn with the initial contributor
share."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.model import AllianceModel


def _model(make_scenario, **decisions) -> AllianceModel:
    return AllianceModel(
        make_scenario({"population": {"entry_rate": 0.0}, "decisions": {"enterprise": decisions}}),
        rng=3,
    )


def test_an_entrant_in_a_vacated_row_starts_clean(make_scenario):
    model = _model(make_scenario, rule="roth_erev")
    model.rule.reset_rows(np.array([len(model.firms) - 1]))  # the learner's table exists
    t = model.firms
    rows = np.array([3, 7])
    t.strategy[rows] = Action.CONTRIBUTE
    t.offences[rows], t.rating[rows], t.certified[rows] = 2, 0.1, True
    model.rule.state[rows] = [[9.0, 0.5, 4.0]] * 2  # what the leavers learned
    model.exit_firms(rows)
    model.enter_firms(count=2)
    assert t.active[rows].all()  # the lowest vacant rows are taken first
    assert (t.strategy[rows] == Action.OUTSIDE).all()
    assert (t.offences[rows] == 0).all() and (t.rating[rows] == 0.5).all()
    assert not t.certified[rows].any()
    np.testing.assert_array_equal(model.rule.state[rows], np.ones((2, 3)))  # Roth-Erev's start


def test_bush_mosteller_entrants_start_from_equal_probabilities(make_scenario):
    model = _model(make_scenario, rule="bush_mosteller")
    model.rule.reset_rows(np.array([len(model.firms) - 1]))  # the learner's table exists
    rows = np.array([5])
    model.rule.state[rows] = [[0.9, 0.05, 0.05]]
    model.exit_firms(rows)
    model.enter_firms(count=1)
    np.testing.assert_allclose(model.rule.state[rows], [[1 / 3, 1 / 3, 1 / 3]])


@pytest.mark.parametrize("share", [0.0, 1.0, 0.3])
def test_compulsory_membership_draws_entrants_stance_with_the_contributor_share(
    make_scenario, share
):
    scenario = make_scenario(
        {
            "population": {"entry_rate": 0.0, "initial_contributor_share": share,
                           "initial_member_share": 1.0},
            "decisions": {"enterprise": {"rule": "fermi",
                                         "strategies": ["contribute", "free_ride"]}},
        },
        enterprises=100,
    )  # fmt: skip
    model = AllianceModel(scenario, rng=5)
    t = model.firms
    model.exit_firms(np.arange(60))
    model.enter_firms(count=60)
    entrants = t.strategy[:60]
    assert not (entrants == Action.OUTSIDE).any()
    contributed = float((entrants == Action.CONTRIBUTE).mean())
    if share in (0.0, 1.0):
        assert contributed == share
    else:  # binomial(60, 0.3): within three standard errors
        assert abs(contributed - share) < 3 * np.sqrt(share * (1 - share) / 60)

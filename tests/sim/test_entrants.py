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


def _entered(scenario, signal: float) -> dict[int, tuple[float, float]]:
    """Identity -> (capacity, quality) of the firms one entry stage lets in at ``signal``."""
    model = AllianceModel(scenario, rng=8)
    model.streams = model.chance.at(1)
    model.profit_signal.value = signal
    incumbents = len(model.firms)  # no vacant slot yet: entrants take new ones
    model.enter_firms()
    t = model.firms
    new = np.flatnonzero(t.active[incumbents:]) + incumbents
    return {int(t.ident[r]): (float(t.capacity[r]), float(t.quality[r])) for r in new}


def test_runs_with_one_seed_meet_the_same_potential_entrants(make_scenario):
    # Entry probability 0.2 / (0.2 + 0.05) = 0.8 against 0.01 / 0.06 = 1/6: the low
    # signal lets in a subset of the same potential entrants, with the same traits.
    scenario = make_scenario({"population": {"entry_rate": 0.2}}, enterprises=200)
    many, few = _entered(scenario, 0.2), _entered(scenario, 0.01)
    assert len(many) > len(few) > 0
    assert set(few) <= set(many)
    assert all(few[i] == many[i] for i in few)
    assert min(many) >= 200  # identities after the initial firms'


def test_entrants_thin_the_potential_flow(make_scenario):
    # Poisson(0.1 x 200 = 20) potential entrants, each entering with P = 0.05 / 0.1
    # = 0.5: 10 entrants a step on average; over 200 steps the mean's standard error is
    # sqrt(10 / 200) = 0.22.
    scenario = make_scenario({"population": {"entry_rate": 0.1}}, enterprises=200)
    model = AllianceModel(scenario, rng=4)
    counts = []
    for step in range(1, 201):
        model.streams = model.chance.at(step)
        model.profit_signal.value = 0.05
        model.enter_firms()
        counts.append(model.last_entrants)
    assert abs(np.mean(counts) - 10.0) < 4 * np.sqrt(10.0 / 200)
    # every potential entrant takes an identity, entering or not: 20 a step (SE 0.32)
    assert abs((model.next_ident - 200) / 200 - 20.0) < 4 * np.sqrt(20.0 / 200)

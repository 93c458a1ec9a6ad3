"""The formulas of sim.incentives.sanction_cost checked by hand: the discounted duration
of a drop, the score loss share with consortia, the reputation and rating losses (each
over its own recovery rate), and the standing cost (any catch costs reputation, only the
society's catch costs rating), on stand-in models whose every number is chosen."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from sim.incentives.sanction_cost import (
    detection_probabilities,
    discounted_duration,
    expected_fines,
    rating_loss,
    reputation_loss,
    score_drops,
    score_loss_share,
    standing_cost,
    symmetric_loss_shares,
)
from sim.model import AllianceModel
from sim.monitoring import catch_chances
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario
from sim.scenario.modes import Monitor

MARKET = dict(
    enabled=True,
    multi_segment_share=0.4,
    segments_per_large_project=3,
    score_noise=0.5,
    bidders_per_project=4,
    weight_reputation=0.6,
    reputation_learning=0.25,
)


def share_by_hand(drop: float) -> float:
    """L(d) with m = 0.4, k = 3, s = 0.5, B = 4."""
    effective = drop * (0.6 + 0.4 / 3)
    x = math.exp(-effective / 0.5)
    return 1 - x / (0.75 + 0.25 * x)


SHARES = (0.07, 0.11)  # measured loss shares of the reputation and the rating drop


def stand_in(market=None, society=None, probability=0.3, fine=2.0, delta=0.9, shares=SHARES):
    charter = SimpleNamespace(monitoring_probability=probability, fine=fine, reputation_penalty=0.5)
    return SimpleNamespace(
        standing_shares=SimpleNamespace(value=shares),
        market_spec=SimpleNamespace(**{**MARKET, **(market or {})}),
        alliance=SimpleNamespace(charter=charter),
        config=SimpleNamespace(
            decisions=SimpleNamespace(enterprise=SimpleNamespace(discount_factor=delta)),
            society=SimpleNamespace(
                **{
                    "rating_penalty": 0.2,
                    "rating_weight": 1.5,
                    "rating_recovery": 0.1,
                    **(society or {}),
                }
            ),
        ),
        mechanics=SimpleNamespace(spec=None),
    )


def test_discounted_duration_is_the_geometric_sum():
    assert discounted_duration(0.2, 0.9) == pytest.approx(1 / (1 - 0.9 * 0.8))
    assert discounted_duration(1.0, 0.9) == pytest.approx(1.0)  # gone after one step
    total = sum((0.95 * 0.9) ** t for t in range(2000))
    assert discounted_duration(0.1, 0.95) == pytest.approx(total)


def test_score_loss_share_dilutes_the_drop_in_consortia():
    market = SimpleNamespace(**MARKET)
    for drop in (0.05, 0.3, 1.2):
        assert score_loss_share(drop, market) == pytest.approx(share_by_hand(drop), rel=1e-12)
    assert score_loss_share(-0.1, market) == 0.0
    assert score_loss_share(0.0, market) == 0.0


def test_reputation_loss_over_its_own_recovery():
    model = stand_in()
    expected = 0.07 / (1 - 0.9 * (1 - 0.25))  # the measured share over its duration
    assert reputation_loss(model) == pytest.approx(expected, rel=1e-12)
    assert reputation_loss(stand_in(market={"enabled": False})) == 0.0
    assert reputation_loss(stand_in(shares=(0.0, 0.11))) == 0.0
    assert reputation_loss(stand_in(market={"reputation_learning": 0.0})) == 0.0


def test_rating_loss_over_its_own_recovery():
    model = stand_in()
    expected = 0.11 / (1 - 0.9 * (1 - 0.1))
    assert rating_loss(model) == pytest.approx(expected, rel=1e-12)
    assert rating_loss(stand_in(market={"enabled": False})) == 0.0
    assert rating_loss(stand_in(shares=(0.07, 0.0))) == 0.0
    assert rating_loss(stand_in(society={"rating_recovery": 0.0})) == 0.0


def test_the_drops_in_force_and_the_symmetric_contest_before_the_first_tender():
    model = stand_in()
    np.testing.assert_allclose(score_drops(model), [0.5 * 0.6, 0.0])  # nobody rates
    model.mechanics.spec = SimpleNamespace(monitors=(Monitor.AUDIT, Monitor.RATING))
    np.testing.assert_allclose(score_drops(model), [0.5 * 0.6, 0.2 * 1.5])
    assert symmetric_loss_shares(model) == pytest.approx(
        (share_by_hand(0.5 * 0.6), share_by_hand(0.2 * 1.5)), rel=1e-12
    )


def test_without_a_mode_the_charter_probability_and_fine_apply():
    model = stand_in(probability=0.3, fine=2.0)
    who = np.array([4, 7])
    caught, rated = detection_probabilities(model, who)
    np.testing.assert_array_equal(caught, [0.3, 0.3])
    np.testing.assert_array_equal(rated, [0.0, 0.0])
    fines = expected_fines(model, who, np.array([1.0, 5.0]))
    np.testing.assert_allclose(fines, [0.3 * 2.0 * 1.0, 0.3 * 2.0 * 5.0])
    gross = np.array([10.0, -4.0])  # a loss-making firm has no profit to lose
    cost = standing_cost(model, who, gross)
    np.testing.assert_allclose(cost, [0.3 * reputation_loss(model) * 10.0, 0.0])
    off = stand_in(market={"enabled": False})
    np.testing.assert_array_equal(standing_cost(off, who, gross), [0.0, 0.0])


@pytest.mark.parametrize("mode", [Mode.SOCIETY_LED, Mode.CO_CONSTRUCTION])
def test_only_the_society_catch_costs_rating(mode):
    scenario = mode_scenario(
        mode, population={"enterprises": 200}, alliance={"reputation_penalty": 0.3}
    )
    model = AllianceModel(scenario, rng=3)
    model.step()
    spec = model.mechanics.spec
    who = np.flatnonzero(model.firms.members())[:20]
    chances = catch_chances(model, spec, who)
    assert Monitor.RATING in chances
    caught = sum(chances.values())
    rated = chances[Monitor.RATING]
    if mode is Mode.CO_CONSTRUCTION:
        assert (caught > rated + 1e-9).all()  # other monitors catch too
    gross = np.linspace(1.0, 3.0, len(who))
    expected = (caught * reputation_loss(model) + rated * rating_loss(model)) * gross
    assert rating_loss(model) > 0 and reputation_loss(model) > 0
    assert reputation_loss(model) != pytest.approx(rating_loss(model))
    np.testing.assert_allclose(standing_cost(model, who, gross), expected, rtol=1e-12)
    got_caught, got_rated = detection_probabilities(model, who)
    np.testing.assert_allclose(got_caught, caught)
    np.testing.assert_allclose(got_rated, rated)


def test_a_modes_monitor_sets_the_expected_fine_not_the_charter_alone():
    """Government-led: the audit finds an audited free-rider with probability
    ``audit_accuracy`` (0.5 here), so the expected fine is p x 0.5 x fine x owed, half
    what the charter's probability alone would give."""
    scenario = mode_scenario(
        Mode.GOVERNMENT_LED, population={"enterprises": 200}, oversight={"audit_accuracy": 0.5}
    )
    model = AllianceModel(scenario, rng=3)
    model.step()
    charter = model.alliance.charter
    who = np.flatnonzero(model.firms.members())[:5]
    owed = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    p = charter.monitoring_probability * 0.5
    assert p > 0 and charter.fine > 0
    np.testing.assert_allclose(expected_fines(model, who, owed), p * charter.fine * owed)
    caught, rated = detection_probabilities(model, who)
    np.testing.assert_allclose(caught, np.full(5, p))
    np.testing.assert_array_equal(rated, np.zeros(5))


def test_with_no_monitor_engaged_nobody_is_caught():
    scenario = mode_scenario(Mode.GOVERNMENT_LED, population={"enterprises": 100})
    model = AllianceModel(scenario, rng=3)
    model.step()
    model.administration.backing = False  # its audit stops with its backing
    who = np.arange(4)
    caught, rated = detection_probabilities(model, who)
    assert caught.shape == rated.shape == (4,)
    np.testing.assert_array_equal(caught, np.zeros(4))

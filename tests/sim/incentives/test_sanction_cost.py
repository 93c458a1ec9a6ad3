"""The standing cost a member expects from being caught (sim.incentives.sanction_cost) against what
a damaged credit rating actually costs in the market: one market step replayed with the
same draws, with and without one member's rating drop."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from sim.credit_rating import client_bonus
from sim.entry import market_size
from sim.incentives.sanction_cost import discounted_duration, rating_loss, score_loss_share
from sim.market import clear_market
from sim.model import AllianceModel
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario
from sim.scenario.society import RATING_PENALTY


def test_score_loss_share_limits():
    market = mode_scenario(Mode.SOCIETY_LED).market
    assert score_loss_share(0.0, market) == 0.0
    shares = [score_loss_share(d, market) for d in (0.05, 0.1, 0.5, 50.0)]
    assert shares == sorted(shares) and shares[-1] == pytest.approx(1.0, abs=1e-6)
    # no consortia, two bidders: x = exp(-d/s), L = 1 - x / (1/2 + x/2), by hand
    solo = market.model_copy(
        update={"multi_segment_share": 0.0, "bidders_per_project": 2, "score_noise": 0.5}
    )
    x = np.exp(-0.2 / 0.5)
    assert score_loss_share(0.2, solo) == pytest.approx(1 - x / (0.5 + 0.5 * x))


@functools.cache
def every_member_replay(rating_penalty: float) -> tuple[float, float, float]:
    """Each member caught alone (the deviation a firm weighs), replayed over one market
    step with the same draws with and without its rating drop (society-led, 600 firms,
    step 31, 200 market draws): the gross profit the members lose in all (MU), its
    standard error, and what the estimate firms decide by predicts for them (the loss
    share measured in the latest quarter's tenders x the members' expected gross profit,
    ``rate x capacity``).

    Dropping many members at once would understate the loss (dropped firms then compete
    with one another, so part of each drop cancels)."""
    scenario = mode_scenario(Mode.SOCIETY_LED, population={"enterprises": 600, "entry_rate": 0.0})
    society = scenario.society.model_copy(update={"rating_penalty": rating_penalty})
    scenario = scenario.model_copy(update={"society": society})
    model = AllianceModel(scenario, rng=5)
    model.run(30)
    t = model.firms
    members = np.flatnonzero(t.members())
    bonus = client_bonus(t, society, t.members())
    drop = society.rating_penalty * society.rating_weight
    demand = market_size(model.market_spec, scenario.population, model.steps + 1)

    def gross(preference, seed):
        out = clear_market(t, model.market_spec, scenario.population, True, preference,
                           np.random.default_rng(seed), demand)  # fmt: skip
        return out.revenue - out.variable_cost

    seeds = 200
    lost = np.zeros(seeds)  # MU lost by the members, each dropped alone, per market draw
    for seed in range(seeds):
        before = gross(bonus, seed)
        for firm in members:
            dropped = bonus.copy()
            dropped[firm] -= drop
            lost[seed] += before[firm] - gross(dropped, seed)[firm]
    gross_rate = model.market_rates.value[1] * t.capacity[members].sum()
    expected = rating_loss(model) / discounted_duration(
        society.rating_recovery, scenario.decisions.enterprise.discount_factor
    )
    return float(lost.mean()), float(lost.std(ddof=1) / np.sqrt(seeds)), expected * gross_rate


@pytest.mark.slow
@pytest.mark.parametrize("rating_penalty", [RATING_PENALTY, 0.2])  # the default, and 5x
def test_rating_drop_costs_what_a_member_expects(rating_penalty):
    """The gross profit caught members lose matches their estimate within three
    standard errors of the replay; at five times the default drop the replay tells
    apart the symmetric contest's estimate (the share ``L(d)`` of equally strong
    bidders, 0.196 of gross profit), which overstates it by 7 standard errors."""
    measured, se, expected = every_member_replay(rating_penalty)
    assert se < 0.07 * measured  # precise enough to tell a 1.2x error apart
    assert abs(measured - expected) <= 3 * se


def test_before_the_first_tender_firms_assume_the_symmetric_contest():
    scenario = mode_scenario(Mode.SOCIETY_LED, population={"enterprises": 60})
    model = AllianceModel(scenario, rng=1)
    society = scenario.society
    drop = society.rating_penalty * society.rating_weight
    assert model.standing_shares.value == (0.0, score_loss_share(drop, scenario.market))
    model.step()  # the first tender measures it
    assert model.standing_shares.value[1] != score_loss_share(drop, scenario.market)
    assert 0 < model.standing_shares.value[1] < 1

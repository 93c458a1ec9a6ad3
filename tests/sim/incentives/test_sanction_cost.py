"""The standing cost a member expects from being caught (sim.incentives.sanction_cost) against what
a damaged credit rating actually costs in the market: one market step replayed with the
same draws, with and without one member's rating drop."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from sim.credit_rating import client_bonus
from sim.entry import market_size
from sim.incentives.sanction_cost import score_loss_share
from sim.market import clear_market
from sim.model import AllianceModel
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario


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
def one_member_replay(rating_penalty: float) -> tuple[float, float, float]:
    """One member caught at a time (the deviation a firm weighs), replayed over one market
    step with the same draws with and without its rating drop (society-led, step 31, 60
    members, 300 market draws): the gross profit they lose (MU), its standard error, and
    the loss the estimate firms decide by predicts (share ``L(d)`` of the members'
    expected gross profit ``rate x capacity``).

    Dropping many members at once would understate the loss (dropped firms then compete
    with one another, so part of each drop cancels)."""
    scenario = mode_scenario(Mode.SOCIETY_LED, population={"enterprises": 600, "entry_rate": 0.0})
    society = scenario.society.model_copy(update={"rating_penalty": rating_penalty})
    scenario = scenario.model_copy(update={"society": society})
    model = AllianceModel(scenario, rng=5)
    model.run(30)
    t = model.firms
    members = t.members()
    treated = np.random.default_rng(0).choice(np.flatnonzero(members), 60, replace=False)
    bonus = client_bonus(t, society, members)
    drop = society.rating_penalty * society.rating_weight
    demand = market_size(model.market_spec, scenario.population, model.steps + 1)

    def gross(preference, seed):
        out = clear_market(t, model.market_spec, scenario.population, True, preference,
                           np.random.default_rng(seed), demand)  # fmt: skip
        return out.revenue - out.variable_cost

    seeds = 300
    lost = np.zeros(seeds)  # MU lost by the treated, each dropped alone, per market draw
    for seed in range(seeds):
        before = gross(bonus, seed)
        for firm in treated:
            dropped = bonus.copy()
            dropped[firm] -= drop
            lost[seed] += before[firm] - gross(dropped, seed)[firm]
    rate = model.market_rates.value[1]  # members' expected gross profit per CU
    expected = score_loss_share(drop, model.market_spec) * rate * t.capacity[treated].sum()
    return float(lost.mean()), float(lost.std(ddof=1) / np.sqrt(seeds)), float(expected)


@pytest.mark.slow
@pytest.mark.parametrize("rating_penalty", [0.025, 0.2])  # the default drop, and eight times it
def test_a_member_expects_no_less_than_a_rating_drop_costs(rating_penalty):
    """The estimate errs on the side of caution: it does not understate the replay."""
    measured, se, expected = one_member_replay(rating_penalty)
    assert se < 0.15 * measured  # the replay is precise enough to tell a 1.4x error apart
    assert measured <= expected + 3 * se


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="issue 17, open: the standing-cost estimate overstates the one-member replay "
    "(0.72 MU against 0.48 +/- 0.06 at the default drop, 5.41 against 3.98 +/- 0.19 at "
    "eight times it, on the draws since issue 20; it matched on the draws before)",
)
@pytest.mark.parametrize("rating_penalty", [0.025, 0.2])
def test_rating_drop_costs_what_a_member_expects(rating_penalty):
    """The gross profit a caught member loses matches its estimate within three standard
    errors of the replay."""
    measured, se, expected = one_member_replay(rating_penalty)
    assert abs(measured - expected) <= 3 * se

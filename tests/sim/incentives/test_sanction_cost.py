"""The standing cost a member expects from being caught (sim.incentives.sanction_cost) against what
a damaged credit rating actually costs in the market: one market step replayed with the
same draws, with and without the rating drop."""

from __future__ import annotations

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


def test_rating_drop_costs_about_what_members_expect():
    scenario = mode_scenario(Mode.SOCIETY_LED, population={"enterprises": 600, "entry_rate": 0.0})
    model = AllianceModel(scenario, rng=5)
    model.run(30)
    t, spec = model.firms, scenario.society
    members = t.members()
    treated = np.random.default_rng(0).choice(np.flatnonzero(members), 100, replace=False)
    base = client_bonus(t, spec, members)
    dropped = base.copy()
    dropped[treated] -= spec.rating_penalty * spec.rating_weight
    demand = market_size(model.market_spec, scenario.population, model.steps + 1)
    lost, earned = [], []
    for seed in range(80):
        outcomes = [
            clear_market(t, model.market_spec, scenario.population, True, bonus,
                         np.random.default_rng(seed), demand)
            for bonus in (base, dropped)
        ]  # fmt: skip
        gross = [(o.revenue - o.variable_cost)[treated].sum() for o in outcomes]
        lost.append(gross[0] - gross[1])
        earned.append(gross[0])
    measured = np.mean(lost) / np.mean(earned)
    se = np.std(lost, ddof=1) / np.sqrt(len(lost)) / np.mean(earned)
    expected = score_loss_share(spec.rating_penalty * spec.rating_weight, model.market_spec)
    assert measured > 0
    # the estimate errs on the side of caution, and by less than a factor of two
    assert measured <= expected + 3 * se
    assert measured >= 0.5 * expected

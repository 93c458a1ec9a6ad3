"""One enforcement model (sim.incentives.enforcement): every monitor in the same terms,
checked against a replay of its own mechanism, and the equal-strength baseline of the
five construction modes. Never a comparison of how well modes do."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.enforcement import (
    enforcement_table,
    mode_cost_per_member,
    mode_expected_per_mu,
    standing_per_mu,
)
from sim.incentives.sanction_cost import discounted_duration, score_loss_share
from sim.model import AllianceModel
from sim.monitoring import MECHANISMS, Watch
from sim.oversight import leader_partners, shielded_share, within_sight
from sim.scenario import Mode, Scenario
from sim.scenario.mode_files import mode_scenario
from sim.scenario.modes import Monitor
from sim.scenario.society import RATING_PENALTY

MODES = list(Mode)


def _started(mode: Mode, seed: int = 1, enterprises: int = 400, **changes) -> AllianceModel:
    population = {"enterprises": enterprises, **changes.pop("population", {})}
    scenario = mode_scenario(mode, population=population, **changes)
    model = AllianceModel(scenario, seed)
    model.step()
    return model


@pytest.mark.parametrize(
    ("mode", "monitor"),
    [
        (Mode.MARKET_ONLY, Monitor.PEERS),
        (Mode.GOVERNMENT_LED, Monitor.AUDIT),
        (Mode.ENTERPRISE_LED, Monitor.LEADER),
    ],
)
def test_each_fine_matches_a_replay_of_its_mechanism(mode, monitor):
    # Strengths away from the defaults, so a term left out shows: efficacy, accuracy
    # and leniency all below one.
    # No entry: the replay reads the step's contributions owed, which an entrant
    # growing the firm table at the end of the step would leave a row short.
    model = _started(
        mode,
        oversight={"peer_efficacy": 0.6, "audit_accuracy": 0.7, "leader_leniency": 0.3},
        alliance={"monitoring_probability": 0.4, "fine": 3.0},
        population={"entry_rate": 0.0},
    )
    (row,) = enforcement_table(model)
    assert row.monitor == monitor.value
    by_hand = {  # detection x fine per MU evaded, from the numbers set above
        Monitor.PEERS: (0.4 * 0.6, 3.0),
        Monitor.AUDIT: (0.4 * 0.7, 3.0),
        Monitor.LEADER: (0.4, 3.0 * (1 - 0.3)),
    }[monitor]
    assert (row.detection, row.fine_per_mu) == pytest.approx(by_hand, rel=1e-12)
    t = model.firms
    members = t.members()
    t.strategy[members] = Action.FREE_RIDE  # everyone evades: the replay sees them all
    visible = members & within_sight(model, monitor)
    owed = model.contribution_owed
    if model.administration is not None:
        model.administration.budget = 1e9  # audits never run out of money here
    fined, caught = [], []
    for _ in range(300):
        watch = Watch(members, members, members & (t.strategy == Action.FREE_RIDE))
        found = MECHANISMS[monitor](model, watch, np.zeros(len(t)))
        fined.append(found.fines[visible].sum() / owed[visible].sum())
        caught.append(found.caught[visible].mean())
        assert not found.caught[members & ~visible].any()  # unseen members go free
    se = np.std(fined, ddof=1) / np.sqrt(len(fined))
    assert np.mean(fined) == pytest.approx(row.expected_per_mu, abs=3 * se)
    se = np.std(caught, ddof=1) / np.sqrt(len(caught))
    assert np.mean(caught) == pytest.approx(row.detection, abs=3 * se)
    assert row.reach == pytest.approx(visible.sum() / members.sum())


def test_the_rating_is_valued_by_the_standing_estimator_over_the_one_horizon():
    model = _started(Mode.SOCIETY_LED, decisions={"enterprise": {"discount_factor": 0.9}})
    (row,) = enforcement_table(model)
    society, market = model.config.society, model.market_spec
    members = np.flatnonzero(model.firms.members())
    gross = model.market_rates.value[1] * model.firms.capacity[members]
    owed = model.contribution_owed[members]
    per_mu = np.mean(gross[owed > 0] / owed[owed > 0])
    out = model.last_market  # the share the rating drop cost members in this tender
    loss = out.members_lost[1] / out.members_gross
    assert 0 < loss < score_loss_share(society.rating_penalty * society.rating_weight, market)
    duration = 1 / (1 - 0.9 * (1 - society.rating_recovery))  # by hand, not the helper
    assert row.fine_per_mu == 0.0
    assert row.standing_per_mu == pytest.approx(loss * duration * per_mu, rel=1e-9)
    assert row.expected_per_mu == pytest.approx(
        model.alliance.charter.monitoring_probability * society.rating_accuracy * loss
        * duration * per_mu,
        rel=1e-9,
    )  # fmt: skip


def test_discounted_duration_by_hand():
    assert discounted_duration(0.05, 0.98) == pytest.approx(1 / 0.069)
    assert discounted_duration(1.0, 0.98) == pytest.approx(1.0)  # gone after a step
    # no discounting gives the undiscounted duration 1 / recovery
    assert discounted_duration(0.05, 1.0) == pytest.approx(20.0)


@pytest.mark.parametrize("mode", MODES)
def test_equal_strength_baseline_for_fines(mode):
    """Every fine-based monitor of every mode: expected penalty per MU evaded p x fine
    for a member it can see, and the same monitoring cost per member."""
    model = _started(mode)
    charter, oversight = model.alliance.charter, model.config.oversight
    table = enforcement_table(model)
    assert table
    for row in table:
        cost = charter.monitoring_cost
        assert row.cost_per_member == pytest.approx(cost, rel=1e-12)
        if row.monitor != Monitor.RATING.value:
            p_f = charter.monitoring_probability * charter.fine
            assert row.expected_per_mu == pytest.approx(p_f, rel=1e-12)
    assert mode_cost_per_member(table) == pytest.approx(charter.monitoring_cost, rel=1e-12)
    assert oversight.audit_cost * charter.monitoring_probability == pytest.approx(
        charter.monitoring_cost
    )


def test_equal_strength_baseline_for_the_rating():
    """The rating's default drop is worth the fine it replaces at the start of a
    society-led run of the default size: over 20 seeds, within three standard errors of
    p x fine, widened by the rounding of the default to two significant figures."""
    expected = []
    for seed in range(1, 21):
        (row,) = enforcement_table(
            _started(Mode.SOCIETY_LED, seed, Scenario().population.enterprises)
        )
        expected.append(row.expected_per_mu)
    charter = Scenario().alliance
    target = charter.monitoring_probability * charter.fine
    se = np.std(expected, ddof=1) / np.sqrt(len(expected))
    rounding = 0.0005 / RATING_PENALTY  # half a unit in the last digit, relative
    assert abs(np.mean(expected) - target) <= 3 * se + rounding * target
    assert se < 0.05 * target  # the check can fail: the seeds agree to a few percent


def test_two_monitors_have_the_strength_and_cost_of_one():
    model = _started(Mode.CO_CONSTRUCTION)
    table = enforcement_table(model)
    assert [r.watched for r in table] == [0.5, 0.5]
    assert mode_cost_per_member(table) == pytest.approx(model.alliance.charter.monitoring_cost)
    assert mode_expected_per_mu(table) == pytest.approx(
        0.5 * table[0].expected_per_mu + 0.5 * table[1].expected_per_mu
    )


def test_shielded_share_is_the_leaders_recent_partners_among_members():
    model = _started(Mode.ENTERPRISE_LED)
    members = model.firms.members()
    partners = leader_partners(model, model.leader_row())
    assert shielded_share(model) == pytest.approx((partners & members).sum() / members.sum())
    assert 0 < shielded_share(model) < 0.5
    unshielded = _started(Mode.ENTERPRISE_LED, oversight={"leader_shields_partners": False})
    assert shielded_share(unshielded) == 0.0
    assert shielded_share(_started(Mode.GOVERNMENT_LED)) == 0.0


def test_standing_counts_reputation_for_every_monitor_and_the_rating_only_for_ratings():
    model = _started(Mode.GOVERNMENT_LED, alliance={"reputation_penalty": 0.1})
    assert standing_per_mu(model, Monitor.AUDIT) > 0
    assert standing_per_mu(model, Monitor.RATING) == pytest.approx(
        standing_per_mu(model, Monitor.AUDIT)
    )  # no society rates here: rating weight 0
    rated = _started(Mode.SOCIETY_LED, alliance={"reputation_penalty": 0.1})
    assert standing_per_mu(rated, Monitor.RATING) > standing_per_mu(rated, None) > 0


def test_diagnose_prints_the_enforcement_table(capsys):
    from sim.commands.main import main

    status = main(["diagnose", "scenarios/co_construction.yaml", "--at", "1"])
    assert status == 0
    out = capsys.readouterr().out
    assert "enforcement" in out and "expected/MU" in out
    lines = [
        line.split() for line in out.splitlines() if line.strip().startswith(("audit", "rating"))
    ]
    assert [cells[0] for cells in lines] == ["audit", "rating"]
    assert all(cells[-1] in {"administration", "society"} for cells in lines)

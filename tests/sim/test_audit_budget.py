"""The administration's audit budget (``administration.audit_budget``): no more audits a
step than it pays for, kept at random among those drawn, and one effective audit
probability (:func:`sim.oversight.audit_probability`) used by the mechanism, the
enforcement table and a firm's best response. Expectations are computed by hand from
the binomial number of audits drawn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from agents.action import Action
from sim.accounting import checked_step
from sim.experiment.policy_runs import lever_scenario
from sim.experiment.public_levers import PublicLever, public_lever
from sim.incentives.enforcement import enforcement_table
from sim.incentives.sanction_cost import expected_fines
from sim.model import AllianceModel
from sim.monitoring import Watch, administration_audit, catch_chances
from sim.oversight import affordable_audits, audit_probability
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario

COST = 0.02  # MU per audit


def _few_members(mode: Mode, members: int, budget: float | None, **changes) -> AllianceModel:
    """A model of ``mode`` whose alliance holds exactly ``members`` free-riders (every
    other firm stays outside); the charter's p is 0.5 unless changed."""
    changes.setdefault("alliance", {"monitoring_probability": 0.5})
    scenario = mode_scenario(
        mode,
        population={"enterprises": 60},
        administration={"audit_budget": budget},
        oversight={"audit_cost": COST, **changes.pop("oversight", {})},
        **changes,
    )
    model = AllianceModel(scenario, rng=5)
    t = model.firms
    active = np.flatnonzero(t.active)
    t.strategy[:] = Action.OUTSIDE
    t.strategy[active[:members]] = Action.FREE_RIDE
    model.administration.budget = 1e9  # the overall budget never binds here
    return model


def test_affordable_audits_are_whole_audits_within_the_budget():
    def scenario(budget, cost):
        return mode_scenario(
            Mode.GOVERNMENT_LED,
            administration={"audit_budget": budget},
            oversight={"audit_cost": cost},
        )

    assert affordable_audits(scenario(0.3, 0.1)) == 3  # 0.3 / 0.1 is 2.999... in floats
    assert affordable_audits(scenario(0.05, 0.02)) == 2
    assert affordable_audits(scenario(0.01, 0.02)) == 0
    assert affordable_audits(scenario(None, 0.02)) is None  # the default: no limit
    assert affordable_audits(scenario(0.01, 0.0)) is None  # free audits: nothing to limit


@pytest.mark.parametrize(
    ("budget", "share", "expected"),
    [
        # 4 members, p = 0.5, X ~ Binomial(4, share x p) audits drawn, k affordable:
        # a watched member is audited with chance E[min(X, k)] / (4 x share).
        (COST, 1.0, (1 - 0.5**4) / 4),  # k = 1: P(X >= 1) / 4 = 15/64
        (2 * COST, 1.0, ((1 - 0.5**4) + (1 - 0.5**4 - 4 * 0.5**4)) / 4),  # k = 2: 26/64
        (COST, 0.5, (1 - 0.75**4) / 2),  # two monitors, k = 1: (175/256) / 2
        (4 * COST, 1.0, 0.5),  # k = 4 = members: every audit drawn is paid for
        (0.0, 1.0, 0.0),  # nothing to spend: no audits
        (None, 1.0, 0.5),
    ],
)
def test_the_effective_audit_probability_by_hand(budget, share, expected):
    model = _few_members(Mode.GOVERNMENT_LED, 4, budget)
    assert audit_probability(model, share) == pytest.approx(expected, rel=1e-12)


def test_audits_run_at_the_effective_probability_chosen_at_random():
    # 4 free-riding members, p = 0.5, one affordable audit: each member is audited with
    # chance 15/64 (not 1/2), whichever slot it holds (the audit kept is chosen at random,
    # not the first row drawn), and no step spends more than one audit's cost. Accuracy
    # is 1, so the free-riders caught are those audited.
    model = _few_members(Mode.GOVERNMENT_LED, 4, COST)
    members = model.firms.members()
    rows = np.flatnonzero(members)
    watch = Watch(members, members, members)
    reps = 4000
    audited = np.zeros(len(rows))
    for _ in range(reps):
        model.ledger.public_monitoring = 0.0
        found = administration_audit(model, watch, np.zeros(len(members)))
        assert model.last_audits == found.caught.sum() <= 1
        assert model.ledger.public_monitoring == pytest.approx(COST * model.last_audits)
        audited += found.caught[rows]
    se = np.sqrt(15 / 64 * (1 - 15 / 64) / reps)
    np.testing.assert_allclose(audited / reps, 15 / 64, atol=4 * se)


def test_co_construction_audits_its_share_at_the_effective_probability():
    # Audit and rating split 4 members; one affordable audit: a member is audited with
    # chance share x audit_probability = (1 - 0.75^4) / 4 = 175/1024 a step.
    model = _few_members(Mode.CO_CONSTRUCTION, 4, COST)
    model.society.cash = 1e9
    members = model.firms.members()
    reps = 4000
    audits = 0
    for _ in range(reps):
        model.mechanics.monitor(members, np.zeros(len(members)))
        assert model.last_audits <= 1
        audits += model.last_audits
    expected = 0.5 * audit_probability(model, 0.5) * 4
    assert expected == pytest.approx((1 - 0.75**4), rel=1e-12)
    se = np.sqrt(expected * (1 - expected) / reps)  # at most one audit: a Bernoulli count
    assert audits / reps == pytest.approx(expected, abs=4 * se)


def test_the_enforcement_table_and_the_best_response_use_the_capped_probability():
    # 4 members, p = 0.5, one affordable audit, accuracy 0.7, fine 3 x owed: detection
    # 15/64 x 0.7 (not 0.5 x 0.7), its expected fine and cost follow, and a firm's
    # expected fine in its best response is the same number.
    model = _few_members(
        Mode.GOVERNMENT_LED,
        4,
        COST,
        alliance={"monitoring_probability": 0.5, "fine": 3.0},
        oversight={"audit_accuracy": 0.7},
    )
    (row,) = enforcement_table(model)
    assert row.detection == pytest.approx(15 / 64 * 0.7, rel=1e-12)
    assert row.expected_per_mu == pytest.approx(15 / 64 * 0.7 * (3.0 + row.standing_per_mu))
    assert row.cost_per_member == pytest.approx(15 / 64 * COST, rel=1e-12)
    who, owed = np.arange(3), np.array([0.1, 0.5, 2.0])
    (chance,) = catch_chances(model, model.mechanics.spec, who).values()
    np.testing.assert_allclose(chance, 15 / 64 * 0.7, rtol=1e-12)
    np.testing.assert_allclose(expected_fines(model, who, owed), 15 / 64 * 0.7 * 3.0 * owed)


def test_spending_never_exceeds_the_audit_budget_and_the_books_balance():
    # 300 firms, p = 0.25: about 75 audits drawn a step at 0.02 MU, a budget of 0.5 MU
    # pays for 25. Every step balances (sim.accounting), audits never cost more than the
    # budget, and the budget binds (it is spent in full) in most steps.
    scenario = mode_scenario(
        Mode.GOVERNMENT_LED,
        population={"enterprises": 300},
        administration={"audit_budget": 0.5},
    )
    model = AllianceModel(scenario, rng=4)
    spent = []
    for _ in range(25):
        checked_step(model)
        spent.append(model.ledger.public_monitoring)
        assert model.last_audits <= 25
        assert model.ledger.public_monitoring == pytest.approx(COST * model.last_audits)
    assert max(spent) <= 0.5 * (1 + 1e-12)
    assert sum(s == pytest.approx(0.5) for s in spent) > 12


def test_a_budget_that_pays_for_every_audit_leaves_the_run_as_without_one():
    # 1000 MU a step buys 50,000 audits, more than there are members: no audit is ever
    # cut, no extra draw is made, and the run is the one without an audit budget.
    frames = [
        AllianceModel(
            mode_scenario(
                mode, population={"enterprises": 150}, administration={"audit_budget": budget}
            ),
            rng=2,
        ).run(40)
        for mode in (Mode.GOVERNMENT_LED, Mode.CO_CONSTRUCTION)
        for budget in (None, 1000.0)
    ]
    for unlimited, ample in (frames[0:2], frames[2:4]):
        assert unlimited["audits"].sum() > 0
        pd.testing.assert_frame_equal(unlimited, ample, check_exact=True)


def test_a_short_budget_changes_the_run():
    """The opposite check: the cap is not a no-op (fewer audits than without it)."""
    runs = [
        AllianceModel(
            mode_scenario(
                Mode.GOVERNMENT_LED,
                population={"enterprises": 150},
                administration={"audit_budget": budget},
            ),
            rng=2,
        ).run(20)["audits"]
        for budget in (None, 0.1)
    ]
    assert runs[1].max() <= 5 < runs[0].max()


def test_the_audit_budget_is_a_public_lever_a_search_can_set():
    assert public_lever("administration.audit_budget") is PublicLever.AUDIT_BUDGET
    base = mode_scenario(Mode.GOVERNMENT_LED)
    at = lever_scenario(base, PublicLever.AUDIT_BUDGET.value, 0.3)
    assert at.administration.audit_budget == 0.3
    assert affordable_audits(at) == 15  # at the default 0.02 MU per audit

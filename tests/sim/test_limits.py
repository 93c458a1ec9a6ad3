"""Limits that must hold whatever the details:

* with no synergy (or synergy below 1 with equal sharing) and no incentives (no fines,
  no subsidy, no monitoring), nobody keeps contributing;
* with a large enough subsidy (an administration with an ample budget), everyone joins
  and contributes;
* an alliance with no members is inactive: no fees, no pool, no subsidies.
"""

from __future__ import annotations

import pytest

from sim.model import AllianceModel

NO_INCENTIVES = {
    "population": {
        "entry_rate": 0.0,
        "initial_member_share": 1.0,
        "initial_contributor_share": 0.5,
    },
    "alliance": {"fee": 0.0, "fine": 0.0, "monitoring_probability": 0.0, "synergy": 0.0},
    # compulsory membership isolates contribute-or-free-ride
    "decisions": {
        "enterprise": {
            "strategies": ["contribute", "free_ride"],
            "exploration": 0.0,
            "update_probability": 1.0,  # every firm revises every step: the rules' limits
            "payoff_memory": 1.0,
        }
    },
}
EQUAL_FIRMS = {"population": {"capacity_minimum": 1.0, "capacity_maximum": 1.0}}
NO_BONUS = {"alliance": {"complementarity_bonus": 0.0, "platform": {"effect": 0.0}}}


def merged(*parts: dict) -> dict:
    """The override sections merged, later parts winning key by key."""
    out: dict = {}
    for part in parts:
        out = _merge(out, part)
    return out


def _merge(base: dict, update: dict) -> dict:
    out = dict(base)
    for key, value in update.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both else value
    return out


@pytest.mark.parametrize(
    "rule",
    [
        {"rule": "fermi", "intensity": 100.0},
        {"rule": "imitate_best"},
        {"rule": "proportional"},
        {"rule": "logit_best_response", "intensity": 500.0},
        {"rule": "roth_erev", "learning_rate": 0.2},
    ],
)
def test_without_synergy_or_incentives_nobody_keeps_contributing(make_scenario, rule):
    scenario = make_scenario(
        merged(
            NO_INCENTIVES,
            EQUAL_FIRMS,
            {"market": {"enabled": False}, "decisions": {"enterprise": rule}},
        ),
        enterprises=300,
    )
    frame = AllianceModel(scenario, rng=5).run(80)
    assert frame["cooperation_share"].iloc[0] > 0.4  # it started with contributors
    assert frame["member_share"].iloc[-1] == 1.0  # compulsory membership held
    assert frame["cooperation_share"].iloc[-1] <= 0.02


@pytest.mark.parametrize("network", ["well_mixed", "small_world", "lattice"])
def test_synergy_below_one_with_equal_sharing_is_not_enough(make_scenario, network):
    scenario = make_scenario(
        merged(
            NO_INCENTIVES,
            EQUAL_FIRMS,
            NO_BONUS,
            {
                "alliance": {"synergy": 0.8, "sharing": "equal"},
                "market": {"enabled": False},
                "network": {"kind": network},
                "decisions": {"enterprise": {"rule": "fermi", "intensity": 50.0}},
            },
        ),
        enterprises=324,
    )
    frame = AllianceModel(scenario, rng=2).run(60)
    assert frame["cooperation_share"].iloc[-1] <= 0.02


@pytest.mark.parametrize("seed", [1, 2])
def test_without_synergy_nobody_keeps_contributing_with_the_market_on(make_scenario, seed):
    scenario = make_scenario(
        merged(
            NO_INCENTIVES,
            {
                "market": {"enabled": True},
                "decisions": {"enterprise": {"rule": "logit_best_response", "intensity": 500.0}},
            },
        ),
        enterprises=300,
    )
    frame = AllianceModel(scenario, rng=seed).run(40)
    assert frame["projects"].iloc[1:].gt(0).all()  # the market ran
    assert frame["cooperation_share"].iloc[-10:].max() <= 0.02


def test_without_synergy_imitators_stop_contributing_with_the_market_on(make_scenario):
    scenario = make_scenario(
        merged(
            NO_INCENTIVES,
            {
                "market": {"enabled": True},
                "decisions": {"enterprise": {"rule": "fermi", "intensity": 10.0}},
            },
        ),
        enterprises=300,
    )
    frame = AllianceModel(scenario, rng=3).run(120)
    assert frame["cooperation_share"].iloc[-1] <= 0.05


LARGE_SUBSIDY = {
    "administration": {"present": True, "budget_initial": 1e9, "subsidy": 5.0},
    "population": {"initial_member_share": 0.3, "entry_rate": 0.0},
    "decisions": {"enterprise": {"update_probability": 1.0, "payoff_memory": 1.0}},
}


@pytest.mark.parametrize(
    "rule",
    [
        {"rule": "fermi"},
        {"rule": "imitate_best"},
        {"rule": "logit_best_response"},
    ],
)
def test_a_large_subsidy_brings_everyone_in_to_contribute(make_scenario, rule):
    scenario = make_scenario(
        merged(LARGE_SUBSIDY, {"decisions": {"enterprise": rule}}), enterprises=300
    )
    model = AllianceModel(scenario, rng=4)
    frame = model.run(60)
    tail = frame.iloc[-10:]
    assert tail["member_share"].min() >= 0.95
    assert tail["cooperation_share"].min() >= 0.95
    assert tail["subsidies"].min() > 0
    assert model.administration.budget > 0  # the budget was ample throughout


def test_a_large_subsidy_with_entry_in_a_well_mixed_industry(make_scenario):
    scenario = make_scenario(
        merged(
            LARGE_SUBSIDY, {"population": {"entry_rate": 0.01}, "network": {"kind": "well_mixed"}}
        ),
        enterprises=300,
    )
    frame = AllianceModel(scenario, rng=4).run(60)
    assert frame["member_share"].iloc[-10:].min() >= 0.95
    assert frame["cooperation_share"].iloc[-10:].min() >= 0.95


def test_the_subsidy_is_what_makes_the_difference(make_scenario):
    """Same set-up without the subsidy: far from full cooperation (so the test above
    measures the subsidy, not the set-up)."""
    scenario = make_scenario(
        merged(LARGE_SUBSIDY, {"administration": {"subsidy": 0.0}}), enterprises=300
    )
    frame = AllianceModel(scenario, rng=4).run(60)
    assert frame["member_share"].iloc[-1] * frame["cooperation_share"].iloc[-1] < 0.9


@pytest.mark.parametrize("strategies", [["outside"], ["outside", "contribute", "free_ride"]])
def test_an_alliance_without_members_is_inactive(make_scenario, strategies):
    scenario = make_scenario(
        {
            "population": {"initial_member_share": 0.0},
            "administration": {"present": True, "budget_initial": 100.0, "subsidy": 5.0},
            "alliance": {"fee": 0.5, "platform": {"organiser_investment": 0.0}},
            "decisions": {
                "enterprise": {"strategies": strategies, "exploration": 0.0, "rule": "imitate_best"}
            },
        }
    )
    model = AllianceModel(scenario, rng=1)
    frame = model.run(10)
    assert (frame["members"] == 0).all()
    assert not frame["alliance_active"].any()
    for column in ("fees", "pool_yield", "subsidies", "fines", "public_cost"):
        assert (frame[column] == 0).all(), column
    assert frame["cooperation_share"].eq(0).all() and frame["member_share"].eq(0).all()
    assert model.administration.budget == 100.0


def test_one_member_below_the_minimum_runs_no_alliance(make_scenario):
    scenario = make_scenario(
        {
            "population": {"initial_member_share": 0.0},
            "alliance": {"min_members": 2, "fee": 0.5},
            "decisions": {"enterprise": {"update_probability": 0.0}},
        }
    )
    model = AllianceModel(scenario, rng=1)
    model.firms.strategy[0] = 1  # a lone contributor
    model.step()
    assert not model.alliance.active
    assert model.ledger.fees_paid == 0 and model.ledger.pool_yield == 0

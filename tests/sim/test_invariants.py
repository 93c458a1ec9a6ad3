"""Invariants over random valid scenarios (hypothesis): every step keeps shares in
[0, 1], budgets non-negative, members inside the set of active firms, expelled firms
outside, the enterprises' cash identity, and the agents' view equal to the arrays."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from agents.action import Action
from agents.enterprise import ServiceEnterprise
from sim.model import AllianceModel
from sim.scenario import Scenario, Strategy
from sim.validation.runs import reference

STEPS = 6


@st.composite
def scenarios(draw) -> Scenario:
    """A random, valid scenario small enough to run in a fraction of a second."""
    admin = draw(st.booleans())
    society = draw(st.booleans())
    organisers = [
        o
        for o, ok in (("administration", admin), ("society", society), ("enterprise", True))
        if ok and draw(st.booleans())
    ]
    structure = draw(st.sampled_from(["alliance", "neighbourhood", "teams", "pairwise"]))
    kind = draw(
        st.sampled_from(["ring", "small_world", "scale_free", "random_regular", "well_mixed"])
    )
    rule = draw(
        st.sampled_from(
            [
                "fermi",
                "imitate_best",
                "proportional",
                "bush_mosteller",
                "roth_erev",
                "logit_best_response",
            ]
        )
    )
    strategies = draw(
        st.sampled_from([["outside", "contribute", "free_ride"], ["contribute", "free_ride"]])
    )
    data = {
        "population": {
            "enterprises": draw(st.integers(20, 120)),
            "entry_rate": draw(st.sampled_from([0.0, 0.02, 0.2])),
            "initial_cash_per_capacity": draw(st.sampled_from([0.0, 0.5, 4.0])),
            "initial_member_share": draw(st.floats(0, 1)),
        },
        "market": {"enabled": draw(st.booleans())},
        "network": {"kind": kind, "degree": 4},
        "alliance": {
            "organiser": organisers,
            "group_structure": structure,
            "fee": draw(st.sampled_from([0.0, 0.05, 0.5])),
            "fine": draw(st.sampled_from([0.0, 0.5, 3.0])),
            "monitoring_probability": draw(st.floats(0, 1)),
            "monitoring_cost": draw(st.sampled_from([0.0, 0.01])),
            "expulsion_after": draw(st.integers(0, 2)),
            "readmission_ban": draw(st.integers(0, 3)),
            "fees_to": draw(st.sampled_from(["platform", "members"])),
            "organiser_cut": draw(st.sampled_from([0.0, 0.1])),
            "sharing": draw(st.sampled_from(["equal", "contribution", "capacity"])),
            "cost_scheme": draw(st.sampled_from(["per_capacity", "fixed", "fixed_per_individual"])),
            "loner_payoff": draw(st.sampled_from([0.0, 0.2])),
        },
        "administration": {
            "present": admin,
            "budget_initial": 5.0 if admin else 0.0,
            "budget_per_step": 0.5 if admin else 0.0,
            "subsidy": draw(st.sampled_from([0.0, 0.3])) if admin else 0.0,
            "backing_rule": draw(st.sampled_from(["committed", "adaptive"])),
        },
        "society": {"present": society, "fee_adjustment": draw(st.sampled_from([0.0, 0.2]))},
        "decisions": {
            "enterprise": {
                "rule": rule,
                "strategies": strategies,
                "updating": draw(st.sampled_from(["synchronous", "random_sequential"])),
                "exploration": draw(st.sampled_from([0.0, 0.05])),
            }
        },
    }
    try:
        return Scenario.model_validate(data)
    except ValidationError:
        assume(False)
        raise


def check_state(model: AllianceModel) -> None:
    t = model.firms
    for column in ("member_share", "cooperation_share", "sme_member_share", "gini"):
        value = model.dataframe()[column].iloc[-1]
        assert 0.0 <= value <= 1.0, column
    assert (t.reputation >= 0).all() and (t.reputation <= 1).all()
    assert (t.quality >= 0).all() and (t.quality <= 1).all()
    if model.administration:
        assert model.administration.budget >= -1e-9
    if model.society:
        assert model.society.cash >= -1e-9
    members = t.members()
    assert not (members & ~t.active).any()
    assert (t.strategy[~t.active] == Action.OUTSIDE).all()
    banned = t.active & (t.banned_until > model.steps)
    assert not (members & banned).any(), "an expelled firm is a member"


def check_faces(model: AllianceModel) -> None:
    """The agents read exactly the arrays; one agent per firm in business."""
    t = model.firms
    faces = model.enterprises()
    assert len(faces) == int(t.active.sum())
    assert len(model.agents_by_type[ServiceEnterprise]) == len(faces)
    for face in faces:
        row = face.row
        assert face.in_business
        assert face.cash == t.cash[row]
        assert face.capacity == t.capacity[row]
        assert face.quality == t.quality[row]
        assert face.reputation == t.reputation[row]
        assert int(face.action) == int(t.strategy[row])
        assert face.is_member == bool(members_row(t, row))
        assert face.profit == t.profit[row]


def members_row(t, row: int) -> bool:
    return bool(t.active[row] and t.strategy[row] != Action.OUTSIDE)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(scenario=scenarios(), seed=st.integers(0, 2**32 - 1))
def test_invariants_hold_every_step(scenario, seed):
    model = AllianceModel(scenario, rng=seed)
    check_state(model)
    for _ in range(STEPS):
        before = model.firms.cash.sum()
        model.step()
        after = model.firms.cash.sum()
        net = model.ledger.enterprise_net()
        scale = 1.0 + np.abs(model.firms.cash).sum()
        assert abs((after - before) - net) <= 1e-9 * scale, "cash identity broken"
        check_state(model)
        check_faces(model)


def test_writing_through_an_agent_changes_the_array():
    model = AllianceModel(Scenario.model_validate({"population": {"enterprises": 30}}), rng=1)
    face = model.enterprises()[3]
    face.cash = 12.5
    face.action = Action.CONTRIBUTE
    assert model.firms.cash[face.row] == 12.5
    assert model.firms.strategy[face.row] == Action.CONTRIBUTE


@st.composite
def reference_games(draw) -> Scenario:
    """A reference game (sim.validation) with random parameters, Monte Carlo updating
    included, small enough to run in a fraction of a second."""
    name = draw(
        st.sampled_from(
            [
                "lattice_pgg",
                "nowak_may",
                "network_pgg",
                "network_pd",
                "optional_pgg",
                "well_mixed_pgg",
            ]
        )
    )
    sets: dict[str, object] = {}
    if name in ("lattice_pgg", "nowak_may"):
        sets["population__enterprises"] = draw(st.sampled_from([16, 64, 144]))
    else:
        sets["population__enterprises"] = draw(st.sampled_from([40, 100]))
    if name in ("lattice_pgg", "network_pgg"):
        sets["alliance__synergy"] = draw(st.floats(0.5, 8.0))
        sets["alliance__cost_scheme"] = draw(st.sampled_from(["fixed", "fixed_per_individual"]))
    if name in ("nowak_may", "network_pd"):
        sets["alliance__pairwise__temptation"] = draw(st.floats(1.0, 3.0))
        if draw(st.booleans()):
            sets["decisions__enterprise__rule"] = "fermi"
            sets["decisions__enterprise__updating"] = "monte_carlo"
    sets["decisions__enterprise__exploration"] = draw(st.sampled_from([0.0, 0.05]))
    return reference(name, **sets)


@settings(max_examples=30, deadline=None)
@given(scenario=reference_games(), seed=st.integers(0, 2**32 - 1))
def test_reference_games_keep_the_invariants(scenario, seed):
    model = AllianceModel(scenario, rng=seed)
    for _ in range(3):
        before = model.firms.cash.sum()
        model.step()
        net = model.ledger.enterprise_net()
        assert abs(model.firms.cash.sum() - before - net) <= 1e-9 * (1 + abs(before))
        check_state(model)
        check_faces(model)
    if Strategy.OUTSIDE not in scenario.decisions.enterprise.strategies:
        assert (model.firms.strategy != Action.OUTSIDE).all()

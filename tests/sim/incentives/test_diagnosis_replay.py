"""The incentive audit replays the pool by the model's own rules: the cut in force (none
while its holder is out of the alliance), so its group return is what the pool stage
would pay. Computed by hand from the pool's yield."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.incentives.diagnosis import audit
from sim.model import AllianceModel
from sim.pool import PoolInputs, play_pool
from sim.scenario import Mode, Organiser
from sim.scenario.mode_files import mode_scenario


def _replayed_group_return(model: AllianceModel, cut: float) -> float:
    t, spec = model.firms, model.config.alliance
    members = t.members()
    returns = []
    for contributor in (members.copy(), np.zeros_like(members)):
        inputs = PoolInputs(members, contributor, t.active, t.capacity, t.segment,
                            model.alliance.platform_gain(), cut)  # fmt: skip
        returns.append(play_pool(spec, inputs, None, np.random.default_rng(0), spec.charter))
    everyone, nobody = returns
    gained = everyone.payout[members].sum() - nobody.payout[members].sum()
    return float(gained / everyone.contribution.sum())


@pytest.mark.parametrize("leader_in", [True, False])
def test_the_audit_takes_the_cut_in_force(leader_in):
    model = AllianceModel(mode_scenario(Mode.ENTERPRISE_LED, population={"enterprises": 300}), 2)
    model.step()
    charter_cut = model.alliance.charter.organiser_cut
    assert charter_cut == pytest.approx(0.1)
    if not leader_in:
        model.firms.strategy[model.leader_row()] = Action.OUTSIDE
    assert (Organiser.ENTERPRISE in model.engaged_organisers()) is leader_in
    expected_cut = charter_cut if leader_in else 0.0
    found = audit(model)
    assert found.group_return == pytest.approx(_replayed_group_return(model, expected_cut))
    other = _replayed_group_return(model, charter_cut - expected_cut if leader_in else charter_cut)
    assert found.group_return != pytest.approx(other)  # the two cuts tell apart

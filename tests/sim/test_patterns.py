"""The qualitative patterns the ODD's purpose section says the model can produce (ODD
section 1), each with a criterion checked at the shipped mode scenarios (seeds 1 and 2,
default horizon). The large-group free-rider problem is checked in test_economics.py
(``test_without_a_pool_or_sanctions_contributing_dies_out``) and the leader's part in
an enterprise-led alliance's survival in test_leader_succession.py.

Each criterion is about one mode's own behaviour (a response to a change of its own
setting, or a comparison inside it), never about which mode does better.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sim.model import AllianceModel
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario

SEEDS = (1, 2)
pytestmark = pytest.mark.slow


def run(mode: Mode, seed: int, **changes) -> pd.DataFrame:
    scenario = mode_scenario(mode, **changes)
    return AllianceModel(scenario, rng=seed).run().iloc[1:]


def window(frame: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return frame[(frame["step"] >= first) & (frame["step"] <= last)]


@pytest.mark.parametrize("seed", SEEDS)
def test_public_support_grows_an_alliance_that_shrinks_when_support_ends(seed):
    """Government-led with a sudden end of subsidies at step 100: members are most of the
    industry within 20 steps; after the end, cooperation falls by more than half and
    the member share by more than 5 points (measured: 0.76 to 0.66, 0.44 to 0.19)."""
    events = [{"kind": "subsidy_phase_out", "step": 100, "duration": 0}]
    frame = run(Mode.GOVERNMENT_LED, seed, events=events)
    assert frame["member_share"].iloc[19] > 0.6
    before, after = window(frame, 80, 100), window(frame, 180, 200)
    assert after["member_share"].mean() < before["member_share"].mean() - 0.05
    assert after["cooperation_share"].mean() < before["cooperation_share"].mean() - 0.2


@pytest.mark.parametrize("seed", SEEDS)
def test_leader_led_benefits_concentrate_on_the_leader(seed):
    """Enterprise-led: the leader takes more than a fifth of the alliance's flows, and
    small firms join less than the industry as a whole (measured: 0.31; SME member
    share 0.28 to 0.30 against 0.41 to 0.43)."""
    frame = window(run(Mode.ENTERPRISE_LED, seed), 151, 200)
    assert frame["organiser_benefit_share"].mean() > 0.2
    assert frame["sme_member_share"].mean() < frame["member_share"].mean() - 0.05

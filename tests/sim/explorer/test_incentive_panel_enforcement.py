"""The explorer's incentive panel shows each monitor in the enforcement model's terms,
from the audit behind alliance diagnose (never a second copy)."""

from __future__ import annotations

import pytest

pytest.importorskip("solara")

from sim.explorer.incentive_panel import enforcement_table, shield_line
from sim.incentives.diagnosis import audit
from sim.incentives.enforcement import enforcement_table as monitors
from sim.model import AllianceModel
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario


def test_one_row_per_engaged_monitor_with_the_audits_numbers():
    model = AllianceModel(mode_scenario(Mode.CO_CONSTRUCTION, population={"enterprises": 200}), 1)
    model.step()
    table = enforcement_table(audit(model))
    expected = monitors(model)
    assert table["monitor"].tolist() == [r.monitor for r in expected] == ["audit", "rating"]
    assert table["expected per MU evaded"].tolist() == [
        round(r.expected_per_mu, 3) for r in expected
    ]
    assert table["paid by"].tolist() == ["administration", "society"]


def test_the_shield_is_said_only_where_a_leader_monitors():
    led = AllianceModel(mode_scenario(Mode.ENTERPRISE_LED, population={"enterprises": 200}), 1)
    led.step()
    assert "shields" in shield_line(audit(led))
    gov = AllianceModel(mode_scenario(Mode.GOVERNMENT_LED, population={"enterprises": 200}), 1)
    gov.step()
    assert shield_line(audit(gov)) == ""

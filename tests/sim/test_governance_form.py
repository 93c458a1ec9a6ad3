"""Loose versus tight governance differ exactly as declared in sim.governance_form."""

from __future__ import annotations

import pytest

from sim.accounting import run_checked
from sim.governance_form import effective_charter, extra_platform_investment, staff_cost
from sim.model import AllianceModel
from sim.scenario import Charter, Governance, Mode
from sim.scenario.mode_files import deep_merge, mode_scenario

SEED = 3


def model_of(mode: Mode, form: str, **changes) -> AllianceModel:
    extra = deep_merge({"population": {"enterprises": 200}, "governance": {"form": form}}, changes)
    return AllianceModel(mode_scenario(mode, **extra), rng=SEED)


def test_loose_runs_the_charter_as_written():
    written = Charter(fee=0.1, fine=0.4)
    assert effective_charter(written, Governance(form="loose")) == written
    assert staff_cost(Governance(form="loose")) == 0
    assert extra_platform_investment(Governance(form="loose")) == 0


def test_tight_scales_fee_sanctions_and_monitoring():
    written = Charter(fee=0.1, fine=0.4, reputation_penalty=0.3, monitoring_probability=0.6)
    g = Governance(
        form="tight", tight_fee_factor=3, tight_sanction_factor=2, tight_monitoring_factor=2
    )
    tight = effective_charter(written, g)
    assert tight.fee == pytest.approx(0.3)
    assert tight.fine == pytest.approx(0.8)
    assert tight.reputation_penalty == pytest.approx(0.6)
    assert tight.monitoring_probability == 1.0  # capped
    assert tight.sharing == written.sharing


@pytest.mark.parametrize("mode", list(Mode))
def test_tight_alliance_charges_more_in_every_mode(mode):
    loose, tight = model_of(mode, "loose"), model_of(mode, "tight")
    assert tight.alliance.charter.fee == pytest.approx(2 * loose.alliance.charter.fee)
    assert tight.alliance.charter.fine == pytest.approx(2 * loose.alliance.charter.fine)


def test_tight_staff_is_paid_by_the_operator():
    model = model_of(Mode.GOVERNMENT_LED, "tight")
    run_checked(model, 1)
    assert model.ledger.public_staff == pytest.approx(1.0)
    assert model.ledger.staff_costs == 0
    model = model_of(Mode.ENTERPRISE_LED, "tight")
    run_checked(model, 1)
    assert model.ledger.staff_costs == pytest.approx(1.0)  # the leading enterprise
    assert model.ledger.public_spending == 0


def test_tight_staff_is_shared_by_members_without_operator():
    model = model_of(Mode.MARKET_ONLY, "tight")
    run_checked(model, 1)
    assert model.ledger.staff_costs == pytest.approx(1.0)


def test_tight_adds_platform_investment_paid_by_the_funders():
    loose, tight = model_of(Mode.ENTERPRISE_LED, "loose"), model_of(Mode.ENTERPRISE_LED, "tight")
    run_checked(loose, 1)
    run_checked(tight, 1)
    assert tight.ledger.platform_paid == pytest.approx(loose.ledger.platform_paid + 1.0)


def test_loose_has_no_staff_cost():
    for mode in Mode:
        model = model_of(mode, "loose")
        run_checked(model, 1)
        assert model.ledger.staff_costs == 0 and model.ledger.public_staff == 0


def test_members_fund_the_platform_without_funders():
    model = model_of(Mode.MARKET_ONLY, "tight")
    run_checked(model, 1)
    assert model.ledger.platform_paid == pytest.approx(1.0)

"""Who pays an organisers' bill (sim.organiser_accounts): the engaged organisers share it
equally, the shares sum to the bill, the public and the society never pay beyond their
funds, an organiser that is not engaged pays nothing, and the funded share returned is
what was actually paid. Expectations are computed by hand from the bill."""

from __future__ import annotations

import numpy as np
import pytest

from sim.model import AllianceModel
from sim.organiser_accounts import OrganiserCost
from sim.scenario import Mode, Organiser
from sim.scenario.mode_files import mode_scenario

BILL = 3.0


def _co_construction() -> AllianceModel:
    model = AllianceModel(mode_scenario(Mode.CO_CONSTRUCTION, population={"enterprises": 200}), 4)
    model.administration.budget = 100.0
    model.society.cash = 100.0
    assert set(model.engaged_organisers()) == set(Organiser)
    return model


def _charge(model, who=None, purpose=OrganiserCost.PLATFORM):
    profit = np.zeros(len(model.firms))
    admin, society = model.administration.budget, model.society.cash
    funded = model._charge_organisers(BILL, profit, purpose, who)
    paid = {
        Organiser.ADMINISTRATION: admin - model.administration.budget,
        Organiser.SOCIETY: society - model.society.cash,
        Organiser.ENTERPRISE: -profit[model.leader_row()],
    }
    return funded, paid, profit


def test_three_engaged_organisers_pay_a_third_each_and_the_shares_sum_to_the_bill():
    model = _co_construction()
    funded, paid, profit = _charge(model)
    assert funded == 1.0
    assert paid == pytest.approx(dict.fromkeys(Organiser, 1.0))
    assert sum(paid.values()) == pytest.approx(BILL)
    assert np.count_nonzero(profit) == 1  # only the leader's row pays among firms
    assert model.ledger.public_platform == pytest.approx(1.0)
    assert model.ledger.platform_paid == pytest.approx(1.0)
    assert model.ledger.public_spending == pytest.approx(1.0)


def test_an_organiser_short_of_funds_pays_what_it_has_and_the_funded_share_says_so():
    model = _co_construction()
    model.administration.budget = 0.25
    funded, paid, _ = _charge(model)
    assert paid[Organiser.ADMINISTRATION] == pytest.approx(0.25)
    assert paid[Organiser.SOCIETY] == pytest.approx(1.0)
    assert paid[Organiser.ENTERPRISE] == pytest.approx(1.0)
    assert funded == pytest.approx(2.25 / BILL)


def test_an_organiser_not_engaged_pays_nothing_and_the_others_share_the_whole_bill():
    model = _co_construction()
    model.society.participating = False
    assert Organiser.SOCIETY not in model.engaged_organisers()
    funded, paid, _ = _charge(model)
    assert funded == 1.0
    assert paid[Organiser.SOCIETY] == 0.0
    assert paid[Organiser.ADMINISTRATION] == pytest.approx(1.5)
    assert paid[Organiser.ENTERPRISE] == pytest.approx(1.5)


def test_a_bill_for_some_organisers_is_shared_by_those_only():
    model = _co_construction()
    funded, paid, _ = _charge(model, who=[Organiser.ENTERPRISE], purpose=OrganiserCost.STAFF)
    assert funded == 1.0
    assert paid == pytest.approx({Organiser.ADMINISTRATION: 0, Organiser.SOCIETY: 0,
                                  Organiser.ENTERPRISE: BILL})  # fmt: skip
    assert model.ledger.staff_costs == pytest.approx(BILL)


def test_nobody_engaged_funds_nothing_and_no_bill_is_fully_funded():
    model = _co_construction()
    model.society.participating = False
    model.administration.backing = False
    funded, paid, _ = _charge(model, who=[Organiser.SOCIETY, Organiser.ADMINISTRATION])
    assert funded == 0.0 and sum(paid.values()) == 0.0
    assert model._charge_organisers(0.0, np.zeros(len(model.firms)), OrganiserCost.STAFF) == 1.0


def test_a_bill_under_one_money_unit_is_charged_like_any_other():
    """The threshold for charging is a bill above nothing, not above 1 MU."""
    model = _co_construction()
    profit = np.zeros(len(model.firms))
    funded = model._charge_organisers(0.6, profit, OrganiserCost.MONITORING)
    assert funded == pytest.approx(1.0)
    assert model.administration.budget == pytest.approx(100.0 - 0.2)
    assert model.society.cash == pytest.approx(100.0 - 0.2)
    assert profit[model.leader_row()] == pytest.approx(-0.2)
    assert model.ledger.public_monitoring == pytest.approx(0.2)
    assert model.ledger.monitoring_costs == pytest.approx(0.2)


def test_a_small_bill_with_nobody_engaged_is_not_funded():
    model = _co_construction()
    model.society.participating = False
    model.administration.backing = False
    who = [Organiser.SOCIETY, Organiser.ADMINISTRATION]
    assert model._charge_organisers(0.5, np.zeros(len(model.firms)), OrganiserCost.STAFF, who) == 0


def test_public_spending_adds_to_what_was_spent_earlier_in_the_step():
    model = _co_construction()
    model.ledger.public_spending = 0.4  # e.g. subsidies paid before the bill
    _charge(model)
    assert model.ledger.public_spending == pytest.approx(0.4 + 1.0)


def test_the_funded_share_counts_every_payer_whatever_the_order_they_are_named_in(
    make_scenario,
):
    """The administration named after the society: the share funded is the sum of both
    payments over the bill, not the last payment alone."""
    scenario = make_scenario(
        {
            "alliance": {"organiser": ["society", "administration"]},
            "society": {"present": True},
            "administration": {"present": True},
        }
    )
    model = AllianceModel(scenario, 4)
    model.administration.budget = model.society.cash = 100.0
    model.administration.backing = model.society.participating = True
    assert model.engaged_organisers() == [Organiser.SOCIETY, Organiser.ADMINISTRATION]
    funded = model._charge_organisers(BILL, np.zeros(len(model.firms)), OrganiserCost.STAFF)
    assert funded == pytest.approx(1.0)
    assert model.administration.budget == pytest.approx(100.0 - BILL / 2)
    assert model.society.cash == pytest.approx(100.0 - BILL / 2)
    model.administration.budget = 0.5  # short: 0.5 + 1.5 of 3 funded
    funded = model._charge_organisers(BILL, np.zeros(len(model.firms)), OrganiserCost.STAFF)
    assert funded == pytest.approx((0.5 + BILL / 2) / BILL)

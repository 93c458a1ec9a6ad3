"""Who receives a payment to the organisers (sim.organiser_accounts._pay_organisers): the
engaged organisers share it equally, or the one it is for when that one is engaged; the
ledger books each part where it went, added to what is booked already; the return is
what enterprises (the leader) received. Expectations computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from agents.action import Action
from sim.model import AllianceModel
from sim.scenario import Mode, Organiser
from sim.scenario.mode_files import mode_scenario

AMOUNT = 3.0


def co_construction() -> AllianceModel:
    model = AllianceModel(mode_scenario(Mode.CO_CONSTRUCTION, population={"enterprises": 200}), 4)
    assert set(model.engaged_organisers()) == set(Organiser)
    lg = model.ledger
    lg.organiser_receipts, lg.public_receipts, lg.society_income = 0.5, 0.25, 0.75
    return model


def pay(model, to=None, amount=AMOUNT):
    profit = np.full(len(model.firms), 2.0)
    admin, society = model.administration.budget, model.society.cash
    to_firms = model._pay_organisers(amount, profit, to)
    got = {
        Organiser.ADMINISTRATION: model.administration.budget - admin,
        Organiser.SOCIETY: model.society.cash - society,
        Organiser.ENTERPRISE: profit[model.leader_row()] - 2.0,
    }
    return to_firms, got, profit


def test_three_engaged_organisers_receive_a_third_each():
    model = co_construction()
    to_firms, got, profit = pay(model)
    assert got == pytest.approx(dict.fromkeys(Organiser, 1.0))
    assert to_firms == pytest.approx(1.0)
    assert np.count_nonzero(profit != 2.0) == 1  # only the leader's row among firms
    lg = model.ledger
    assert lg.organiser_receipts == pytest.approx(0.5 + 3.0)
    assert lg.public_receipts == pytest.approx(0.25 + 1.0)
    assert lg.society_income == pytest.approx(0.75 + 1.0)


def test_a_payment_for_one_engaged_organiser_goes_to_it_alone():
    model = co_construction()
    to_firms, got, _ = pay(model, to=Organiser.SOCIETY, amount=0.5)  # under 1 MU too
    assert got == pytest.approx({Organiser.ADMINISTRATION: 0.0, Organiser.SOCIETY: 0.5,
                                 Organiser.ENTERPRISE: 0.0})  # fmt: skip
    assert to_firms == 0.0


def test_a_payment_for_an_organiser_not_engaged_is_shared_by_the_engaged():
    model = co_construction()
    model.firms.strategy[model.leader_row()] = Action.OUTSIDE  # the leader leaves
    to_firms, got, _ = pay(model, to=Organiser.ENTERPRISE)
    assert got == pytest.approx({Organiser.ADMINISTRATION: 1.5, Organiser.SOCIETY: 1.5,
                                 Organiser.ENTERPRISE: 0.0})  # fmt: skip
    assert to_firms == 0.0


def test_nothing_to_pay_or_nobody_engaged_pays_nothing():
    model = co_construction()
    assert pay(model, amount=0.0)[0] == 0.0
    assert model.ledger.organiser_receipts == 0.5
    model.administration.backing = False
    model.society.participating = False
    model.firms.strategy[model.leader_row()] = Action.OUTSIDE
    to_firms, got, _ = pay(model)
    assert to_firms == 0.0 and got == pytest.approx(dict.fromkeys(Organiser, 0.0))
    assert model.ledger.organiser_receipts == 0.5

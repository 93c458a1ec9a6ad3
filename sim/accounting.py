"""The model's accounting identities, checked step by step (used by the tests, and by
anyone adding a money flow: book it in :class:`sim.ledger.Ledger` or this fails).

* enterprises: the change in total enterprise cash (firms in business before, plus
  entrants; a bankrupt firm's cash leaves through ``exit_cash``) equals
  ``Ledger.enterprise_net()``;
* surplus (the time-series column) is the firms' profit: the net flow without entry
  capital and exit cash;
* pool: payouts plus the organiser's cut equal the pool's yield;
* administration: its spending is subsidies plus audits, platform and staff, and its
  budget changes by appropriation plus receipts minus spending, never below zero;
* without an administration nothing public is spent.

Every comparison uses one tolerance, relative to the size of the flows compared
(:func:`close`): sums of thousands of terms carry rounding of that order, and a fixed
absolute tolerance would be too loose for small flows and too tight for large ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.ledger import Ledger
    from sim.model import AllianceModel

RELATIVE_TOLERANCE = 1e-9
"""Rounding allowed, as a share of the flows' size (at least 1 MU)."""


class AccountingError(AssertionError):
    """A step whose money flows do not add up."""


def close(got: float, want: float, scale: float) -> bool:
    """``got == want`` to :data:`RELATIVE_TOLERANCE` of ``scale`` (at least 1 MU)."""
    return abs(got - want) <= RELATIVE_TOLERANCE * max(1.0, abs(scale))


def checked_step(model: AllianceModel) -> None:
    """Run one step and raise :class:`AccountingError` if an identity fails."""
    cash_before = float(model.firms.cash.sum())
    admin = model.administration
    budget_before = admin.budget if admin else 0.0
    model.step()
    lg = model.ledger
    net = lg.enterprise_net()
    scale = lg.revenue + lg.entry_capital + abs(lg.exit_cash) + lg.contributions
    _expect(float(model.firms.cash.sum()) - cash_before, net, scale, "enterprise cash change", lg)
    _expect(model.last_surplus, net - lg.entry_capital + lg.exit_cash, scale, "surplus", lg)
    _expect(lg.pool_payouts + lg.organiser_cut, lg.pool_yield, lg.pool_yield, "pool yield", lg)
    public = lg.subsidies + lg.public_monitoring + lg.public_platform + lg.public_staff
    _expect(lg.public_spending, public, lg.public_spending, "public spending", lg)
    if admin is None:
        _expect(lg.public_spending, 0.0, 1.0, "public spending without administration", lg)
        return
    expected = admin.spec.budget_per_step + lg.public_receipts - lg.public_spending
    _expect(admin.budget - budget_before, expected, budget_before, "budget change", lg)
    if admin.budget < 0:
        raise AccountingError(f"step {model.steps}: negative budget {admin.budget}")


def run_checked(model: AllianceModel, steps: int) -> None:
    """``steps`` checked steps."""
    for _ in range(steps):
        checked_step(model)


def _expect(got: float, want: float, scale: float, what: str, ledger: Ledger) -> None:
    if not close(got, want, scale):
        raise AccountingError(f"{what}: {got!r} != {want!r}; ledger {ledger.as_dict()}")

"""The model's accounting identities, checked step by step (used by the tests, and by
anyone adding a money flow: book it in :class:`sim.ledger.Ledger` or this fails).

* enterprises: the change in total enterprise cash equals ``Ledger.enterprise_net()``;
* administration: its spending is subsidies plus audits, platform and staff, and its
  budget changes by appropriation plus receipts minus spending, never below zero;
* without an administration nothing public is spent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.model import AllianceModel


class AccountingError(AssertionError):
    """A step whose money flows do not add up."""


def checked_step(model: AllianceModel, tolerance: float = 1e-7) -> None:
    """Run one step and raise :class:`AccountingError` if an identity fails."""
    cash_before = float(model.firms.cash.sum())
    admin = model.administration
    budget_before = admin.budget if admin else 0.0
    model.step()
    lg = model.ledger
    cash_change = float(model.firms.cash.sum()) - cash_before
    _expect(cash_change, lg.enterprise_net(), "enterprise cash change", lg, tolerance)
    public = lg.subsidies + lg.public_monitoring + lg.public_platform + lg.public_staff
    _expect(lg.public_spending, public, "public spending", lg, tolerance)
    if admin is None:
        _expect(lg.public_spending, 0.0, "public spending without administration", lg, tolerance)
        return
    expected = admin.spec.budget_per_step + lg.public_receipts - lg.public_spending
    _expect(admin.budget - budget_before, expected, "budget change", lg, tolerance)
    if admin.budget < -tolerance:
        raise AccountingError(f"step {model.steps}: negative budget {admin.budget}")


def run_checked(model: AllianceModel, steps: int) -> None:
    """``steps`` checked steps."""
    for _ in range(steps):
        checked_step(model)


def _expect(got: float, want: float, what: str, ledger, tolerance: float) -> None:
    if not np.isclose(got, want, atol=tolerance, rtol=1e-9):
        raise AccountingError(f"{what}: {got!r} != {want!r}; ledger {ledger.as_dict()}")

"""What the alliance's organisers receive and pay: the paper's construction modes differ
in who builds and runs the alliance, and so in who collects fees and the cut and who
pays for monitoring, the platform and staff.

A part of :class:`sim.model.AllianceModel`. An organiser is *engaged* while it can run
the alliance: the administration while it backs it, the society while it takes part,
the leading enterprise while it is a member. Payments go only to engaged organisers and
costs fall only on them, the administration and the society never beyond their funds.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum

import numpy as np

from agents.action import Action
from sim.scenario import Organiser


class OrganiserCost(Enum):
    """What organisers pay for, and the ledger items (:class:`sim.ledger.Ledger`) that
    book it when the administration pays and when a leading enterprise pays; the society
    pays from its own funds, which the ledger does not itemise."""

    MONITORING = ("public_monitoring", "monitoring_costs")
    PLATFORM = ("public_platform", "platform_paid")
    STAFF = ("public_staff", "staff_costs")

    def __init__(self, public_item: str, enterprise_item: str) -> None:
        self.public_item = public_item
        self.enterprise_item = enterprise_item


class OrganiserAccounts:
    """Engagement, the cut and fee in force, and the organisers' receipts and payments."""

    def engaged_organisers(self) -> list[Organiser]:
        """Organisers able to run the alliance this step."""
        engaged = []
        for who in self.config.alliance.organiser:
            if (who is Organiser.ADMINISTRATION and self.administration.backing) or (
                who is Organiser.SOCIETY and self.society.participating
            ):
                engaged.append(who)
            elif who is Organiser.ENTERPRISE:
                row = self.leader_row()
                if row >= 0 and self.firms.strategy[row] != Action.OUTSIDE:
                    engaged.append(who)
        return engaged

    def cut_in_force(self) -> tuple[float, Organiser | None]:
        """The organiser's cut of the pool's yield this step, and who keeps it: in a mode,
        its cut holder while engaged; without one, the engaged organisers."""
        holder = self.mechanics.spec.cut_holder if self.mechanics.spec else None
        engaged = self.engaged_organisers()
        takes_cut = holder in engaged if self.mechanics.spec else bool(engaged)
        return (self.alliance.charter.organiser_cut if takes_cut else 0.0), holder

    def organiser_engaged(self) -> bool:
        return bool(self.engaged_organisers())

    def current_fee(self) -> float:
        """The fee in force: the society sets it when it runs the alliance and adjusts fees."""
        if (
            self.society
            and Organiser.SOCIETY in self.config.alliance.organiser
            and (self.config.society.fee_adjustment > 0)
        ):
            return self.society.fee
        return self.alliance.charter.fee

    def _pay_organisers(
        self, amount: float, profit: np.ndarray, to: Organiser | None = None
    ) -> float:
        """Pay ``amount`` to organiser ``to`` if it is engaged, else split it among the
        engaged organisers; return what enterprises received."""
        engaged = self.engaged_organisers()
        if to is not None and to in engaged:
            engaged = [to]
        if amount <= 0 or not engaged:
            return 0.0
        part = amount / len(engaged)
        self.ledger.organiser_receipts += amount
        to_firms = 0.0
        for who in engaged:
            if who is Organiser.ADMINISTRATION:
                self.administration.receive(part)
                self.ledger.public_receipts += part
            elif who is Organiser.SOCIETY:
                self.society.receive(part)
                self.ledger.society_income += part
            else:
                profit[self.leader_row()] += part
                to_firms += part
        return to_firms

    def _charge_organisers(
        self,
        amount: float,
        profit: np.ndarray,
        purpose: OrganiserCost,
        who: Collection[Organiser] | None = None,
    ) -> float:
        """Engaged organisers (only those in ``who`` when given) pay ``amount`` for
        ``purpose``, the administration and the society never beyond their funds; return
        the share of ``amount`` that was funded."""
        engaged = [o for o in self.engaged_organisers() if who is None or o in who]
        if amount <= 0 or not engaged:
            return 1.0 if amount <= 0 else 0.0
        part = amount / len(engaged)
        lg = self.ledger
        paid = 0.0
        for organiser in engaged:
            if organiser is Organiser.ADMINISTRATION:
                got = self.administration.pay(part)
                lg.public_spending += got
                lg.book(purpose.public_item, got)
                paid += got
            elif organiser is Organiser.SOCIETY:
                paid += self.society.pay(part)
            else:
                profit[self.leader_row()] -= part
                lg.book(purpose.enterprise_item, part)
                paid += part
        return paid / amount

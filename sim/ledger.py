"""Where every unit of money went in one step: the model's accounting identities.

The enterprises' identity: the change in total enterprise cash equals
``enterprise_net()``, the sum of the flows below with their signs. The
administration's identity: what it spent equals what firms received from it
(subsidies) plus what it paid for audits, platform and staff. Tests check both every
step.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Ledger:
    """Flows of one step, in MU. ``*_received`` are what enterprises received."""

    revenue: float = 0.0  # clients paid for delivered projects
    variable_cost: float = 0.0  # delivery and subcontracting costs
    fixed_cost: float = 0.0  # overheads per capacity
    contributions: float = 0.0  # paid into alliance pools
    pool_payouts: float = 0.0  # shares of pool yields received by members
    cut_received: float = 0.0  # organiser's cut of the yield received by a leading enterprise
    fees_paid: float = 0.0
    fees_received: float = 0.0  # by a leading enterprise organiser or returned to members
    fines_paid: float = 0.0
    fines_received: float = 0.0
    subsidies: float = 0.0  # from the administration
    loner_income: float = 0.0  # outside option sigma of firms not in a running pool
    switching_costs: float = 0.0  # joining and leaving
    monitoring_costs: float = 0.0  # monitoring paid by enterprises (peers or a leader)
    platform_paid: float = 0.0  # platform investment paid by a leading enterprise or members
    staff_costs: float = 0.0  # tight alliance's staff paid by a leading enterprise or members
    entry_capital: float = 0.0  # cash entrants bring in
    exit_cash: float = 0.0  # cash (possibly negative) leaving with bankrupt firms
    pool_yield: float = 0.0  # r x contributions, before sharing
    organiser_cut: float = 0.0  # part of the yield kept by organisers (all kinds)
    public_spending: float = 0.0  # administration: subsidies plus audits
    public_monitoring: float = 0.0  # administration's audit costs
    public_receipts: float = 0.0  # fees, fines and cuts the administration received
    society_income: float = 0.0  # fees, fines and cuts the society received
    platform_investment: float = 0.0  # all platform investment this step
    public_platform: float = 0.0  # administration's platform investment
    public_staff: float = 0.0  # administration's staff cost of a tight alliance
    organiser_receipts: float = 0.0  # cut, fees and fines received by organisers (all kinds)

    def book(self, item: str, amount: float) -> None:
        """Add ``amount`` to the flow named ``item`` (a field of this ledger)."""
        setattr(self, item, getattr(self, item) + amount)

    def enterprise_net(self) -> float:
        """Net inflow into enterprise cash implied by the flows."""
        return (
            self.revenue
            - self.variable_cost
            - self.fixed_cost
            - self.contributions
            + self.pool_payouts
            + self.cut_received
            - self.fees_paid
            + self.fees_received
            - self.fines_paid
            + self.fines_received
            + self.subsidies
            + self.loner_income
            - self.switching_costs
            - self.monitoring_costs
            - self.platform_paid
            - self.staff_costs
            + self.entry_capital
            - self.exit_cash
        )

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

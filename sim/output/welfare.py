"""The welfare account: who gains and who pays in each step, in MU per step.

Welfare in a step is the sum of what each party gains, with public money valued at its
marginal cost:

    welfare = clients' surplus + firms' profit + organisers' net flow
              - public_funds_cost x net public spending

* **Clients' surplus**: the clients' valuation of the projects delivered this step
  minus the price they paid. A project of value ``v`` delivered at quality ``q`` (a
  consortium's mean quality) is worth ``v (1 + (w_q / w_p) q)`` to its client: the
  money value of quality implied by the clients' own score, in which the price enters
  as ``-w_p x markup`` (:func:`sim.market.client_valuation`, which says what is left
  out and why).
* **Firms' profit**: the ``surplus`` column, every firm's profit from all sources
  (market, pool, subsidies, fees, fines, switching, monitoring, platform and staff
  costs); a leading enterprise's receipts and payments as organiser are in it.
* **Organisers' net flow**: the change in the society's funds in the step (fees, fines
  and the cut it receives, minus its running cost and what it pays for monitoring,
  platform and staff). Its funds held are the ``society_cash`` column.
* **Net public spending**: what the administration spent (subsidies, audits, platform,
  staff) minus what it received (fees, fines, the cut), valued at the marginal cost of
  public funds ``outcomes.public_funds_cost`` (taxes raised to pay for it distort;
  receipts spare taxes). The administration's funds held are the
  ``administration_budget`` column.
* **Unspent appropriation**: the step's appropriation minus net public spending, the
  change in the administration's budget. It is reported, not charged: an appropriation
  is a ceiling the administration may spend up to; public money that is not spent
  stays in the public purse and costs taxpayers nothing until it is spent.

Transfers cancel: a fee paid to the society lowers firms' profit and raises the
society's net flow by the same MU; a subsidy raises firms' profit by what the
administration spends, so it costs welfare ``public_funds_cost - 1`` per MU. What
remains is real: clients' valuation against firms' delivery costs, the pool's net yield
(``(r_g - 1)`` per MU contributed), and resources used up (fixed costs, switching,
monitoring, staff, running costs, platform investment, whose return shows in later
pool yields). Entry capital and the cash of bankrupt firms are stocks moving, not
flows, and are left out, as in the ``surplus`` column.

The alliance's value added is this welfare minus the welfare of the same seed without
an alliance (:mod:`sim.output.value_added`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.output.column import Column

if TYPE_CHECKING:
    from sim.model import AllianceModel


@dataclass(frozen=True)
class WelfareStep:
    """One step of the welfare account (MU/step)."""

    clients_surplus: float = 0.0
    firms_profit: float = 0.0
    organisers_net: float = 0.0
    net_public_spending: float = 0.0
    public_funds_cost: float = 1.0
    appropriation: float = 0.0

    @property
    def weighted_public_spending(self) -> float:
        """Net public spending at the marginal cost of public funds."""
        return self.public_funds_cost * self.net_public_spending

    @property
    def unspent_appropriation(self) -> float:
        """The appropriation minus net public spending (the budget's change)."""
        return self.appropriation - self.net_public_spending

    @property
    def welfare(self) -> float:
        """Clients' surplus, firms' profit and organisers' net flow, less public money at
        its marginal cost."""
        return (
            self.clients_surplus
            + self.firms_profit
            + self.organisers_net
            - self.weighted_public_spending
        )


class WelfareAccount:
    """Keeps the organisers' funds between steps and closes each step's account."""

    def __init__(self, model: AllianceModel) -> None:
        self.society_funds = _society_funds(model)
        self.last = WelfareStep(public_funds_cost=model.config.outcomes.public_funds_cost)

    def close_step(self, model: AllianceModel) -> WelfareStep:
        """The account of the step just run (call once per step, after it)."""
        funds = _society_funds(model)
        lg, admin = model.ledger, model.administration
        self.last = WelfareStep(
            clients_surplus=model.last_market.client_value - lg.revenue,
            firms_profit=model.last_surplus,
            organisers_net=funds - self.society_funds,
            net_public_spending=lg.public_spending - lg.public_receipts,
            public_funds_cost=model.config.outcomes.public_funds_cost,
            appropriation=admin.spec.budget_per_step if admin else 0.0,
        )
        self.society_funds = funds
        return self.last


def _society_funds(model: AllianceModel) -> float:
    return model.society.cash if model.society else 0.0


WELFARE_COLUMNS: dict[str, Column] = {
    "clients_surplus": Column(
        "MU/step",
        "Clients' valuation of the projects delivered, v (1 + (w_q / w_p) quality), minus "
        "the price they paid (sim.output.welfare)",
        lambda m: m.welfare.last.clients_surplus,
    ),
    "organisers_net": Column(
        "MU/step",
        "Change in the society's funds: fees, fines and cut received minus running cost "
        "and payments (0 without a society); a leading enterprise's flows are in surplus",
        lambda m: m.welfare.last.organisers_net,
    ),
    "net_public_spending": Column(
        "MU/step",
        "Administration's spending (public_cost) minus its receipts (fees, fines, cut)",
        lambda m: m.welfare.last.net_public_spending,
    ),
    "weighted_public_spending": Column(
        "MU/step",
        "Net public spending x outcomes.public_funds_cost (the marginal cost of public funds)",
        lambda m: m.welfare.last.weighted_public_spending,
    ),
    "unspent_appropriation": Column(
        "MU/step",
        "Administration's appropriation in the step minus net public spending (the budget's "
        "change; reported, not charged in welfare)",
        lambda m: m.welfare.last.unspent_appropriation,
    ),
    "welfare": Column(
        "MU/step",
        "clients_surplus + surplus (firms' profit) + organisers_net - weighted_public_spending",
        lambda m: m.welfare.last.welfare,
    ),
}

PAIRED_COLUMNS: dict[str, Column] = {
    "value_added": Column(
        "MU/step",
        "Alliance's value added: welfare minus the welfare of the same seed without an "
        "alliance or organisers (sim.output.value_added); NaN when outcomes.value_added is "
        "false or membership is compulsory",
        lambda m: float("nan"),
    ),
}
"""Columns computed from a run and its counterfactual, not read off one model."""

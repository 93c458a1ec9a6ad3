"""The construction mode at work inside the staged step: the glue between the model and
the mode's mechanisms (:mod:`sim.scenario.modes`, :mod:`sim.monitoring`,
:mod:`sim.credit_rating`, :mod:`sim.governance_form`).

Without a mode (``mode: null``) the model keeps the generic rules: monitoring by the
charter's probability (``sim.monitoring.charter_monitoring``), costs split among the
engaged organisers. With a mode:

* monitoring is done by the mode's monitors, each in its own way;
* a tight alliance's staff cost is paid by the mode's operator (members share it when
  there is none) and its extra platform investment by the platform funders;
* the platform investment ``organiser_investment`` is paid by the platform funders
  (members share it in a mode without funders, i.e. market only);
* where the mode has no public money, the administration never pays anything.

In every case clients see the society's credit rating and certificates
(``society.rating_weight``, ``society.certification_bonus``; both 0 by default).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from agents.action import Action
from sim.alliance import Sanctions
from sim.credit_rating import client_bonus, withdraw_certificates
from sim.governance_form import effective_charter, extra_platform_investment, staff_cost
from sim.monitoring import charter_monitoring, run_monitoring
from sim.organiser_accounts import OrganiserCost
from sim.scenario import Organiser
from sim.scenario.modes import ModeSpec, Monitor, mode_spec

if TYPE_CHECKING:
    from sim.model import AllianceModel


class ModeMechanics:
    """The mode's mechanisms, bound to one model."""

    def __init__(self, model: AllianceModel) -> None:
        self.model = model
        self.spec: ModeSpec | None = mode_spec(model.config)
        alliance = model.alliance
        alliance.written_charter = alliance.charter
        alliance.charter = effective_charter(alliance.charter, model.config.governance)
        model.last_monitors = []
        model.last_audits = 0
        self._leader_founds()

    def _leader_founds(self) -> None:
        """Where a leading enterprise organises (in a mode or not), it founds the
        alliance: it starts as a contributing member (afterwards it decides as an organiser,
        :mod:`agents.leadership`, or by the firms' rule)."""
        m = self.model
        if Organiser.ENTERPRISE not in m.config.alliance.organiser:
            return
        row = m.leader_row()
        if row >= 0 and m.allowed_strategies()[row, Action.CONTRIBUTE]:
            m.firms.strategy[row] = Action.CONTRIBUTE

    def monitor(self, open_members: np.ndarray, profit: np.ndarray) -> Sanctions:
        """The mode's monitors, or the charter's plain monitoring without a mode."""
        if self.spec is None:
            return charter_monitoring(self.model, open_members, profit)
        return run_monitoring(self.model, self.spec, open_members, profit)

    def rating_runs(self) -> bool:
        return Monitor.RATING in self.model.last_monitors

    def after_certification(self) -> None:
        """Certificates lapse for members with a poor credit record (rating monitors)."""
        if self.rating_runs():
            withdraw_certificates(self.model.firms)

    def client_bonus(self, open_members: np.ndarray) -> np.ndarray | float:
        """Clients' score bonus for visible credit ratings and certificates."""
        m = self.model
        if m.society is None or not m.society.participating:
            return 0.0
        return client_bonus(m.firms, m.config.society, open_members)

    def fund_platform(self, amount: float, profit: np.ndarray, open_members: np.ndarray) -> float:
        """Pay the organisers' platform investment; return the share funded. Without a
        mode all engaged organisers pay; with one, its platform funders pay, or, when it
        has none (market only), the members share it."""
        m = self.model
        if self.spec is None:
            return m._charge_organisers(amount, profit, OrganiserCost.PLATFORM)
        if self.spec.platform_funders:
            return m._charge_organisers(
                amount, profit, OrganiserCost.PLATFORM, who=self.spec.platform_funders
            )
        n = int(open_members.sum())
        if not n:
            return 0.0
        profit -= np.where(open_members, amount / n, 0.0)
        m.ledger.platform_paid += amount
        return 1.0

    def platform_investment(self) -> float:
        """Organisers' platform investment per step, tight governance included (MU/step)."""
        m = self.model
        return m.config.alliance.platform.organiser_investment + extra_platform_investment(
            m.config.governance
        )

    def pay_staff(self, open_members: np.ndarray, profit: np.ndarray) -> None:
        """A tight alliance's secretariat: the operator pays, or members share it."""
        m = self.model
        amount = staff_cost(m.config.governance)
        if amount <= 0 or not m.alliance.active:
            return
        operator = self.spec.operator if self.spec else None
        if operator is not None:
            m._charge_organisers(amount, profit, OrganiserCost.STAFF, who=(operator,))
            return
        n = int(open_members.sum())
        if n:
            profit -= np.where(open_members, amount / n, 0.0)
            m.ledger.staff_costs += amount

"""Leadership: how a leading enterprise that organises the alliance decides to stay.

In the paper's leading-enterprise-led mode the largest firm founds and anchors the
alliance. An organiser does not decide by copying a neighbour, as an ordinary member
might: like the administration and the society it weighs what organising brings it
against what it costs (a participation constraint). Each step it updates a smoothed
estimate of its net benefit from the alliance,

    b_t = (1 - lambda) * b_{t-1} + lambda * (profit_t - market profit_t - sigma_t),

the part of its profit that came from the alliance (pool payout, organiser's cut,
fees and fines received, subsidy; minus contribution, fee, monitoring, platform and
staff costs it paid, and any outside option it received). It stays a contributing
member while ``b_t >= 0`` and leaves when ``b_t < 0``; a new leader first serves the
``commitment`` steps it signed up for (``decisions.leader.commitment``), since one
quarter's accounts say little about what organising will pay.

``decisions.leader.rule: as_enterprise`` switches this off: the leader then decides by
the enterprises' rule like every firm.
"""

from __future__ import annotations

from dataclasses import dataclass

from agents.action import Action


@dataclass
class Leadership:
    """The leading enterprise's smoothed net benefit from organising (MU per step)."""

    memory: float  # lambda: weight of the latest step, in (0, 1]
    commitment: int = 0  # steps a new leader serves before it weighs leaving
    row: int = -1  # slot of the leader the estimate belongs to
    benefit: float = 0.0
    served: int = 0  # steps observed as leader

    def observe(self, row: int, alliance_part: float) -> float:
        """Fold this step's alliance part of the leader's profit into the estimate; a new
        leader starts from zero (it founds the alliance in good faith)."""
        if row != self.row:
            self.row, self.benefit, self.served = row, 0.0, 0
        self.benefit = (1.0 - self.memory) * self.benefit + self.memory * alliance_part
        self.served += 1
        return self.benefit

    def choice(self) -> Action:
        """Stay and contribute while organising pays, leave once it does not."""
        committed = self.served <= self.commitment
        return Action.CONTRIBUTE if committed or self.benefit >= 0.0 else Action.OUTSIDE

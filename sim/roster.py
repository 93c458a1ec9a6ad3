"""The roster of the industry: firms leaving and entering, and who leads.

A part of :class:`sim.model.AllianceModel` (DESIGN.md section 3, stage 5, events):
bankrupt firms exit with their cash, entrants take vacant slots as the incumbents'
profit invites them (:mod:`sim.entry`), and the leading enterprise (the largest firm in
business, the organiser of the enterprise-led mode) is found again whenever the roster
changes, the only time it can.
"""

from __future__ import annotations

import numpy as np

from agents.action import Action
from agents.enterprise import ServiceEnterprise
from sim.entry import expected_entrants
from sim.scenario import NetworkKind, Strategy


class Roster:
    """Exit, entry and the leader's row, for :class:`sim.model.AllianceModel`."""

    def leader_row(self) -> int:
        """The leading enterprise: the largest active firm (-1 if none). Found once per
        change of the roster (:meth:`_find_leader`), not at every call."""
        return self._leader

    def _find_leader(self) -> None:
        """Capacities never change and firms come and go only through
        :meth:`exit_firms` and :meth:`enter_firms`, which call this."""
        t = self.firms
        active = t.active.any()
        self._leader = int(np.argmax(np.where(t.active, t.capacity, -np.inf))) if active else -1

    def exit_firms(self, rows: np.ndarray) -> None:
        """Firms in ``rows`` leave the market; their cash leaves with them."""
        t = self.firms
        self.ledger.exit_cash += float(t.cash[rows].sum())
        t.active[rows] = False
        t.strategy[rows] = Action.OUTSIDE
        t.cash[rows] = 0.0
        t.profit[rows] = 0.0
        t.switching_due[rows] = 0.0
        for row in rows:
            face = self.faces[row]
            if face is not None:
                face.remove()
                self.faces[row] = None
        self.ties.drop_firms(rows)
        self.last_exits = len(rows)
        self._find_leader()

    def enter_firms(self, count: int | None = None) -> None:
        """Entrants arrive (Poisson, as many as the incumbents' profit invites,
        :mod:`sim.entry`; or ``count`` of them) and take vacant slots."""
        pop = self.config.population
        rng = self.streams["entry"]
        if count is None:
            count = int(rng.poisson(expected_entrants(pop, self.profit_signal.value or 0.0)))
        k = count
        self.last_entrants = k
        if not k:
            return
        t = self.firms
        rows = t.vacant_rows(k)
        t.found(rows, pop, self.steps, rng)
        self.network.bind(t.active)
        preferential = self.config.network.kind is NetworkKind.SCALE_FREE
        self.network.extend(len(t), rng, preferential)
        if Strategy.OUTSIDE not in self.config.decisions.enterprise.strategies:
            contribute = rng.random(k) < pop.initial_contributor_share
            t.strategy[rows] = np.where(contribute, Action.CONTRIBUTE, Action.FREE_RIDE)
        self.ledger.entry_capital += float(t.cash[rows].sum())
        self.faces.extend([None] * (len(t) - len(self.faces)))
        for row in rows:
            self.faces[row] = ServiceEnterprise(self, int(row))
        self.rule.reset_rows(rows)
        self._find_leader()

"""The roster of the industry: firms leaving and entering, and who leads.

A part of :class:`sim.model.AllianceModel` (DESIGN.md section 3, stage 5, events):
bankrupt firms exit with their cash, entrants take vacant slots as the incumbents'
profit invites them (:mod:`sim.entry`), and the leading enterprise passes on.

The leading enterprise (assumption A6 of the ODD) exists where an enterprise organises
the alliance. The largest firm in business founds it. It stays the leader while it is
in business and a member of the alliance, whatever enters or grows beside it. Once it
has left the market (bankrupt, or a ``leader_exit`` event) or the alliance (its own
choice, or expulsion), checked at the end of each step, the next largest firm in
business succeeds it if that firm is a member; otherwise there is no leading
enterprise from then on, and an alliance it alone organised stops for good (no
organiser is engaged). A successor first serves its commitment term as a
contributing member (:mod:`agents.leadership`); the old leader becomes an ordinary
firm.
"""

from __future__ import annotations

import numpy as np

from agents.action import Action
from agents.enterprise import ServiceEnterprise
from sim.entry import expected_entrants
from sim.scenario import NetworkKind, Organiser, Strategy


class Roster:
    """Exit, entry and the leader's row, for :class:`sim.model.AllianceModel`."""

    def leader_row(self) -> int:
        """The leading enterprise's row (-1 if there is none: no enterprise organises, or
        the leader left without a member to succeed it)."""
        return self._leader

    def _found_leader(self) -> None:
        """The founder: the largest firm in business, where an enterprise organises."""
        self._leader = -1
        if Organiser.ENTERPRISE in self.config.alliance.organiser:
            self._leader = _largest(self.firms.capacity, self.firms.active)

    def succeed_leader(self) -> None:
        """At the end of a step: a leader that left the market or the alliance is
        succeeded by the next largest firm in business if it is a member, else by none."""
        row, t = self._leader, self.firms
        if row < 0 or (t.active[row] and t.strategy[row] != Action.OUTSIDE):
            return
        others = t.active.copy()
        others[row] = False
        successor = _largest(t.capacity, others)
        member = successor >= 0 and t.strategy[successor] != Action.OUTSIDE
        self._leader = successor if member else -1

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


def _largest(capacity: np.ndarray, among: np.ndarray) -> int:
    """Row of the largest firm ``among`` (the first on a tie; -1 if none)."""
    return int(np.argmax(np.where(among, capacity, -np.inf))) if among.any() else -1

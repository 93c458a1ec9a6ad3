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
from sim.enterprise_table import Founders
from sim.entry import entry_probability
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
        """Entrants arrive and take vacant slots (:mod:`sim.entry`).

        The potential entrants are drawn first and apart from the state of the industry:
        ``Poisson(entry_rate x N_0)`` of them each step, each with its identity, traits,
        a uniform that decides whether it enters and one for its stance; those whose
        uniform is below the entry probability enter. With ``count`` (an entry wave),
        ``count`` potential entrants all enter. So two runs with one seed meet the same
        potential entrants, whatever their incumbents' profit lets in."""
        pop = self.config.population
        rng = self.streams["entry"]
        potential = int(rng.poisson(pop.entry_rate * pop.enterprises)) if count is None else count
        founders = Founders.draw(pop, potential, rng)
        chance = rng.random(potential)
        contribute = rng.random(potential) < pop.initial_contributor_share
        ident = self.next_ident + np.arange(potential)
        self.next_ident += potential
        enters = np.ones(potential, bool)
        if count is None:
            signal = self.profit_signal.value or 0.0
            enters = chance < entry_probability(signal, pop.entry_hurdle)
        k = np.count_nonzero(enters)
        self.last_entrants = k
        if not k:
            return
        t = self.firms
        rows = t.vacant_rows(k)
        t.found(rows, pop, self.steps, founders[enters], ident[enters])
        if Strategy.OUTSIDE not in self.config.decisions.enterprise.strategies:
            t.strategy[rows] = np.where(contribute[enters], Action.CONTRIBUTE, Action.FREE_RIDE)
        self.network.bind(t.active)
        preferential = self.config.network.kind is NetworkKind.SCALE_FREE
        self.network.extend(len(t), self.streams.lazy("network"), preferential)
        self.ledger.entry_capital += float(t.cash[rows].sum())
        self.faces.extend([None] * (len(t) - len(self.faces)))
        for row in rows:
            self.faces[row] = ServiceEnterprise(self, int(row))
        self.rule.reset_rows(rows)


def _largest(capacity: np.ndarray, among: np.ndarray) -> int:
    """Row of the largest firm ``among`` (the first on a tie; -1 if none)."""
    return int(np.argmax(np.where(among, capacity, -np.inf))) if among.any() else -1

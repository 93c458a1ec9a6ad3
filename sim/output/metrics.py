"""Every outcome the model measures each step: one named function each, with its unit.

``TIMESERIES`` is the one place a time-series column is listed: its name, unit,
meaning and how it is computed from the model (:class:`sim.output.column.Column`; the
welfare account's columns are defined beside the account, :mod:`sim.output.welfare`).
``MetricsRecorder`` writes them into preallocated numpy arrays each step (no per-agent
dicts), step 0 included. The policy
outcomes of a whole run are in :mod:`sim.output.policy_outcomes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from agents.action import CONTRIBUTE_CODE, OUTSIDE_CODE
from sim.compiled import compiled
from sim.float_sort import sort_floats
from sim.output.column import Column
from sim.output.outcome_tracker import tie_density
from sim.output.welfare import WELFARE_COLUMNS
from sim.oversight import shielded_share
from sim.scenario import Organiser

if TYPE_CHECKING:
    from sim.model import AllianceModel


def gini(values: np.ndarray) -> float:
    """Gini coefficient of non-negative values (0 equal, towards 1 concentrated).

    Negative values are clipped to 0 (a firm cannot hold less than nothing for
    inequality's sake; bankrupt firms leave before metrics are taken)."""
    x = sort_floats(np.maximum(np.asarray(values, dtype=float), 0.0))
    n = len(x)
    total = x.sum()
    if n == 0 or total <= 0:
        return 0.0
    ranks = np.arange(1.0, n + 1)  # floats: the dot would convert whole numbers anyway
    coefficient = 2.0 * single_thread_dot(ranks, x) / (n * total) - (n + 1) / n
    return float(min(max(coefficient, 0.0), 1.0))  # NaN stays NaN


BLAS_ONE_THREAD = 10_000  # OpenBLAS takes a dot of at most this many terms on one thread


def single_thread_dot(a: np.ndarray, b: np.ndarray) -> float:
    """``np.dot(a, b)``, in blocks of ``BLAS_ONE_THREAD`` terms added in order when the
    vectors are longer. OpenBLAS splits a longer dot across threads: on shared cores that
    took milliseconds a step at 10,000 firms, and its last bits depended on how many
    cores the machine has; a block at a time, it is the same everywhere."""
    if len(a) <= BLAS_ONE_THREAD:
        return float(np.dot(a, b))
    total = 0.0
    for start in range(0, len(a), BLAS_ONE_THREAD):
        block = slice(start, start + BLAS_ONE_THREAD)
        total += float(np.dot(a[block], b[block]))
    return total


def share(part: int | float, whole: int | float) -> float:
    """``part / whole``, and 0 when the whole is empty."""
    return float(part) / float(whole) if whole else 0.0


class Census:
    """Who is in business, in the alliance and contributing, how many of them are small
    firms, and what the firms in business hold: read by several columns, so
    :meth:`MetricsRecorder.record` takes it once per step (``model.census``), in one
    compiled pass over the slots. ``quality``, ``reputation`` and ``cash`` hold the
    values of the firms in business in slot order (as indexing by their rows gives
    them), ``member_ratings`` the members' credit ratings."""

    def __init__(self, m: AllianceModel) -> None:
        t = m.firms
        n = len(t)
        held, ratings = np.empty((3, n)), np.empty(n)
        counts = _take_census(
            t.active,
            t.strategy,
            t.capacity,
            m.config.population.sme_capacity,
            (t.quality, t.reputation, t.cash, t.rating),
            held,
            ratings,
        )
        self.n_active, self.n_members, self.n_contributors = counts[:3]
        self.n_small, self.n_small_members = counts[3:]
        self.quality, self.reputation, self.cash = held[:, : self.n_active]
        self.member_ratings = ratings[: self.n_members]


@compiled
def _take_census(active, strategy, capacity, sme_capacity, columns, held, member_ratings):
    """Count the firms in business, the members (in business and not outside), the
    contributors, the small firms in business (capacity below ``sme_capacity``) and the
    small members; put the first three of ``columns`` (quality, reputation, cash) of
    the firms in business in ``held`` and the last (rating) of the members in
    ``member_ratings``, in slot order; one pass. Every slot's values are written at the
    next free place and kept only where they belong (no branch)."""
    quality, reputation, cash, rating = columns
    n_active = members = contributors = n_small = small_members = 0
    for i in range(len(active)):
        member = active[i] and strategy[i] != OUTSIDE_CODE
        small = capacity[i] < sme_capacity
        held[0, n_active] = quality[i]
        held[1, n_active] = reputation[i]
        held[2, n_active] = cash[i]
        n_active += active[i]
        member_ratings[members] = rating[i]
        members += member
        contributors += active[i] and strategy[i] == CONTRIBUTE_CODE
        n_small += active[i] and small
        small_members += member and small
    return n_active, members, contributors, n_small, small_members


def census(m: AllianceModel) -> Census:
    """The census of this step's recording, or a fresh one outside it."""
    return getattr(m, "census", None) or Census(m)


def _n_active(m: AllianceModel) -> int:
    return census(m).n_active


def _n_members(m: AllianceModel) -> int:
    return census(m).n_members


def _n_contributors(m: AllianceModel) -> int:
    return census(m).n_contributors


def _sme_member_share(m: AllianceModel) -> float:
    c = census(m)
    return share(c.n_small_members, c.n_small)


def mean(values: np.ndarray) -> float:
    """``values.mean()`` of a non-empty float array, bit for bit (numpy's mean is the
    same pairwise sum divided by the count), without its Python-level overhead."""
    return float(values.sum() / len(values))


def _mean_active(m: AllianceModel, column: str) -> float:
    values = getattr(census(m), column)  # the firms in business, in slot order
    return mean(values) if len(values) else 0.0


TIMESERIES: dict[str, Column] = {
    "enterprises": Column("firms", "Active enterprises", _n_active, int),
    "members": Column("firms", "Active enterprises inside the alliance", _n_members, int),
    "contributors": Column("firms", "Members who contribute", _n_contributors, int),
    "member_share": Column(
        "fraction", "Members / active enterprises", lambda m: share(_n_members(m), _n_active(m))
    ),
    "cooperation_share": Column(
        "fraction",
        "Contributing members / members (0 with no members)",
        lambda m: share(_n_contributors(m), _n_members(m)),
    ),
    "alliance_active": Column(
        "bool",
        "The alliance operated this step (enough members, an engaged organiser)",
        lambda m: m.alliance.active,
        bool,
    ),
    "surplus": Column(
        "MU/step",
        "Total enterprise profit in the step (all sources, after switching costs)",
        lambda m: m.last_surplus,
    ),
    "mean_quality": Column(
        "quality [0,1]",
        "Mean service quality of active enterprises",
        lambda m: _mean_active(m, "quality"),
    ),
    "mean_reputation": Column(
        "reputation [0,1]",
        "Mean reputation of active enterprises",
        lambda m: _mean_active(m, "reputation"),
    ),
    "public_cost": Column(
        "MU/step",
        "Administration spending in the step (subsidies, audits, platform)",
        lambda m: m.ledger.public_spending,
    ),
    "gini": Column(
        "[0,1]",
        "Gini coefficient of enterprise cash",
        lambda m: gini(census(m).cash),
    ),
    "sme_member_share": Column(
        "fraction",
        "Share of small firms (capacity below population.sme_capacity) that are members",
        _sme_member_share,
    ),
    "mean_cash": Column("MU", "Mean cash of active enterprises", lambda m: _mean_active(m, "cash")),
    "price_pressure": Column(
        "fraction",
        "Mean markup of winning bids (lower = more price pressure)",
        lambda m: m.last_market.mean_markup,
    ),
    "projects": Column(
        "projects/step", "Projects allocated", lambda m: m.last_market.projects, int
    ),
    "joint_projects": Column(
        "projects/step",
        "Projects won by members' consortia",
        lambda m: m.last_market.joint_projects,
        int,
    ),
    "pool_yield": Column(
        "MU/step", "Yield of all pools before sharing", lambda m: m.ledger.pool_yield
    ),
    "synergy": Column(
        "multiplier", "Mean effective synergy r_g of running pools", lambda m: m.last_synergy
    ),
    "fees": Column("MU/step", "Membership fees paid", lambda m: m.ledger.fees_paid),
    "fee": Column("MU/member/step", "Fee in force", lambda m: m.current_fee()),
    "fines": Column("MU/step", "Fines paid by detected free-riders", lambda m: m.ledger.fines_paid),
    "detected": Column("firms/step", "Free-riders detected", lambda m: m.last_detected, int),
    "expelled": Column("firms/step", "Members expelled", lambda m: m.last_expelled, int),
    "subsidies": Column(
        "MU/step", "Subsidies paid to contributing members", lambda m: m.ledger.subsidies
    ),
    "administration_budget": Column(
        "MU",
        "Administration's remaining budget (0 without one)",
        lambda m: m.administration.budget if m.administration else 0.0,
    ),
    "administration_backing": Column(
        "bool",
        "The administration backs the alliance",
        lambda m: bool(m.administration and m.administration.backing),
        bool,
    ),
    "society_cash": Column(
        "MU", "Society's funds (0 without one)", lambda m: m.society.cash if m.society else 0.0
    ),
    "society_participating": Column(
        "bool",
        "The society takes part",
        lambda m: bool(m.society and m.society.participating),
        bool,
    ),
    "leader_engaged": Column(
        "bool",
        "A leading enterprise that organises is engaged (a member); false in modes "
        "where no enterprise organises",
        lambda m: Organiser.ENTERPRISE in m.engaged_organisers(),
        bool,
    ),
    "platform_stock": Column("MU", "Shared platform stock", lambda m: m.alliance.platform_stock),
    "entrants": Column("firms/step", "Firms that entered", lambda m: m.last_entrants, int),
    "exits": Column("firms/step", "Firms that went bankrupt and left", lambda m: m.last_exits, int),
    "collaboration_ties": Column(
        "ties", "Live collaboration ties from joint projects", lambda m: len(m.ties), int
    ),
}

# --- construction modes, events and policy outcomes (issue 3) -------------------------
MODE_COLUMNS: dict[str, Column] = {
    "alliance_age": Column(
        "steps",
        "alliance_age: consecutive steps the alliance has been active (0 when not)",
        lambda m: m.alliance.age,
        int,
    ),
    "cumulative_public_cost": Column(
        "MU",
        "cumulative_public_cost: administration spending summed from step 1",
        lambda m: m.tracker.cumulative_public_cost,
    ),
    "organiser_benefit_share": Column(
        "fraction",
        "organiser_benefit_share: organisers' benefits (cut, fees and fines paid "
        "to them, plus a leading-enterprise organiser's own pool payout) / alliance flows "
        "(pool yield + fees + fines) in the step; 0 without flows",
        lambda m: m.tracker.step_benefit_share,
    ),
    "collaboration_density": Column(
        "fraction",
        "collaboration_density: live collaboration ties / pairs of active firms",
        lambda m: tie_density(len(m.ties), census(m).n_active),
    ),
    "collaboration_clustering": Column(
        "[0,1]",
        "collaboration_clustering: mean local clustering of the collaboration-tie "
        "graph over firms with a tie (as networkx.average_clustering; on at most "
        "outcomes.clustering_sample firms); "
        "computed every outcomes.clustering_every steps, NaN in between",
        lambda m: m.tracker.clustering,
    ),
    "events_fired": Column(
        "events/step",
        "Declared scheduled events that fired in the step (see summary events)",
        lambda m: m.event_schedule.fired_last_step,
        int,
    ),
    "shielded_share": Column(
        "fraction",
        "Share of members the leading enterprise would not sanction (itself and the "
        "firms it bid with jointly within oversight.partner_memory steps); 0 where no "
        "leader monitors",
        shielded_share,
    ),
    "subsidy_level": Column(
        "MU/MU contributed",
        "Administration's matching subsidy rate in force (0 without)",
        lambda m: m.administration.subsidy if m.administration else 0.0,
    ),
    "audits": Column(
        "members/step",
        "Members audited by the administration (mode path)",
        lambda m: m.last_audits,
        int,
    ),
    "mean_member_rating": Column(
        "rating [0,1]",
        "Mean credit rating of members (0.5 neutral; 0 with no members)",
        lambda m: _mean_member_rating(m),
    ),
}
TIMESERIES.update(MODE_COLUMNS)
TIMESERIES.update(WELFARE_COLUMNS)


def _mean_member_rating(m: AllianceModel) -> float:
    c = census(m)
    return mean(c.member_ratings) if c.n_members else 0.0


class MetricsRecorder:
    """Preallocated arrays, one per column, with one entry per recorded step."""

    def __init__(self, capacity: int) -> None:
        self._size = 0
        self.step = np.zeros(max(capacity, 1), dtype=np.int64)
        self.data = {
            name: np.zeros(max(capacity, 1), dtype=col.dtype) for name, col in TIMESERIES.items()
        }
        self._pair_columns()

    def _pair_columns(self) -> None:
        """Each column's array beside its reader, so a step's recording looks neither up
        (redone whenever :meth:`reserve` replaces the arrays)."""
        self._writers = [(self.data[name], col.read) for name, col in TIMESERIES.items()]

    def __len__(self) -> int:
        return self._size

    def reserve(self, capacity: int) -> None:
        if capacity > len(self.step):
            extra = capacity - len(self.step)
            self.step = np.concatenate([self.step, np.zeros(extra, dtype=np.int64)])
            for name, arr in self.data.items():
                self.data[name] = np.concatenate([arr, np.zeros(extra, dtype=arr.dtype)])
            self._pair_columns()

    def record(self, model: AllianceModel, step: int) -> None:
        if self._size == len(self.step):
            self.reserve(2 * self._size)
        i = self._size
        self.step[i] = step
        model.census = Census(model)
        try:
            for column, read in self._writers:
                column[i] = read(model)
        finally:
            model.census = None
        self._size += 1

    def latest(self, name: str) -> float | int | bool:
        """The last recorded value of column ``name`` (a Python scalar)."""
        return self.data[name][self._size - 1].item()

    def frame(self) -> pd.DataFrame:
        n = self._size
        columns = {"step": self.step[:n].copy()}
        columns.update({name: arr[:n].copy() for name, arr in self.data.items()})
        return pd.DataFrame(columns)

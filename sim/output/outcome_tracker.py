"""Running totals behind the policy outcomes (definitions and units: :mod:`sim.output.metrics`).

The tracker is updated once per step, just before the metrics row is written, so the
time-series readers stay pure look-ups. Collaboration clustering is the only costly
outcome: it is computed every ``outcomes.clustering_every`` steps on at most
``outcomes.clustering_sample`` firms (evenly spaced, no randomness), in a compiled
loop, and is NaN in the steps between.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.compiled import compiled
from sim.scenario import Organiser, Outcomes

if TYPE_CHECKING:
    from sim.model import AllianceModel


class OutcomeTracker:
    """Cumulative public cost, organisers' benefits and collaboration structure."""

    def __init__(self, spec: Outcomes) -> None:
        self.spec = spec
        self.cumulative_public_cost = 0.0
        self.organiser_benefits = 0.0  # MU, whole run
        self.alliance_benefits = 0.0  # MU, whole run
        self.step_benefit_share = 0.0
        self.clustering = math.nan

    def update(self, model: AllianceModel) -> None:
        lg = model.ledger
        self.cumulative_public_cost += lg.public_spending
        mine = organiser_benefit(model)
        flows = lg.pool_yield + lg.fees_paid + lg.fines_paid
        self.organiser_benefits += float(mine)
        self.alliance_benefits += flows
        self.step_benefit_share = mine / flows if flows > 0 else 0.0
        every = self.spec.clustering_every
        self.clustering = (
            collaboration_clustering(model, self.spec.clustering_sample)
            if model.steps % every == 0
            else math.nan
        )

    def run_benefit_share(self) -> float:
        """Organisers' share of all alliance benefits over the run so far."""
        if self.alliance_benefits <= 0:
            return 0.0
        return self.organiser_benefits / self.alliance_benefits


def organiser_benefit(model: AllianceModel) -> float:
    """What organisers got from the alliance this step (MU): the cut, fees and fines paid
    to them, and, for a leading-enterprise organiser, its own pool payout as a member."""
    benefit = model.ledger.organiser_receipts
    if Organiser.ENTERPRISE in model.engaged_organisers():
        row = model.leader_row()
        if 0 <= row < len(model.last_pool_payout):
            benefit += float(model.last_pool_payout[row])
    return benefit


def collaboration_density(model: AllianceModel) -> float:
    """Live collaboration ties / possible pairs of active firms."""
    return tie_density(len(model.ties), int(model.firms.active.sum()))


def tie_density(ties: int, firms: int) -> float:
    """``ties`` / the possible pairs of ``firms`` firms (0 with fewer than two)."""
    pairs = firms * (firms - 1) / 2
    return ties / pairs if pairs > 0 else 0.0


def collaboration_clustering(model: AllianceModel, sample: int) -> float:
    """Mean local clustering over firms with at least one collaboration tie, on at most
    ``sample`` of them, evenly spaced by slot; 0 without ties.

    The local clustering of firm v with d partners and T ties among them is
    ``2 T / (d (d - 1))`` (0 when d < 2), as ``networkx.average_clustering`` computes
    it (a test checks they agree). A compiled loop over each sampled firm's partners
    and theirs counts the ties among its partners, which costs well under a
    millisecond at 10,000 firms instead of building a networkx graph of every tie."""
    if not len(model.ties):
        return 0.0
    lo, hi = model.ties.ends()
    n = int(max(lo.max(), hi.max())) + 1
    tied = np.zeros(n, dtype=bool)
    tied[lo] = tied[hi] = True
    nodes = np.flatnonzero(tied)
    if len(nodes) > sample:
        nodes = nodes[np.linspace(0, len(nodes) - 1, sample).astype(np.int64)]
    return float(_local_clustering(lo, hi, n, nodes).mean())


@compiled
def _local_clustering(lo, hi, n, nodes):
    """Local clustering of each firm in ``nodes`` in the graph of ties ``lo``-``hi``."""
    indptr = np.zeros(n + 1, np.int64)
    for e in range(len(lo)):
        indptr[lo[e] + 1] += 1
        indptr[hi[e] + 1] += 1
    for v in range(n):
        indptr[v + 1] += indptr[v]
    fill = indptr[:-1].copy()
    partners = np.empty(indptr[n], np.int64)
    for e in range(len(lo)):
        partners[fill[lo[e]]] = hi[e]
        fill[lo[e]] += 1
        partners[fill[hi[e]]] = lo[e]
        fill[hi[e]] += 1
    mine = np.zeros(n, np.bool_)
    local = np.zeros(len(nodes))
    for i in range(len(nodes)):
        v = nodes[i]
        d = indptr[v + 1] - indptr[v]
        if d < 2:
            continue
        for j in range(indptr[v], indptr[v + 1]):
            mine[partners[j]] = True
        ends = 0  # each tie among v's partners is seen from both ends
        for j in range(indptr[v], indptr[v + 1]):
            u = partners[j]
            for x in range(indptr[u], indptr[u + 1]):
                ends += mine[partners[x]]
        for j in range(indptr[v], indptr[v + 1]):
            mine[partners[j]] = False
        local[i] = (ends / 2.0) / (d * (d - 1) / 2.0)
    return local

"""The market for archives services: projects arrive, bidders compete, winners deliver.

Each step clients post ``Poisson(D_t)`` projects with lognormal values. Demand is
exogenous: ``D_t = projects_per_initial_firm x N_0 x (1 + demand_growth)^(t - 1)``
(times any demand shock in force), with ``N_0`` the initial number of firms, so entry
does not bring its own demand and the industry settles where profits no longer
attract entrants (:mod:`sim.entry`). A share of them needs several segments (e.g. custody plus
digitisation plus software). Each project draws ``bidders_per_project`` candidate
bidders from the firms of its lead segment, in proportion to capacity (large firms see
more calls for tender). A candidate's score is

    score = w_q * quality + w_r * reputation - w_p * markup + preference + taste

with ``markup = markup_max * (1 + quality) / 2`` (better firms ask more) and
``taste ~ Gumbel(0, score_noise)`` (clients' idiosyncratic taste; a logit choice).
On a multi-segment project a solo bidder carries ``solo_penalty`` and must
subcontract the foreign segments at ``subcontract_premium``; an alliance member may
instead bid jointly with one member of each other segment (drawn by capacity): the
consortium's score is its partners' mean plus ``joint_bid_bonus``, and its revenue and
costs are split equally by segment. This is the alliance's *business collaboration*.

Clients' valuation (the welfare account, :mod:`sim.output.welfare`): a client values a
project of value ``v`` delivered at quality ``q`` (a consortium's mean quality) at

    valuation = v * (1 + (w_q / w_p) * q),

the money value of quality implied by the clients' own score: the price
``v (1 + markup)`` enters the score as ``-w_p * markup``, so one score point is worth
``v / w_p`` MU to the client and quality ``q`` is worth ``v * w_q * q / w_p``. ``v`` is
the project's worth at quality 0 (its cost basis: delivery costs ``variable_cost_share
* v``). Only what is delivered is valued: reputation and the rating bonus (beliefs and
signals about quality, which is valued itself), procurement preference (policy), the
solo penalty and the consortium bonus (how clients judge a bid's arrangement; the real
gain of a consortium, no subcontracting premium, is on the firms' side) and the
idiosyncratic taste are not. Counting the arrangement terms at the same ``v / w_p`` per
score point would add ``(joint_bid_bonus + solo_penalty) v / w_p`` (half of ``v`` at
the defaults) per project a consortium delivers instead of a solo firm. With
``w_p = 0`` the score says nothing about money and quality is valued at nothing extra.
Clients' surplus is valuation minus the price paid.

After the tenders (:func:`settle`) each active firm pays ``fixed_cost_per_capacity`` per
capacity unit whether it won or not (none while the market is off), its market profit
is its revenue less delivery and fixed costs, and every firm that won revenue moves
``reputation_learning`` of the way from its reputation to its quality (clients learn
what winners deliver).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from sim.compiled import compiled
from sim.enterprise_table import EnterpriseTable
from sim.scenario import SEGMENTS, Market, Population
from sim.segment_pools import SegmentPools
from sim.standing_exposure import members_exposure
from sim.tender import award, tender_terms


@dataclass
class MarketOutcome:
    """Per-slot revenue and costs of one step, and the consortia formed."""

    revenue: np.ndarray
    variable_cost: np.ndarray
    projects: int = 0
    joint_projects: int = 0
    mean_markup: float = float("nan")
    client_value: float = 0.0  # clients' valuation of the delivered projects (MU)
    tie_a: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    tie_b: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    members_gross: float = 0.0  # members' expected gross profit in these tenders (MU)
    members_lost: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per score drop


def clear_market(
    table: EnterpriseTable,
    spec: Market,
    population: Population,
    joint_bidding: bool,
    preference: np.ndarray,
    rng: np.random.Generator,
    expected_projects: float,
    drops: np.ndarray | None = None,
    is_member: np.ndarray | None = None,
) -> MarketOutcome:
    """Run one step of demand and allocation. ``preference`` is each slot's score bonus;
    ``expected_projects`` the market's size this step (``D_t``, projects); ``drops``
    score drops whose cost to the members in these tenders to measure
    (:mod:`sim.standing_exposure`; none by default); ``is_member`` the members' mask
    (``table.members()``, computed here if not given: the model passes the one it has)."""
    n = len(table)
    is_member = table.members() if is_member is None else is_member
    out = MarketOutcome(revenue=np.zeros(n), variable_cost=np.zeros(n))
    active = np.flatnonzero(table.active)
    if not spec.enabled or not len(active):
        return out
    n_projects = int(rng.poisson(expected_projects))
    if n_projects == 0:
        return out
    value = _project_values(spec, n_projects, rng)
    is_multi = rng.random(n_projects) < spec.multi_segment_share
    needs = _required_segments(spec, population, is_multi, rng)
    pools = SegmentPools(table.segment, table.capacity, active)
    bidders = pools.draw_each(needs[:, 0], spec.bidders_per_project, rng)
    has_bidder = bidders[:, 0] >= 0
    if not has_bidder.all():  # a segment with no firm: its projects go unserved
        value, needs, bidders = value[has_bidder], needs[has_bidder], bidders[has_bidder]
        is_multi = is_multi[has_bidder]
    is_multi = is_multi & (needs.shape[1] > 1)
    base = _base_score(table, spec, preference)
    taste = rng.gumbel(0.0, spec.score_noise, size=bidders.shape) if spec.score_noise else 0.0
    if joint_bidding and is_multi.any():
        partners = _consortia(table, is_member, needs, bidders, is_multi, rng)
    else:
        partners = np.full((*bidders.shape, needs.shape[1] - 1), -1, dtype=np.int32)
    won = award(
        spec, bidders, partners, base, taste, is_multi, value, table.quality,
        out.revenue, out.variable_cost,
    )  # fmt: skip
    out.projects = len(value)
    out.joint_projects = int(won.jointly.sum())
    out.client_value = float(won.client_value[~won.jointly].sum())
    if out.joint_projects:
        out.client_value += float(won.client_value[won.jointly].sum())
    if len(won.winner):  # every project may lack a bidder (a segment with no firm)
        out.mean_markup = float(np.mean(markup(table.quality[won.winner], spec)))
    out.tie_a, out.tie_b = won.tie_a, won.tie_b
    if drops is not None:
        out.members_gross, out.members_lost = members_exposure(
            tender_terms(spec), bidders, partners, base, is_multi, value, table.quality,
            is_member, drops, spec.score_noise,
        )  # fmt: skip
    return out


def settle(
    out: MarketOutcome, table: EnterpriseTable, spec: Market, profit: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What the step's market does to the firms: each slot's gross profit (revenue less
    delivery costs), fixed cost (``fixed_cost_per_capacity`` per capacity unit of an
    active firm, none while the market is off) and market profit (gross less fixed),
    returned; the market profit is added to ``profit`` and every firm that won revenue
    moves ``reputation_learning`` of the way from its reputation to its quality (in
    place)."""
    return _settle(
        out.revenue, out.variable_cost, table.capacity, table.active, table.quality,
        table.reputation, profit, spec.enabled, spec.fixed_cost_per_capacity,
        spec.reputation_learning,
    )  # fmt: skip


@compiled
def _settle(
    revenue, variable_cost, capacity, active, quality, reputation, profit, enabled, per_cu, rho
):
    """:func:`settle` in one pass, each operation the array form's (the same bits); the
    reputation is written back unchanged where no revenue was won (no branch: about
    one firm in five wins, at random)."""
    n = len(revenue)
    gross, fixed, market_profit = np.empty(n), np.empty(n), np.empty(n)
    for i in range(n):
        fixed[i] = per_cu * capacity[i] if active[i] and enabled else 0.0
        gross[i] = revenue[i] - variable_cost[i]
        market_profit[i] = gross[i] - fixed[i]
        profit[i] += market_profit[i]
        moved = reputation[i] + rho * (quality[i] - reputation[i])
        reputation[i] = moved if revenue[i] > 0 else reputation[i]
    return gross, fixed, market_profit


def markup(quality: np.ndarray, spec: Market) -> np.ndarray:
    """Price markup over project value: half of ``markup`` at quality 0, all at quality 1."""
    return spec.markup * (1.0 + quality) / 2.0


def client_valuation(value: np.ndarray, quality: np.ndarray, spec: Market) -> np.ndarray:
    """What clients value projects of ``value`` (MU) delivered at ``quality`` at (MU):
    ``value * (1 + (w_q / w_p) * quality)`` (the module docstring says why)."""
    per_quality = spec.weight_quality / spec.weight_price if spec.weight_price > 0 else 0.0
    return value * (1.0 + per_quality * quality)


def _base_score(table: EnterpriseTable, spec: Market, preference: np.ndarray) -> np.ndarray:
    """Each slot's score before taste: ``w_q * quality + w_r * reputation - w_p *
    markup + preference``."""
    weights = (spec.weight_quality, spec.weight_reputation, spec.weight_price, spec.markup)
    return _scores(table.quality, table.reputation, preference, *weights)


@compiled
def _scores(quality, reputation, preference, w_q, w_r, w_p, markup_max):
    """:func:`_base_score` in one pass, each operation in numpy's order (the same bits)."""
    out = np.empty(len(quality))
    for i in range(len(quality)):
        price = w_p * (markup_max * (1.0 + quality[i]) / 2.0)
        out[i] = w_q * quality[i] + w_r * reputation[i] - price + preference[i]
    return out


def _project_values(spec: Market, k: int, rng: np.random.Generator) -> np.ndarray:
    sigma = spec.project_value_spread
    mu = np.log(spec.project_value) - sigma**2 / 2 if spec.project_value > 0 else -np.inf
    return rng.lognormal(mu, sigma, size=k) if spec.project_value > 0 else np.zeros(k)


def _required_segments(
    spec: Market, population: Population, is_multi: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Segments each project needs, lead segment in column 0, drawn by the demand shares.

    A single-segment project needs only its lead (the later columns are unused); a
    multi-segment project needs ``segments_per_large_project`` distinct segments, a
    weighted draw without replacement (Gumbel top-k), the first of which leads."""
    cum, log_shares, width = _segment_demand(
        tuple(population.segment_shares.get(s, 0.0) for s in SEGMENTS),
        spec.segments_per_large_project,
    )
    u = rng.random(len(is_multi))  # the lead's draw
    multi = int(is_multi.sum()) if width > 1 else 0
    gumbel = rng.gumbel(size=(multi, len(SEGMENTS))) if multi else np.zeros((0, len(SEGMENTS)))
    return _segments_needed(u, cum, is_multi, log_shares, gumbel, width)


@functools.lru_cache(maxsize=64)
def _segment_demand(
    shares: tuple[float, ...], per_large: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """The demand shares' cumulative distribution (to draw a lead segment), their logs
    (Gumbel top-k keys; -inf for a segment without demand) and how many segments a
    multi-segment project needs (no more than have demand); read-only, computed once."""
    weights = np.array(shares)
    cum = np.cumsum(weights / weights.sum())
    with np.errstate(divide="ignore"):
        log_shares = np.log(weights)
    cum.flags.writeable = log_shares.flags.writeable = False
    return cum, log_shares, min(per_large, int((weights > 0).sum()))


def _consortia(
    table: EnterpriseTable,
    is_member: np.ndarray,
    needs: np.ndarray,
    bidders: np.ndarray,
    is_multi: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Partners for every member bidder on a multi-segment project, drawn by capacity
    among the members of each other segment the project needs (projects x bids x
    (k - 1); -1 for a bidder that bids alone: not a member, or a segment without a
    member to partner with; ``is_member``: ``table.members()``). Leads ask in project
    order, then bid order."""
    pools = SegmentPools(table.segment, table.capacity, np.flatnonzero(is_member))
    wanted, leads = _partner_requests(bidders, is_multi, is_member, needs)
    found = pools.draw(wanted, rng)  # a partner in each other segment a lead needs
    return _place_partners(found, leads, *bidders.shape)


@compiled
def _partner_requests(bidders, is_multi, is_member, needs):
    """The other segments each member bidder on a multi-segment project needs (a row
    per such lead, in project then bid order) and the lead's place (project x bids +
    bid): the rows ``np.nonzero`` gives on the leads' mask, without the mask. Every bid
    of a multi-segment project is written at the next row and kept only if a member
    makes it (no branch on membership, which is random; a spare row takes the last)."""
    m, b = bidders.shape
    k = needs.shape[1]
    count = 0
    for p in range(m):
        if is_multi[p]:
            for j in range(b):
                count += bidders[p, j] >= 0 and is_member[bidders[p, j]]
    wanted = np.empty((count + 1, k - 1), np.int64)
    leads = np.empty(count + 1, np.int64)
    r = 0
    for p in range(m):
        if not is_multi[p]:
            continue
        for j in range(b):
            for c in range(1, k):
                wanted[r, c - 1] = needs[p, c]
            leads[r] = p * b + j
            r += (bidders[p, j] >= 0) & is_member[bidders[p, j]]
    return wanted[:count], leads[:count]


@compiled
def _place_partners(found, leads, projects, bids):
    """Projects x bids x (k - 1) partners: each lead's ``found`` row where every
    segment gave one, -1 elsewhere (as int32, as is the array of no partners: half the
    memory for the tender to read; slot numbers stay far below 2**31)."""
    partners = np.full((projects, bids, found.shape[1]), -1, np.int32)
    for r in range(len(leads)):
        complete = True
        for c in range(found.shape[1]):
            complete = complete and found[r, c] >= 0
        if complete:
            partners[leads[r] // bids, leads[r] % bids] = found[r]
    return partners


@compiled
def _segments_needed(u, cum, is_multi, log_shares, gumbel, width):
    """Projects x ``width`` segments: for a single-segment project its lead throughout,
    the segment where its uniform ``u`` falls in the demand shares' cumulative ``cum``
    (``np.searchsorted(cum, u, side="right")``, counted, and no further than the last
    segment); for the ``r``-th multi-segment one the columns of its ``width`` largest
    keys ``log_shares + gumbel[r]``, largest first (the first column on a tie):
    ``np.argsort(-keys, axis=1)[:, :width]`` by selection, as the keys are distinct
    except for segments without demand, which are never selected."""
    needs = np.empty((len(u), width), np.int64)
    keys = np.empty(len(log_shares))
    r = 0
    for p in range(len(u)):
        if not (is_multi[p] and width > 1):
            lead = 0
            for c in range(len(cum)):
                lead += cum[c] <= u[p]
            for w in range(width):
                needs[p, w] = min(lead, len(cum) - 1)
            continue
        for c in range(len(log_shares)):
            keys[c] = log_shares[c] + gumbel[r, c]
        r += 1
        taken = 0  # bit c set once segment c is selected
        for w in range(width):
            best = -1
            for c in range(len(keys)):  # no branch: which key is larger is random
                free = not (taken >> c) & 1
                best = c if free & ((best < 0) | (keys[c] > keys[best])) else best
            needs[p, w] = best
            taken |= 1 << best
    return needs

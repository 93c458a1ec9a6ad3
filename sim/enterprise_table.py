"""The enterprises' hot state as numpy arrays, one row per firm slot.

The model computes the market, the pool and the decision rules on these arrays for
all firms at once (DESIGN.md section 5); a :class:`agents.enterprise.ServiceEnterprise`
is the readable face of one row. A row is a *slot*: when a firm goes bankrupt its slot
falls vacant, and an entrant may later take it over (with the slot's place in the
business network).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from agents.action import Action
from sim.scenario import SEGMENTS, Population

FLOAT_COLUMNS = (
    "capacity",
    "quality",
    "cash",
    "reputation",
    "payoff",
    "profit",
    "switching_due",
    "rating",
)
INT_COLUMNS = {
    "segment": np.int8,
    "strategy": np.int8,
    "offences": np.int16,
    "banned_until": np.int32,
    "born": np.int32,
    "ident": np.int64,
}
BOOL_COLUMNS = ("active", "certified")


class EnterpriseTable:
    """Columns of per-firm state. Every column has the same length (the slot count)."""

    capacity: np.ndarray  # CU
    quality: np.ndarray  # [0, 1]
    cash: np.ndarray  # MU
    reputation: np.ndarray  # [0, 1]
    payoff: np.ndarray  # what the firm compares when learning (MU or MU/CU per step)
    profit: np.ndarray  # MU this step, all sources
    switching_due: np.ndarray  # MU of joining/leaving cost to be paid next step
    rating: np.ndarray  # society's credit rating [0, 1], 0.5 neutral (sim.credit_rating)
    segment: np.ndarray  # index into SEGMENTS
    strategy: np.ndarray  # Action code
    offences: np.ndarray  # detected free-riding since the last expulsion
    banned_until: np.ndarray  # step until which it may not (re)join
    born: np.ndarray  # step of entry
    ident: np.ndarray  # the firm's identity (sim.chance keys firm-level draws by it)
    active: np.ndarray  # the slot holds a firm in business
    certified: np.ndarray  # holds the society's certificate

    def __init__(self, n: int) -> None:
        for name in FLOAT_COLUMNS:
            setattr(self, name, np.zeros(n))
        for name, dtype in INT_COLUMNS.items():
            setattr(self, name, np.zeros(n, dtype=dtype))
        for name in BOOL_COLUMNS:
            setattr(self, name, np.zeros(n, dtype=bool))

    def __len__(self) -> int:
        return len(self.active)

    @property
    def columns(self) -> tuple[str, ...]:
        return (*FLOAT_COLUMNS, *INT_COLUMNS, *BOOL_COLUMNS)

    def members(self) -> np.ndarray:
        """Active firms inside the alliance (contributing or free-riding)."""
        return self.active & (self.strategy != Action.OUTSIDE)

    def contributors(self) -> np.ndarray:
        return self.active & (self.strategy == Action.CONTRIBUTE)

    def free_riders(self) -> np.ndarray:
        return self.active & (self.strategy == Action.FREE_RIDE)

    def vacant_rows(self, k: int) -> np.ndarray:
        """``k`` vacant slots, lowest first. When too few are left the table grows, by at
        least an eighth, so that growth (and rewiring the network) stays rare."""
        vacant = (~self.active).nonzero()[0][:k]
        if len(vacant) < k:
            start = len(self)
            self._grow(max(k - len(vacant), len(self) // 8))
            vacant = np.concatenate([vacant, np.arange(start, start + k - len(vacant))])
        return vacant

    def _grow(self, extra: int) -> None:
        for name in self.columns:
            old = getattr(self, name)
            setattr(self, name, np.concatenate([old, np.zeros(extra, dtype=old.dtype)]))

    def found(
        self, rows: np.ndarray, spec: Population, step: int, founders: Founders, ident: np.ndarray
    ) -> None:
        """Put new firms with these ``founders``' traits and identities into ``rows``."""
        self.segment[rows] = founders.segment
        self.capacity[rows] = founders.capacity
        self.quality[rows] = founders.quality
        self.cash[rows] = spec.initial_cash_per_capacity * self.capacity[rows]
        self.reputation[rows] = spec.initial_reputation
        self.rating[rows] = 0.5
        self.payoff[rows] = 0.0
        self.profit[rows] = 0.0
        self.switching_due[rows] = 0.0
        self.strategy[rows] = Action.OUTSIDE
        self.offences[rows] = 0
        self.banned_until[rows] = 0
        self.born[rows] = step
        self.ident[rows] = ident
        self.certified[rows] = False
        self.active[rows] = True


@dataclass(frozen=True)
class Founders:
    """The traits new firms are born with: segment, capacity and quality."""

    segment: np.ndarray
    capacity: np.ndarray
    quality: np.ndarray

    @classmethod
    def draw(cls, spec: Population, k: int, rng: np.random.Generator) -> Founders:
        """``k`` founders: segment by the segment shares, Pareto capacity, Beta quality."""
        cdf = segment_cdf(tuple(spec.segment_shares.get(s, 0.0) for s in SEGMENTS))
        segment = cdf.searchsorted(rng.random(k), side="right")
        capacity = draw_capacity(spec, k, rng)
        quality = rng.beta(spec.quality_alpha, spec.quality_beta, size=k)
        return cls(segment, capacity, quality)

    def __getitem__(self, keep: np.ndarray) -> Founders:
        return Founders(self.segment[keep], self.capacity[keep], self.quality[keep])


@functools.lru_cache(maxsize=64)
def segment_cdf(shares: tuple[float, ...]) -> np.ndarray:
    """The cumulative distribution of a firm's segment (read-only): a uniform ``u``
    falls in segment ``cdf.searchsorted(u, side="right")``, the very draw
    ``rng.choice(len(shares), p=shares / sum)`` makes from the same uniforms, without
    its checks and set-up at every entry wave (the shares are validated on load)."""
    weights = np.array(shares)
    cdf = (weights / weights.sum()).cumsum()
    cdf /= cdf[-1]
    cdf.flags.writeable = False
    return cdf


def draw_capacity(spec: Population, k: int, rng: np.random.Generator) -> np.ndarray:
    """Pareto capacities (heavy tail: a few leaders, many SMEs), capped at the maximum."""
    raw = spec.capacity_minimum * (1.0 + rng.pareto(spec.capacity_shape, size=k))
    return np.minimum(raw, spec.capacity_maximum)

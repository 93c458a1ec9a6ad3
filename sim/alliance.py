"""The alliance as an institution: organiser, charter, platform, fees, monitoring and
sanctions (the paper's collaboration, resource integration and benefit sharing).

The alliance is not an agent: it is the set of rules the organiser runs. It is
*active* in a step when it is enabled, has at least ``min_members`` members and, if
it has outside organisers, at least one of them is engaged (the administration backs
it, the society takes part, the leading enterprise is a member). An inactive alliance
runs no pool and charges no fees; its members receive the outside option.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.compiled import compiled
from sim.scenario import Admission, Charter
from sim.scenario import Alliance as AllianceSpec


@dataclass
class Sanctions:
    """Outcome of one round of monitoring."""

    detected: np.ndarray  # slots caught free-riding
    fines: np.ndarray  # per slot, MU
    expelled: np.ndarray  # slots expelled this step


class AllianceInstitution:
    """Mutable state of the alliance over a run; the charter can change by event."""

    def __init__(self, spec: AllianceSpec) -> None:
        self.spec = spec
        self.charter: Charter = spec.charter  # in force (after loose/tight governance)
        self.written_charter: Charter = spec.charter  # as written (events may change it)
        self.platform_stock = 0.0
        self.active = False
        self.age = 0  # consecutive active steps

    @property
    def has_organiser(self) -> bool:
        return bool(self.spec.organiser)

    def platform_gain(self) -> float:
        """Synergy gain from the platform: ``effect * K / (K + K_half)``."""
        p = self.spec.platform
        return p.effect * self.platform_stock / (self.platform_stock + p.half_saturation)

    def invest(self, amount: float) -> None:
        self.platform_stock += amount

    def depreciate(self) -> None:
        self.platform_stock *= 1.0 - self.spec.platform.depreciation

    def update_activity(self, n_members: int, organiser_engaged: bool, ages: bool = True) -> bool:
        """Decide whether the alliance operates this step, and count its age: the number
        of consecutive steps it has operated (docs/ODD.md 7.9). The set-up before step 1
        (``ages=False``) decides whether it starts active but is not a step, so after
        ``t`` steps active throughout the age is ``t``."""
        enough = n_members >= self.spec.min_members
        led = organiser_engaged or not self.has_organiser
        self.active = bool(self.spec.enabled and enough and led)
        if ages:
            self.age = self.age + 1 if self.active else 0
        return self.active

    def admissible(
        self, quality: np.ndarray, capacity: np.ndarray, certified: np.ndarray
    ) -> np.ndarray:
        """Which firms the charter's admission rule lets in."""
        c = self.charter
        match c.admission:
            case Admission.OPEN:
                return np.ones(len(quality), dtype=bool)
            case Admission.MIN_QUALITY:
                return quality >= c.admission_threshold
            case Admission.MIN_CAPACITY:
                return capacity >= c.admission_threshold
            case Admission.CERTIFIED:
                return certified.copy()
        raise ValueError(f"unknown admission rule {c.admission}")

    def monitor(
        self,
        free_riders: np.ndarray,
        offences: np.ndarray,
        detection: float,
        fine: np.ndarray,
        rng: np.random.Generator,
    ) -> Sanctions:
        """Detect free-riders with probability ``detection``; fine them (``fine`` per
        slot, MU), count offences, and expel those reaching ``expulsion_after``."""
        u = rng.random(len(free_riders))
        if np.ndim(fine) == 0:  # one fine for every slot
            fine = np.full(len(free_riders), float(fine))
        ban = self.charter.expulsion_after
        return Sanctions(*_sanction(free_riders, u, detection, fine, offences, ban))


@compiled
def _sanction(free_riders, u, detection, fine, offences, expulsion_after):
    """Caught (a free-rider whose uniform ``u`` falls below ``detection``), its fine, and
    expelled (caught with ``expulsion_after`` offences counting this one; never when
    ``expulsion_after`` is 0), in one pass."""
    n = len(free_riders)
    caught, fines, expelled = np.empty(n, np.bool_), np.empty(n), np.empty(n, np.bool_)
    may_expel = expulsion_after > 0
    for i in range(n):  # & rather than `and`: no branch on the random draws
        hit = free_riders[i] & (u[i] < detection)
        caught[i] = hit
        fines[i] = fine[i] if hit else 0.0
        expelled[i] = hit & may_expel & (offences[i] + 1 >= expulsion_after)
    return caught, fines, expelled

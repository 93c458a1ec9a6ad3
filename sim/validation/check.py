"""One validation check's outcome, and the size settings of a validation run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckResult:
    """A row of the validation table."""

    check: str
    source: str
    measured: str
    expected: str
    tolerance: str
    passed: bool
    figure: dict = field(default_factory=dict, compare=False)  # data for docs/validation.md


@dataclass(frozen=True)
class Settings:
    """How big and how long the validation runs are (``quick`` for CI, full for a release).

    Sizes are chosen for run time, never tuned to make a check pass."""

    quick: bool
    root_seed: int = 20_261_125
    workers: int = 1  # processes for independent runs (results do not depend on it)

    def pick(self, quick_value, full_value):
        """``quick_value`` in a quick run, ``full_value`` in a full one."""
        return quick_value if self.quick else full_value

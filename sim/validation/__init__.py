"""Verification and validation: the model reduced to canonical games, checked against
their known results (``alliance validate``).

Each check module runs reference scenarios (``scenarios/reference``) through the same
``AllianceModel`` and compares them with ``sim.theory`` or with the published phases.
Nothing here prints; ``sim.commands.main`` prints the table.
"""

from __future__ import annotations

from collections.abc import Callable

from sim.validation.check import CheckResult, Settings
from sim.validation.finite import check_finite
from sim.validation.lattices import check_lattices
from sim.validation.networks import check_networks
from sim.validation.optional import check_optional
from sim.validation.well_mixed import check_replicator

CHECKS: tuple[Callable[[Settings], list[CheckResult]], ...] = (
    check_replicator,
    check_finite,
    check_networks,
    check_lattices,
    check_optional,
)


def run_validation(
    quick: bool, progress: Callable[[CheckResult], None] | None = None, workers: int = 1
) -> list[CheckResult]:
    """Run every check (small and short with ``quick``) with independent runs spread
    over ``workers`` processes; ``progress`` sees each row as it is ready."""
    settings = Settings(quick=quick, workers=workers)
    results: list[CheckResult] = []
    for check in CHECKS:
        for row in check(settings):
            results.append(row)
            if progress is not None:
                progress(row)
    return results


__all__ = ["CHECKS", "CheckResult", "Settings", "run_validation"]

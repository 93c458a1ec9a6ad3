"""Public levers: the administration's instruments a policy search may set, and the modes
that have public money to set them with (:data:`sim.scenario.modes.MODES`)."""

from __future__ import annotations

from enum import StrEnum

from sim.scenario.modes import MODES, Mode


class PolicyError(ValueError):
    """A policy search that cannot be made as asked (one line, says what is allowed)."""


class PublicLever(StrEnum):
    """Scenario keys of the administration's instruments (what public support buys)."""

    APPROPRIATION = "administration.budget_per_step"  # MU/step added to the budget
    SUBSIDY = "administration.subsidy"  # matching subsidy, MU per MU contributed
    INITIAL_BUDGET = "administration.budget_initial"  # MU at the start
    PROCUREMENT_PREFERENCE = "administration.procurement_preference"  # score bonus
    AUDIT_BUDGET = "administration.audit_budget"  # MU/step it may spend on audits


def public_lever(key: str) -> PublicLever:
    """The lever named by ``key``, or a clear error listing the public levers."""
    try:
        return PublicLever(key)
    except ValueError:
        allowed = ", ".join(lever.value for lever in PublicLever)
        raise PolicyError(f"{key!r} is not a public lever; public levers: {allowed}") from None


def public_mode(name: str) -> Mode:
    """The mode named ``name`` if it has public money, else a clear error."""
    modes = [m.value for m in Mode]
    if name not in modes:
        raise PolicyError(f"unknown mode {name!r}; modes: {', '.join(modes)}")
    funded = [m.value for m, spec in MODES.items() if spec.public_money]
    if not MODES[Mode(name)].public_money:
        raise PolicyError(
            f"mode {name!r} has no public money, so public levers do not apply; "
            f"modes with public support: {', '.join(funded)}"
        )
    return Mode(name)

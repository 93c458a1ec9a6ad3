"""The paper's construction modes as data: who organises, who pays, who monitors, how
benefits are shared (Guo & Wu 2023, "modes").

A :class:`ModeSpec` is read by the model's mechanisms, not only printed:

* ``organisers`` must equal the scenario's ``alliance.organiser`` (checked on load);
* ``monitors`` says which monitoring mechanism runs (:mod:`sim.monitoring`): peers,
  administration audits, the leading enterprise (conflict of interest) or the
  society's credit rating; several run side by side in co-construction;
* ``operator`` pays the secretariat staff of a tight alliance (:mod:`sim.governance_form`);
  ``None`` means the members share it;
* ``platform_funders`` pay ``alliance.platform.organiser_investment`` (and a tight
  alliance's extra investment); with none, the members share it;
* ``public_money`` says whether the administration may spend at all (subsidies,
  audits, staff, platform); where it is ``False`` the public cost is zero by design.

``preset`` holds the scenario keys that make a mode's ready-made scenario in
``scenarios/`` (written by ``python -m sim.modes scenarios``). The presets set who
organises and pays; their numbers are illustrative starting points, not calibrated,
and none is tuned to make a mode do well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sim.scenario import Mode, Organiser, Scenario

ADMIN, FIRM, SOCIETY = Organiser.ADMINISTRATION, Organiser.ENTERPRISE, Organiser.SOCIETY


class Monitor(StrEnum):
    """Monitoring mechanisms (:mod:`sim.monitoring`)."""

    PEERS = "peers"  # members watch each other: weak, paid by members
    AUDIT = "audit"  # the administration's random audits: credible, costly, less informed
    LEADER = "leader"  # the leading enterprise: informed, but shields itself and partners
    RATING = "rating"  # the society's credit rating: soft, reputation-based sanctions


@dataclass(frozen=True)
class ModeSpec:
    """One construction mode: its mechanism as data."""

    mode: Mode
    summary: str
    organisers: tuple[Organiser, ...]
    monitors: tuple[Monitor, ...]
    operator: Organiser | None
    platform_funders: tuple[Organiser, ...]
    public_money: bool
    who_pays: str
    sharing: str
    preset: dict[str, Any] = field(default_factory=dict)


MODES: dict[Mode, ModeSpec] = {
    Mode.MARKET_ONLY: ModeSpec(
        Mode.MARKET_ONLY,
        "baseline: no outside organiser; firms may self-organise, members pay and watch "
        "each other (weakly)",
        organisers=(),
        monitors=(Monitor.PEERS,),
        operator=None,
        platform_funders=(),
        public_money=False,
        who_pays="members only (fees, peer monitoring, staff, platform)",
        sharing="by contribution",
        preset={
            "alliance": {"sharing": "contribution", "fees_to": "platform", "monitoring_cost": 0.01}
        },
    ),
    Mode.GOVERNMENT_LED: ModeSpec(
        Mode.GOVERNMENT_LED,
        "the administration organises: public budget pays subsidies, procurement preference "
        "and random audits (credible, costly, less informed)",
        organisers=(ADMIN,),
        monitors=(Monitor.AUDIT,),
        operator=ADMIN,
        platform_funders=(ADMIN,),
        public_money=True,
        who_pays="public budget (subsidies, audits, staff, platform) and fees",
        sharing="by charter",
        preset={
            "alliance": {
                "organiser": ["administration"],
                "sharing": "equal",
                "fees_to": "platform",
                "platform": {"organiser_investment": 1.0},
            },
            "administration": {
                "present": True,
                "budget_initial": 200.0,
                "budget_per_step": 10.0,
                "subsidy": 0.1,
                "procurement_preference": 0.3,
            },
        },
    ),
    Mode.ENTERPRISE_LED: ModeSpec(
        Mode.ENTERPRISE_LED,
        "the largest firm leads: it funds the platform and monitoring, keeps a cut, shares "
        "by capacity, and shields itself and its partners",
        organisers=(FIRM,),
        monitors=(Monitor.LEADER,),
        operator=FIRM,
        platform_funders=(FIRM,),
        public_money=False,
        who_pays="the leading enterprise (platform, monitoring, staff) and the fees",
        sharing="capacity-weighted, with the leader's cut",
        preset={
            "alliance": {
                "organiser": ["enterprise"],
                "sharing": "capacity",
                "organiser_cut": 0.1,
                "fees_to": "organiser",
                "monitoring_cost": 0.01,
                "platform": {"organiser_investment": 0.5},
            },
        },
    ),
    Mode.SOCIETY_LED: ModeSpec(
        Mode.SOCIETY_LED,
        "the archival society / industry association runs it on fees and its own funds; "
        "credit rating and certification, soft sanctions",
        organisers=(SOCIETY,),
        monitors=(Monitor.RATING,),
        operator=SOCIETY,
        platform_funders=(SOCIETY,),
        public_money=False,
        who_pays="fees and the society's own budget",
        sharing="equal or by contribution",
        preset={
            "alliance": {
                "organiser": ["society"],
                "sharing": "contribution",
                "fees_to": "organiser",
                "monitoring_cost": 0.01,
            },
            "society": {
                "present": True,
                "budget_initial": 20.0,
                "fee_adjustment": 0.1,
                "certification_threshold": 0.6,
                "certification_bonus": 0.1,
                "training_rate": 0.01,
                "rating_weight": 0.5,
            },
        },
    ),
    Mode.CO_CONSTRUCTION: ModeSpec(
        Mode.CO_CONSTRUCTION,
        "administration guides with time-limited support, the association operates and "
        "rates, leading firms anchor the platform; audits and rating combined",
        organisers=(ADMIN, SOCIETY, FIRM),
        monitors=(Monitor.AUDIT, Monitor.RATING),
        operator=SOCIETY,
        platform_funders=(FIRM,),
        public_money=True,
        who_pays="modest, time-limited public support plus fees; leaders fund the platform",
        sharing="by charter",
        preset={
            "alliance": {
                "organiser": ["administration", "society", "enterprise"],
                "sharing": "equal",
                "fees_to": "platform",
                "monitoring_cost": 0.01,
                "platform": {"organiser_investment": 0.5},
            },
            "administration": {
                "present": True,
                "budget_initial": 100.0,
                "budget_per_step": 2.0,
                "subsidy": 0.05,
                "procurement_preference": 0.15,
            },
            "society": {
                "present": True,
                "budget_initial": 20.0,
                "certification_threshold": 0.6,
                "certification_bonus": 0.1,
                "training_rate": 0.01,
                "rating_weight": 0.5,
            },
            "events": [{"kind": "subsidy_phase_out", "step": 40, "duration": 20}],
        },
    ),
}


def mode_spec(scenario: Scenario) -> ModeSpec | None:
    """The scenario's mode, or ``None`` for a custom scenario (the charter's plain mechanisms)."""
    return MODES[scenario.mode] if scenario.mode is not None else None


def mode_problems(scenario: Scenario) -> list[str]:
    """Ways a scenario contradicts its declared mode (checked when it is loaded)."""
    spec = mode_spec(scenario)
    if spec is None:
        return []
    problems = []
    named = set(scenario.alliance.organiser)
    if named != set(spec.organisers):
        want = [o.value for o in spec.organisers] or "[] (none)"
        problems.append(
            f"mode {spec.mode.value!r} is organised by {want}; alliance.organiser names "
            f"{[o.value for o in scenario.alliance.organiser]}"
        )
    admin = scenario.administration
    if (
        not spec.public_money
        and admin.present
        and (admin.subsidy > 0 or admin.budget_initial > 0 or admin.budget_per_step > 0)
    ):
        problems.append(
            f"mode {spec.mode.value!r} has no public money: set administration.subsidy, "
            "budget_initial and budget_per_step to 0 (or choose another mode)"
        )
    return problems


def describe_modes() -> str:
    """One line per mode (the ``alliance modes`` command)."""
    width = max(len(m.value) for m in MODES)
    return "\n".join(f"{m.value:<{width}}  {spec.summary}" for m, spec in MODES.items())

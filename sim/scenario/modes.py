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
* ``fee_collector`` receives the fees when ``alliance.fees_to`` is ``organiser``
  (the operator that runs the alliance day to day); ``cut_holder`` keeps
  ``alliance.organiser_cut`` of the pool's yield (the leading enterprise where one
  organises). Either falls back to the engaged organisers when it is not engaged; a
  cut is taken only while its holder is engaged;
* ``public_money`` says whether the administration may spend at all (subsidies,
  audits, staff, platform); where it is ``False`` the public cost is zero by design.

``preset`` holds the scenario keys that make a mode's ready-made scenario in
``scenarios/`` (``python -m sim.scenario.mode_files``). A preset may set only the
mechanism keys (:data:`MECHANISM_KEYS`); everything else is shared by all modes, so
the sharing rule, fee, contribution, synergy, monitoring technology, fines,
population, market, network and decisions are levers an experiment crosses with the
mode. The numbers are illustrative, not calibrated: each organiser's income covers its
costs at the defaults, and none is tuned to make a mode do well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sim.scenario.alliance import Organiser

if TYPE_CHECKING:
    from sim.scenario.root import Scenario


class Mode(StrEnum):
    """The paper's construction modes: who builds, leads and pays for the alliance.

    The mechanism of each mode (organisers, payers, monitors, sharing) is the
    :class:`ModeSpec` of :data:`MODES` below.
    """

    MARKET_ONLY = "market_only"
    GOVERNMENT_LED = "government_led"
    ENTERPRISE_LED = "enterprise_led"
    SOCIETY_LED = "society_led"
    CO_CONSTRUCTION = "co_construction"


ADMIN, FIRM, SOCIETY = Organiser.ADMINISTRATION, Organiser.ENTERPRISE, Organiser.SOCIETY


class Monitor(StrEnum):
    """Monitoring mechanisms (:mod:`sim.monitoring`)."""

    PEERS = "peers"  # members watch the members they are tied to, and pay for it
    AUDIT = "audit"  # the administration's random audits of members, at public cost
    LEADER = "leader"  # the leading enterprise: informed, but shields its recent partners
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
    fee_collector: Organiser | None
    cut_holder: Organiser | None
    public_money: bool
    who_pays: str
    preset: dict[str, Any] = field(default_factory=dict)


MECHANISM_KEYS: tuple[str, ...] = (
    "alliance.organiser",
    "alliance.fees_to",
    "alliance.organiser_cut",
    "alliance.platform.organiser_investment",
    "administration",
    "society",
    "events",
)
"""The scenario keys a mode's preset may set: who organises, who receives fees, the
leader's cut, what the organisers put into the platform, the public budget and its
instruments, the society and its instruments, and the schedule of public support.
Every other key (sharing rule, fee level, contribution, synergy, monitoring
technology and cost, fines, population, market, network, decisions) has one default
shared by all modes: a difference between modes is the mechanism's."""

PUBLIC_PROGRAMME = {
    "present": True,
    "budget_initial": 100.0,
    "budget_per_step": 25.0,
    "subsidy": 0.3,
    "procurement_preference": 0.3,
}
"""The administration wherever it organises: a matching subsidy of 0.3 MU per MU
contributed, a procurement preference for members, and an appropriation of 25 MU per
step, sized to cover the programme if every firm of the initial industry joined and
contributed (subsidies 0.3 x 0.02 MU/CU x about 2,700 CU, plus audits 0.25 x 1,000
members x 0.02 MU: about 21 MU per step). What it spends follows what it does (claims,
audits run); what it does not need stays in the budget. Government-led and
co-construction share it; they differ in how long the subsidy lasts (co-construction's
is phased out)."""

SOCIETY_SERVICES = {
    "present": True,
    "budget_initial": 20.0,
    "fee_adjustment": 0.1,
    "certification_threshold": 0.6,
    "certification_bonus": 0.1,
    "training_rate": 0.01,
    "rating_weight": 0.5,
}
"""The society wherever it organises: its own funds, fees it moves towards covering
its costs, certification, training and a credit rating that clients see."""

MODES: dict[Mode, ModeSpec] = {
    Mode.MARKET_ONLY: ModeSpec(
        Mode.MARKET_ONLY,
        "baseline: no outside organiser; firms may self-organise, members pay and watch "
        "the members they are tied to",
        organisers=(),
        monitors=(Monitor.PEERS,),
        operator=None,
        platform_funders=(),
        fee_collector=None,
        cut_holder=None,
        public_money=False,
        who_pays="members only (fees to their platform, peer monitoring, staff)",
        preset={"alliance": {"organiser": [], "fees_to": "platform"}},
    ),
    Mode.GOVERNMENT_LED: ModeSpec(
        Mode.GOVERNMENT_LED,
        "the administration organises: public budget pays matching subsidies, procurement "
        "preference and random audits of members (credible, at public cost)",
        organisers=(ADMIN,),
        monitors=(Monitor.AUDIT,),
        operator=ADMIN,
        platform_funders=(ADMIN,),
        fee_collector=None,
        cut_holder=ADMIN,
        public_money=True,
        who_pays="public budget (subsidies, audits, staff, platform); fees fund the platform",
        preset={
            "alliance": {
                "organiser": ["administration"],
                "fees_to": "platform",
                "platform": {"organiser_investment": 1.0},
            },
            "administration": PUBLIC_PROGRAMME,
        },
    ),
    Mode.ENTERPRISE_LED: ModeSpec(
        Mode.ENTERPRISE_LED,
        "the largest firm leads: it funds the platform and monitoring, keeps a cut of the "
        "yield and the fees, and shields itself and its recent partners",
        organisers=(FIRM,),
        monitors=(Monitor.LEADER,),
        operator=FIRM,
        platform_funders=(FIRM,),
        fee_collector=FIRM,
        cut_holder=FIRM,
        public_money=False,
        who_pays="the leading enterprise (platform, monitoring, staff), repaid by its cut and fees",
        preset={
            "alliance": {
                "organiser": ["enterprise"],
                "organiser_cut": 0.1,
                "fees_to": "organiser",
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
        fee_collector=SOCIETY,
        cut_holder=SOCIETY,
        public_money=False,
        who_pays="fees (adjusted to cover its costs) and the society's own funds",
        preset={
            "alliance": {"organiser": ["society"], "fees_to": "organiser"},
            "society": SOCIETY_SERVICES,
        },
    ),
    Mode.CO_CONSTRUCTION: ModeSpec(
        Mode.CO_CONSTRUCTION,
        "administration guides with time-limited support, the association operates, "
        "collects fees and rates, the leading firm anchors the platform for a cut",
        organisers=(ADMIN, SOCIETY, FIRM),
        monitors=(Monitor.AUDIT, Monitor.RATING),
        operator=SOCIETY,
        platform_funders=(FIRM,),
        fee_collector=SOCIETY,
        cut_holder=FIRM,
        public_money=True,
        who_pays="time-limited public support; fees to the association; the leader funds "
        "the platform from its cut",
        preset={
            "alliance": {
                "organiser": ["administration", "society", "enterprise"],
                "organiser_cut": 0.1,
                "fees_to": "organiser",
                "platform": {"organiser_investment": 0.5},
            },
            "administration": PUBLIC_PROGRAMME,
            "society": SOCIETY_SERVICES,
            "events": [{"kind": "subsidy_phase_out", "step": 100, "duration": 20}],
        },
    ),
}


def mode_data(mode: Mode | str) -> dict[str, Any]:
    """The mode's ready-made scenario as the mapping a scenario file would hold: the
    defaults with the mode's preset on top (``sim.scenario.mode_files`` renders it)."""
    mode = Mode(mode)
    spec = MODES[mode]
    return {"name": mode.value, "description": spec.summary, "mode": mode.value, **spec.preset}


def preset_keys(preset: dict[str, Any], prefix: str = "") -> list[str]:
    """The dotted keys a preset sets (a section named in MECHANISM_KEYS counts whole)."""
    keys = []
    for key, value in preset.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in MECHANISM_KEYS:
            keys.extend(preset_keys(value, path + "."))
        else:
            keys.append(path)
    return keys


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

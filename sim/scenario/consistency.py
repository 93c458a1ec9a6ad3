"""Cross-section consistency checks of a scenario: combinations that are each valid alone
but make no sense together, checked when the scenario is built rather than failing
inside ``step()``."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.scenario.alliance import GroupStructure, Organiser
from sim.scenario.charter import Admission, CostScheme, Recipient, Sharing
from sim.scenario.decisions import RuleKind, Strategy, Updating
from sim.scenario.events import EventKind
from sim.scenario.modes import mode_problems
from sim.scenario.network import NetworkKind

if TYPE_CHECKING:
    from sim.scenario.root import Scenario


def consistency_problems(s: Scenario) -> list[str]:
    """Combinations that are each valid alone but make no sense together."""
    problems: list[str] = []
    admin, society, alliance = s.administration, s.society, s.alliance
    if not admin.present:
        for key in ("subsidy", "procurement_preference", "budget_initial", "budget_per_step"):
            if getattr(admin, key) > 0:
                problems.append(
                    f"administration.{key} is {getattr(admin, key):g} but "
                    "administration.present is false: no administration can pay or prefer"
                )
    for who, present in (
        (Organiser.ADMINISTRATION, admin.present),
        (Organiser.SOCIETY, society.present),
    ):
        if who in alliance.organiser and not present:
            problems.append(
                f"alliance.organiser names {who.value!r} but {who.value}.present is false"
            )
    problems.extend(_admission_problems(s))
    if not alliance.organiser:
        for key in ("fees_to", "fines_to"):
            if getattr(alliance, key) is Recipient.ORGANISER:
                problems.append(
                    f"alliance.{key} is 'organiser' but the alliance has no organiser "
                    "(alliance.organiser is empty); use 'members' or 'platform'"
                )
    if alliance.group_structure is not GroupStructure.ALLIANCE and (
        s.network.kind is NetworkKind.WELL_MIXED
        and alliance.group_structure is GroupStructure.NEIGHBOURHOOD
    ):
        problems.append(
            "alliance.group_structure 'neighbourhood' needs a network; network.kind is well_mixed"
        )
    n = s.population.enterprises
    net = s.network
    if net.kind is NetworkKind.LATTICE and math.isqrt(n) ** 2 != n:
        problems.append(
            f"network.kind 'lattice' needs population.enterprises to be a square number; got {n}"
        )
    if net.kind is NetworkKind.RANDOM_REGULAR and (net.degree >= n or (n * net.degree) % 2):
        problems.append(
            f"network.kind 'random_regular' needs degree < enterprises and enterprises x degree "
            f"even; got degree {net.degree} with {n} enterprises"
        )
    if net.kind in (NetworkKind.RING, NetworkKind.SMALL_WORLD) and net.degree % 2:
        problems.append(f"network.kind {net.kind.value!r} needs an even degree; got {net.degree}")
    if net.kind in (NetworkKind.SCALE_FREE,) and net.degree % 2:
        problems.append(f"network.kind 'scale_free' needs an even degree; got {net.degree}")
    if (
        net.kind is not NetworkKind.WELL_MIXED
        and net.kind is not NetworkKind.LATTICE
        and (net.degree >= n)
    ):
        problems.append(f"network.degree must be below population.enterprises ({n})")
    if net.kind is NetworkKind.EDGE_LIST and net.edge_list is None:
        problems.append("network.kind 'edge_list' needs network.edge_list (a file path)")
    if net.kind is not NetworkKind.EDGE_LIST and net.edge_list is not None:
        problems.append(
            f"network.edge_list is given but network.kind is {net.kind.value!r}, which builds "
            "its own ties and would ignore the file; set network.kind: edge_list or remove "
            "network.edge_list"
        )
    problems.extend(_group_size_problems(s))
    dec = s.decisions.enterprise
    if dec.rule is RuleKind.LOGIT_BEST_RESPONSE and (
        alliance.group_structure is not GroupStructure.ALLIANCE
    ):
        problems.append(
            "decisions.enterprise.rule 'logit_best_response' needs alliance.group_structure "
            f"'alliance' (its expected payoffs are exact only there); got "
            f"{alliance.group_structure.value!r}"
        )
    problems += reference_game_problems(s)
    member_options = {Strategy.CONTRIBUTE, Strategy.FREE_RIDE} & set(dec.strategies)
    if Strategy.OUTSIDE not in dec.strategies and not alliance.enabled:
        problems.append(
            "decisions.enterprise.strategies makes membership compulsory but alliance.enabled "
            "is false"
        )
    if not member_options and alliance.enabled and s.population.initial_member_share > 0:
        problems.append(
            "population.initial_member_share > 0 but no member strategy is open to firms"
        )
    problems.extend(_event_problems(s))
    problems.extend(mode_problems(s))
    return problems


def _group_size_problems(s: Scenario) -> list[str]:
    """A pool needs ``alliance.min_members`` members in its group: a threshold above the
    number of firms (or, under teams, above the team size) means no pool could ever run."""
    alliance, firms = s.alliance, s.population.enterprises
    if not alliance.enabled:
        return []
    if alliance.min_members > firms:
        return [
            f"alliance.min_members is {alliance.min_members}, above population.enterprises "
            f"({firms}): the alliance could not run its pool with the firms the run starts with"
        ]
    if (
        alliance.group_structure is GroupStructure.TEAMS
        and alliance.min_members > alliance.team_size
    ):
        return [
            f"alliance.min_members is {alliance.min_members} but alliance.team_size is "
            f"{alliance.team_size}: no team could ever have enough members to run its pool"
        ]
    return []


def _admission_problems(s: Scenario) -> list[str]:
    """Admission rules nobody could ever meet."""
    if s.alliance.admission is not Admission.CERTIFIED or not s.alliance.enabled:
        return []
    if not s.society.present:
        return [
            "alliance.admission 'certified' needs a society to certify firms, but "
            "society.present is false: nobody could ever join"
        ]
    if s.society.certification_threshold > 1:
        return [
            "alliance.admission 'certified' but society.certification_threshold is "
            f"{s.society.certification_threshold:g} (above 1 the society never certifies): "
            "nobody could ever join"
        ]
    return []


def _event_problems(s: Scenario) -> list[str]:
    """Scheduled events that cannot happen in this scenario."""
    problems = []
    for i, event in enumerate(s.events):
        if event.step > s.steps:
            problems.append(
                f"events.{i}: {event.kind.value} at step {event.step} is after the run's last "
                f"step (steps is {s.steps}), so it would never fire; lengthen the run or "
                "move the event"
            )
        if event.kind is EventKind.SUBSIDY_PHASE_OUT and not s.administration.present:
            problems.append(
                f"events.{i}: subsidy_phase_out needs an administration "
                "(administration.present is false)"
            )
    return problems


def reference_game_problems(s: Scenario) -> list[str]:
    """Settings that only the reference-game machinery supports, checked when the model
    is built rather than failing inside ``step()``."""
    problems: list[str] = []
    alliance, dec = s.alliance, s.decisions.enterprise
    local = (GroupStructure.NEIGHBOURHOOD, GroupStructure.PAIRWISE)
    if alliance.group_structure is GroupStructure.PAIRWISE and (
        s.network.kind is NetworkKind.WELL_MIXED
    ):
        problems.append(
            "alliance.group_structure 'pairwise' needs a network; network.kind is well_mixed"
        )
    if dec.updating is not Updating.MONTE_CARLO:
        return problems
    teams = alliance.group_structure is GroupStructure.TEAMS
    need = {
        "decisions.enterprise.rule must be 'fermi'": dec.rule is RuleKind.FERMI,
        "alliance.group_structure must be 'neighbourhood', 'pairwise' or 'teams'": (
            alliance.group_structure in (*local, GroupStructure.TEAMS)
        ),
        "decisions.enterprise.strategies must not include 'outside'": Strategy.OUTSIDE
        not in dec.strategies,
        "market.enabled must be false": not s.market.enabled,
        "alliance.complementarity_bonus must be 0": alliance.complementarity_bonus == 0,
        "alliance.sharing must be 'equal'": alliance.sharing is Sharing.EQUAL,
        "alliance.fine x monitoring_probability must be 0": alliance.fine
        * alliance.monitoring_probability
        == 0,
        "alliance.fee must be 0": alliance.fee == 0,
        "population.entry_rate must be 0": s.population.entry_rate == 0,
    }
    if teams:  # expected team payoffs, well-mixed (sim.monte_carlo.well_mixed_process)
        need["network.kind must be 'well_mixed' for teams"] = (
            s.network.kind is NetworkKind.WELL_MIXED
        )
        need["alliance.cost_scheme must be 'fixed' for teams"] = (
            alliance.cost_scheme is CostScheme.FIXED
        )
        need["population capacities must all be 1 for teams"] = (
            s.population.capacity_minimum == s.population.capacity_maximum == 1.0
        )
    else:
        need["administration.subsidy must be 0"] = s.administration.subsidy == 0
    problems += [
        f"decisions.enterprise.updating 'monte_carlo' recomputes only the game's payoffs: {why}"
        for why, ok in need.items()
        if not ok
    ]
    return problems

"""The cross-section rules of a scenario (sim.scenario.consistency), one at a time: each
starts from a consistent scenario, changes one key and expects exactly the one problem
the rule documents, or none where the boundary value itself is allowed (a threshold of
exactly 1, an event at the last step, a degree one below the population)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from sim.scenario import (
    Admission,
    CostScheme,
    GroupStructure,
    NetworkKind,
    Organiser,
    Recipient,
    RuleKind,
    Scenario,
    Sharing,
    Strategy,
    Updating,
    load_scenario,
)
from sim.scenario.consistency import consistency_problems
from sim.scenario.events import Event, EventKind

REFERENCE = Path(__file__).resolve().parents[3] / "scenarios" / "reference"
N = 100  # firms in the small base scenario


def changed(model: Any, path: str, value: Any) -> Any:
    """``model`` with the key at ``path`` set to ``value``, not re-validated, so that the
    rule under test is the only judge."""
    head, _, rest = path.partition(".")
    inner = value if not rest else changed(getattr(model, head), rest, value)
    return model.model_copy(update={head: inner})


def with_(base: Scenario, **changes: Any) -> Scenario:
    for path, value in changes.items():
        base = changed(base, path.replace("__", "."), value)
    return base


def problems(scenario: Scenario) -> list[str]:
    return consistency_problems(scenario)


def only(scenario: Scenario, *fragments: str) -> None:
    """Exactly one problem, naming every fragment."""
    found = problems(scenario)
    assert len(found) == 1, found
    for fragment in fragments:
        assert fragment in found[0], (fragment, found[0])


BASE = Scenario.model_validate({"population": {"enterprises": N}})


def test_the_base_is_consistent():
    assert problems(BASE) == []


# --- the administration and the organisers ----------------------------------------------


@pytest.mark.parametrize(
    "key", ["subsidy", "procurement_preference", "budget_initial", "budget_per_step"]
)
def test_public_money_without_an_administration_is_refused_key_by_key(key):
    only(with_(BASE, **{f"administration__{key}": 0.5}), f"administration.{key} is 0.5")
    assert problems(with_(BASE, **{f"administration__{key}": 0.0})) == []
    present = with_(BASE, administration__present=True, **{f"administration__{key}": 0.5})
    assert problems(present) == []


@pytest.mark.parametrize(
    ("who", "section"),
    [(Organiser.ADMINISTRATION, "administration"), (Organiser.SOCIETY, "society")],
)
def test_an_organiser_must_be_present(who, section):
    absent = with_(BASE, alliance__organiser=(who,))
    only(absent, f"alliance.organiser names {who.value!r}", f"{section}.present is false")
    assert problems(with_(absent, **{f"{section}__present": True})) == []


def test_the_enterprise_may_organise_without_any_organisation_present():
    assert problems(with_(BASE, alliance__organiser=(Organiser.ENTERPRISE,))) == []


@pytest.mark.parametrize("key", ["fees_to", "fines_to"])
def test_money_to_an_organiser_needs_an_organiser(key):
    to_organiser = with_(BASE, **{f"alliance__{key}": Recipient.ORGANISER})
    only(to_organiser, f"alliance.{key} is 'organiser'")
    organised = with_(to_organiser, alliance__organiser=(Organiser.ENTERPRISE,))
    assert problems(organised) == []
    for other in (Recipient.MEMBERS, Recipient.PLATFORM):
        assert problems(with_(BASE, **{f"alliance__{key}": other})) == []


# --- admission ---------------------------------------------------------------------------

CERTIFIED = with_(BASE, alliance__admission=Admission.CERTIFIED, society__present=True)


def test_certified_admission_accepts_a_threshold_of_exactly_one():
    assert problems(with_(CERTIFIED, society__certification_threshold=1.0)) == []
    only(with_(CERTIFIED, society__certification_threshold=1.0 + 1e-9), "above 1")


def test_certified_admission_needs_a_society_only_while_the_alliance_is_enabled():
    no_society = with_(CERTIFIED, society__present=False, society__certification_threshold=0.5)
    only(no_society, "needs a society to certify firms")
    assert problems(with_(no_society, alliance__enabled=False)) == []
    high = with_(CERTIFIED, society__certification_threshold=2.0, alliance__enabled=False)
    assert problems(high) == []


# --- pools and networks ------------------------------------------------------------------


def test_neighbourhood_and_pairwise_pools_need_a_network_and_teams_do_not():
    mixed = with_(BASE, network__kind=NetworkKind.WELL_MIXED)
    local = with_(mixed, decisions__enterprise__rule=RuleKind.FERMI)
    only(with_(local, alliance__group_structure=GroupStructure.NEIGHBOURHOOD), "'neighbourhood'")
    only(with_(local, alliance__group_structure=GroupStructure.PAIRWISE), "'pairwise' needs")
    assert problems(with_(local, alliance__group_structure=GroupStructure.TEAMS)) == []
    assert problems(mixed) == []
    ring = with_(local, network__kind=NetworkKind.RING, network__degree=4)
    for structure in (GroupStructure.NEIGHBOURHOOD, GroupStructure.PAIRWISE):
        assert problems(with_(ring, alliance__group_structure=structure)) == []


@pytest.mark.parametrize(("firms", "square"), [(400, True), (399, False), (401, False), (4, True)])
def test_a_lattice_needs_a_square_population(firms, square):
    lattice = with_(BASE, network__kind=NetworkKind.LATTICE, population__enterprises=firms)
    if square:
        assert problems(lattice) == []
    else:
        only(lattice, "square number", f"got {firms}")


def test_a_lattice_ignores_the_degree():
    tiny = with_(BASE, network__kind=NetworkKind.LATTICE, population__enterprises=4)
    assert problems(with_(tiny, network__degree=6)) == []


@pytest.mark.parametrize(
    ("degree", "firms", "fragments"),
    [
        (9, 10, []),  # one below the population, even product: a valid graph
        (10, 10, ["degree < enterprises", "must be below"]),
        (3, 11, ["enterprises x degree even"]),
        (3, 12, []),
    ],
)
def test_a_random_regular_graph_needs_a_degree_below_the_population_and_an_even_product(
    degree, firms, fragments
):
    graph = with_(
        BASE,
        network__kind=NetworkKind.RANDOM_REGULAR,
        network__degree=degree,
        population__enterprises=firms,
    )
    found = problems(graph)
    assert len(found) == len(fragments)
    for fragment in fragments:
        assert any(fragment in p for p in found), (fragment, found)


@pytest.mark.parametrize(
    "kind", [NetworkKind.RING, NetworkKind.SMALL_WORLD, NetworkKind.SCALE_FREE]
)
def test_rings_small_worlds_and_scale_free_graphs_need_an_even_degree(kind):
    graph = with_(BASE, network__kind=kind)
    assert problems(with_(graph, network__degree=4)) == []
    only(with_(graph, network__degree=5), f"network.kind {kind.value!r} needs an even degree")


@pytest.mark.parametrize(
    "kind", [NetworkKind.RING, NetworkKind.SMALL_WORLD, NetworkKind.SCALE_FREE]
)
def test_a_degree_equal_to_the_population_is_refused_one_below_is_not(kind):
    graph = with_(BASE, network__kind=kind, population__enterprises=10)
    assert problems(with_(graph, network__degree=8)) == []
    only(with_(graph, network__degree=10), "network.degree must be below population.enterprises")


def test_an_edge_list_kind_needs_a_file_and_a_file_needs_the_edge_list_kind():
    listed = with_(BASE, network__kind=NetworkKind.EDGE_LIST)
    only(listed, "needs network.edge_list")
    assert problems(with_(listed, network__edge_list=Path("ties.csv"))) == []
    only(with_(BASE, network__edge_list=Path("ties.csv")), "network.edge_list is given")


# --- group sizes -------------------------------------------------------------------------


def test_min_members_may_equal_the_population_but_not_exceed_it():
    assert problems(with_(BASE, alliance__min_members=N)) == []
    only(with_(BASE, alliance__min_members=N + 1), f"alliance.min_members is {N + 1}")
    assert problems(with_(BASE, alliance__min_members=N + 1, alliance__enabled=False)) == []


def test_under_teams_min_members_may_equal_the_team_size_but_not_exceed_it():
    teams = with_(
        BASE,
        alliance__group_structure=GroupStructure.TEAMS,
        decisions__enterprise__rule=RuleKind.FERMI,
        alliance__team_size=5,
    )
    assert problems(with_(teams, alliance__min_members=5)) == []
    only(with_(teams, alliance__min_members=6), "alliance.team_size is 5")
    assert problems(with_(teams, alliance__min_members=6, alliance__enabled=False)) == []
    structure = GroupStructure.NEIGHBOURHOOD
    assert (
        problems(with_(teams, alliance__min_members=6, alliance__group_structure=structure)) == []
    )


# --- decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "structure", [GroupStructure.TEAMS, GroupStructure.NEIGHBOURHOOD, GroupStructure.PAIRWISE]
)
def test_the_best_response_needs_alliance_wide_pools(structure):
    only(with_(BASE, alliance__group_structure=structure), "'logit_best_response' needs")


def test_compulsory_membership_needs_an_alliance():
    compulsory = (Strategy.CONTRIBUTE, Strategy.FREE_RIDE)
    strict = with_(BASE, decisions__enterprise__strategies=compulsory)
    assert problems(strict) == []
    only(with_(strict, alliance__enabled=False), "makes membership compulsory")


def test_starting_members_need_a_member_strategy_while_the_alliance_runs():
    outside_only = with_(BASE, decisions__enterprise__strategies=(Strategy.OUTSIDE,))
    only(outside_only, "initial_member_share > 0")
    assert problems(with_(outside_only, population__initial_member_share=0.0)) == []
    assert problems(with_(outside_only, alliance__enabled=False)) == []
    for one in (Strategy.CONTRIBUTE, Strategy.FREE_RIDE):
        options = (Strategy.OUTSIDE, one)
        assert problems(with_(BASE, decisions__enterprise__strategies=options)) == []


# --- events ------------------------------------------------------------------------------


def event(kind: EventKind, step: int) -> Event:
    extra = {"factor": 0.5} if kind is EventKind.DEMAND_SHOCK else {}
    return TypeAdapter(Event).validate_python({"kind": kind, "step": step, **extra})


def test_each_event_after_the_last_step_is_named_by_its_place():
    events = (event(EventKind.DEMAND_SHOCK, 200), event(EventKind.DEMAND_SHOCK, 201))
    only(with_(BASE, events=events), "events.1:", "step 201", "steps is 200")


def test_a_subsidy_phase_out_needs_an_administration():
    phase_out = with_(BASE, events=(event(EventKind.SUBSIDY_PHASE_OUT, 5),))
    only(phase_out, "events.0: subsidy_phase_out needs an administration")
    assert problems(with_(phase_out, administration__present=True)) == []


# --- Monte Carlo updating: each requirement on its own -----------------------------------

LATTICE = load_scenario(REFERENCE / "lattice_pgg.yaml", ["population.enterprises=400"])
TEAMS = load_scenario(
    REFERENCE / "well_mixed_pgg.yaml",
    ["population.enterprises=400", "decisions.enterprise.updating=monte_carlo"],
)
COMMON = {  # key changed -> the requirement it breaks, in both bases
    "decisions__enterprise__rule": (
        RuleKind.IMITATE_BEST,
        "decisions.enterprise.rule must be 'fermi'",
    ),
    "decisions__enterprise__strategies": (
        (Strategy.OUTSIDE, Strategy.CONTRIBUTE, Strategy.FREE_RIDE),
        "decisions.enterprise.strategies must not include 'outside'",
    ),
    "market__enabled": (True, "market.enabled must be false"),
    "alliance__complementarity_bonus": (0.1, "alliance.complementarity_bonus must be 0"),
    "alliance__sharing": (Sharing.CAPACITY, "alliance.sharing must be 'equal'"),
    "alliance__fee": (0.1, "alliance.fee must be 0"),
    "population__entry_rate": (0.01, "population.entry_rate must be 0"),
}


MONTE_CARLO = "decisions.enterprise.updating 'monte_carlo' recomputes only the game's payoffs: "


def only_monte_carlo(scenario: Scenario, requirement: str) -> None:
    """Exactly one problem: the Monte Carlo prefix, then the requirement in full."""
    assert problems(scenario) == [MONTE_CARLO + requirement]


def test_the_monte_carlo_bases_are_consistent():
    assert problems(LATTICE) == [] and problems(TEAMS) == []
    assert problems(with_(LATTICE, alliance__group_structure=GroupStructure.PAIRWISE)) == []


@pytest.mark.parametrize("base", [LATTICE, TEAMS], ids=["neighbourhood", "teams"])
@pytest.mark.parametrize("key", list(COMMON))
def test_monte_carlo_requirements_one_at_a_time(base, key):
    value, requirement = COMMON[key]
    only_monte_carlo(with_(base, **{key: value}), requirement)


@pytest.mark.parametrize("base", [LATTICE, TEAMS], ids=["neighbourhood", "teams"])
def test_monte_carlo_needs_fines_or_monitoring_at_zero_not_both(base):
    assert problems(with_(base, alliance__fine=1.0)) == []
    assert problems(with_(base, alliance__monitoring_probability=0.5)) == []
    both = with_(base, alliance__fine=1.0, alliance__monitoring_probability=0.5)
    only_monte_carlo(both, "alliance.fine x monitoring_probability must be 0")


def test_monte_carlo_needs_local_pools_or_teams():
    alliance_wide = with_(LATTICE, alliance__group_structure=GroupStructure.ALLIANCE)
    only_monte_carlo(
        alliance_wide, "alliance.group_structure must be 'neighbourhood', 'pairwise' or 'teams'"
    )


def test_monte_carlo_outside_teams_refuses_a_subsidy_and_teams_accept_one():
    only_monte_carlo(
        with_(LATTICE, administration__present=True, administration__subsidy=0.5),
        "administration.subsidy must be 0",
    )
    assert problems(with_(TEAMS, administration__subsidy=0.5)) == []


@pytest.mark.parametrize(
    ("key", "value", "requirement"),
    [
        ("network__kind", NetworkKind.LATTICE, "network.kind must be 'well_mixed' for teams"),
        (
            "alliance__cost_scheme",
            CostScheme.PER_CAPACITY,
            "alliance.cost_scheme must be 'fixed' for teams",
        ),
        ("population__capacity_maximum", 2.0, "population capacities must all be 1 for teams"),
        ("population__capacity_minimum", 0.5, "population capacities must all be 1 for teams"),
    ],
)
def test_monte_carlo_teams_requirements_one_at_a_time(key, value, requirement):
    only_monte_carlo(with_(TEAMS, **{key: value}), requirement)
    assert problems(with_(LATTICE, **{key: value})) == [] or key == "network__kind"


def test_capacities_of_one_are_the_only_capacities_teams_accept():
    both = with_(TEAMS, population__capacity_minimum=2.0, population__capacity_maximum=2.0)
    only_monte_carlo(both, "population capacities must all be 1 for teams")


def test_without_monte_carlo_none_of_its_requirements_apply():
    synchronous = with_(LATTICE, decisions__enterprise__updating=Updating.SYNCHRONOUS)
    for key, (value, _) in COMMON.items():
        assert problems(with_(synchronous, **{key: value})) == [], key


PAIRWISE_UNLINKED = (
    "alliance.group_structure 'pairwise' needs a network; network.kind is well_mixed"
)


def test_pairwise_pools_without_a_network_under_monte_carlo_keep_that_problem():
    mixed = with_(
        LATTICE,
        alliance__group_structure=GroupStructure.PAIRWISE,
        network__kind=NetworkKind.WELL_MIXED,
    )
    assert problems(mixed) == [PAIRWISE_UNLINKED]
    charged = with_(mixed, alliance__fee=0.1)
    assert problems(charged) == [PAIRWISE_UNLINKED, MONTE_CARLO + "alliance.fee must be 0"]


# --- the messages in full: the key blamed first, the way out last ------------------------

WELL_MIXED_LOCAL = with_(
    BASE, network__kind=NetworkKind.WELL_MIXED, decisions__enterprise__rule=RuleKind.FERMI
)
MESSAGES = {
    "public money": (
        with_(BASE, administration__subsidy=0.5),
        "administration.subsidy is 0.5 but administration.present is false: no administration "
        "can pay or prefer",
    ),
    "fees to nobody": (
        with_(BASE, alliance__fees_to=Recipient.ORGANISER),
        "alliance.fees_to is 'organiser' but the alliance has no organiser "
        "(alliance.organiser is empty); use 'members' or 'platform'",
    ),
    "neighbourhood without a network": (
        with_(WELL_MIXED_LOCAL, alliance__group_structure=GroupStructure.NEIGHBOURHOOD),
        "alliance.group_structure 'neighbourhood' needs a network; network.kind is well_mixed",
    ),
    "pairwise without a network": (
        with_(WELL_MIXED_LOCAL, alliance__group_structure=GroupStructure.PAIRWISE),
        PAIRWISE_UNLINKED,
    ),
    "edge list kind without a file": (
        with_(BASE, network__kind=NetworkKind.EDGE_LIST),
        "network.kind 'edge_list' needs network.edge_list (a file path)",
    ),
    "a file under another kind": (
        with_(BASE, network__edge_list=Path("ties.csv")),
        "network.edge_list is given but network.kind is 'small_world', which builds its own "
        "ties and would ignore the file; set network.kind: edge_list or remove "
        "network.edge_list",
    ),
    "best response with teams": (
        with_(BASE, alliance__group_structure=GroupStructure.TEAMS),
        "decisions.enterprise.rule 'logit_best_response' needs alliance.group_structure "
        "'alliance' (its expected payoffs are exact only there); got 'teams'",
    ),
    "compulsory membership without an alliance": (
        with_(
            BASE,
            decisions__enterprise__strategies=(Strategy.CONTRIBUTE, Strategy.FREE_RIDE),
            alliance__enabled=False,
        ),
        "decisions.enterprise.strategies makes membership compulsory but alliance.enabled is false",
    ),
    "members without a member strategy": (
        with_(BASE, decisions__enterprise__strategies=(Strategy.OUTSIDE,)),
        "population.initial_member_share > 0 but no member strategy is open to firms",
    ),
    "certification without a society": (
        with_(CERTIFIED, society__present=False),
        "alliance.admission 'certified' needs a society to certify firms, but "
        "society.present is false: nobody could ever join",
    ),
    "certification above 1": (
        with_(CERTIFIED, society__certification_threshold=2.0),
        "alliance.admission 'certified' but society.certification_threshold is 2 (above 1 "
        "the society never certifies): nobody could ever join",
    ),
    "an event too late": (
        with_(BASE, events=(event(EventKind.DEMAND_SHOCK, 201),)),
        "events.0: demand_shock at step 201 is after the run's last step (steps is 200), so "
        "it would never fire; lengthen the run or move the event",
    ),
    "a phase-out without an administration": (
        with_(BASE, events=(event(EventKind.SUBSIDY_PHASE_OUT, 5),)),
        "events.0: subsidy_phase_out needs an administration (administration.present is false)",
    ),
}


@pytest.mark.parametrize("case", list(MESSAGES))
def test_the_messages_in_full(case):
    scenario, message = MESSAGES[case]
    assert problems(scenario) == [message]

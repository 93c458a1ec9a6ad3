"""The scenario: every parameter of the alliance model, validated once.

One file per section of the schema, each with the enums that belong to it
(``population``, ``market``, ``network``, ``charter``, ``alliance``, ``administration``,
``society``, ``governance``, ``decisions``, ``events``, ``outcomes``); the
:class:`Scenario` root and its cross-section checks (``root``, ``consistency``);
reading YAML and ``--set`` overrides with clear errors (``loading``, ``errors``); the
documentation generator (``parameters``, ``commented_yaml``, ``docs``) and the generator
of the construction modes' ready-made scenarios (``mode_files``).

The construction modes' table (who organises, pays and monitors in each mode, and
the presets of their ready-made scenarios) is scenario data beside the schema
(``modes``); the schema checks a scenario against it when it loads.

Import the schema's names from here: ``from sim.scenario import Scenario, load_scenario``;
the modes' table from ``sim.scenario.modes``. The generators are modules of their own
(``python -m sim.scenario.docs``, ``python -m sim.scenario.mode_files``).
"""

from sim.scenario.administration import Administration, BackingRule
from sim.scenario.alliance import Alliance, GroupStructure, Organiser, PairwiseGame, Platform
from sim.scenario.charter import Admission, Charter, CostScheme, Recipient, Sharing
from sim.scenario.consistency import consistency_problems, reference_game_problems
from sim.scenario.decisions import (
    Decisions,
    EnterpriseDecisions,
    ExplorationMode,
    LeaderDecisions,
    LeaderRule,
    Normalisation,
    PayoffMeasure,
    RuleKind,
    Strategy,
    Updating,
)
from sim.scenario.errors import ScenarioError
from sim.scenario.events import (
    EVENT_MODELS,
    CharterChange,
    DemandShock,
    EntryWave,
    Event,
    EventKind,
    LeaderExit,
    SubsidyPhaseOut,
)
from sim.scenario.governance import Governance, GovernanceForm, Oversight
from sim.scenario.loading import (
    apply_overrides,
    load_named_scenario,
    load_scenario,
    read_yaml_mapping,
    validate_scenario,
)
from sim.scenario.market import Market
from sim.scenario.modes import Mode
from sim.scenario.network import Neighbourhood, Network, NetworkKind
from sim.scenario.outcomes import Outcomes
from sim.scenario.population import SEGMENTS, Population, Segment
from sim.scenario.root import Scenario
from sim.scenario.section import Section, param
from sim.scenario.society import Society

__all__ = [
    "EVENT_MODELS",
    "SEGMENTS",
    "Administration",
    "Admission",
    "Alliance",
    "BackingRule",
    "Charter",
    "CharterChange",
    "CostScheme",
    "Decisions",
    "DemandShock",
    "EnterpriseDecisions",
    "EntryWave",
    "Event",
    "EventKind",
    "ExplorationMode",
    "Governance",
    "GovernanceForm",
    "GroupStructure",
    "LeaderDecisions",
    "LeaderExit",
    "LeaderRule",
    "Market",
    "Mode",
    "Neighbourhood",
    "Network",
    "NetworkKind",
    "Normalisation",
    "Organiser",
    "Outcomes",
    "Oversight",
    "PairwiseGame",
    "PayoffMeasure",
    "Platform",
    "Population",
    "Recipient",
    "RuleKind",
    "Scenario",
    "ScenarioError",
    "Section",
    "Segment",
    "Sharing",
    "Society",
    "Strategy",
    "SubsidyPhaseOut",
    "Updating",
    "apply_overrides",
    "consistency_problems",
    "load_named_scenario",
    "load_scenario",
    "param",
    "read_yaml_mapping",
    "reference_game_problems",
    "validate_scenario",
]

"""A plain-language caption for the chosen construction mode, from the modes' table
(:data:`sim.scenario.modes.MODES`): who organises, who pays, who monitors."""

from __future__ import annotations

from sim.scenario import Scenario
from sim.scenario.modes import ModeSpec, Monitor, mode_spec

MONITOR_WORDS: dict[Monitor, str] = {
    Monitor.PEERS: "the members watch each other (weakly)",
    Monitor.AUDIT: "the administration audits at random",
    Monitor.LEADER: "the leading firm watches, sparing itself and its partners",
    Monitor.RATING: "the society rates members, and clients see the rating",
}


def mode_caption(scenario: Scenario) -> str:
    """Who organises, who pays and who monitors in the scenario's mode."""
    spec = mode_spec(scenario)
    if spec is None:
        organisers = ", ".join(o.value for o in scenario.alliance.organiser) or "nobody"
        return (
            f"A custom scenario (no construction mode declared): organised by {organisers}; "
            "fees, monitoring and sanctions as its charter says."
        )
    return f"{_title(spec)}: {spec.summary}. {_who(spec)}"


def _title(spec: ModeSpec) -> str:
    return spec.mode.value.replace("_", " ").capitalize()


def _who(spec: ModeSpec) -> str:
    organisers = ", ".join(o.value for o in spec.organisers) or "no outside organiser"
    monitors = "; ".join(MONITOR_WORDS[m] for m in spec.monitors)
    public = "" if spec.public_money else " No public money."
    return f"Organised by: {organisers}. Who pays: {spec.who_pays}. Monitoring: {monitors}.{public}"

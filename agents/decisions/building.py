"""The rule a scenario asks for (``decisions.enterprise.rule``), with its parameters."""

from __future__ import annotations

from agents.decisions.imitation import FermiImitation, ImitateBest, ProportionalImitation
from agents.decisions.logit import LogitBestResponse
from agents.decisions.reinforcement import BushMosteller, RothErev
from agents.decisions.rule import DecisionRule
from sim.scenario import EnterpriseDecisions, RuleKind


def build_rule(spec: EnterpriseDecisions) -> DecisionRule:
    """The rule a scenario asks for, with its parameters."""
    mu, mode = spec.exploration, spec.exploration_mode
    match spec.rule:
        case RuleKind.FERMI:
            return FermiImitation(spec.intensity, mu, mode)
        case RuleKind.IMITATE_BEST:
            return ImitateBest(mu, mode)
        case RuleKind.PROPORTIONAL:
            return ProportionalImitation(mu, mode)
        case RuleKind.BUSH_MOSTELLER:
            return BushMosteller(spec.learning_rate, spec.aspiration, mu, mode)
        case RuleKind.ROTH_EREV:
            return RothErev(spec.learning_rate, mu, mode)
        case RuleKind.LOGIT_BEST_RESPONSE:
            return LogitBestResponse(spec.intensity, mu, mode)
    raise ValueError(f"unknown rule {spec.rule}")

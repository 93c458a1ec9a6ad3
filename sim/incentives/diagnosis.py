"""An incentive audit of a scenario: is it the game its author thinks it is?

At chosen steps of a run, :func:`diagnose` measures, on the model's own functions:

* the effective multiplier of the pool and its bound ``r_max = r (1 + bonus)(1 + effect)``;
* the **private return** of one more MU contributed for the smallest, the median and
  the largest member (by capacity): the pool is replayed (:func:`sim.pool.play_pool`)
  with that member contributing and with it free-riding, everyone else as they are,
  and the difference in its payout is divided by what it paid in. "With incentives"
  adds the matching subsidy it could claim and what free-riding is expected to cost
  (expected fine plus standing, :mod:`sim.incentives.sanction_cost`), per MU owed;
* the **group return**: the pool's payout to members with every member contributing
  minus with none, per MU contributed;
* whether a **social dilemma** holds: every sampled member earns more by free-riding
  (private return < 1 without incentives) while the group earns more when all
  contribute (group return > 1);
* each organiser's income, costs and budget runway this step;
* the **enforcement table**: every monitor in the common terms of
  :mod:`sim.incentives.enforcement` (detection, accuracy, reach, penalty and expected
  penalty per MU evaded, cost per member, who pays) and the share of members the
  leading enterprise shields;
* the **signal-to-noise ratio of selection**: the payoff difference between
  contributing and free-riding that the decision rule sees for the median member,
  against the noise it sees (``1 / intensity`` for logit best response; the spread of
  the payoffs firms compare for the imitation rules).

``alliance diagnose SCENARIO [--set ...] [--at 1,50,200] [--strict]`` prints it;
``--strict`` exits 1 when no dilemma holds at one of the chosen steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from agents.action import Action
from sim.incentives.enforcement import MonitorTerms, enforcement_table
from sim.incentives.sanction_cost import expected_fines, standing_cost
from sim.model import AllianceModel
from sim.oversight import shielded_share
from sim.pool import PoolInputs, play_pool
from sim.scenario import GroupStructure, PayoffMeasure, Recipient, RuleKind, Scenario

PROBES = ("smallest", "median", "largest")


@dataclass
class MemberIncentive:
    """What one more MU contributed returns to one member (MU per MU)."""

    probe: str
    capacity: float
    private_return: float
    subsidy_per_mu: float
    sanction_per_mu: float

    @property
    def with_incentives(self) -> float:
        """Private return plus the subsidy claimed and the sanction avoided, per MU."""
        return self.private_return + self.subsidy_per_mu + self.sanction_per_mu


@dataclass
class Diagnosis:
    """The incentive audit at one step."""

    step: int
    members: int
    multiplier: float
    multiplier_bound: float
    group_return: float
    probes: list[MemberIncentive] = field(default_factory=list)
    organisers: dict[str, dict[str, float]] = field(default_factory=dict)
    selection_signal: float = 0.0
    selection_noise: float = 0.0
    enforcement: list[MonitorTerms] = field(default_factory=list)
    shielded_share: float = 0.0

    @property
    def dilemma(self) -> bool:
        """Free-riding pays every sampled member more, all contributing pays the group more."""
        if not self.probes:
            return False
        return self.group_return > 1.0 and all(p.private_return < 1.0 for p in self.probes)

    @property
    def signal_to_noise(self) -> float:
        return self.selection_signal / self.selection_noise if self.selection_noise else np.inf


def diagnose(scenario: Scenario, seed: int, at: list[int]) -> list[Diagnosis]:
    """Run the scenario and audit its incentives after each step in ``at``."""
    model = AllianceModel(scenario, rng=seed)
    out = []
    for step in sorted(set(at)):
        while model.steps < step:
            model.step()
        out.append(audit(model))
    return out


def audit(model: AllianceModel) -> Diagnosis:
    """The incentive audit of the model as it stands now."""
    t, spec = model.firms, model.config.alliance
    members = np.flatnonzero(t.members())
    bound = spec.synergy * (1 + spec.complementarity_bonus) * (1 + spec.platform.effect)
    found = Diagnosis(model.steps, len(members), model.last_synergy, bound, _group_return(model))
    if len(members) >= 2:
        by_capacity = members[np.argsort(t.capacity[members], kind="stable")]
        rows = (by_capacity[0], by_capacity[len(by_capacity) // 2], by_capacity[-1])
        found.probes = [_probe(model, name, int(i)) for name, i in zip(PROBES, rows, strict=True)]
        found.selection_signal, found.selection_noise = _selection(model, found.probes[1], rows[1])
    found.organisers = organiser_accounts(model)
    found.enforcement = enforcement_table(model)
    found.shielded_share = shielded_share(model)
    return found


def _inputs(model: AllianceModel, contributor: np.ndarray) -> PoolInputs:
    t = model.firms
    cut, _ = model.cut_in_force()
    return PoolInputs(
        t.members(), contributor, t.active, t.capacity, t.segment,
        model.alliance.platform_gain(), cut,
    )  # fmt: skip


def _replay(model: AllianceModel, contributor: np.ndarray):
    spec = model.config.alliance
    adjacency = None
    if spec.group_structure in (GroupStructure.NEIGHBOURHOOD, GroupStructure.PAIRWISE):
        adjacency = model.network.adjacency(len(model.firms))
    rng = np.random.default_rng(0)  # the same teams for both replays
    return play_pool(spec, _inputs(model, contributor), adjacency, rng, model.alliance.charter)


def _group_return(model: AllianceModel) -> float:
    members = model.firms.members()
    if not members.any():
        return 0.0
    everyone = _replay(model, members.copy())
    nobody = _replay(model, np.zeros_like(members))
    paid = float(everyone.contribution.sum())
    gained = float(everyone.payout[members].sum() - nobody.payout[members].sum())
    return gained / paid if paid > 0 else 0.0


def _probe(model: AllianceModel, name: str, i: int) -> MemberIncentive:
    contributor = model.firms.contributors().copy()
    contributor[i] = True
    with_i = _replay(model, contributor)
    contributor[i] = False
    without_i = _replay(model, contributor)
    paid = float(with_i.contribution[i])
    owed = float(with_i.owed[i])
    private = (with_i.payout[i] - without_i.payout[i]) / paid if paid > 0 else 0.0
    admin = model.administration
    subsidy = admin.funded_rate(float(with_i.contribution.sum())) if admin else 0.0
    who = np.array([i])
    gross = np.array([max(model.market_rates.value[1], 0.0) * model.firms.capacity[i]])
    sanction = float(expected_fines(model, who, np.array([owed]))[0])
    sanction += float(standing_cost(model, who, gross)[0])
    return MemberIncentive(
        name, float(model.firms.capacity[i]), float(private), subsidy,
        sanction / owed if owed > 0 else 0.0,
    )  # fmt: skip


def _selection(model: AllianceModel, probe: MemberIncentive, i: int) -> tuple[float, float]:
    """The contribute-minus-free-ride payoff difference the rule sees for member ``i``,
    and the noise it sees it through (both in the rule's payoff units)."""
    dec = model.config.decisions.enterprise
    t = model.firms
    if dec.rule is RuleKind.LOGIT_BEST_RESPONSE:
        u = model._counterfactual(np.array([i]))[0]
        signal = abs(u[Action.CONTRIBUTE] - u[Action.FREE_RIDE])
        return float(signal), 1.0 / dec.intensity if dec.intensity > 0 else np.inf
    net_per_mu = probe.with_incentives - 1.0
    scale = 1.0 / t.capacity[i] if dec.payoff_measure is PayoffMeasure.PER_CAPACITY else 1.0
    signal = abs(net_per_mu) * float(model.contribution_owed[i]) * scale
    spread = float(np.std(t.payoff[t.active])) if t.active.any() else 0.0
    return signal, spread


def organiser_accounts(model: AllianceModel) -> dict[str, dict[str, float]]:
    """Each organiser's income, costs and runway (steps its funds last at this rate)."""
    lg, accounts = model.ledger, {}
    admin = model.administration
    if admin is not None:
        income = admin.spec.budget_per_step + lg.public_receipts
        accounts["administration"] = _account(income, lg.public_spending, admin.budget)
    society = model.society
    if society is not None:
        costs = society.spec.running_cost + society.spent_last_step
        accounts["society"] = _account(society.income_last_step, costs, society.cash)
    if model.leadership is not None:
        fees = lg.fees_received if model.alliance.charter.fees_to is Recipient.ORGANISER else 0.0
        accounts["leader"] = {
            "income": lg.cut_received + fees,
            "costs": lg.monitoring_costs + lg.platform_paid + lg.staff_costs,
            "funds": float(model.leadership.benefit),
            "runway": np.inf if model.leadership.benefit >= 0 else 0.0,
        }
    return accounts


def _account(income: float, costs: float, funds: float) -> dict[str, float]:
    deficit = costs - income
    return {
        "income": float(income),
        "costs": float(costs),
        "funds": float(funds),
        "runway": float(funds / deficit) if deficit > 0 else np.inf,
    }

"""AllianceModel: the archives industry and its alliance, one step per quarter.

A staged step (DESIGN.md section 3):

1. **market**: projects arrive and are allocated; members may bid jointly;
2. **pool**: members contribute or free-ride; the pool's yield is shared; fees paid;
3. **governance**: the organiser monitors and sanctions; the administration pays
   subsidies within its budget; the society certifies and trains;
4. **decisions**: enterprises revise join/stay/leave and contribute/free-ride; the
   administration and the society revise their stance;
5. **events**: bankrupt firms exit, entrants arrive as profits invite them
   (:mod:`sim.entry`); scheduled events fire (:mod:`sim.events`); a leading enterprise
   that left the market or the alliance is succeeded, or not (:mod:`sim.roster`);
6. **metrics**: the welfare account of the step (:mod:`sim.output.welfare`) and the
   time series row.

The organisers' receipts and payments (:mod:`sim.organiser_accounts`), the decision
stage (:mod:`sim.decision_stage`) and the roster's exits, entries and leader
(:mod:`sim.roster`) live in their own files as parts of the class.

The model is a pure function of (scenario, seed). It owns all randomness: Mesa's
``self.rng`` is split into one stream per source of chance, derived anew each step
(:mod:`sim.chance`), so that turning the market off does not shift the draws of the
decision rules, and two construction modes run with one seed face the same draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from mesa import DataCollector, Model

from agents.action import Action
from agents.administration import Administration
from agents.decisions import build_rule
from agents.enterprise import ServiceEnterprise
from agents.leadership import Leadership
from agents.society import Society
from sim.alliance import AllianceInstitution
from sim.chance import SourcesOfChance
from sim.collaboration import CollaborationTies
from sim.decision_stage import DecisionStage
from sim.enterprise_table import EnterpriseTable, Founders
from sim.entry import ProfitSignal, market_size
from sim.events import EventSchedule
from sim.incentives.best_response import MarketRates
from sim.incentives.sanction_cost import score_drops, symmetric_loss_shares
from sim.ledger import Ledger
from sim.market import MarketOutcome, clear_market, settle
from sim.mode_mechanics import ModeMechanics
from sim.network import build_network
from sim.organiser_accounts import OrganiserAccounts
from sim.output.agent_records import AgentRecorder
from sim.output.mesa_interop import datacollector_view, scenario_from_parameters, still_running
from sim.output.metrics import MetricsRecorder
from sim.output.outcome_tracker import OutcomeTracker
from sim.output.welfare import WelfareAccount
from sim.pool import PoolInputs, play_pool
from sim.roster import Roster
from sim.scenario import (
    GroupStructure,
    LeaderRule,
    Organiser,
    Recipient,
    Scenario,
    Strategy,
)
from sim.standing_exposure import LossShares


class AllianceModel(Roster, OrganiserAccounts, DecisionStage, Model):
    """The alliance model built from a validated :class:`sim.scenario.Scenario`.

    ``scenario`` may also be a scenario file or ``None`` (the defaults), and ``keys``
    scenario keys by path (``**{"alliance.fee": 0.2}``), applied and validated like
    ``--set``: the keyword construction Mesa's ``batch_run`` uses (``sim.output.mesa_interop``).
    """

    def __init__(
        self,
        scenario: Scenario | str | Path | None = None,
        rng: int | np.random.Generator | None = None,
        **keys: Any,
    ) -> None:
        scenario = scenario_from_parameters(scenario, keys)
        super().__init__(rng=rng)
        self.config = scenario
        self.seed = self._seed
        self.chance = SourcesOfChance(self.rng)
        self.streams = self.chance.at(0)
        pop = scenario.population
        self.firms = EnterpriseTable(pop.enterprises)
        founders = Founders.draw(pop, pop.enterprises, self.streams["population"])
        self.firms.found(np.arange(pop.enterprises), pop, 0, founders, np.arange(pop.enterprises))
        self.next_ident = pop.enterprises  # the identity of the next potential entrant
        self._found_leader()
        self.alliance = AllianceInstitution(scenario.alliance)
        self._initial_strategies()
        self.network = build_network(
            scenario.network, pop.enterprises, self.firms.active, self.streams["network"]
        )
        self.ties = CollaborationTies(scenario.market.collaboration_memory)
        self.mechanics = ModeMechanics(self)
        self.event_schedule = EventSchedule(scenario.events)
        self.market_spec = scenario.market
        self.administration = (
            Administration(self, scenario.administration)
            if scenario.administration.present
            else None
        )
        self.society = (
            Society(self, scenario.society, self.alliance.charter.fee)
            if scenario.society.present
            else None
        )
        self.rule = build_rule(scenario.decisions.enterprise)
        leads = Organiser.ENTERPRISE in scenario.alliance.organiser
        self.leadership = (
            Leadership(scenario.decisions.leader.memory, scenario.decisions.leader.commitment)
            if leads and scenario.decisions.leader.rule is LeaderRule.ANCHOR
            else None
        )
        self.market_profit = np.zeros(pop.enterprises)
        self.contribution_owed = np.zeros(pop.enterprises)
        self.profit_signal = ProfitSignal(scenario.decisions.enterprise.payoff_memory)
        self.market_rates = MarketRates(scenario.decisions.enterprise.payoff_memory)
        self.standing_shares = LossShares(symmetric_loss_shares(self))
        self.last_loner = np.zeros(pop.enterprises)
        self.faces: list[ServiceEnterprise | None] = [
            ServiceEnterprise(self, row) for row in range(pop.enterprises)
        ]
        self.ledger = Ledger()
        self.last_market = MarketOutcome(np.zeros(0), np.zeros(0))
        self.last_surplus = 0.0
        self.last_synergy = 0.0
        self.last_pool_payout = np.zeros(pop.enterprises)
        self.last_contribution = np.zeros(pop.enterprises)
        self.last_detected = self.last_expelled = self.last_entrants = self.last_exits = 0
        members, engaged = int(self.firms.members().sum()), self.organiser_engaged()
        self.alliance.update_activity(members, engaged, ages=False)  # set-up is not a step
        self.tracker = OutcomeTracker(scenario.outcomes)
        self.tracker.update(self)
        self.welfare = WelfareAccount(self)
        self.recorder = MetricsRecorder(scenario.steps + 1)
        self.recorder.record(self, 0)
        self.agent_records = AgentRecorder(scenario.outcomes.agent_records_every)
        self.agent_records.record(self, 0)
        self.running = still_running(self)

    # ------------------------------------------------------------------ set-up
    def _initial_strategies(self) -> None:
        pop, t = self.config.population, self.firms
        rng = self.streams["population"]
        allowed = self.config.decisions.enterprise.strategies
        n = len(t)
        member = rng.random(n) < pop.initial_member_share
        contribute = rng.random(n) < pop.initial_contributor_share
        strategy = np.where(
            member, np.where(contribute, Action.CONTRIBUTE, Action.FREE_RIDE), Action.OUTSIDE
        )
        if Strategy.OUTSIDE not in allowed:
            strategy = np.where(contribute, Action.CONTRIBUTE, Action.FREE_RIDE)
        admissible = self.alliance.admissible(t.quality, t.capacity, t.certified)
        if not self.config.alliance.enabled:
            strategy[:] = Action.OUTSIDE
        elif Strategy.OUTSIDE in allowed:
            strategy[~admissible] = Action.OUTSIDE
        for s in (Action.CONTRIBUTE, Action.FREE_RIDE):
            if Strategy[s.name] not in allowed:
                strategy[strategy == s] = s.flip()
        t.strategy[:] = strategy

    # ------------------------------------------------------------------ the step
    def step(self) -> None:
        """One quarter: market, pool, governance, decisions, events, metrics."""
        self.streams = self.chance.at(self.steps)
        self.ledger = Ledger()
        t, n = self.firms, len(self.firms)
        if self.administration:
            self.administration.appropriate()
            self.administration.spent_last_step = 0.0
        if self.society:
            self.society.income_last_step = 0.0
            self.society.run_offices()
        members = t.members()
        active = self.alliance.update_activity(int(members.sum()), self.organiser_engaged())
        open_members = members & active
        profit = np.zeros(n)
        self._pay_switching(profit)
        self._market_stage(members, open_members, profit)
        self._pool_stage(open_members, profit)
        self._governance_stage(open_members, profit)
        np.add(t.cash, profit, out=t.cash, where=t.active)
        t.profit[:] = np.where(t.active, profit, 0.0)
        self._learning_stage()
        self._organisations_decide()
        self._events_stage()
        self.tracker.update(self)
        self.welfare.close_step(self)
        self.recorder.record(self, self.steps)
        self.agent_records.record(self, self.steps)
        self.running = still_running(self)

    def _market_stage(
        self, members: np.ndarray, open_members: np.ndarray, profit: np.ndarray
    ) -> None:
        """Clear the market; ``members`` is ``firms.members()`` (no one joins or leaves
        before the governance stage, so the step's mask serves: not computed again)."""
        t, spec = self.firms, self.config.market
        preference = np.zeros(len(t))
        if self.administration:
            preference = np.where(open_members, self.administration.preference(), 0.0)
        preference = preference + self.mechanics.client_bonus(open_members)
        spec = self.market_spec
        drops = score_drops(self)  # what a caught member's drops would cost, measured
        out = clear_market(
            t,
            spec,
            self.config.population,
            bool(self.alliance.active),
            preference,
            self.streams["market"],
            market_size(spec, self.config.population, self.steps),
            drops if drops.any() else None,
            members,
        )
        gross, fixed, self.market_profit = settle(out, t, spec, profit)
        self.ledger.revenue = float(out.revenue.sum())
        self.ledger.variable_cost = float(out.variable_cost.sum())
        self.ledger.fixed_cost = float(fixed.sum())
        self.market_rates.observe(gross, t.capacity, members, t.active)
        self.standing_shares.observe(out.members_gross, out.members_lost)
        self.ties.refresh(out.tie_a, out.tie_b, self.steps)
        self.last_market = out

    def _pool_stage(self, open_members: np.ndarray, profit: np.ndarray) -> None:
        t, spec = self.firms, self.config.alliance
        cut, holder = self.cut_in_force()
        inputs = PoolInputs(
            member=open_members,
            contributor=open_members & (t.strategy == Action.CONTRIBUTE),
            active=t.active,
            capacity=t.capacity,
            segment=t.segment,
            platform_gain=self.alliance.platform_gain(),
            cut=cut,
        )
        adjacency = None
        if spec.group_structure in (GroupStructure.NEIGHBOURHOOD, GroupStructure.PAIRWISE):
            adjacency = self.network.adjacency(len(t))
        pool = play_pool(spec, inputs, adjacency, self.streams.lazy("pool"), self.alliance.charter)
        profit += pool.payout - pool.contribution + pool.loner
        self.last_loner = pool.loner
        lg = self.ledger
        lg.contributions = float(pool.contribution.sum())
        lg.pool_payouts = float(pool.payout.sum())
        lg.loner_income = float(pool.loner.sum())
        lg.pool_yield, lg.organiser_cut = pool.pool_yield, pool.cut
        lg.cut_received = self._pay_organisers(pool.cut, profit, holder)
        self.contribution_owed = pool.owed
        self.last_contribution = pool.contribution
        self.last_pool_payout = pool.payout
        self.last_synergy = pool.mean_synergy
        self._collect_fees(open_members, profit)

    def _collect_fees(self, open_members: np.ndarray, profit: np.ndarray) -> None:
        fee = self.current_fee()
        n_members = int(open_members.sum())
        total = fee * n_members
        if total <= 0:
            return
        profit -= np.where(open_members, fee, 0.0)
        lg = self.ledger
        lg.fees_paid = total
        share = self.config.alliance.platform.investment_share
        match self.alliance.charter.fees_to:
            case Recipient.PLATFORM:
                self.alliance.invest(total)
                lg.platform_investment += total
            case Recipient.MEMBERS:
                profit += np.where(open_members, total / n_members, 0.0)
                lg.fees_received += total
            case Recipient.ORGANISER:
                self.alliance.invest(share * total)
                lg.platform_investment += share * total
                collector = self.mechanics.spec.fee_collector if self.mechanics.spec else None
                lg.fees_received += self._pay_organisers((1 - share) * total, profit, collector)

    def _governance_stage(self, open_members: np.ndarray, profit: np.ndarray) -> None:
        t = self.firms
        sanctions = self.mechanics.monitor(open_members, profit)
        self._apply_sanctions(sanctions, open_members, profit)
        self._pay_subsidies(open_members, profit)
        self._platform_investment(profit, open_members)
        self.mechanics.pay_staff(open_members, profit)
        if self.society:
            t.certified[:] = self.society.certifies(t.quality) & t.active
            self.mechanics.after_certification()
            t.quality[:] = self.society.train(t.quality, open_members)

    def _apply_sanctions(self, s, open_members: np.ndarray, profit: np.ndarray) -> None:
        t, lg, charter = self.firms, self.ledger, self.alliance.charter
        total = float(s.fines.sum())
        profit -= s.fines
        detected, expelled = np.flatnonzero(s.detected), np.flatnonzero(s.expelled)
        lg.fines_paid = total
        if total > 0:
            match charter.fines_to:
                case Recipient.MEMBERS:
                    profit += np.where(open_members, total / open_members.sum(), 0.0)
                    lg.fines_received += total
                case Recipient.PLATFORM:
                    self.alliance.invest(total)
                    lg.platform_investment += total
                case Recipient.ORGANISER:
                    lg.fines_received += self._pay_organisers(total, profit)
        t.reputation[detected] = np.maximum(
            t.reputation[detected] - charter.reputation_penalty, 0.0
        )
        t.offences[detected] += 1
        t.strategy[expelled] = Action.OUTSIDE
        t.offences[expelled] = 0
        t.banned_until[expelled] = self.steps + charter.readmission_ban
        self.last_detected, self.last_expelled = len(detected), len(expelled)

    def _pay_subsidies(self, open_members: np.ndarray, profit: np.ndarray) -> None:
        admin = self.administration
        if not admin or not self.alliance.active:
            return
        contributors = open_members & (self.firms.strategy == Action.CONTRIBUTE)
        claims = np.where(contributors, self.last_contribution, 0.0)
        granted = admin.grant_subsidies(claims)
        paid = float(granted.sum())
        if paid > 0:
            profit += granted
            self.ledger.subsidies = paid
            self.ledger.public_spending += paid

    def _platform_investment(self, profit: np.ndarray, open_members: np.ndarray) -> None:
        amount = self.mechanics.platform_investment()
        if amount <= 0 or not self.alliance.active:
            self.alliance.depreciate()
            return
        funded = self.mechanics.fund_platform(amount, profit, open_members)
        self.ledger.platform_investment += funded * amount
        self.alliance.depreciate()
        self.alliance.invest(funded * amount)

    # ------------------------------------------------------------------ events
    def _events_stage(self) -> None:
        t = self.firms
        self.last_surplus = float(t.profit[t.active].sum())
        self.profit_signal.observe(t.profit, t.capacity, t.active)
        bankrupt = np.flatnonzero(t.active & (t.cash < 0))
        self.exit_firms(bankrupt)
        self.enter_firms()
        self.event_schedule.apply(self)
        self.succeed_leader()

    # ------------------------------------------------------------------ running
    def run(self, steps: int | None = None) -> pd.DataFrame:
        """Run ``steps`` steps (the scenario's ``steps`` by default); return the time series."""
        steps = self.config.steps if steps is None else steps
        self.recorder.reserve(len(self.recorder) + steps)
        for _ in range(steps):
            self.step()
        return self.dataframe()

    @property
    def datacollector(self) -> DataCollector:
        """Mesa's DataCollector over the time series so far (``sim.output.mesa_interop``)."""
        return datacollector_view(self)

    def dataframe(self) -> pd.DataFrame:
        """The time series so far: one row per step, step 0 included."""
        return self.recorder.frame()

    def enterprises(self) -> list[ServiceEnterprise]:
        """The agents of the firms in business."""
        return [f for f in self.faces if f is not None]

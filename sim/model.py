"""AllianceModel: the archives industry and its alliance, one step per quarter.

A staged step (DESIGN.md section 3):

1. **market**: projects arrive and are allocated; members may bid jointly;
2. **pool**: members contribute or free-ride; the pool's yield is shared; fees paid;
3. **governance**: the organiser monitors and sanctions; the administration pays
   subsidies within its budget; the society certifies and trains;
4. **decisions**: enterprises revise join/stay/leave and contribute/free-ride; the
   administration and the society revise their stance;
5. **events**: bankrupt firms exit, entrants arrive as profits invite them
   (:mod:`sim.entry`); scheduled events fire (:mod:`sim.events`);
6. **metrics**: the time series row for the step.

The model is a pure function of (scenario, seed). It owns all randomness: Mesa's
``self.rng`` is split into independent streams per stage so that, for example,
turning the market off does not shift the draws of the decision rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from mesa import DataCollector, Model

from agents.action import Action
from agents.administration import Administration
from agents.decisions import DecisionView, build_rule
from agents.enterprise import ServiceEnterprise
from agents.leadership import Leadership
from agents.society import Society
from sim.alliance import AllianceInstitution
from sim.best_response import MarketRates, alliance_counterfactual
from sim.collaboration import CollaborationTies
from sim.enterprise_table import EnterpriseTable
from sim.entry import ProfitSignal, expected_entrants, market_size
from sim.events import EventSchedule
from sim.ledger import Ledger
from sim.market import MarketOutcome, clear_market
from sim.mesa_interop import datacollector_view, scenario_from_parameters, still_running
from sim.metrics import MetricsRecorder
from sim.mode_mechanics import ModeMechanics
from sim.network import build_network
from sim.outcome_tracker import OutcomeTracker
from sim.payoff_bounds import pair_normaliser, payoff_bounds
from sim.pool import PoolInputs, play_pool
from sim.scenario import (
    GroupStructure,
    LeaderRule,
    NetworkKind,
    Normalisation,
    Organiser,
    PayoffMeasure,
    Recipient,
    RuleKind,
    Scenario,
    Strategy,
    Updating,
)


def smoothed_payoff(
    previous: np.ndarray, latest: np.ndarray, first: np.ndarray, spec
) -> np.ndarray:
    """The payoff firms compare: ``(1 - lambda) previous + lambda latest``, an average
    over about ``1 / lambda`` recent quarters that separates what a choice earns from
    one quarter's luck (``decisions.enterprise.payoff_memory``); a firm's first quarter
    (``first``) starts its memory. ``lambda = 1`` is this quarter alone."""
    memory = spec.payoff_memory
    if memory >= 1.0:
        return latest
    return np.where(first, latest, (1.0 - memory) * previous + memory * latest)


STREAMS = ("network", "population", "market", "pool", "governance", "decisions", "entry")


class AllianceModel(Model):
    """The alliance model built from a validated :class:`sim.scenario.Scenario`.

    ``scenario`` may also be a scenario file or ``None`` (the defaults), and ``keys``
    scenario keys by path (``**{"alliance.fee": 0.2}``), applied and validated like
    ``--set``: the keyword construction Mesa's ``batch_run`` uses (``sim.mesa_interop``).
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
        self.streams = dict(zip(STREAMS, self.rng.spawn(len(STREAMS)), strict=True))
        pop = scenario.population
        self.firms = EnterpriseTable(pop.enterprises)
        self.firms.found(np.arange(pop.enterprises), pop, 0, self.streams["population"])
        self._find_leader()
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
        self.alliance.update_activity(int(self.firms.members().sum()), self.organiser_engaged())
        self.tracker = OutcomeTracker(scenario.outcomes)
        self.tracker.update(self)
        self.recorder = MetricsRecorder(scenario.steps + 1)
        self.recorder.record(self, 0)
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

    # ------------------------------------------------------------------ organisers
    def leader_row(self) -> int:
        """The leading enterprise: the largest active firm (-1 if none). Found once per
        change of the roster (:meth:`_find_leader`), not at every call."""
        return self._leader

    def _find_leader(self) -> None:
        """Capacities never change and firms come and go only through
        :meth:`exit_firms` and :meth:`enter_firms`, which call this."""
        t = self.firms
        active = t.active.any()
        self._leader = int(np.argmax(np.where(t.active, t.capacity, -np.inf))) if active else -1

    def engaged_organisers(self) -> list[Organiser]:
        """Organisers able to run the alliance this step."""
        engaged = []
        for who in self.config.alliance.organiser:
            if (who is Organiser.ADMINISTRATION and self.administration.backing) or (
                who is Organiser.SOCIETY and self.society.participating
            ):
                engaged.append(who)
            elif who is Organiser.ENTERPRISE:
                row = self.leader_row()
                if row >= 0 and self.firms.strategy[row] != Action.OUTSIDE:
                    engaged.append(who)
        return engaged

    def cut_in_force(self) -> tuple[float, Organiser | None]:
        """The organiser's cut of the pool's yield this step, and who keeps it: in a mode,
        its cut holder while engaged; without one, the engaged organisers."""
        holder = self.mechanics.spec.cut_holder if self.mechanics.spec else None
        engaged = self.engaged_organisers()
        takes_cut = holder in engaged if self.mechanics.spec else bool(engaged)
        return (self.alliance.charter.organiser_cut if takes_cut else 0.0), holder

    def organiser_engaged(self) -> bool:
        return bool(self.engaged_organisers())

    def current_fee(self) -> float:
        """The fee in force: the society sets it when it runs the alliance and adjusts fees."""
        if (
            self.society
            and Organiser.SOCIETY in self.config.alliance.organiser
            and (self.config.society.fee_adjustment > 0)
        ):
            return self.society.fee
        return self.alliance.charter.fee

    def _pay_organisers(
        self, amount: float, profit: np.ndarray, to: Organiser | None = None
    ) -> float:
        """Pay ``amount`` to organiser ``to`` if it is engaged, else split it among the
        engaged organisers; return what enterprises received."""
        engaged = self.engaged_organisers()
        if to is not None and to in engaged:
            engaged = [to]
        if amount <= 0 or not engaged:
            return 0.0
        part = amount / len(engaged)
        self.ledger.organiser_receipts += amount
        to_firms = 0.0
        for who in engaged:
            if who is Organiser.ADMINISTRATION:
                self.administration.receive(part)
                self.ledger.public_receipts += part
            elif who is Organiser.SOCIETY:
                self.society.receive(part)
                self.ledger.society_income += part
            else:
                profit[self.leader_row()] += part
                to_firms += part
        return to_firms

    def _charge_organisers(
        self, amount: float, profit: np.ndarray, purpose: str, who=None
    ) -> float:
        """Engaged organisers (only those in ``who`` when given) pay ``amount`` for
        ``purpose`` ('monitoring', 'platform' or 'staff'), the administration and the
        society never beyond their funds; return the share of ``amount`` that was funded."""
        engaged = [o for o in self.engaged_organisers() if who is None or o in who]
        if amount <= 0 or not engaged:
            return 1.0 if amount <= 0 else 0.0
        part = amount / len(engaged)
        lg = self.ledger
        paid = 0.0
        for who in engaged:
            if who is Organiser.ADMINISTRATION:
                got = self.administration.pay(part)
                lg.public_spending += got
                if purpose == "monitoring":
                    lg.public_monitoring += got
                elif purpose == "platform":
                    lg.public_platform += got
                else:
                    lg.public_staff += got
                paid += got
            elif who is Organiser.SOCIETY:
                paid += self.society.pay(part)
            else:
                profit[self.leader_row()] -= part
                if purpose == "monitoring":
                    lg.monitoring_costs += part
                elif purpose == "platform":
                    lg.platform_paid += part
                else:
                    lg.staff_costs += part
                paid += part
        return paid / amount

    # ------------------------------------------------------------------ the step
    def step(self) -> None:
        """One quarter: market, pool, governance, decisions, events, metrics."""
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
        self._market_stage(open_members, profit)
        self._pool_stage(open_members, profit)
        self._governance_stage(open_members, profit)
        t.cash[t.active] += profit[t.active]
        t.profit[:] = np.where(t.active, profit, 0.0)
        self._learning_stage()
        self._organisations_decide()
        self._events_stage()
        self.tracker.update(self)
        self.recorder.record(self, self.steps)
        self.running = still_running(self)

    def _market_stage(self, open_members: np.ndarray, profit: np.ndarray) -> None:
        t, spec = self.firms, self.config.market
        preference = np.zeros(len(t))
        if self.administration:
            preference = np.where(open_members, self.administration.preference(), 0.0)
        preference = preference + self.mechanics.client_bonus(open_members)
        spec = self.market_spec
        out = clear_market(
            t,
            spec,
            self.config.population,
            bool(self.alliance.active),
            preference,
            self.streams["market"],
            market_size(spec, self.config.population, self.steps),
        )
        fixed = np.where(t.active, spec.fixed_cost_per_capacity * t.capacity, 0.0)
        if not spec.enabled:
            fixed[:] = 0.0
        self.market_profit = out.revenue - out.variable_cost - fixed
        profit += self.market_profit
        self.ledger.revenue = float(out.revenue.sum())
        self.ledger.variable_cost = float(out.variable_cost.sum())
        self.ledger.fixed_cost = float(fixed.sum())
        won = out.revenue > 0
        rho = spec.reputation_learning
        t.reputation[won] += rho * (t.quality[won] - t.reputation[won])
        self.market_rates.observe(
            out.revenue - out.variable_cost, t.capacity, t.members(), t.active
        )
        self.ties.add(out.tie_a, out.tie_b, self.steps)
        self.ties.expire(self.steps)
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
        pool = play_pool(spec, inputs, adjacency, self.streams["pool"], self.alliance.charter)
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
        lg.fines_paid = total
        if total > 0:
            if charter.fines_to is Recipient.MEMBERS:
                profit += np.where(open_members, total / open_members.sum(), 0.0)
                lg.fines_received += total
            else:
                lg.fines_received += self._pay_organisers(total, profit)
        t.reputation[s.detected] = np.maximum(
            t.reputation[s.detected] - charter.reputation_penalty, 0.0
        )
        t.offences[s.detected] += 1
        t.strategy[s.expelled] = Action.OUTSIDE
        t.offences[s.expelled] = 0
        t.banned_until[s.expelled] = self.steps + charter.readmission_ban
        self.last_detected = int(s.detected.sum())
        self.last_expelled = int(s.expelled.sum())

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

    # ------------------------------------------------------------------ decisions
    def _learning_stage(self) -> None:
        t, dec = self.firms, self.config.decisions.enterprise
        rng = self.streams["decisions"]
        rows = np.flatnonzero(t.active)
        per_cap = dec.payoff_measure is PayoffMeasure.PER_CAPACITY
        scale = np.divide(1.0, t.capacity, out=np.zeros(len(t)), where=t.capacity > 0)
        latest = np.where(t.active, t.profit * (scale if per_cap else 1.0), 0.0)
        t.payoff[:] = smoothed_payoff(t.payoff, latest, t.born == self.steps - 1, dec)
        self.rule.observe(t.strategy[rows].astype(np.int64), t.payoff[rows], rows)
        who = rows[rng.random(len(rows)) < dec.update_probability]
        before = t.strategy.copy()
        view = DecisionView(
            strategy=t.strategy,
            payoff=t.payoff,
            allowed=self.allowed_strategies(),
            neighbours=self.network,
            switch_cost=self._switch_cost_matrix(),
            cost_scale=scale if per_cap else None,
            counterfactual=self._counterfactual if self._needs_counterfactual() else None,
            pair_scale=self._pair_scale(),
        )
        if dec.updating is Updating.SYNCHRONOUS:
            t.strategy[who] = self.rule.choose(view, who, rng)
        elif dec.updating is Updating.MONTE_CARLO:
            from sim.elementary import monte_carlo_step  # numba: loaded only when used

            monte_carlo_step(self, rng)
        else:
            for i in rng.permutation(who):
                one = np.array([i])
                t.strategy[one] = self.rule.choose(view, one, rng)
        self._leader_decides(view.allowed)
        self._charge_switching(before)

    def _leader_decides(self, allowed: np.ndarray) -> None:
        """A leading enterprise that organises decides by its participation constraint
        (agents/leadership.py), not by the firms' rule."""
        if self.leadership is None:
            return
        row = self.leader_row()
        if row < 0:
            return
        t = self.firms
        loner = self.last_loner[row] if row < len(self.last_loner) else 0.0
        self.leadership.observe(row, float(t.profit[row] - self.market_profit[row] - loner))
        choice = self.leadership.choice()
        if allowed[row, choice]:
            t.strategy[row] = choice

    def _pair_scale(self):
        """Per-pair normaliser M of proportional imitation (``sim.payoff_bounds``)."""
        if self.config.decisions.enterprise.normalisation is not Normalisation.MAX_DIFFERENCE:
            return None
        bounds = payoff_bounds(self)
        return None if bounds is None else (lambda x, y: pair_normaliser(bounds, x, y))

    def _needs_counterfactual(self) -> bool:
        return self.rule.kind is RuleKind.LOGIT_BEST_RESPONSE

    def _counterfactual(self, who: np.ndarray) -> np.ndarray:
        return alliance_counterfactual(self, who)

    def _switch_cost_matrix(self) -> np.ndarray:
        dec = self.config.decisions.enterprise
        cost = np.zeros((len(Action), len(Action)))
        cost[Action.OUTSIDE, [Action.CONTRIBUTE, Action.FREE_RIDE]] = dec.join_cost
        cost[[Action.CONTRIBUTE, Action.FREE_RIDE], Action.OUTSIDE] = dec.leave_cost
        return cost

    def allowed_strategies(self) -> np.ndarray:
        """Which strategies each slot may choose: the scenario's options, the admission
        rule and readmission bans."""
        t = self.firms
        offered = set(self.config.decisions.enterprise.strategies)
        allowed = np.zeros((len(t), len(Action)), dtype=bool)
        allowed[:, Action.OUTSIDE] = Strategy.OUTSIDE in offered
        may_join = self.config.alliance.enabled & (
            (t.strategy != Action.OUTSIDE)
            | (
                self.alliance.admissible(t.quality, t.capacity, t.certified)
                & (t.banned_until <= self.steps)
            )
        )
        for a in (Action.CONTRIBUTE, Action.FREE_RIDE):
            allowed[:, a] = (Strategy[a.name] in offered) & may_join
        return allowed

    def _charge_switching(self, before: np.ndarray) -> None:
        """Book what each move costs; it is paid in the next step's accounts, so the
        learners feel it in the payoff of the step after the move."""
        t = self.firms
        t.switching_due += self._switch_cost_matrix()[before, t.strategy] * t.active

    def _pay_switching(self, profit: np.ndarray) -> None:
        t = self.firms
        due = np.where(t.active, t.switching_due, 0.0)
        profit -= due
        self.ledger.switching_costs = float(due.sum())
        t.switching_due[:] = 0.0

    def _organisations_decide(self) -> None:
        rng = self.streams["governance"]
        t = self.firms
        if self.administration:
            self.administration.spent_last_step = self.ledger.public_spending
            self.administration.decide(int(t.contributors().sum()), rng)
        if self.society:
            members = int(t.members().sum())
            if Organiser.SOCIETY in self.config.alliance.organiser:
                self.society.adjust_fee(members)
            self.society.decide(members, rng)

    # ------------------------------------------------------------------ events
    def _events_stage(self) -> None:
        t = self.firms
        self.last_surplus = float(t.profit[t.active].sum())
        self.profit_signal.observe(t.profit, t.capacity, t.active)
        bankrupt = np.flatnonzero(t.active & (t.cash < 0))
        self.exit_firms(bankrupt)
        self.enter_firms()
        self.event_schedule.apply(self)

    def exit_firms(self, rows: np.ndarray) -> None:
        """Firms in ``rows`` leave the market; their cash leaves with them."""
        t = self.firms
        self.ledger.exit_cash += float(t.cash[rows].sum())
        t.active[rows] = False
        t.strategy[rows] = Action.OUTSIDE
        t.cash[rows] = 0.0
        t.profit[rows] = 0.0
        t.switching_due[rows] = 0.0
        for row in rows:
            face = self.faces[row]
            if face is not None:
                face.remove()
                self.faces[row] = None
        self.ties.drop_firms(rows)
        self.last_exits = len(rows)
        self._find_leader()

    def enter_firms(self, count: int | None = None) -> None:
        """Entrants arrive (Poisson, as many as the incumbents' profit invites,
        :mod:`sim.entry`; or ``count`` of them) and take vacant slots."""
        pop = self.config.population
        rng = self.streams["entry"]
        if count is None:
            count = int(rng.poisson(expected_entrants(pop, self.profit_signal.value or 0.0)))
        k = count
        self.last_entrants = k
        if not k:
            return
        t = self.firms
        rows = t.vacant_rows(k)
        t.found(rows, pop, self.steps, rng)
        self.network.bind(t.active)
        preferential = self.config.network.kind is NetworkKind.SCALE_FREE
        self.network.extend(len(t), rng, preferential)
        if Strategy.OUTSIDE not in self.config.decisions.enterprise.strategies:
            contribute = rng.random(k) < pop.initial_contributor_share
            t.strategy[rows] = np.where(contribute, Action.CONTRIBUTE, Action.FREE_RIDE)
        self.ledger.entry_capital += float(t.cash[rows].sum())
        self.faces.extend([None] * (len(t) - len(self.faces)))
        for row in rows:
            self.faces[row] = ServiceEnterprise(self, int(row))
        self.rule.reset_rows(rows)
        self._find_leader()

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
        """Mesa's DataCollector over the time series so far (``sim.mesa_interop``)."""
        return datacollector_view(self)

    def dataframe(self) -> pd.DataFrame:
        """The time series so far: one row per step, step 0 included."""
        return self.recorder.frame()

    def enterprises(self) -> list[ServiceEnterprise]:
        """The agents of the firms in business."""
        return [f for f in self.faces if f is not None]

"""The contract every decision rule keeps (after Axelrod's per-strategy test suite):
construction from the scenario, repr, pickling, declared properties, and the same
seed giving the same play."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import agents.decisions as decisions
from agents.action import N_ACTIONS, Action
from agents.decisions import (
    BushMosteller,
    DecisionRule,
    DecisionView,
    FermiImitation,
    ImitateBest,
    LogitBestResponse,
    ProportionalImitation,
    RothErev,
    build_rule,
)
from sim.network import InteractionNetwork
from sim.scenario import EnterpriseDecisions, ExplorationMode, RuleKind

RULES = {
    RuleKind.FERMI: lambda: FermiImitation(intensity=2.5, exploration=0.05),
    RuleKind.IMITATE_BEST: lambda: ImitateBest(exploration=0.05),
    RuleKind.PROPORTIONAL: lambda: ProportionalImitation(exploration=0.05),
    RuleKind.BUSH_MOSTELLER: lambda: BushMosteller(
        learning_rate=0.3, aspiration=0.2, exploration=0.05
    ),
    RuleKind.ROTH_EREV: lambda: RothErev(learning_rate=0.3, exploration=0.05),
    RuleKind.LOGIT_BEST_RESPONSE: lambda: LogitBestResponse(intensity=2.5, exploration=0.05),
}
CLASSES = {
    RuleKind.FERMI: FermiImitation,
    RuleKind.IMITATE_BEST: ImitateBest,
    RuleKind.PROPORTIONAL: ProportionalImitation,
    RuleKind.BUSH_MOSTELLER: BushMosteller,
    RuleKind.ROTH_EREV: RothErev,
    RuleKind.LOGIT_BEST_RESPONSE: LogitBestResponse,
}
KINDS = list(RuleKind)


def test_every_rule_kind_is_covered():
    assert set(RULES) == set(RuleKind) == set(CLASSES)


def ring_view(n: int = 400, seed: int = 0) -> DecisionView:
    """A ring of ``n`` firms with mixed strategies, payoffs and a closed option for some."""
    g = np.random.default_rng(seed)
    left, right = (np.arange(n) - 1) % n, (np.arange(n) + 1) % n
    nbrs = np.sort(np.stack([left, right], axis=1), axis=1)
    indptr = np.arange(0, 2 * n + 1, 2)
    net = InteractionNetwork(indptr, nbrs.ravel(), np.ones(n, dtype=bool))
    allowed = np.ones((n, N_ACTIONS), dtype=bool)
    allowed[::5, Action.FREE_RIDE] = False
    strategy = g.integers(0, N_ACTIONS, n).astype(np.int8)
    strategy[::5] = Action.CONTRIBUTE
    utilities = g.normal(size=(n, N_ACTIONS))
    return DecisionView(
        strategy=strategy,
        payoff=g.normal(size=n),
        allowed=allowed,
        neighbours=net,
        switch_cost=np.full((N_ACTIONS, N_ACTIONS), 0.1) - 0.1 * np.eye(N_ACTIONS),
        counterfactual=lambda who: utilities[who],
    )


def play(rule: DecisionRule, seed: int, rounds: int = 5) -> list[np.ndarray]:
    """Several rounds of observe-then-choose on the same view; the choices of each.

    ``seed`` drives the rule's draws only; the payoffs are the same for every seed."""
    view = ring_view()
    g = np.random.default_rng(seed)
    payoffs = np.random.default_rng(1000)
    rows = np.arange(len(view.strategy))
    out = []
    for _ in range(rounds):
        rule.observe(view.strategy.astype(np.int64), view.payoff, rows)
        chosen = rule.choose(view, rows, g)
        view.strategy[rows] = chosen
        view.payoff = payoffs.normal(size=len(rows))
        out.append(chosen.copy())
    return out


@pytest.mark.parametrize("kind", KINDS)
class TestRuleContract:
    def test_build_rule_makes_the_right_rule_with_the_scenario_parameters(self, kind):
        spec = EnterpriseDecisions(
            rule=kind, intensity=3.0, exploration=0.07, learning_rate=0.4, aspiration=0.6
        )
        rule = build_rule(spec)
        assert type(rule) is CLASSES[kind]
        assert rule.kind is kind
        assert rule.exploration == 0.07
        expected = {"intensity": 3.0, "learning_rate": 0.4, "aspiration": 0.6}
        for name, value in expected.items():
            if hasattr(rule, name):
                assert getattr(rule, name) == value, name

    def test_repr_names_the_rule_and_round_trips(self, kind):
        rule = RULES[kind]()
        text = repr(rule)
        assert text.startswith(type(rule).__name__ + "(")
        assert "exploration=0.05" in text
        clone = eval(text, {**vars(decisions), "ExplorationMode": ExplorationMode})
        assert type(clone) is type(rule)
        assert repr(clone) == text

    def test_pickles_with_its_learned_state(self, kind):
        rule = RULES[kind]()
        play(rule, seed=3, rounds=3)
        clone = pickle.loads(pickle.dumps(rule))
        assert repr(clone) == repr(rule)
        if hasattr(rule, "state"):
            np.testing.assert_array_equal(clone.state, rule.state)
        a = play(rule, seed=9, rounds=2)
        b = play(clone, seed=9, rounds=2)
        for x, y in zip(a, b, strict=True):
            np.testing.assert_array_equal(x, y)

    def test_same_seed_same_play(self, kind):
        a, b = play(RULES[kind](), seed=42), play(RULES[kind](), seed=42)
        for x, y in zip(a, b, strict=True):
            np.testing.assert_array_equal(x, y)

    def test_declared_stochasticity_is_true(self, kind):
        rule_type = CLASSES[kind]
        fresh = (
            (lambda: rule_type(0.0))
            if kind is RuleKind.IMITATE_BEST
            else (lambda: type(RULES[kind]())(**{**_params(RULES[kind]()), "exploration": 0.0}))
        )
        a, b = play(fresh(), seed=1), play(fresh(), seed=2)
        same = all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
        assert same is (not rule_type.stochastic)

    def test_choices_are_valid_codes_of_the_strategy_dtype_and_allowed(self, kind):
        view = ring_view()
        rows = np.arange(len(view.strategy))
        rule = RULES[kind]()
        rule.observe(view.strategy.astype(np.int64), view.payoff, rows)
        chosen = rule.choose(view, rows, np.random.default_rng(5))
        assert chosen.shape == rows.shape
        assert chosen.dtype == view.strategy.dtype
        assert view.allowed[rows, chosen].all()

    def test_only_a_subset_of_firms_is_touched(self, kind):
        view = ring_view()
        before = view.strategy.copy()
        who = np.array([3, 10, 11])
        chosen = RULES[kind]().choose(view, who, np.random.default_rng(5))
        assert len(chosen) == 3
        np.testing.assert_array_equal(view.strategy, before)  # choose does not write

    def test_rejects_an_exploration_rate_outside_0_1(self, kind):
        with pytest.raises(ValueError, match="exploration"):
            type(RULES[kind]())(**{**_params(RULES[kind]()), "exploration": 1.5})


def _params(rule: DecisionRule) -> dict[str, float]:
    return rule._params()


@pytest.mark.parametrize("kind", KINDS)
def test_a_rule_that_learns_says_so(kind):
    """The model hands a rule its payoffs only when it declares ``learns`` (the decision
    stage skips making them otherwise): a rule with its own ``observe`` must declare it."""
    cls = CLASSES[kind]
    assert cls.learns == (cls.observe is not DecisionRule.observe)

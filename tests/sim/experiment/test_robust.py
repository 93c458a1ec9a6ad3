"""Robust comparison on constructed run tables with known orderings (no model runs)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.experiment.bootstrap import bootstrap_shares
from sim.experiment.robust import RobustError, pairwise_probabilities, ranking_probabilities

MODES = ["a", "b", "c"]
OUTCOME = "final.cooperation_share"
COST = "outcomes.cumulative_public_cost"


def runs_table(values: dict[tuple[str, int, int], float], outcome: str = OUTCOME) -> pd.DataFrame:
    """Runs from {(mode, cell, replicate): value}."""
    rows = [{"base": m, "cell": c, "replicate": r, outcome: v} for (m, c, r), v in values.items()]
    return pd.DataFrame(rows)


def ordered_store(cells: int, order_of_cell) -> pd.DataFrame:
    """Every cell ranks the modes as ``order_of_cell(cell)`` (best first), 2 replicates."""
    values = {}
    for cell in range(cells):
        order = order_of_cell(cell)
        for rank, mode in enumerate(order):
            for rep in range(2):
                values[(mode, cell, rep)] = 10.0 - rank + 0.1 * rep
    return runs_table(values)


def test_ranking_probabilities_match_the_constructed_orderings():
    # cells 0..29: a > b > c; cells 30..39: c > a > b
    runs = ordered_store(40, lambda c: ["a", "b", "c"] if c < 30 else ["c", "a", "b"])
    table = ranking_probabilities(runs, OUTCOME, MODES, seed=1).set_index("mode")
    assert table.loc["a", "p_first"] == pytest.approx(30 / 40)
    assert table.loc["b", "p_first"] == 0.0
    assert table.loc["c", "p_first"] == pytest.approx(10 / 40)
    assert (table["points"] == 40).all()
    pairs = pairwise_probabilities(runs, OUTCOME, MODES, seed=1).set_index(["a", "b"])
    assert pairs.loc[("a", "b"), "p_a_beats_b"] == 1.0
    assert pairs.loc[("a", "c"), "p_a_beats_b"] == pytest.approx(30 / 40)
    assert pairs.loc[("b", "c"), "p_a_beats_b"] == pytest.approx(30 / 40)


def test_lower_is_better_for_public_cost_and_ties_share_first_place():
    values = {}
    for cell in range(10):
        for rep in range(2):
            values[("a", cell, rep)] = 0.0  # a and b never spend: tied for first
            values[("b", cell, rep)] = 0.0
            values[("c", cell, rep)] = 5.0
    runs = runs_table(values, COST)
    table = ranking_probabilities(runs, COST, MODES, seed=1).set_index("mode")
    assert table["p_first"].to_dict() == {"a": 0.5, "b": 0.5, "c": 0.0}
    pairs = pairwise_probabilities(runs, COST, MODES, seed=1).set_index(["a", "b"])
    assert pairs.loc[("a", "b"), "p_tie"] == 1.0
    assert pairs.loc[("a", "c"), "p_a_beats_b"] == 1.0


def test_pairs_are_taken_within_common_seeds():
    """a beats b by 0.1 at every seed; seed 2's runs are 100 lower for both (a shared shock)
    but b's seed-2 run failed. Pairing by seed gives a > b everywhere; comparing a's mean
    over seeds 0-2 with b's over seeds 0-1 would give b > a everywhere."""
    values = {}
    for cell in range(12):
        for rep in range(3):
            shock = -100.0 if rep == 2 else 0.0
            values[("a", cell, rep)] = 1.1 + shock
            if rep < 2:
                values[("b", cell, rep)] = 1.0 + shock
    runs = runs_table(values)
    pairs = pairwise_probabilities(runs, OUTCOME, ["a", "b"], seed=3)
    assert pairs["p_a_beats_b"].item() == 1.0
    first = ranking_probabilities(runs, OUTCOME, ["a", "b"], seed=3).set_index("mode")
    assert first.loc["a", "p_first"] == 1.0


def test_pairing_by_seed_not_by_row_order():
    """Shuffling the rows does not change anything: pairs are matched by (cell, replicate)."""
    rng = np.random.default_rng(5)
    values = {(m, c, r): float(rng.normal()) for m in MODES for c in range(15) for r in range(3)}
    runs = runs_table(values)
    shuffled = runs.sample(frac=1.0, random_state=np.random.RandomState(6))
    pd.testing.assert_frame_equal(
        pairwise_probabilities(runs, OUTCOME, MODES, seed=2),
        pairwise_probabilities(shuffled, OUTCOME, MODES, seed=2),
    )


def test_bootstrap_interval_matches_the_binomial_standard_error():
    """For a share p of n points, the percentile interval's half-width is about
    1.96·sqrt(p(1−p)/n). Its Monte Carlo error with 2000 resamples is about 0.06 standard
    errors per end (sqrt(0.025·0.975/2000) / φ(1.96)), 3% of the half-width: 10% is
    three such errors; the interval's ends sit on the share's grid of 1/n."""
    n, p = 400, 0.3
    indicators = (np.arange(n) < p * n).astype(float)[:, None]
    (share,) = bootstrap_shares(indicators, seed=11)
    half = (share.high - share.low) / 2
    expected = 1.96 * np.sqrt(p * (1 - p) / n)
    assert abs(half - expected) <= 1 / n + 0.1 * expected
    assert share.low < p < share.high


def test_unknown_outcome_and_mode_are_clear_errors():
    runs = ordered_store(3, lambda c: MODES)
    with pytest.raises(RobustError, match=r"unknown outcome 'final\.nope'"):
        ranking_probabilities(runs, "final.nope", MODES, seed=1)
    with pytest.raises(RobustError, match="no runs of mode"):
        pairwise_probabilities(runs, OUTCOME, ["a", "zzz"], seed=1)


def test_the_robust_comparison_samples_every_uncertain_parameter_over_its_plausible_range():
    """The experiment file's ranges for mode strengths are the schema's, full and quick."""
    from sim.experiment.loading import load_experiment
    from sim.scenario.parameters import uncertain_parameters

    plausible = {p.path: (p.plausible.low, p.plausible.high) for p in uncertain_parameters()}
    for quick in (False, True):
        factors = load_experiment("experiments/compare_modes_robust.yaml", quick).experiment.factors
        for key, (low, high) in plausible.items():
            assert key in factors, f"{key} is uncertain but not sampled"
            factor = factors[key]
            assert (factor.low, factor.high) == (low, high), key

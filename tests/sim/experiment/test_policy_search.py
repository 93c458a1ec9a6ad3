"""Policy search on constructed monotone responses with a known threshold, and bad requests."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special

from sim.commands.main import main
from sim.experiment.dose_response import fit_dose_response
from sim.experiment.policy_search import (
    SearchSettings,
    clopper_pearson,
    confirm,
    search_policy,
)

SLOPE, MIDPOINT, TARGET = 10.0, 0.5, 0.8
THRESHOLD = MIDPOINT + special.logit(TARGET) / SLOPE  # where P(success) = 0.8: 0.6386


def logistic_response(seed: int):
    """Success of replicate k at level x: U_k < P(x), U_k fixed per replicate (common seeds)."""
    draws = np.random.default_rng(seed).random(100_000)

    def response(levels: np.ndarray, replicates: np.ndarray) -> np.ndarray:
        return draws[replicates] < special.expit(SLOPE * (np.asarray(levels) - MIDPOINT))

    return response


def settings(seed: int, tolerance: float = 0.1, max_runs: int = 400) -> SearchSettings:
    return SearchSettings(
        0.0, 1.0, target=TARGET, tolerance=tolerance, max_runs=max_runs, seed=seed
    )


def test_recovers_a_known_threshold_within_its_interval_in_19_of_20_seeds():
    covered = 0
    for seed in range(20):
        result = search_policy(logistic_response(1000 + seed), settings(seed))
        covered += result.ci_low <= THRESHOLD <= result.ci_high
    assert covered >= 19


def test_the_interval_narrows_as_runs_are_added():
    for seed in range(5):
        wide = search_policy(logistic_response(seed), settings(seed, tolerance=0.2))
        narrow = search_policy(logistic_response(seed), settings(seed, 0.05, max_runs=3000))
        runs, widths = zip(*narrow.widths, strict=True)
        assert list(runs) == sorted(runs)
        assert widths[-1] < widths[0]
        assert narrow.converged and widths[-1] <= 0.05
        assert len(narrow.runs) > len(wide.runs)
        assert narrow.ci_high - narrow.ci_low < wide.ci_high - wide.ci_low


def test_firth_fit_recovers_the_parameters_within_three_standard_errors():
    rng = np.random.default_rng(4)
    levels = rng.random(4000)
    success = rng.random(4000) < special.expit(SLOPE * (levels - MIDPOINT))
    fit = fit_dose_response(levels, success, 0.0, 1.0)
    x = np.column_stack([np.ones_like(levels), levels])
    p = special.expit(x @ [-SLOPE * MIDPOINT, SLOPE])
    se = np.sqrt(np.diag(np.linalg.inv(x.T @ (x * (p * (1 - p))[:, None]))))
    assert abs(fit.intercept + SLOPE * MIDPOINT) < 3 * se[0]
    assert abs(fit.slope - SLOPE) < 3 * se[1]


def test_perfect_separation_gives_a_finite_fit_between_the_groups():
    fit = fit_dose_response(np.array([0.0, 0.2, 0.8, 1.0]), np.array([0, 0, 1, 1]), 0.0, 1.0)
    assert math.isfinite(fit.slope) and fit.slope > 0
    assert 0.2 < fit.level_at(0.5) < 0.8


def test_clopper_pearson_matches_its_closed_forms():
    low, high = clopper_pearson(0, 10)
    assert low == 0.0 and high == pytest.approx(1 - 0.025 ** (1 / 10))
    low, high = clopper_pearson(10, 10)
    assert low == pytest.approx(0.025 ** (1 / 10)) and high == 1.0
    low, high = clopper_pearson(5, 10)
    assert low == pytest.approx(1 - high)  # symmetric at k = n/2


def test_confirmation_uses_the_first_replicate_seeds_at_any_level():
    seen = []

    def response(levels, replicates):
        seen.append((levels.copy(), replicates.copy()))
        return np.ones(len(levels), dtype=bool)

    for level in (0.2, 0.7):
        confirmation = confirm(response, level, settings(0))
        assert confirmation.successes == confirmation.runs == 40
    assert np.array_equal(seen[0][1], np.arange(40)) and np.array_equal(seen[1][1], np.arange(40))
    assert np.all(seen[0][0] == 0.2) and np.all(seen[1][0] == 0.7)


BASE = ["policy", "--range", "0", "1", "--steps", "6", "--set", "population.enterprises=30"]


@pytest.mark.parametrize(
    ("mode", "lever", "success", "message"),
    [
        ("government_led", "alliance.fee", "collapse", "not a public lever"),
        ("enterprise_led", "administration.subsidy", "collapse", "has no public money"),
        ("government_led", "administration.subsidy", "final.nope >= 1", "unknown outcome"),
    ],
)
def test_bad_requests_exit_non_zero_with_one_line(mode, lever, success, message, capsys):
    argv = [*BASE, mode, "--lever", lever, "--success", success]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err


def test_a_tiny_model_search_writes_its_files(tmp_path, capsys):
    out = tmp_path / "policy"
    argv = [
        *BASE,
        "government_led",
        "--lever",
        "administration.subsidy",
        "--success",
        "final.alliance_active >= 1",
        "--workers",
        "1",
        "--initial-runs",
        "2",
        "--max-runs",
        "16",
        "--confirm-runs",
        "4",
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    for name in ("runs.csv", "curve.csv", "policy.md", "acceptability.png"):
        assert (out / name).is_file()
    assert "Confirmation at" in capsys.readouterr().out


def test_a_target_reached_below_the_range_stops_early_and_confirms_at_its_low_end():
    result = search_policy(logistic_response(3), SearchSettings(0.9, 1.0, target=0.8, seed=3))
    assert result.outside_range and result.level < 0.9
    assert len(result.runs) == 40  # the first design already answers
    assert result.confirmation.level == 0.9

"""The numbers in report.html and comparison.csv are those computed from the store.

Expectations are computed here from the constructed values with numpy and scipy
(t-intervals over replicates, paired by replicate; Wilson via scipy's binomtest), not
through the report's own functions.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from report_html import as_number, parse_report
from report_stores import LEVELS, build_store
from scipy import stats

from sim.report.build import write_report

MODES = ["alpha", "beta", "gamma"]
REPLICATES = 6
MEMBER, ALIVE, COST = (
    "final_window.member_share",
    "final.alliance_active",
    "outcomes.cumulative_public_cost",
)


@pytest.fixture(scope="module")
def values() -> dict[tuple[str, str, int], dict[str, float]]:
    rng = np.random.default_rng(2024)
    table = {}
    for i, mode in enumerate(MODES):
        for level in LEVELS:
            for r in range(REPLICATES):
                table[(mode, level, r)] = {
                    MEMBER: float(np.clip(0.3 + 0.1 * i + rng.normal(0, 0.08), 0, 1)),
                    ALIVE: float(rng.random() < 0.4 + 0.25 * i),
                    COST: float(100 * i + rng.normal(0, 5)) if i else 0.0,
                }
    return table


@pytest.fixture(scope="module")
def report(tmp_path_factory, values):
    store = build_store(tmp_path_factory.mktemp("numbers"), MODES,
                        lambda m, lv, r: values[(m, lv, r)], REPLICATES)  # fmt: skip
    files = write_report(store, audit=False)
    return files, parse_report(files.html.read_text(encoding="utf-8"))


def t_interval(x: np.ndarray) -> tuple[float, float, float]:
    half = stats.t.ppf(0.975, len(x) - 1) * x.std(ddof=1) / math.sqrt(len(x))
    return x.mean(), x.mean() - half, x.mean() + half


def per_replicate(values, mode: str, outcome: str, minus: str | None = None) -> np.ndarray:
    out = []
    for r in range(REPLICATES):
        diffs = [values[(mode, lv, r)][outcome] - (values[(minus, lv, r)][outcome] if minus else 0)
                 for lv in LEVELS]  # fmt: skip
        out.append(np.mean(diffs))
    return np.array(out)


def assert_shown(text: str, expected: float) -> None:
    shown, tolerance = as_number(text)
    assert abs(shown - expected) <= tolerance, (text, expected)


@pytest.mark.parametrize("outcome,key", [(MEMBER, "member_share"), (COST, "public_cost")])
def test_means_intervals_and_paired_differences_in_the_table(report, values, outcome, key):
    _, parsed = report
    for mode in MODES:
        cell = parsed.cells[(mode, key)]
        mean, low, high = t_interval(per_replicate(values, mode, outcome))
        if np.std(per_replicate(values, mode, outcome)) == 0:
            low = high = mean
        for name, expected in (("mean", mean), ("low", low), ("high", high)):
            assert_shown(cell.texts[name], expected)
        if mode == MODES[0]:
            assert "d" not in cell.texts
            continue
        d, d_low, d_high = t_interval(per_replicate(values, mode, outcome, minus=MODES[0]))
        for name, expected in (("d", d), ("d-low", d_low), ("d-high", d_high)):
            assert_shown(cell.texts[name], expected)


def test_probabilities_use_wilson_intervals(report, values):
    files, parsed = report
    csv = pd.read_csv(files.csv).set_index(["mode", "outcome"])
    for mode in MODES:
        alive = [values[(mode, lv, r)][ALIVE] for lv in LEVELS for r in range(REPLICATES)]
        ci = stats.binomtest(int(sum(alive)), len(alive)).proportion_ci(0.95, method="wilson")
        row = csv.loc[(mode, "survival")]
        assert row["mean"] == pytest.approx(np.mean(alive))
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high), abs=1e-9)
        assert_shown(parsed.cells[(mode, "survival")].texts["low"], ci.low)


def test_csv_holds_full_precision_values(report, values):
    files, _ = report
    csv = pd.read_csv(files.csv).set_index(["mode", "outcome"])
    for mode in MODES[1:]:
        d, low, high = t_interval(per_replicate(values, mode, MEMBER, minus=MODES[0]))
        row = csv.loc[(mode, "member_share")]
        assert (row["difference"], row["difference_ci_low"], row["difference_ci_high"]) == (
            pytest.approx((d, low, high), rel=1e-12)
        )
        assert bool(row["difference_established"]) == (low > 0 or high < 0)


def test_best_marked_only_where_established_against_every_other_mode(report, values):
    _, parsed = report
    marked = []
    for mode in MODES:
        established = all(
            t_interval(per_replicate(values, mode, MEMBER, minus=other))[1] > 0
            for other in MODES if other != mode
        )  # fmt: skip
        assert parsed.cells[(mode, "member_share")].best == established
        marked.append(established)
    assert sum(marked) == 1  # the constructed values make one mode established best


def test_markdown_table_has_a_row_per_mode(report):
    files, _ = report
    lines = files.markdown.read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith(("| alpha", "| beta", "| gamma")) for line in lines) == len(MODES)

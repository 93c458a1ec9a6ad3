"""The pairing benchmark's arithmetic (benchmarks/bench_pairing.py), on a made-up table
whose variances are worked out by hand."""

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

PATH = Path(__file__).parents[2] / "benchmarks" / "bench_pairing.py"
spec = importlib.util.spec_from_file_location("bench_pairing", PATH)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def two_modes(outcomes: dict[str, list[float]]) -> pd.DataFrame:
    """A finished store of modes a and b, three replicates each (a's rows first), with
    the ``outcomes`` columns."""
    return pd.DataFrame(
        {"status": "done", "base": ["a"] * 3 + ["b"] * 3, "replicate": [0, 1, 2] * 2, **outcomes}
    )


def test_ratio_and_ceiling_by_hand():
    # Mode a: 1, 2, 3 (variance 1); mode b: 2, 6, 4 (variance 4); a - b: -1, -4, -1
    # (variance 3). Unpaired 1 + 4 = 5, paired 3: ratio 5/3. Perfect correlation would
    # leave (1 - 2)^2 = 1: ceiling 5.
    runs = two_modes({"final_window.surplus": [1.0, 2.0, 3.0, 2.0, 6.0, 4.0]})
    (row,) = bench.variance_ratios(runs, ("final_window.surplus",)).to_dict("records")
    assert row["pairs"] == 1
    assert row["ratio"] == pytest.approx(5 / 3)
    assert row["ceiling"] == pytest.approx(5.0)


def test_value_added_against_runs_sharing_no_seed_by_hand():
    # Welfare a: 10, 14, 12 (variance 4), b: 11, 17, 14 (variance 9); worlds without the
    # alliance (the same for both modes): 9, 12, 9 (variance 3). Value added a: 1, 2, 3,
    # b: 2, 5, 5; a - b = -1, -3, -2 (variance 1). No common seed: 4 + 3 + 9 + 3 = 19.
    runs = two_modes(
        {
            "final_window.welfare": [10.0, 14.0, 12.0, 11.0, 17.0, 14.0],
            "final_window.value_added": [1.0, 2.0, 3.0, 2.0, 5.0, 5.0],
        }
    )
    table = bench.variance_ratios(runs, ("final_window.value_added",)).set_index("outcome")
    # paired VA (1) against per-run VA variances 1 + 3: ratio 4
    assert table.loc["final_window.value_added", "ratio"] == pytest.approx(4.0)
    assert table.loc["value_added, no common seed", "ratio"] == pytest.approx(19.0)
    assert table.loc["value_added, no common seed", "pairs"] == 1

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


def test_ratio_and_ceiling_by_hand():
    # Mode a: 1, 2, 3 (variance 1); mode b: 2, 6, 4 (variance 4); a - b: -1, -4, -1
    # (variance 3). Unpaired 1 + 4 = 5, paired 3: ratio 5/3. Perfect correlation would
    # leave (1 - 2)^2 = 1: ceiling 5.
    runs = pd.DataFrame(
        {
            "status": "done",
            "base": ["a"] * 3 + ["b"] * 3,
            "replicate": [0, 1, 2] * 2,
            "final_window.surplus": [1.0, 2.0, 3.0, 2.0, 6.0, 4.0],
        }
    )
    (row,) = bench.variance_ratios(runs, ("final_window.surplus",)).to_dict("records")
    assert row["pairs"] == 1
    assert row["ratio"] == pytest.approx(5 / 3)
    assert row["ceiling"] == pytest.approx(5.0)

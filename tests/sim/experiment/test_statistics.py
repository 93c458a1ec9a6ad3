"""Intervals, paired differences and sufficiency against hand-computed values."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sim.experiment.statistics import interval, paired_differences, point_table, sufficient


def test_interval_of_one_to_five_by_hand():
    iv = interval([1, 2, 3, 4, 5])
    # mean 3, sd sqrt(2.5) = 1.5811388, t(0.975, 4) = 2.7764451, half = t sd / sqrt(5)
    assert iv.n == 5 and iv.mean == 3.0
    assert iv.sd == pytest.approx(1.5811388, abs=1e-7)
    assert iv.half_width == pytest.approx(1.9632432, abs=1e-6)
    assert (iv.low, iv.high) == pytest.approx((1.0367568, 4.9632432), abs=1e-6)


def test_interval_edge_cases():
    assert interval([2.0]).n == 1 and math.isinf(interval([2.0]).high)
    assert interval([]).n == 0
    assert interval([4.0, 4.0, 4.0]).half_width == 0.0
    assert interval([1.0, float("nan"), 3.0]).n == 2


def test_sufficient_uses_relative_target_with_absolute_floor():
    # [1..5]: half-width 1.963; relative 5% of 3 is 0.15 -> not enough
    assert not sufficient([1, 2, 3, 4, 5], precision=0.05, floor=0.01)
    assert sufficient([1, 2, 3, 4, 5], precision=0.7, floor=0.0)  # 0.7 * 3 = 2.1 >= 1.963
    # near zero: mean 0, half-width of [-0.001, 0.001] by t(0.975,1)=12.706: 0.0127
    assert not sufficient([-0.001, 0.001], precision=0.05, floor=0.01)
    assert sufficient([-0.001, 0.001], precision=0.05, floor=0.02)


def runs_frame() -> pd.DataFrame:
    rows = []
    base_values = {"m": [1.0, 2.0, 4.0], "g": [2.0, 2.0, 7.0]}
    for b, base in enumerate(("m", "g")):
        for cell in (0, 1):
            for rep, value in enumerate(base_values[base]):
                rows.append(
                    {
                        "point_id": 2 * b + cell,
                        "base": base,
                        "cell": cell,
                        "replicate": rep,
                        "y": value + 10 * cell,
                    }
                )
    return pd.DataFrame(rows)


def test_paired_differences_by_hand():
    table = paired_differences(runs_frame(), ["y"], baseline="m")
    # g - m per replicate: [1, 0, 3] in every cell; mean 4/3, sd sqrt(7/3)
    for cell in (0, 1, "all"):
        row = table[(table["cell"] == cell)].iloc[0]
        assert row["base"] == "g" and row["n"] == 3
        assert row["mean"] == pytest.approx(4 / 3)
        assert row["sd"] == pytest.approx(math.sqrt(7 / 3))
        half = 4.3026527 * math.sqrt(7 / 3) / math.sqrt(3)
        assert row["ci_high"] - row["mean"] == pytest.approx(half, rel=1e-6)


def test_paired_differences_pair_by_replicate_not_by_order():
    frame = runs_frame()
    shuffled = frame.sample(frac=1.0, random_state=1)
    pd.testing.assert_frame_equal(
        paired_differences(shuffled, ["y"], "m"), paired_differences(frame, ["y"], "m")
    )
    missing = frame.drop(frame[(frame["base"] == "m") & (frame["replicate"] == 2)].index)
    table = paired_differences(missing, ["y"], "m")
    assert (table["n"] == 2).all()  # replicate 2 has no partner: dropped, not misaligned


def test_point_table_by_hand():
    table = point_table(runs_frame(), ["y"])
    row = table[(table["base"] == "g") & (table["cell"] == 1)].iloc[0]
    # g in cell 1: [12, 12, 17]: mean 41/3, sd sqrt(25/3), half = t(0.975, 2) sd / sqrt(3)
    assert row["mean"] == pytest.approx(41 / 3)
    assert row["sd"] == pytest.approx(math.sqrt(25 / 3))
    assert row["ci_low"] == pytest.approx(41 / 3 - 4.3026527 * math.sqrt(25 / 3) / math.sqrt(3))
    assert row["n"] == 3

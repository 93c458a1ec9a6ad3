"""Chosen elements of a PCG64 stream (sim/stream_elements.py) are numpy's own draws,
bit for bit: ``Generator(PCG64(seed)).random(n)[positions]``, for many seeds and for
positions that reveal a bug (0, a vacant -1, repeats, neighbours, gaps at the jump
table's digit boundaries, large ones, none)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.stream_elements import uniforms_at

EDGES = [0, 1, 2, 62, 63, 64, 65, 127, 128, 4095, 4096, 4097, 4160, 262_143, 262_144, 300_001]


def numpy_draws(seed: np.random.SeedSequence, positions: np.ndarray) -> np.ndarray:
    positions = np.maximum(positions, 0)  # a vacant slot (-1) reads element 0
    return np.random.Generator(np.random.PCG64(seed)).random(int(positions.max()) + 1)[positions]


def seed_words(seed: np.random.SeedSequence) -> np.ndarray:
    return seed.generate_state(4, np.uint64)


@pytest.mark.parametrize("entropy", [0, 1, 7, 2**64 - 1, 2**127 + 3, 20261202])
def test_the_elements_numpy_draws(entropy):
    seed = np.random.SeedSequence(entropy)
    rng = np.random.default_rng(entropy % 1000)
    cases = [
        np.array(EDGES),
        np.array(EDGES[::-1]),  # any order
        np.array([-1, 5, -1, 0, 5, 5]),  # vacant slots read element 0; repeats
        np.array([0]),
        np.array([-1]),
        np.array([70_000]),
        np.arange(300),  # every element
        rng.integers(-1, 30_000, 11_250),
        rng.choice(30_000, 2_000, replace=False),
    ]
    for positions in cases:
        np.testing.assert_array_equal(
            uniforms_at(seed_words(seed), positions), numpy_draws(seed, positions)
        )


def test_many_seeds():
    for seed in np.random.SeedSequence(5).spawn(200):
        positions = np.random.default_rng(seed.spawn_key[-1]).integers(0, 5_000, 40)
        np.testing.assert_array_equal(
            uniforms_at(seed_words(seed), positions), numpy_draws(seed, positions)
        )


def test_no_positions_no_draws():
    drawn = uniforms_at(seed_words(np.random.SeedSequence(3)), np.zeros(0, np.int64))
    assert drawn.shape == (0,) and drawn.dtype == np.float64


def test_other_integer_types():
    seed = np.random.SeedSequence(9)
    positions = np.array([4, 0, 77], np.int32)
    np.testing.assert_array_equal(
        uniforms_at(seed_words(seed), positions), numpy_draws(seed, positions)
    )

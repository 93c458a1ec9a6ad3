"""The quick keyed seed (sim/keyed_seed.py) gives the generator numpy's own
``SeedSequence`` gives: the same state and the same draws, for the seeds the model
spawns and for awkward ones (large and zero entropy, other pool sizes, nested spawns,
keys of one to three integers)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.keyed_seed import KeyedSeed, ParentWords, keyed_generator

ENTROPIES = (0, 1, 12345, 2**32 - 1, 2**32, 2**70 + 5, 2**127 + 3, [7, 2**40, 0])


def numpy_generator(parent: np.random.SeedSequence, key: tuple[int, ...]) -> np.random.Generator:
    child = np.random.SeedSequence(
        parent.entropy, spawn_key=(*parent.spawn_key, *key), pool_size=parent.pool_size
    )
    return np.random.Generator(np.random.PCG64(child))


@pytest.mark.parametrize("entropy", ENTROPIES)
@pytest.mark.parametrize("pool_size", [4, 5, 8])
def test_same_state_and_draws_as_numpy(entropy, pool_size):
    root = np.random.SeedSequence(entropy, pool_size=pool_size)
    parents = [root, *root.spawn(3), root.spawn(2)[1].spawn(2)[0]]
    for parent in parents:
        words = ParentWords(parent)
        for key in [(0,), (1,), (199,), (2**31,), (5, 0, 2), (3, 1)]:
            ours, theirs = keyed_generator(words, key), numpy_generator(parent, key)
            assert ours.bit_generator.state == theirs.bit_generator.state
            assert np.array_equal(ours.random(7), theirs.random(7))


def test_other_requests_go_to_the_real_sequence():
    parent = np.random.SeedSequence(99).spawn(2)[1]
    seed = KeyedSeed(ParentWords(parent), (4,))
    real = np.random.SeedSequence(99, spawn_key=(1, 4))
    assert np.array_equal(seed.generate_state(3), real.generate_state(3))
    assert np.array_equal(seed.generate_state(4, np.uint32), real.generate_state(4, np.uint32))
    assert [s.spawn_key for s in seed.spawn(2)] == [(1, 4, 0), (1, 4, 1)]

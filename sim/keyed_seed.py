"""A child of a ``numpy.random.SeedSequence`` keyed by a few small integers, made in
about a microsecond instead of a dozen (:mod:`sim.chance` makes several per step).

``keyed_seed(seed, key)`` stands for ``SeedSequence(seed.entropy, spawn_key=(*seed.
spawn_key, *key), pool_size=seed.pool_size)``: a ``PCG64`` built from it holds exactly
the state one built from that ``SeedSequence`` holds. The state is the same hash
(O'Neill's ``seed_seq`` as numpy implements it: ``numpy/random/bit_generator.pyx``),
computed by a compiled loop over the assembled entropy words; the words of the parent
(its entropy, zero-padded to the pool, and its spawn key) are assembled once per
parent. Any other use of the seed (another state size, ``spawn``) goes to the real
``SeedSequence``, built on demand.
"""

from __future__ import annotations

import numpy as np
from numpy.random.bit_generator import ISpawnableSeedSequence, _coerce_to_uint32_array

from sim.compiled import compiled

# numpy's SeedSequence constants (bit_generator.pyx)
INIT_A, MULT_A = 0x43B0D7E5, 0x931E8875
INIT_B, MULT_B = 0x8B51F9DD, 0x58F38DED
MIX_MULT_L, MIX_MULT_R = 0xCA01F9DD, 0x4973F715
XSHIFT = 16
MASK32 = 0xFFFFFFFF
PCG64_WORDS = 4  # 64-bit words a PCG64 asks its seed for (state and increment)


class ParentWords:
    """The entropy words a keyed child of ``seed`` starts with (assembled once)."""

    def __init__(self, seed: np.random.SeedSequence) -> None:
        run = _coerce_to_uint32_array(seed.entropy)
        if len(run) < seed.pool_size:  # a spawned child's entropy is padded to the pool
            run = np.concatenate([run, np.zeros(seed.pool_size - len(run), np.uint32)])
        spawn = _coerce_to_uint32_array(seed.spawn_key)
        self.seed = seed
        self.words = np.concatenate([run, spawn]).astype(np.uint64)


class KeyedSeed(ISpawnableSeedSequence):
    """The seed of one keyed child: its PCG64 state words, ready; anything else asked of
    it is answered by the equivalent ``SeedSequence``."""

    __slots__ = ("_key", "_parent", "_state")

    def __init__(self, parent: ParentWords, key: tuple[int, ...]) -> None:
        self._parent, self._key = parent, key
        self._state = pcg64_seed_words(parent, key)

    def sequence(self) -> np.random.SeedSequence:
        """The ``SeedSequence`` this seed stands for."""
        seed = self._parent.seed
        return np.random.SeedSequence(
            seed.entropy, spawn_key=(*seed.spawn_key, *self._key), pool_size=seed.pool_size
        )

    def generate_state(self, n_words: int, dtype=np.uint32) -> np.ndarray:
        if n_words == PCG64_WORDS and np.dtype(dtype) == np.uint64:
            return self._state.copy()
        return self.sequence().generate_state(n_words, dtype)

    def spawn(self, n_children: int) -> list[np.random.SeedSequence]:
        return self.sequence().spawn(n_children)


def pcg64_seed_words(parent: ParentWords, key: tuple[int, ...]) -> np.ndarray:
    """What the keyed child's ``generate_state(4, uint64)`` gives: the words a PCG64
    seeds its state and increment from (:mod:`sim.stream_elements` reads them)."""
    return _pcg64_state(parent.words, key, parent.seed.pool_size)


def keyed_generator(parent: ParentWords, key: tuple[int, ...]) -> np.random.Generator:
    """``Generator(PCG64(SeedSequence(... spawn_key=(*parent.spawn_key, *key))))``."""
    return np.random.Generator(np.random.PCG64(KeyedSeed(parent, key)))


@compiled
def _pcg64_state(parent, key, pool_size):
    """SeedSequence's pool mixed from the entropy words ``parent`` then ``key`` (uint32
    words, the parent's held in uint64, the key a tuple of ints: joined here rather than
    in a new array per call), then ``generate_state(4, uint64)``: eight 32-bit words
    read as four little-endian 64-bit ones. Every product is taken modulo 2**32, as
    numpy's uint32 arithmetic does; the hash steps (``hashmix`` and ``mix`` in numpy)
    are written out inline."""
    mask, shift = np.uint64(MASK32), np.uint64(XSHIFT)
    mult_a, mult_b = np.uint64(MULT_A), np.uint64(MULT_B)
    left, right = np.uint64(MIX_MULT_L), np.uint64(MIX_MULT_R)
    n_parent = len(parent)
    entropy = np.empty(n_parent + len(key), np.uint64)
    entropy[:n_parent] = parent
    for i in range(len(key)):
        entropy[n_parent + i] = np.uint64(key[i])
    pool = np.zeros(pool_size, np.uint64)
    hash_const = np.uint64(INIT_A)
    n = len(entropy)
    # the pool's first words: the first entropy words (or 0), each hashed
    for i in range(pool_size):
        value = entropy[i] if i < n else np.uint64(0)
        value ^= hash_const
        hash_const = (hash_const * mult_a) & mask
        value = (value * hash_const) & mask
        pool[i] = value ^ (value >> shift)
    # every word mixed into every other, then the remaining entropy into each word
    for i_src in range(pool_size + n - min(n, pool_size)):
        for i_dst in range(pool_size):
            if i_src < pool_size:
                if i_src == i_dst:
                    continue
                value = pool[i_src]
            else:
                value = entropy[i_src]
            value ^= hash_const
            hash_const = (hash_const * mult_a) & mask
            value = (value * hash_const) & mask
            value ^= value >> shift
            mixed = (left * pool[i_dst] - right * value) & mask
            pool[i_dst] = mixed ^ (mixed >> shift)
    state = np.zeros(PCG64_WORDS, np.uint64)
    hash_const = np.uint64(INIT_B)
    for i in range(2 * PCG64_WORDS):
        value = pool[i % pool_size] ^ hash_const
        hash_const = (hash_const * mult_b) & mask
        value = (value * hash_const) & mask
        value ^= value >> shift
        state[i // 2] |= value << np.uint64(32 * (i % 2))
    return state

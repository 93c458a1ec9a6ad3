"""Chosen elements of a PCG64 stream of uniforms, computed without drawing the rest.

``uniforms_at(seed_words, positions)`` equals ``Generator(PCG64(seed)).random(n)
[positions]`` bit for bit, where ``seed.generate_state(4, uint64)`` gives
``seed_words`` (:class:`sim.keyed_seed.KeyedSeed` holds them): the firm-keyed draws of
:meth:`sim.chance.StepStreams.by_firm` need the elements at the identities of the firms
in business, a few thousand scattered over tens of thousands of identities that firms
who left or never entered once held, and drawing them all took most of the time.

PCG64 as numpy implements it (``numpy/random/src/pcg64``): a 128-bit linear
congruential generator ``s -> M s + inc`` seeded by ``pcg_setseq_128_srandom_r``
(state 0, a step, the seed added, a step); element ``k`` is the XSL-RR output of the
state ``k + 1`` steps later (the high and low words xor-ed, rotated right by the top six
bits), its top 53 bits times ``2**-53``. Advancing ``d`` steps is itself an affine map
``s -> A_d s + C_d`` (Brown's jump ahead): a table of the maps for every digit of ``d``
in base 64 makes any gap between two wanted elements one or two multiplications.
Numbers of 128 bits are kept as their high and low 64-bit words, products modulo
2**128 made of 32-bit halves (numba has no 128-bit integers).
"""

from __future__ import annotations

import numpy as np

from sim.compiled import compiled

MULTIPLIER_HIGH = 2549297995355413924  # PCG64's 128-bit multiplier M, high word
MULTIPLIER_LOW = 4865540595714422341  # and low word
DOUBLE_UNIT = 1.0 / 9007199254740992.0  # 2**-53: numpy's random double from 53 bits
DIGIT_BITS = 6  # the jump table holds every base-64 digit of a jump


def uniforms_at(seed_words: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``Generator(PCG64(seed)).random(positions.max() + 1)[positions]`` for the seed
    whose ``generate_state(4, uint64)`` is ``seed_words``; a negative position reads
    element 0."""
    return _uniforms_at(seed_words, positions.astype(np.int64, copy=False), DIGIT_BITS)


@compiled
def _uniforms_at(seed_words, positions, digit_bits):
    """The stream's elements at ``positions``: the wanted positions marked and listed
    in ascending order, then the generator jumped from one to the next, each output
    computed once."""

    def madd(x_hi, x_lo, y_hi, y_lo, z_hi, z_lo):
        """``x * y + z`` modulo 2**128 (high and low words)."""
        half, low32 = np.uint64(32), np.uint64(0xFFFFFFFF)
        x0, x1, y0, y1 = x_lo & low32, x_lo >> half, y_lo & low32, y_lo >> half
        p00, p01, p10, p11 = x0 * y0, x0 * y1, x1 * y0, x1 * y1
        middle = (p00 >> half) + (p10 & low32) + p01
        hi = p11 + (p10 >> half) + (middle >> half) + x_lo * y_hi + x_hi * y_lo
        lo = x_lo * y_lo + z_lo
        return hi + z_hi + np.uint64(lo < z_lo), lo

    zero, one = np.uint64(0), np.uint64(1)
    n = len(positions)
    drawn = np.empty(n, np.float64)
    bound = 1
    for i in range(n):
        bound = max(bound, positions[i] + 1)
    wanted = np.zeros(bound, np.bool_)
    for i in range(n):
        wanted[max(positions[i], 0)] = True
    # jumps: a_*[level, e], c_*[level, e] advance e * 64**level steps
    base = 1 << digit_bits
    levels = 1
    while base**levels <= bound + 1:
        levels += 1
    a_hi = np.zeros((levels, base), np.uint64)
    a_lo = np.zeros((levels, base), np.uint64)
    c_hi = np.zeros((levels, base), np.uint64)
    c_lo = np.zeros((levels, base), np.uint64)
    a_hi[0, 1], a_lo[0, 1] = np.uint64(MULTIPLIER_HIGH), np.uint64(MULTIPLIER_LOW)
    c_hi[0, 1] = (seed_words[2] << np.uint64(1)) | (seed_words[3] >> np.uint64(63))
    c_lo[0, 1] = (seed_words[3] << np.uint64(1)) | np.uint64(1)  # inc: odd
    for level in range(levels):
        if level:  # one step of this level: the last of the level below, once more
            a1h, a1l = a_hi[level - 1, 1], a_lo[level - 1, 1]
            ah, al = a_hi[level - 1, base - 1], a_lo[level - 1, base - 1]
            ch, cl = c_hi[level - 1, base - 1], c_lo[level - 1, base - 1]
            a_hi[level, 1], a_lo[level, 1] = madd(a1h, a1l, ah, al, zero, zero)
            c_hi[level, 1], c_lo[level, 1] = madd(
                a1h, a1l, ch, cl, c_hi[level - 1, 1], c_lo[level - 1, 1]
            )
        a1h, a1l, c1h, c1l = a_hi[level, 1], a_lo[level, 1], c_hi[level, 1], c_lo[level, 1]
        for e in range(2, base):
            a_hi[level, e], a_lo[level, e] = madd(
                a1h, a1l, a_hi[level, e - 1], a_lo[level, e - 1], zero, zero
            )
            c_hi[level, e], c_lo[level, e] = madd(
                a1h, a1l, c_hi[level, e - 1], c_lo[level, e - 1], c1h, c1l
            )
    # seeding: state 0, one step (to inc), the seed added; srandom's second step is
    # the first of the jump to the first wanted element
    state_hi, state_lo = madd(zero, zero, zero, zero, c_hi[0, 1], c_lo[0, 1])
    state_hi, state_lo = madd(zero, one, state_hi, state_lo, seed_words[0], seed_words[1])
    mask = np.uint64(base - 1)
    ordered = np.empty(n + 1, np.int64)  # the wanted positions, ascending
    count = 0
    for k in range(bound):  # no branch on the marks: they alternate unpredictably
        ordered[count] = k
        count += wanted[k]
    element = np.empty(bound, np.float64)
    last = -2
    for t in range(count):
        k = ordered[t]
        gap, level = np.uint64(k - last), 0
        last = k
        while gap:
            e = gap & mask
            if e:
                state_hi, state_lo = madd(
                    a_hi[level, e],
                    a_lo[level, e],
                    state_hi,
                    state_lo,
                    c_hi[level, e],
                    c_lo[level, e],
                )
            gap >>= np.uint64(digit_bits)
            level += 1
        mixed = state_hi ^ state_lo
        turn = state_hi >> np.uint64(58)
        bits = (mixed >> turn) | (mixed << ((np.uint64(64) - turn) & np.uint64(63)))
        element[k] = (bits >> np.uint64(11)) * DOUBLE_UNIT
    for i in range(n):
        drawn[i] = element[max(positions[i], 0)]
    return drawn

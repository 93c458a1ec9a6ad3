"""Replicate seeds: one root ``SeedSequence`` per experiment, one child per replicate.

Replicate ``k``'s seed is the ``k``-th child of the root (``spawn_key=(k,)``), computed
directly, so it does not depend on how many replicates were drawn before, on the
executor or on the order in which runs finish. Every design point and every
construction mode uses the same replicate seeds (common random numbers): runs of two
modes with the same replicate index are paired.
"""

from __future__ import annotations

import numpy as np


def replicate_seed(root: int, replicate: int) -> int:
    """The seed of replicate ``replicate`` (0-based) under root seed ``root``.

    A 63-bit integer, so it fits a signed 64-bit database column.
    """
    child = np.random.SeedSequence(entropy=root, spawn_key=(replicate,))
    return int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))

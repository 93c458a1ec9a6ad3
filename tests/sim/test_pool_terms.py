"""The alliance-wide pool's compiled pass of per-slot terms (``sim.pool._alliance_terms``)
gives what the array forms gave, bit for bit, under every sharing rule and cost scheme:
games, contributions, sharing weights, what members owe and contributions by segment,
for a running and a stopped pool, no slot and one slot."""

from __future__ import annotations

import numpy as np
import pytest

from sim.pool import (
    N_SEG,
    SHARING_CODE,
    PoolInputs,
    _alliance_terms,
    amount_per_game,
    contribution_owed,
    contribution_per_game,
    sharing_weight,
)
from sim.scenario import Charter, CostScheme, Sharing


def array_forms(charter: Charter, inputs: PoolInputs, running: bool):
    """The terms as the pool computed them before the compiled pass."""
    games = (inputs.member & running).astype(float)
    c = contribution_per_game(charter, inputs, games)
    w = sharing_weight(charter, inputs, c) * games
    owed = contribution_owed(charter, inputs, games)
    # np.bincount gives integer zeros when there is no slot: the same sums, as floats
    by_seg = np.bincount(inputs.segment, weights=c, minlength=N_SEG).astype(float)
    return games, c, w, owed, by_seg


@pytest.mark.parametrize("n", [0, 1, 300])
@pytest.mark.parametrize("running", [True, False])
@pytest.mark.parametrize("sharing", list(Sharing))
@pytest.mark.parametrize("scheme", list(CostScheme))
def test_same_bits_as_the_array_forms(n, running, sharing, scheme):
    make = np.random.default_rng(n + 7)
    member = make.random(n) < 0.6
    charter = Charter(
        sharing=sharing, cost_scheme=scheme, contribution=0.37, contribution_rate=0.013
    )
    inputs = PoolInputs(
        member=member,
        contributor=member & (make.random(n) < 0.5),
        active=member | (make.random(n) < 0.7),
        capacity=make.lognormal(2.0, 1.0, n),
        segment=make.integers(0, N_SEG, n),
        platform_gain=0.0,
        cut=0.0,
    )
    amount = amount_per_game(charter, inputs, np.ones(n))
    got = _alliance_terms(
        inputs.member, inputs.contributor, inputs.capacity, inputs.segment, amount, running,
        SHARING_CODE[sharing], N_SEG,
    )  # fmt: skip
    for name, mine, theirs in zip(
        ("games", "contribution", "weight", "owed", "by segment"),
        got,
        array_forms(charter, inputs, running),
        strict=True,
    ):
        assert mine.dtype == theirs.dtype and mine.tobytes() == theirs.tobytes(), name


def test_every_sharing_rule_has_a_code():
    assert sorted(SHARING_CODE.values()) == list(range(len(Sharing)))
    assert set(SHARING_CODE) == set(Sharing)

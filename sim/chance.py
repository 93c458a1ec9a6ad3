"""The sources of chance of a run, each its own random stream, fresh every step.

A run is a pure function of (scenario, seed). Its seed is split into one stream per
source of chance: the initial population, the network, the market (projects, their
values and segments, bidders, clients' tastes, consortia), the pool (random teams),
governance (monitoring, the organisers' decisions), firms' decisions and entry. Each
stream is derived anew for every step from the run's seed, the source and the step
(a ``numpy.random.SeedSequence`` spawn key ``(source, step)``), so how many numbers a
source drew in earlier steps (more bidders, members, joint bids or entrants in one
construction mode than in another) never shifts what it draws later. Two modes run
with the same seed therefore face the same clients, demand and entrants' draws every
quarter: common random numbers that really pair the comparison
(``benchmarks/bench_pairing.py`` measures how much).

Step 0 (building the model) uses the sources' own streams, as spawned from the seed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

SOURCES = ("network", "population", "market", "pool", "governance", "decisions", "entry")


class SourcesOfChance:
    """One random stream per source of chance, derived per step from the run's seed."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._seeds = dict(
            zip(SOURCES, rng.bit_generator.seed_seq.spawn(len(SOURCES)), strict=True)
        )

    def at(self, step: int) -> StepStreams:
        """The streams of every source for ``step`` (0: building the model)."""
        return StepStreams(self._seeds, step)


class StepStreams(Mapping[str, np.random.Generator]):
    """The streams of one step, each made when a source first draws in it (a step
    touches only some sources, and making a stream costs tens of microseconds)."""

    def __init__(self, seeds: dict[str, np.random.SeedSequence], step: int) -> None:
        self._seeds, self._step = seeds, step
        self._made: dict[str, np.random.Generator] = {}

    def __getitem__(self, name: str) -> np.random.Generator:
        stream = self._made.get(name)
        if stream is None:
            stream = self._made[name] = _stream(self._seeds[name], self._step)
        return stream

    def __iter__(self) -> Iterator[str]:
        return iter(self._seeds)

    def __len__(self) -> int:
        return len(self._seeds)


def _stream(seed: np.random.SeedSequence, step: int) -> np.random.Generator:
    if step == 0:
        return np.random.Generator(np.random.PCG64(seed))
    keyed = np.random.SeedSequence(
        seed.entropy, spawn_key=(*seed.spawn_key, step), pool_size=seed.pool_size
    )
    return np.random.Generator(np.random.PCG64(keyed))

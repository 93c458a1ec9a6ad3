"""The sources of chance of a run, each its own random stream, fresh every step.

A run is a pure function of (scenario, seed). Its seed is split into one stream per
source of chance: the initial population, the network, the market (projects, their
values and segments, bidders, clients' tastes, consortia), the pool (random teams),
governance (monitoring, the organisers' decisions), firms' decisions and entry. Each
stream is derived anew for every step from the run's seed, the source and the step
(a ``numpy.random.SeedSequence`` spawn key ``(source, step)``, made quickly by
:mod:`sim.keyed_seed`), so how many numbers a
source drew in earlier steps (more bidders, members, joint bids or entrants in one
construction mode than in another) never shifts what it draws later. Two modes run
with the same seed therefore face the same clients, demand and entrants' draws every
quarter: common random numbers that really pair the comparison
(``benchmarks/bench_pairing.py`` measures how much).

Step 0 (building the model) uses the sources' own streams, as spawned from the seed.

Firm-level draws that must follow a firm, not the slot it holds (entry and exit move
firms between slots), are keyed by the firm's identity (:meth:`StepStreams.by_firm`):
firm ``i`` gets element ``i`` of a stream per (step, purpose, call). Identities are
handed out in an order that does not depend on the firms' choices: ``0 .. N_0 - 1``
to the initial firms, then one to every potential entrant in the order they are drawn,
whether it enters or not (:mod:`sim.entry`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from enum import IntEnum

import numpy as np

from sim.keyed_seed import ParentWords, keyed_generator, pcg64_seed_words
from sim.stream_elements import uniforms_at

SOURCES = (
    "network",
    "population",
    "market",
    "pool",
    "governance",
    "decisions",
    "entry",
    "organisations",
    "firms",
)


class FirmDraw(IntEnum):
    """What a firm-level uniform decides (one stream per purpose, step and call)."""

    REVISION = 0  # whether the firm revises its stance this step
    CHOICE = 1  # the decision rule's draws of one uniform per deciding firm


class SourcesOfChance:
    """One random stream per source of chance, derived per step from the run's seed."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._seeds = {
            name: ParentWords(seed)
            for name, seed in zip(
                SOURCES, rng.bit_generator.seed_seq.spawn(len(SOURCES)), strict=True
            )
        }

    def at(self, step: int) -> StepStreams:
        """The streams of every source for ``step`` (0: building the model)."""
        return StepStreams(self._seeds, step)


class StepStreams(Mapping[str, np.random.Generator]):
    """The streams of one step, each made when a source first draws in it (a step
    touches only some sources, and making a stream costs tens of microseconds)."""

    def __init__(self, seeds: dict[str, ParentWords], step: int) -> None:
        self._seeds, self._step = seeds, step
        self._made: dict[str, np.random.Generator] = {}
        self._calls: Counter[int] = Counter()  # by_firm calls so far, by purpose

    def by_firm(self, purpose: FirmDraw, ident: np.ndarray) -> np.ndarray:
        """One uniform in [0, 1) per slot, keyed by the identity of the firm in it
        (``ident``): the firm with identity ``i`` gets element ``i`` of a stream made for
        this step, ``purpose`` and call (the first, second, ... such call of the step),
        whatever other firms exist and whichever slot it holds; a vacant slot (identity
        -1) gets element 0."""
        key = int(purpose)  # an IntEnum hashes in Python, the plain int in C
        call = self._calls[key]
        self._calls[key] = call + 1
        seed = pcg64_seed_words(self._seeds["firms"], (self._step, key, call))
        return uniforms_at(seed, ident)  # only the elements at ``ident``, bit for bit

    def __getitem__(self, name: str) -> np.random.Generator:
        stream = self._made.get(name)
        if stream is None:
            stream = self._made[name] = _stream(self._seeds[name], self._step)
        return stream

    def lazy(self, name: str) -> LazyStream:
        """The stream of source ``name``, made only if something draws from it (a
        stage that may draw nothing, say the pool outside random teams, then does not
        pay for making it); the draws are those of ``self[name]``."""
        return LazyStream(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._seeds)

    def __len__(self) -> int:
        return len(self._seeds)


class LazyStream:
    """A source's stream of one step, made on the first draw (:meth:`StepStreams.lazy`)."""

    def __init__(self, streams: StepStreams, name: str) -> None:
        self._streams, self._name = streams, name

    def __getattr__(self, attribute: str):
        return getattr(self._streams[self._name], attribute)


def _stream(seed: ParentWords, step: int) -> np.random.Generator:
    if step == 0:
        return np.random.Generator(np.random.PCG64(seed.seed))
    return keyed_generator(seed, (step,))


class FirmKeyedGenerator:
    """The generator the decision rules draw from when the firms ``ident`` decide at
    once: a draw of one uniform per deciding firm (``random(len(ident))``: a logit or
    imitation choice, an exploration) is keyed by the firms' identities
    (:meth:`StepStreams.by_firm`), so a firm's draw does not depend on which other
    firms decide; any other draw comes from ``fallback``, the step's stream."""

    def __init__(
        self, streams: StepStreams, ident: np.ndarray, fallback: np.random.Generator
    ) -> None:
        self._streams, self._ident, self._fallback = streams, ident, fallback

    def random(self, size: int | None = None) -> np.ndarray | float:
        if size is not None and size == len(self._ident) and size > 0:
            return self._streams.by_firm(FirmDraw.CHOICE, self._ident)
        return self._fallback.random(size)

    def __getattr__(self, name: str):
        return getattr(self._fallback, name)

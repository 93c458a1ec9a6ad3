"""Sources of chance (sim.chance): one stream per source, derived per step from the run's
seed, so that what a source drew earlier never shifts what it draws later, and two
construction modes run with one seed face the same exogenous draws."""

from __future__ import annotations

import numpy as np

from sim.chance import SOURCES, FirmDraw, FirmKeyedGenerator, SourcesOfChance
from sim.model import AllianceModel
from sim.scenario import Mode
from sim.scenario.mode_files import mode_scenario


def test_a_steps_streams_do_not_depend_on_earlier_draws():
    fresh = SourcesOfChance(np.random.default_rng(11))
    used = SourcesOfChance(np.random.default_rng(11))
    for step in (1, 2, 3):
        used.at(step)["market"].random(1000 * step)  # earlier steps drew a lot
    np.testing.assert_array_equal(fresh.at(4)["market"].random(5), used.at(4)["market"].random(5))


def test_sources_and_steps_draw_different_numbers():
    chance = SourcesOfChance(np.random.default_rng(11))
    draws = {(s, k): chance.at(k)[s].random() for s in SOURCES for k in (0, 1, 2)}
    assert len(set(draws.values())) == len(draws)
    assert chance.at(3)["market"] is not chance.at(3)["market"]  # each call starts afresh
    streams = chance.at(3)
    assert streams["market"] is streams["market"]  # within a step one stream per source
    assert list(streams) == list(SOURCES) and len(streams) == len(SOURCES)


def test_building_the_model_draws_from_the_seeds_own_children():
    """Step 0 streams are the seed's spawned children, as Generator.spawn makes them."""
    chance = SourcesOfChance(np.random.default_rng(5))
    children = np.random.default_rng(5).spawn(len(SOURCES))
    for name, child in zip(SOURCES, children, strict=True):
        assert chance.at(0)[name].random() == child.random()


def test_two_modes_with_one_seed_face_the_same_demand_every_quarter():
    posted = {}
    for mode in (Mode.MARKET_ONLY, Mode.SOCIETY_LED):
        model = AllianceModel(mode_scenario(mode, population={"enterprises": 300}), rng=9)
        counts = []
        for _ in range(40):
            model.step()
            counts.append(model.last_market.projects)
        posted[mode] = counts
    assert posted[Mode.MARKET_ONLY] == posted[Mode.SOCIETY_LED]
    assert len(set(posted[Mode.MARKET_ONLY])) > 5  # demand does vary from quarter to quarter


def test_firm_draws_follow_the_firms_identity_not_its_slot():
    chance = SourcesOfChance(np.random.default_rng(11))
    alone = chance.at(5).by_firm(FirmDraw.REVISION, np.array([7, 3]))
    crowd = chance.at(5).by_firm(FirmDraw.REVISION, np.array([0, 3, 9, 12, 7, 40]))
    np.testing.assert_array_equal(alone, crowd[[4, 1]])  # firms 7 and 3, in other slots
    assert ((crowd >= 0) & (crowd < 1)).all() and len(set(crowd)) == len(crowd)


def test_a_vacant_slot_takes_the_first_firms_draw_and_no_slot_draws_nothing():
    chance = SourcesOfChance(np.random.default_rng(11))
    firms = chance.at(5).by_firm(FirmDraw.REVISION, np.array([0, 3]))
    with_vacant = chance.at(5).by_firm(FirmDraw.REVISION, np.array([3, -1, 0]))
    np.testing.assert_array_equal(with_vacant, firms[[1, 0, 0]])
    assert chance.at(5).by_firm(FirmDraw.REVISION, np.zeros(0, np.int64)).shape == (0,)


def test_firm_draws_differ_by_step_and_call():
    chance = SourcesOfChance(np.random.default_rng(11))
    ident = np.arange(50)
    streams = chance.at(5)
    first, second = (streams.by_firm(FirmDraw.REVISION, ident) for _ in range(2))
    later = chance.at(6).by_firm(FirmDraw.REVISION, ident)
    assert len(set(first) | set(second) | set(later)) == 150
    np.testing.assert_array_equal(first, chance.at(5).by_firm(FirmDraw.REVISION, ident))


def test_adding_sources_kept_the_earlier_sources_streams():
    # The organisations' and the firms' streams were appended: the first seven sources
    # are still the seed's first seven children.
    chance = SourcesOfChance(np.random.default_rng(5))
    children = np.random.default_rng(5).spawn(7)
    assert SOURCES[:7] == ("network", "population", "market", "pool", "governance",
                           "decisions", "entry")  # fmt: skip
    assert chance.at(0)["entry"].random() == children[6].random()


def test_a_deciding_firms_draw_does_not_depend_on_who_else_decides():
    chance = SourcesOfChance(np.random.default_rng(2))
    fallback = np.random.default_rng(0)
    pair = FirmKeyedGenerator(chance.at(3), np.array([5, 9]), fallback).random(2)
    alone = FirmKeyedGenerator(chance.at(3), np.array([9]), fallback).random(1)
    assert alone[0] == pair[1]
    # a draw of another size is not one per deciding firm: the step's stream serves it
    other = FirmKeyedGenerator(chance.at(3), np.array([9]), np.random.default_rng(0))
    np.testing.assert_array_equal(other.random(3), np.random.default_rng(0).random(3))


def test_firm_draws_are_the_streams_elements():
    # Element i of the stream keyed (step, purpose, call) under the firms' source, for
    # identities far apart too (only the wanted elements are computed).
    chance = SourcesOfChance(np.random.default_rng(4))
    ident = np.array([3, 65_541, 131_073, 7])
    drawn = chance.at(2).by_firm(FirmDraw.REVISION, ident)
    firms = np.random.default_rng(4).bit_generator.seed_seq.spawn(len(SOURCES))[-1]
    keyed = np.random.SeedSequence(
        firms.entropy, spawn_key=(*firms.spawn_key, 2, int(FirmDraw.REVISION), 0)
    )
    whole = np.random.Generator(np.random.PCG64(keyed)).random(131_074)
    np.testing.assert_array_equal(drawn, whole[ident])

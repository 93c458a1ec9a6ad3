"""The alliance as an institution: when it is active, admission, monitoring and
sanctions, and the platform."""

from __future__ import annotations

import numpy as np
import pytest

from sim.alliance import AllianceInstitution
from sim.scenario import Alliance


def institution(**kw) -> AllianceInstitution:
    return AllianceInstitution(Alliance(**kw))


@pytest.mark.parametrize(
    ("members", "engaged", "organiser", "enabled", "active"),
    [
        (5, False, [], True, True),  # self-organised: needs only members
        (1, False, [], True, False),  # below min_members
        (5, False, ["enterprise"], True, False),  # organiser not engaged
        (5, True, ["enterprise"], True, True),
        (5, True, [], False, False),  # disabled
        (0, True, ["enterprise"], True, False),  # no members
    ],
)
def test_activity(members, engaged, organiser, enabled, active):
    a = institution(min_members=2, organiser=organiser, enabled=enabled)
    assert a.update_activity(members, engaged) is active
    assert a.active is active


def test_age_counts_consecutive_active_steps():
    a = institution(min_members=2)
    ages = [a.update_activity(m, False) and a.age for m in (3, 3, 3, 0, 3)]
    assert ages == [1, 2, 3, False, 1]


def test_admission_rules():
    quality = np.array([0.2, 0.5, 0.8])
    capacity = np.array([10.0, 1.0, 3.0])
    certified = np.array([False, True, False])
    cases = {
        "open": [1, 1, 1],
        "min_quality": [0, 1, 1],
        "min_capacity": [1, 0, 1],
        "certified": [0, 1, 0],
    }
    for rule, expected in cases.items():
        a = institution(admission=rule, admission_threshold=0.5 if rule == "min_quality" else 2)
        np.testing.assert_array_equal(
            a.admissible(quality, capacity, certified), np.array(expected, bool), err_msg=rule
        )


def test_monitoring_detects_only_free_riders_at_the_given_rate():
    a = institution(expulsion_after=0)
    n = 20000
    free = np.arange(n) % 2 == 0
    due = 1.0 + np.arange(n) % 7  # each firm's own fine (a multiple of what it owed)
    s = a.monitor(free, np.zeros(n, np.int16), 0.3, due, np.random.default_rng(0))
    assert not s.detected[~free].any()
    rate = s.detected[free].mean()
    assert abs(rate - 0.3) < 4.5 * np.sqrt(0.21 / (n / 2))
    np.testing.assert_array_equal(s.fines, np.where(s.detected, due, 0.0))
    assert not s.expelled.any()  # expulsion_after 0 = never


def test_expulsion_after_k_offences():
    a = institution(expulsion_after=3)
    free = np.ones(4, bool)
    offences = np.array([0, 1, 2, 5], np.int16)
    s = a.monitor(free, offences, 1.0, np.ones(4), np.random.default_rng(0))
    np.testing.assert_array_equal(s.expelled, [False, False, True, True])


def test_platform_gain_saturates_and_depreciates():
    a = institution(platform={"effect": 0.5, "half_saturation": 10.0, "depreciation": 0.1})
    assert a.platform_gain() == 0.0
    a.invest(10.0)
    assert a.platform_gain() == pytest.approx(0.25)
    a.depreciate()
    assert a.platform_stock == pytest.approx(9.0)
    a.invest(1e12)
    assert a.platform_gain() < 0.5


@pytest.mark.parametrize("n", [0, 1, 500])
@pytest.mark.parametrize("expulsion_after", [0, 1, 3])
@pytest.mark.parametrize("scalar_fine", [False, True])
def test_monitoring_gives_the_array_forms_results(n, expulsion_after, scalar_fine):
    """The compiled pass catches, fines and expels as the array expressions did, from
    the same uniforms: ``caught = free & (u < p)``, ``fines = where(caught, fine, 0)``,
    ``expelled = caught & (offences + 1 >= k)`` (none when k is 0)."""
    make = np.random.default_rng(n + expulsion_after)
    free = make.random(n) < 0.5
    offences = make.integers(0, 4, n).astype(np.int16)
    fine = 2.5 if scalar_fine else make.lognormal(0.0, 1.0, n)
    s = institution(expulsion_after=expulsion_after).monitor(
        free, offences, 0.4, fine, np.random.default_rng(9)
    )
    u = np.random.default_rng(9).random(n)
    caught = free & (u < 0.4)
    expelled = caught & (offences + 1 >= expulsion_after) if expulsion_after else caught & False
    assert s.detected.dtype == bool and np.array_equal(s.detected, caught)
    assert s.fines.tobytes() == np.where(caught, fine, 0.0).tobytes()
    assert s.expelled.dtype == bool and np.array_equal(s.expelled, expelled)

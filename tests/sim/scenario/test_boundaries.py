"""The schema's documented ranges are its real boundaries: each bound itself is accepted,
the nearest value beyond it is refused with a message naming the key and the documented
range, and values drawn from inside the range are accepted (property-based)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.scenario import ScenarioError, apply_overrides, validate_scenario
from sim.scenario.parameters import Parameter, allowed, iter_parameters


def _numeric() -> list[Parameter]:
    return [
        p
        for p in iter_parameters()
        if isinstance(p.default, int | float)
        and not isinstance(p.default, bool)
        and not p.choices
        and (p.lo is not None or p.hi is not None)
    ]


NUMERIC = _numeric()


def _validate(*overrides: str):
    return validate_scenario(apply_overrides({}, overrides, "x.yaml"), "x.yaml", overrides)


def _literal(p: Parameter, value: float) -> str:
    return str(int(value)) if isinstance(p.default, int) else repr(float(value))


def _range_error(p: Parameter, value: float) -> str | None:
    """The range refusal for ``p = value``, or None if the schema's range accepts it
    (a cross-section rule naming other keys may still refuse the whole scenario)."""
    try:
        _validate(f"{p.path}={_literal(p, value)}")
    except ScenarioError as err:
        text = str(err)
        ranged = re.search(rf"{re.escape(p.path)} must be (a whole number )?in \[", text)
        return text if ranged else None
    return None


@pytest.mark.parametrize("p", NUMERIC, ids=lambda p: p.path)
def test_each_bound_is_accepted_and_the_next_value_beyond_it_refused(p):
    assert len(NUMERIC) > 80  # the walk found the schema
    for bound, outward in ((p.lo, -1), (p.hi, +1)):
        if bound is None:
            continue
        assert _range_error(p, bound) is None, f"{p.path}={bound} is documented as allowed"
        beyond = bound + outward if isinstance(p.default, int) else _next_float(bound, outward)
        message = _range_error(p, beyond)
        assert message is not None, f"{p.path}={beyond} is outside {allowed(p)}"
        assert "x.yaml" in message and f"--set {p.path}=" in message


def _next_float(x: float, direction: int) -> float:
    step = max(abs(x) * 1e-9, 1e-9)
    return x + direction * step


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_values_inside_the_range_pass_the_range_check(data):
    p = data.draw(st.sampled_from(NUMERIC))
    lo = p.lo if p.lo is not None else -1e6
    hi = p.hi if p.hi is not None else 1e6
    if isinstance(p.default, int):
        value = data.draw(st.integers(math.ceil(lo), math.floor(min(hi, 1e9))))
    else:
        value = data.draw(st.floats(lo, min(hi, 1e12), allow_nan=False))
    assert _range_error(p, value) is None


def test_a_set_value_may_contain_an_equals_sign():
    scenario = _validate("description=fee=0.2 for all", "name=a=b")
    assert scenario.description == "fee=0.2 for all" and scenario.name == "a=b"


def test_a_set_without_a_key_or_an_equals_sign_is_refused():
    for bad in ("=0.2", "alliance.fee", " =1"):
        with pytest.raises(ScenarioError, match=r"must look like key\.path=value"):
            _validate(bad)


@pytest.mark.parametrize(
    ("steps", "event_step", "fires"),
    [(100, 100, True), (100, 101, False), (100, 1, True)],
)
def test_an_event_at_the_last_step_is_accepted_and_one_past_it_refused(steps, event_step, fires):
    overrides = (
        f"steps={steps}",
        f"events=[{{kind: demand_shock, step: {event_step}, factor: 0.5}}]",
    )
    if fires:
        assert _validate(*overrides).events[0].step == event_step
    else:
        with pytest.raises(ScenarioError, match="after the run's last step"):
            _validate(*overrides)

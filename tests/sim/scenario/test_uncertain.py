"""Mode strengths are uncertain parameters with plausible ranges, and the default choice
noise meets its stated criterion (issue 17, items 4 and 7)."""

from __future__ import annotations

import pytest

from sim.scenario import Mode, Scenario
from sim.scenario.decisions import CHOICE_NOISE_SHARE
from sim.scenario.docs import parameter_table
from sim.scenario.mode_files import mode_scenario
from sim.scenario.parameters import uncertain_parameters
from sim.scenario.section import Plausible, param

MODE_STRENGTHS = {
    "oversight.peer_efficacy",
    "oversight.audit_accuracy",
    "oversight.leader_leniency",
    "oversight.partner_memory",
    "society.rating_penalty",
    "society.rating_recovery",
    "society.rating_accuracy",
    "society.fee_adjustment",
    "society.training_rate",
    "society.certification_bonus",
    "society.rating_weight",
    "decisions.enterprise.intensity",
    "decisions.enterprise.discount_factor",
}


def test_every_mode_strength_has_a_plausible_range_holding_its_default():
    found = {p.path: p for p in uncertain_parameters()}
    assert set(found) >= MODE_STRENGTHS
    for p in found.values():
        u = p.plausible
        assert u.low <= p.default <= u.high and u.low < u.high, p.path
        assert (p.lo is None or p.lo <= u.low) and (p.hi is None or u.high <= p.hi), p.path
        assert len(u.reason) > 10, p.path


def test_every_mode_preset_lies_inside_each_plausible_range():
    for mode in Mode:
        values = mode_scenario(mode).model_dump(mode="json")
        for p in uncertain_parameters():
            value = values
            for key in p.path.split("."):
                value = value[key]
            assert p.plausible.low <= value <= p.plausible.high, (mode, p.path, value)


def test_the_generated_docs_print_each_range_and_its_reason():
    table = parameter_table()
    for p in uncertain_parameters():
        row = next(line for line in table.splitlines() if f"`{p.path}`" in line)
        assert f"plausible [{p.plausible.low:g}, {p.plausible.high:g}]" in row
        assert p.plausible.reason in row


def test_a_range_outside_the_bounds_or_missing_the_default_is_refused():
    with pytest.raises(ValueError, match="plausible"):
        param(0.5, 0.0, 1.0, "fraction", "x", Plausible(0.6, 0.9, "default outside"))
    with pytest.raises(ValueError, match="plausible"):
        param(0.5, 0.0, 1.0, "fraction", "x", Plausible(0.1, 1.5, "beyond the bound"))
    with pytest.raises(ValueError, match="empty"):
        Plausible(0.9, 0.1, "reversed")


def test_default_choice_noise_is_at_most_a_twentieth_of_a_quarters_contribution():
    s = Scenario()
    noise = 1.0 / s.decisions.enterprise.intensity  # Gumbel scale, MU/CU/step
    assert s.decisions.enterprise.payoff_measure.value == "per_capacity"
    assert CHOICE_NOISE_SHARE == 0.05
    assert noise <= CHOICE_NOISE_SHARE * s.alliance.contribution_rate * (1 + 1e-12)
    # the old default (200) broke it: a quarter of the contribution
    assert CHOICE_NOISE_SHARE * s.alliance.contribution_rate < 1.0 / 200

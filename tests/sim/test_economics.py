"""Economic coherence of the mode comparison (DESIGN.md section 3): a social dilemma in
every mode at the defaults, modes that differ only by their mechanism, organisers that
can do their job, public spending that follows what the administration does, an
industry that settles, and choices that follow payoffs (the two controls).

Never a test of which mode does best."""

from __future__ import annotations

import numpy as np
import pytest

from sim.commands.main import main
from sim.incentives.diagnosis import audit
from sim.model import AllianceModel
from sim.output.results import run_scenario
from sim.scenario import Mode, Scenario
from sim.scenario.mode_files import mode_scenario
from sim.scenario.modes import MECHANISM_KEYS, MODES

HORIZON = Scenario().steps


def _flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, path + "."))
        else:
            out[path] = value
    return out


def _is_mechanism(path: str) -> bool:
    return any(path == k or path.startswith(k + ".") for k in MECHANISM_KEYS)


@pytest.mark.parametrize("mode", list(Mode))
def test_mode_scenarios_differ_from_the_default_only_in_mechanism_keys(mode):
    default = _flatten(Scenario().model_dump(mode="json"))
    scenario = _flatten(mode_scenario(mode).model_dump(mode="json"))
    differs = {k for k in default if default[k] != scenario[k]} - {"name", "description", "mode"}
    # market-only is the default's self-organised alliance with the peers' mechanism,
    # which the mode key itself selects; every other mode changes mechanism keys
    assert differs or mode is Mode.MARKET_ONLY
    assert all(_is_mechanism(k) for k in differs), sorted(
        k for k in differs if not _is_mechanism(k)
    )


def test_presets_set_only_mechanism_keys():
    from sim.scenario.modes import preset_keys

    for spec in MODES.values():
        assert all(_is_mechanism(k) for k in preset_keys(spec.preset)), spec.mode


@pytest.mark.parametrize("mode", list(Mode))
def test_a_dilemma_holds_at_every_modes_defaults(mode):
    """On the pool's own functions: one more MU contributed returns less than 1 MU to
    the smallest, the median and the largest member, and more than 1 MU to the group."""
    model = AllianceModel(mode_scenario(mode), rng=3)
    for _ in range(2):
        model.run(25)
        found = audit(model)
        assert [p.probe for p in found.probes] == ["smallest", "median", "largest"]
        assert found.probes[0].capacity < found.probes[2].capacity
        assert all(0 <= p.private_return < 1 for p in found.probes), found.probes
        assert found.group_return > 1
        assert found.multiplier <= found.multiplier_bound
        assert found.dilemma


def test_contribution_sharing_without_non_excludable_benefits_is_no_dilemma():
    scenario = mode_scenario(
        Mode.MARKET_ONLY, alliance={"sharing": "contribution", "non_excludable_share": 0.0}
    )
    found = audit(_model(scenario))
    # the member keeps (1 - nu) = all of the yield of its own contribution: r > 1 per MU
    assert all(p.private_return > 1 for p in found.probes)
    assert not found.dilemma


def _model(scenario: Scenario) -> AllianceModel:
    model = AllianceModel(scenario, rng=1)
    model.run(3)
    return model


def test_private_return_matches_the_formula_under_equal_sharing():
    """Equal sharing: one more MU returns (1 - cut) r_g / M to the contributor."""
    scenario = mode_scenario(Mode.MARKET_ONLY, alliance={"complementarity_bonus": 0.0})
    model = _model(scenario)
    found = audit(model)
    r = scenario.alliance.synergy * (1 + model.alliance.platform_gain())
    for p in found.probes:
        assert p.private_return == pytest.approx(r / found.members, rel=1e-9)


def test_diagnose_strict_exits_1_without_a_dilemma(repo_root, capsys):
    path = str(repo_root / "scenarios" / "market_only.yaml")
    args = ["diagnose", path, "--at", "2", "--set", "population.enterprises=300"]
    assert main([*args, "--strict"]) == 0
    assert "social dilemma: yes" in capsys.readouterr().out
    no_dilemma = [
        "--set",
        "alliance.sharing=contribution",
        "--set",
        "alliance.non_excludable_share=0",
    ]
    assert main([*args, *no_dilemma, "--strict"]) == 1
    assert "social dilemma: NO" in capsys.readouterr().out
    assert main([*args, *no_dilemma]) == 0  # without --strict it only reports


def test_fines_and_subsidies_scale_with_the_contribution_owed():
    model = _model(mode_scenario(Mode.GOVERNMENT_LED))
    found = audit(model)
    small, large = found.probes[0], found.probes[2]
    assert large.capacity > 10 * small.capacity
    # per MU owed, the same deterrent and the same subsidy for a small and a large firm
    assert large.sanction_per_mu == pytest.approx(small.sanction_per_mu, rel=1e-9)
    assert large.subsidy_per_mu == pytest.approx(small.subsidy_per_mu, rel=1e-9)
    assert small.sanction_per_mu > 0 and small.subsidy_per_mu > 0


# --- long runs at the default horizon (slow) --------------------------------------------
@pytest.fixture(scope="module")
def mode_runs():
    no_pairing = {"outcomes": {"value_added": False}}  # these tests need no counterfactual
    return {
        mode: [run_scenario(mode_scenario(mode, **no_pairing), seed=s) for s in (1, 2)]
        for mode in Mode
    }


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(Mode))
def test_every_engaged_organiser_stays_solvent_over_the_horizon(mode_runs, mode):
    spec = MODES[mode]
    for result in mode_runs[mode]:
        f = result.timeseries.iloc[1:]
        assert f["alliance_active"].mean() > 0.95
        if spec.public_money:
            assert f["administration_backing"].all()
            assert (f["administration_budget"] > 0).all()  # never ran dry
        if mode in (Mode.SOCIETY_LED, Mode.CO_CONSTRUCTION):
            assert f["society_participating"].all() and (f["society_cash"] > 0).all()
        if mode is Mode.ENTERPRISE_LED:  # the alliance stands on its leader here; in
            # co-construction the leader is one member among three organisers and may
            # leave once public support ends (seed 2 does at step 123; the alliance goes on)
            assert f["leader_engaged"].mean() > 0.9


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(Mode))
def test_the_industry_size_levels_off_by_the_default_horizon(mode_runs, mode):
    """Firm counts change by less than 10% of their mean across the final window.
    Whether they have settled to within ``outcomes.settle_tolerance`` is the settled
    flag's to say (sim/output/settled.py); judged over half the run, it reports the slow
    drift that continues past the default horizon in several modes (society-led: 2.5% to
    4.4% per 50 steps at step 200, seeds 1-3), which this test does not hide by
    asserting the flag."""
    for result in mode_runs[mode]:
        assert "settled" in result.summary["settled"]["enterprises"]
        sizes = result.timeseries["enterprises"].to_numpy()
        window = sizes[-HORIZON // 4 :]
        assert abs(window[-1] - window[0]) < 0.1 * window.mean()


@pytest.mark.slow
def test_public_cost_is_a_result_not_the_appropriation(mode_runs):
    costs = [
        r.summary["outcomes"]["cumulative_public_cost"] for r in mode_runs[Mode.GOVERNMENT_LED]
    ]
    appropriated = 100.0 + 25.0 * HORIZON
    assert len(set(costs)) == len(costs)  # varies with the run
    assert all(0 < c < appropriated for c in costs)  # what it did, not what it was given


@pytest.mark.slow
def test_without_a_pool_or_sanctions_contributing_dies_out():
    scenario = mode_scenario(
        Mode.MARKET_ONLY,
        alliance={
            "synergy": 0.0,
            "complementarity_bonus": 0.0,
            "platform": {"effect": 0.0},
            "monitoring_probability": 0.0,
        },
    )
    frame = run_scenario(scenario, seed=4).timeseries
    assert frame["cooperation_share"].iloc[0] > 0.3
    assert frame["cooperation_share"].iloc[-1] < 0.05


@pytest.mark.slow
def test_where_contributing_clearly_pays_it_spreads():
    scenario = mode_scenario(
        Mode.MARKET_ONLY,
        alliance={"sharing": "contribution", "non_excludable_share": 0.0, "synergy": 3.0},
    )
    frame = run_scenario(scenario, seed=4).timeseries
    assert frame["cooperation_share"].iloc[-1] > 0.9
    assert np.all(frame["cooperation_share"].iloc[-20:] > 0.9)


def test_a_dilemma_needs_every_sampled_member_and_the_group():
    from sim.incentives.diagnosis import Diagnosis, MemberIncentive

    def found(privates, group):
        probes = [
            MemberIncentive(n, 1.0, r, 0.0, 0.0) for n, r in zip("abc", privates, strict=True)
        ]
        return Diagnosis(1, 10, 2.0, 2.5, group, probes)

    assert found([0.2, 0.3, 0.9], 1.5).dilemma
    assert not found([0.2, 0.3, 1.2], 1.5).dilemma  # the largest member gains by contributing
    assert not found([0.2, 0.3, 0.9], 0.9).dilemma  # contributing wastes money for all
    assert not Diagnosis(1, 1, 2.0, 2.5, 1.5).dilemma  # no members sampled: no verdict

"""The incentive audit's sentences say what its numbers say (constructed diagnoses)."""

from __future__ import annotations

import math

import pytest

from sim.incentives.diagnosis import Diagnosis, MemberIncentive
from sim.report.incentive_audit import ModeAudit, audit_sentences, runway_text


def diagnosis(small_total: float, large_total: float, dilemma: bool = True) -> Diagnosis:
    private = 0.2 if dilemma else 1.5
    probes = [
        MemberIncentive("smallest", 1.0, private, 0.0, small_total - private),
        MemberIncentive("median", 2.0, private, 0.0, 0.0),
        MemberIncentive("largest", 9.0, private, 0.0, large_total - private),
    ]
    found = Diagnosis(10, 50, 2.0, 3.0, 1.8, probes)
    found.organisers = {"society": {"income": 1, "costs": 2, "funds": 30, "runway": 30.0}}
    return found


@pytest.mark.parametrize(
    "small,large,verdict",
    [
        (1.4, 1.2, "contributing pays both"),
        (0.6, 0.9, "free-riding still pays both"),
        (1.3, 0.2, "contributing pays the smallest, free-riding still pays the largest"),
        (0.5, 1.1, "contributing pays the largest, free-riding still pays the smallest"),
    ],
)
def test_the_verdict_follows_the_returns_with_incentives(small, large, verdict):
    sentences = audit_sentences(ModeAudit("society_led", ["rating"], [diagnosis(small, large)]))
    assert sentences[1].endswith(f"MU: {verdict}.")
    assert f"{small:.3f} and {large:.3f} MU" in sentences[1]


def test_dilemma_and_runway_sentences():
    steps = [diagnosis(1.2, 1.2), diagnosis(1.2, 1.2, dilemma=False)]
    steps[1].step = 20
    sentences = audit_sentences(ModeAudit("society_led", ["rating"], steps))
    assert sentences[0] == "Under society-led the pool is a social dilemma at steps 10 of 10, 20."
    assert sentences[2] == "Organisers' runway at step 20: society 30 steps."
    assert runway_text(math.inf) == "unlimited (income covers costs)"


def test_expected_penalty_sentence_weighs_each_monitor_by_the_members_it_watches():
    from sim.incentives.enforcement import MonitorTerms

    found = diagnosis(1.2, 1.2)
    found.enforcement = [
        MonitorTerms("audit", 0.5, 0.25, 0.9, 0.0, 1.0, 4.0, 0.2, 0.005, "administration"),
        MonitorTerms("rating", 0.5, 0.1, 0.8, 0.0, 1.0, 0.0, 6.0, 0.005, "society"),
    ]
    found.shielded_share = 0.0
    sentences = audit_sentences(ModeAudit("co_construction", [], [found]))
    expected = 0.5 * 0.25 * (4.0 + 0.2) + 0.5 * 0.1 * (0.0 + 6.0)  # 0.825
    assert sentences[2] == (
        f"A member its monitors can see expects to lose {expected:.3f} MU per MU it evades "
        "(detection × fine and lost standing)."
    )

"""The summary's sentences follow the intervals: overlapping modes are "not established",
a lever that reverses a ranking is said first, calibrated words only where the whole
interval fits the band. The stores are constructed with known answers; the mode labels
are neutral, so no test says which construction mode wins."""

from __future__ import annotations

import re

import pytest
from report_html import parse_report
from report_stores import build_store
from scipy import stats

from sim.report.build import write_report

MEMBER, ALIVE = "final_window.member_share", "final.alliance_active"
NOISE = (0.02, -0.02, 0.01, -0.01, 0.015, -0.015)
TERMS = {  # the IPCC bands, written out here independently of sim.report.likelihood
    "virtually certain": (0.99, 1.0), "extremely likely": (0.95, 1.0),
    "very likely": (0.90, 1.0), "likely": (0.66, 1.0), "about as likely as not": (0.33, 0.66),
    "unlikely": (0.0, 0.33), "very unlikely": (0.0, 0.10), "extremely unlikely": (0.0, 0.05),
    "exceptionally unlikely": (0.0, 0.01),
}  # fmt: skip


def summary_of(folder, values, modes, replicates=6) -> list[tuple[str, list[str]]]:
    store = build_store(folder, modes, values, replicates)
    return parse_report(write_report(store, audit=False).html.read_text(encoding="utf-8")).summary


def paragraph(summary, title: str) -> list[str]:
    return next(sentences for head, sentences in summary if head == title)


def test_overlapping_modes_are_not_established(tmp_path):
    def values(mode, level, r):
        base = 0.5 + 0.05 * (r % 3)
        shift = {"base": 0.0, "twin": NOISE[r], "high": 0.3 + NOISE[r] / 2}[mode]
        return {MEMBER: base + shift}

    sentences = paragraph(summary_of(tmp_path, values, ["base", "twin", "high"]), "Member share")
    twin = [s for s in sentences if s.startswith("Twin against base")]
    assert twin and "the difference is not established" in twin[0]
    assert not any(
        s.startswith("Twin is higher") or s.startswith("Twin is lower") for s in sentences
    )
    assert any(s.startswith("High is higher than base") for s in sentences)
    assert sentences[0].startswith("High has the highest member share, ")


def test_no_ranking_when_every_interval_overlaps(tmp_path):
    def values(mode, level, r):
        return {MEMBER: 0.5 + (NOISE[r] if mode == "one" else -NOISE[r])}

    sentences = paragraph(summary_of(tmp_path, values, ["one", "two"]), "Member share")
    assert sentences[0].startswith("No mode is established as the highest")
    assert "not established" in sentences[1]


def test_a_lever_that_reverses_the_ranking_is_said_first(tmp_path):
    def values(mode, level, r):
        sign = 1 if level == "equal" else -1
        return {MEMBER: 0.5 + NOISE[r] / 2 + (0.2 * sign if mode == "other" else 0.0)}

    summary = summary_of(tmp_path, values, ["base", "other"])
    title, sentences = summary[0]
    assert title == "The ranking depends on other levers"
    assert "alliance.sharing" in sentences[0]
    found = re.search(r"with alliance.sharing = (\w+), (\w+) is higher: .*"
                      r"with alliance.sharing = (\w+), it is lower", sentences[0])  # fmt: skip
    assert found, sentences[0]
    up, mode, down = found.groups()
    # constructed: "other" is higher with equal sharing and lower with contribution
    assert (mode, up, down) in {
        ("other", "equal", "contribution"),
        ("base", "contribution", "equal"),
    }


def test_no_reversal_paragraph_when_the_lever_keeps_the_order(tmp_path):
    def values(mode, level, r):
        return {MEMBER: 0.5 + NOISE[r] / 2 + (0.2 if mode == "other" else 0.0)}

    summary = summary_of(tmp_path, values, ["base", "other"])
    assert all(title != "The ranking depends on other levers" for title, _ in summary)
    first = paragraph(summary, "Member share")[0]
    assert first.startswith("Other has the highest member share, 0.700 (95% CI")
    assert first.endswith("and the difference from base is established.")


@pytest.mark.parametrize("alive_share", [1.0, 0.5, 0.2, 0.0, 0.7])
def test_calibrated_words_only_where_the_whole_interval_fits(tmp_path, alive_share):
    replicates = 30
    alive = round(alive_share * 2 * replicates)

    def values(mode, level, r):
        index = r * 2 + (level == "contribution")
        return {MEMBER: 0.5 + NOISE[r % 6], ALIVE: float(index < alive)}

    sentences = paragraph(summary_of(tmp_path, values, ["only", "again"], replicates),
                          "Alliance alive at the end")  # fmt: skip
    ci = stats.binomtest(alive, 2 * replicates).proportion_ci(0.95, method="wilson")
    fitting = [t for t, (a, b) in TERMS.items() if a <= ci.low and ci.high <= b]
    expected = min(fitting, key=lambda t: TERMS[t][1] - TERMS[t][0]) if fitting else None
    about_only = [s for s in sentences if s.startswith("Under only")]
    assert len(about_only) == 1
    sentence = about_only[0]
    used = [t for t in TERMS if re.search(rf"\bis {t} that\b", sentence)]
    assert used == ([expected] if expected else [])
    assert f"{alive / (2 * replicates):.2f}" in sentence  # the number is always given
    assert "95% CI" in sentence

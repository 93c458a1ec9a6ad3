"""The report stands alone, flags incomplete stores at the top, and shows the analyses of
other branches only when the store holds them (saying so otherwise)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from report_html import parse_report
from report_stores import build_store, tiny_mode_scenario

from sim.report.build import write_report

MEMBER, COST = "final_window.member_share", "outcomes.cumulative_public_cost"
MODES = ["base", "other"]


def plain(mode, level, r):
    return {MEMBER: 0.4 + 0.01 * r + (0.2 if mode == "other" else 0), COST: 10.0 * r}


@pytest.fixture
def html(tmp_path) -> str:
    store = build_store(tmp_path, MODES, plain)
    return write_report(store, audit=False).html.read_text(encoding="utf-8")


def test_references_nothing_outside_itself(html):
    assert not re.search(r"https?://", html)
    assert not re.search(r"\bsrc\s*=", html, flags=re.I)
    assert "<link" not in html and "<script" not in html.lower()
    assert "@import" not in html
    references = re.findall(r'href="([^"]*)"', html) + re.findall(r"url\(([^)]*)\)", html)
    assert references and all(r.startswith("#") for r in references)
    ids = re.findall(r'\bid="([^"]*)"', html)
    assert len(ids) == len(set(ids))  # figures' ids do not clash
    assert {r[1:] for r in references} <= set(ids)  # every reference points inside the page
    assert html.count("<svg") >= 2  # figures are inline


def test_print_style_keeps_tables_whole(html):
    print_rules = html[html.index("@media print") :]
    assert re.search(r"table[^{]*\{[^}]*break-inside:\s*avoid", print_rules)
    assert "@page" in html and "A4" in html


def test_a_complete_store_is_not_flagged(html):
    assert 'role="alert"' not in html


def test_failed_and_missing_runs_are_flagged_at_the_top(tmp_path):
    store = build_store(tmp_path, MODES, plain, replicates=4,
                        failed=frozenset({("other", "equal", 1), ("base", "equal", 2)}),
                        missing=frozenset({("other", "contribution", 3)}))  # fmt: skip
    html = write_report(store, audit=False).html.read_text(encoding="utf-8")
    flag = html.index('role="alert"')
    assert flag < html.index('id="summary"')
    top = html[flag : html.index("</div>", flag)]
    assert "2 of 16 planned runs failed" in top
    assert "1 of 16 planned runs are missing" in top
    assert "constructed failure" in html  # the failures are listed in the reproducibility section
    summary = parse_report(html).summary
    assert summary[0][0] == "Incomplete results"


def test_missing_analyses_are_said_to_be_missing(html):
    assert html.count("Not available in this store") == 4  # value added, robust, PRIM, policy
    parsed = parse_report(html)
    titles = [t for t, _ in parsed.summary]
    assert "Alliance's value added" not in titles
    robust = dict(parsed.summary)["How robust the ranking is"]
    assert "no robust comparison is available in this store" in robust[0]


def test_value_added_is_shown_when_the_store_has_it(tmp_path):
    def with_value(mode, level, r):
        return {
            **plain(mode, level, r),
            "final_window.value_added": 50.0 + r + (10 if mode == "other" else 0),
            "time_average.value_added": 40.0 + r,
            "time_average.public_cost": 2.0 * r,
        }

    store = build_store(tmp_path, MODES, with_value)
    files = write_report(store, audit=False)
    parsed = parse_report(files.html.read_text(encoding="utf-8"))
    assert ("other", "value_added") in parsed.cells
    csv = pd.read_csv(files.csv).set_index(["mode", "outcome"])
    assert csv.loc[("other", "value_added"), "column"] == "final_window.value_added"
    assert csv.loc[("other", "value_added"), "mean"] == pytest.approx(60 + 2.5)
    # per run, time-averaged value added over time-averaged public cost; r = 0 spent nothing
    per_cost = csv.loc[("other", "value_per_cost")]
    expected = [(40.0 + r) / (2.0 * r) for r in range(1, 6)]
    assert per_cost["mean"] == pytest.approx(sum(expected) / len(expected))
    assert per_cost["n"] == 5
    assert "Alliance's value added" in [t for t, _ in parsed.summary]


def write_robust(store, first: dict, pairs: dict | None = None) -> None:
    """The robust comparison's tables where ``alliance summarise`` writes them."""
    (store / "tables").mkdir(exist_ok=True)
    pd.DataFrame(first).to_csv(store / "tables" / "robust_first.csv", index=False)
    if pairs:
        pd.DataFrame(pairs).to_csv(store / "tables" / "robust_pairs.csv", index=False)


def test_robust_comparison_files_are_read(tmp_path):
    store = build_store(tmp_path, MODES, plain)
    write_robust(
        store,
        {"outcome": [MEMBER] * 2, "mode": ["other", "base"], "p_first": [0.93, 0.07],
         "ci_low": [0.91, 0.05], "ci_high": [0.95, 0.09], "points": [50, 50]},
        {"outcome": [MEMBER], "a": ["other"], "b": ["base"], "p_a_beats_b": [0.6],
         "ci_low": [0.4], "ci_high": [0.8], "p_tie": [0.0], "points": [50]},
    )  # fmt: skip
    html = write_report(store, audit=False).html.read_text(encoding="utf-8")
    robust = dict(parse_report(html).summary)["How robust the ranking is"]
    assert robust == [
        f"That other ranks first on {MEMBER} over the uncertain parameters is very likely: "
        "probability 0.930 (95% CI 0.910 to 0.950)."
    ]
    assert (
        f"That other beats base on {MEMBER} is probability 0.600 (95% CI 0.400 to 0.800)." in html
    )
    assert "robust_pairs.csv" in html
    assert html.count("Not available in this store") == 3  # value added, PRIM, policy


def test_a_ranking_that_is_not_robust_is_said_first(tmp_path):
    store = build_store(tmp_path, MODES, plain)
    first = {"outcome": [MEMBER] * 2, "mode": ["other", "base"], "p_first": [0.7, 0.3],
             "ci_low": [0.55, 0.15], "ci_high": [0.85, 0.45]}  # fmt: skip
    write_robust(store, first)
    summary = parse_report(
        write_report(store, audit=False).html.read_text(encoding="utf-8")
    ).summary
    title, sentences = summary[0]
    assert title == "How robust the ranking is"
    assert sentences[0].startswith(f"On {MEMBER}, the ranking is not robust")
    assert (
        "other 0.700 (95% CI 0.550 to 0.850) and base 0.300 (95% CI 0.150 to 0.450)" in sentences[0]
    )


def test_scenario_discovery_sentences_are_read(tmp_path):
    store = build_store(tmp_path, MODES, plain)
    folder = store / "discovery" / "collapse"
    folder.mkdir(parents=True)
    pd.DataFrame({"parameter": ["alliance.synergy"], "low": [1.1], "high": [1.4]}).to_csv(
        folder / "limits.csv", index=False
    )
    (folder / "discovery.md").write_text(
        "# Scenario discovery: collapse\n\ncollapse: 12 of 50 cases (24%).\n\n"
        "In 80% of the cases where synergy < 1.4, collapse.\n\n## Chosen box\n\n| x |\n"
    )
    html = write_report(store, audit=False).html.read_text(encoding="utf-8")
    robust = dict(parse_report(html).summary)["How robust the ranking is"]
    assert robust == [
        "collapse: 12 of 50 cases (24%).",
        "In 80% of the cases where synergy < 1.4, collapse.",
    ]
    assert "discovery/collapse/limits.csv" in html


def test_incentive_audit_per_mode(tmp_path):
    scenarios = {m: tiny_mode_scenario(m) for m in ("market_only", "government_led")}
    store = build_store(tmp_path, list(scenarios), plain, replicates=3, scenarios=scenarios)
    html = write_report(store).html.read_text(encoding="utf-8")
    section = html[html.index('id="incentives"') : html.index('id="assumptions"')]
    assert section.count('class="audit"') == 2
    assert "Monitors: peers (members watch each other, weakly)." in section
    assert "Monitors: the administration&#39;s random audits." in section
    assert "administration:" in section  # the government-led organiser's runway
    assert section.count("How each monitor enforces, at step 6") == 2


def test_a_policy_search_beside_the_store_draws_its_acceptability_curve(tmp_path):
    """What ``alliance policy ... --out STORE/policy/NAME`` writes (the search's own
    writer) is found: the curve drawn, its sentences read."""
    from sim.experiment.policy_output import report_curve

    store = build_store(tmp_path, MODES, plain)
    before = write_report(store, audit=False).html.read_text(encoding="utf-8")
    assert "No policy search" in before
    folder = store / "policy" / "government_led-administration.subsidy"
    folder.mkdir(parents=True)
    curve = pd.DataFrame({"level": [0.0, 0.5, 1.0], "p_success": [0.1, 0.6, 0.9],
                          "band_low": [0.0, 0.4, 0.8], "band_high": [0.2, 0.8, 1.0]})  # fmt: skip
    report_curve(curve, "government_led").to_csv(folder / "acceptability.csv", index=False)
    (folder / "policy.md").write_text(
        "# Policy search: government_led, administration.subsidy\n\n"
        "The cheapest subsidy with P(success) of at least 0.8 is 0.38.\n"
    )
    html = write_report(store, audit=False).html.read_text(encoding="utf-8")
    assert "No policy search" not in html
    assert "Acceptability: probability of success" in html
    assert "The cheapest subsidy with P(success) of at least 0.8 is 0.38." in html

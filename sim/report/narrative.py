"""The summary in plain language, generated from the numbers.

Rules, in the order a reader meets them: failed or missing runs first; then every
ranking that reverses with another lever of the experiment (:mod:`sim.report.levers`)
or that the robust comparison finds fragile; then, outcome by outcome, which mode is
established best (or that no mode is), and each mode against the baseline. Every value
carries its 95% interval; where an interval holds zero the sentence says the difference
is not established; probabilities get a calibrated word (:mod:`sim.report.likelihood`)
only when the whole interval lies in its band, and always the number with it. Nothing
is ranked by point estimates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.report.comparison import Comparison
from sim.report.estimates import Estimate
from sim.report.levers import Reversal
from sim.report.likelihood import likelihood
from sim.report.outcomes import HEADLINE, Direction, ReportOutcome, Scale
from sim.report.ranking import best, leading_group
from sim.report.wording import listing, mode_name, with_interval

MAX_REVERSALS = 6


@dataclass
class Paragraph:
    """A titled group of sentences in the summary."""

    title: str
    sentences: list[str] = field(default_factory=list)


def summary(
    table: Comparison, reversals: list[Reversal], warnings: list[str], robustness: list[str]
) -> list[Paragraph]:
    """The summary's paragraphs, most important first."""
    out = []
    if warnings:
        out.append(Paragraph("Incomplete results", list(warnings)))
    if reversals:
        out.append(Paragraph("The ranking depends on other levers", _reversals(reversals)))
    out.append(Paragraph("How robust the ranking is", robustness or [NOT_ROBUSTNESS_TESTED]))
    for outcome in table.outcomes:
        if outcome.key in HEADLINE:
            out.append(Paragraph(outcome.label, _outcome(table, outcome)))
    return out


NOT_ROBUSTNESS_TESTED = (
    "Whether the ranking holds over the uncertain parameters is not assessed here: "
    "no robust comparison is available in this store."
)


def _reversals(found: list[Reversal]) -> list[str]:
    sentences = [reversal_sentence(r) for r in found[:MAX_REVERSALS]]
    if len(found) > MAX_REVERSALS:
        sentences.append(
            f"{len(found) - MAX_REVERSALS} more reversals of this kind are in the data."
        )
    return sentences


def reversal_sentence(r: Reversal) -> str:
    """One reversal, both sides with their intervals."""
    a, b = mode_name(r.first), mode_name(r.second)
    label = r.outcome.label.lower()
    return (
        f"On {label}, {a} against {b} depends on {r.lever}: with {r.lever} = {r.up}, "
        f"{a} is higher: {with_interval(r.up_difference, sign=True)}; with {r.lever} = "
        f"{r.down}, it is lower: {with_interval(r.down_difference, sign=True)}."
    )


def _outcome(table: Comparison, outcome: ReportOutcome) -> list[str]:
    valued = [m for m in table.modes if table.cell(m, outcome.key).value.defined]
    if len(valued) < 2:
        return [_lone(table, outcome, valued)]
    sentences = [_ranking(table, outcome, valued)]
    if outcome.scale is Scale.PROBABILITY:
        sentences += [_probability(outcome, m, table.cell(m, outcome.key).value) for m in valued]
    base = table.baseline
    if base is not None and base not in valued:
        sentences.append(
            f"{mode_name(base).capitalize()} has no value, so no paired difference against it."
        )
        return sentences
    for mode in valued:
        versus = table.cell(mode, outcome.key).versus_baseline
        if versus is not None:
            sentences.append(_against_baseline(mode, base, versus))
    return sentences


def _lone(table: Comparison, outcome: ReportOutcome, valued: list[str]) -> str:
    if not valued:
        return "No mode has a value in this store."
    (mode,) = valued
    value = with_interval(table.cell(mode, outcome.key).value)
    return f"Only {mode_name(mode)} has a value, {value}; there is nothing to compare it with."


def _ranking(table: Comparison, outcome: ReportOutcome, modes: list[str]) -> str:
    pairs = table.pairs[outcome.key]
    extreme = "highest" if outcome.direction is Direction.HIGHER else "lowest"
    top = best(pairs, modes, outcome.direction)
    if top is not None:
        value = with_interval(table.cell(top, outcome.key).value)
        others = [mode_name(m) for m in modes if m != top]
        against = f"from {others[0]}" if len(others) == 1 else "from every other mode"
        return (
            f"{mode_name(top).capitalize()} has the {extreme} {outcome.label.lower()}, "
            f"{value}, and the difference {against} is established."
        )
    group = leading_group(pairs, modes, outcome.direction)
    if len(group) == len(modes):
        return (
            f"No mode is established as the {extreme}: the differences between the modes "
            "are not established."
        )
    names = listing([mode_name(m) for m in group])
    if all(_identical(pairs[(a, b)]) for a in group for b in group if a != b):
        return (
            f"{names.capitalize()} share the {extreme} value: they do not differ in any paired run."
        )
    return (
        f"No single mode is established as the {extreme}: {names} lead, and the difference "
        "between them is not established."
    )


def _identical(d: Estimate) -> bool:
    return d.defined and d.low == d.high == 0


def _against_baseline(mode: str, baseline: str | None, d: Estimate) -> str:
    a, b = mode_name(mode).capitalize(), mode_name(baseline or "")
    if not d.defined:
        return f"{a} against {b}: no paired runs, so no difference can be given."
    if _identical(d):
        return f"{a} and {b} do not differ: the same value in every paired run."
    if not d.excludes_zero:
        return f"{a} against {b}: the difference is not established, {with_interval(d, sign=True)}."
    way = "higher" if d.mean > 0 else "lower"
    return f"{a} is {way} than {b}: {with_interval(d, sign=True)}."


def _probability(outcome: ReportOutcome, mode: str, p: Estimate) -> str:
    """A probability in calibrated words where its whole interval fits a band."""
    name = mode_name(mode)
    term = likelihood(p.low, p.high)
    if term is None:
        return f"Under {name}, the probability that {outcome.event} is {with_interval(p)}."
    return f"Under {name}, it is {term.value} that {outcome.event}: probability {with_interval(p)}."

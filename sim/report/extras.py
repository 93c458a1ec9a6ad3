"""Analyses built on other branches, read when the store folder holds them.

The robust comparison, scenario discovery (PRIM) and policy search write their results
into or beside the store; the report shows what it finds and says "not available in this
store" otherwise, never inventing them. What it reads (docs/report.md documents it):

* robust comparison: ``tables/robust_first.csv`` (``outcome, mode, p_first, ci_low,
  ci_high``) and ``tables/robust_pairs.csv`` (``outcome, a, b, p_a_beats_b, ci_low,
  ci_high``) as ``alliance summarise`` writes them for a Latin hypercube over several
  modes, and any CSV in ``robust/``; turned into sentences by :mod:`sim.report.robustness`;
* scenario discovery: ``discovery/<condition>/limits.csv`` and the sentences of
  ``discovery/<condition>/discovery.md`` as ``alliance discover`` writes them, and any CSV
  in ``discovery/`` (a ``sentence`` or ``description`` column is read out);
* policy search: any CSV in ``policy/``, and what ``alliance policy ... --out
  STORE/policy/<name>`` writes there: ``acceptability.csv`` with ``support, probability,
  ci_low, ci_high, mode`` is drawn as the acceptability curve, and the sentences of
  ``policy.md`` are read out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import pandas as pd

SENTENCE_COLUMNS = ("sentence", "description")


class Analysis(StrEnum):
    """An analysis of another branch, named by the folder beside the store that holds it."""

    ROBUST = "robust"
    DISCOVERY = "discovery"
    POLICY = "policy"


ABOUT: dict[Analysis, tuple[str, str]] = {
    Analysis.ROBUST: ("How robust is the ranking",
                      "the probability that each mode ranks first and that one beats another, "
                      "over the uncertain parameters"),
    Analysis.DISCOVERY: ("Scenario discovery",
                         "the conditions (PRIM boxes) under which a ranking flips"),
    Analysis.POLICY: ("Policy search", "the cheapest public support that keeps the probability "
                      "of success above a target"),
}  # fmt: skip


@dataclass
class Extra:
    """One optional analysis: its tables and sentences, or why it is absent."""

    analysis: Analysis
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return ABOUT[self.analysis][0]

    @property
    def purpose(self) -> str:
        return ABOUT[self.analysis][1]

    @property
    def folder(self) -> str:
        return ", ".join(SOURCES[self.analysis])

    @property
    def present(self) -> bool:
        return bool(self.tables)


SOURCES: dict[Analysis, tuple[str, ...]] = {
    Analysis.ROBUST: ("tables/robust_first.csv", "tables/robust_pairs.csv", "robust/*.csv"),
    Analysis.DISCOVERY: ("discovery/*.csv", "discovery/*/limits.csv"),
    Analysis.POLICY: ("policy/*.csv", "policy/*/acceptability.csv"),
}
"""Where each analysis's tables are, relative to the store folder."""


def read_extras(store: Path) -> dict[Analysis, Extra]:
    """Every optional analysis, present or not."""
    return {analysis: _read(store, analysis) for analysis in Analysis}


def _read(store: Path, analysis: Analysis) -> Extra:
    extra = Extra(analysis)
    for pattern in SOURCES[analysis]:
        for path in sorted(store.glob(pattern)):
            table = pd.read_csv(path)
            extra.tables[path.relative_to(store).with_suffix("").as_posix()] = table
            extra.sentences.extend(_sentence_column(table))
    pages = {Analysis.DISCOVERY: "discovery/*/discovery.md", Analysis.POLICY: "policy/*/policy.md"}
    if analysis in pages:
        for page in sorted(store.glob(pages[analysis])):
            extra.sentences.extend(markdown_sentences(page.read_text(encoding="utf-8")))
    return extra


def _sentence_column(table: pd.DataFrame) -> list[str]:
    for column in SENTENCE_COLUMNS:
        if column in table:
            return [str(s) for s in table[column].dropna()]
    return []


def markdown_sentences(text: str) -> list[str]:
    """The paragraphs between a page's title and its first subsection."""
    body = text.split("\n## ", 1)[0]
    paragraphs = [p.strip() for p in body.split("\n\n")]
    return [" ".join(p.split()) for p in paragraphs if p and not p.startswith("#")]

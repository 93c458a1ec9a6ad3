"""Analyses built on other branches, read when the store folder holds them.

The robust comparison, scenario discovery (PRIM) and policy search write their results
beside the store; the report shows what it finds and says "not available in this store"
otherwise, never inventing them. What it reads (docs/report.md documents it):

* ``robust/*.csv``: any table is shown; ``robust/rank_first.csv`` with columns ``mode``,
  ``probability``, ``ci_low``, ``ci_high`` (optionally ``outcome``) and
  ``robust/pairwise.csv`` with ``first``, ``second``, ``probability``, ``ci_low``,
  ``ci_high`` (P(first beats second)) also become sentences in the summary, in calibrated
  words where the interval allows;
* ``discovery/*.csv``: any table is shown; a ``sentence`` (or ``description``) column is
  read out as sentences (the conditions under which a ranking flips);
* ``policy/*.csv``: any table is shown; ``policy/acceptability.csv`` with ``support``,
  ``probability``, ``ci_low``, ``ci_high`` (optionally ``mode``) is drawn as the
  acceptability curve (:mod:`sim.report.figures`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import pandas as pd

from sim.report.estimates import Estimate
from sim.report.likelihood import likelihood
from sim.report.wording import mode_name, with_interval

SENTENCE_COLUMNS = ("sentence", "description")
RANK_COLUMNS = {"mode", "probability", "ci_low", "ci_high"}
PAIR_COLUMNS = {"first", "second", "probability", "ci_low", "ci_high"}


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
        return self.analysis.value

    @property
    def present(self) -> bool:
        return bool(self.tables)


def read_extras(store: Path) -> dict[Analysis, Extra]:
    """Every optional analysis, present or not."""
    return {analysis: _read(store, analysis) for analysis in Analysis}


def _read(store: Path, analysis: Analysis) -> Extra:
    extra = Extra(analysis)
    for path in sorted((store / analysis.value).glob("*.csv")):
        table = pd.read_csv(path)
        extra.tables[path.stem] = table
        for column in SENTENCE_COLUMNS:
            if column in table:
                extra.sentences.extend(str(s) for s in table[column].dropna())
                break
    return extra


def rank_sentences(extra: Extra) -> list[str]:
    """P(a mode ranks first) and P(one mode beats another) as sentences, in calibrated
    words where the whole interval fits a band."""
    out = []
    table = extra.tables.get("rank_first")
    if table is not None and set(table.columns) >= RANK_COLUMNS:
        for row in table.itertuples(index=False):
            on = f" on {row.outcome}" if hasattr(row, "outcome") else ""
            event = f"{mode_name(str(row.mode))} ranks first{on} over the uncertain parameters"
            out.append(_probability_sentence(event, row))
    table = extra.tables.get("pairwise")
    if table is not None and set(table.columns) >= PAIR_COLUMNS:
        for row in table.itertuples(index=False):
            event = f"{mode_name(str(row.first))} beats {mode_name(str(row.second))}"
            out.append(_probability_sentence(event, row))
    return out


def _probability_sentence(event: str, row) -> str:
    p = Estimate(float(row.probability), float(row.ci_low), float(row.ci_high), 2)
    term = likelihood(p.low, p.high)
    words = f"{term.value}: " if term else ""
    return f"That {event} is {words}probability {with_interval(p)}."

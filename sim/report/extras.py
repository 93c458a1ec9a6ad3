"""Analyses built on other branches, read when the store folder holds them.

The robust comparison, scenario discovery (PRIM) and policy search write their results
beside the store; the report shows what it finds and says "not available in this store"
otherwise, never inventing them. What it reads (docs/report.md documents it):

* ``robust/*.csv``: any table is shown; ``robust/rank_first.csv`` with columns ``mode``,
  ``probability``, ``ci_low``, ``ci_high`` (optionally ``outcome``) also becomes sentences
  in the summary, in calibrated words where the interval allows;
* ``discovery/*.csv``: any table is shown; a ``sentence`` (or ``description``) column is
  read out as sentences (the conditions under which a ranking flips);
* ``policy/*.csv``: any table is shown; ``policy/acceptability.csv`` with ``support``,
  ``probability``, ``ci_low``, ``ci_high`` (optionally ``mode``) is drawn as the
  acceptability curve (:mod:`sim.report.figures`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sim.report.estimates import Estimate
from sim.report.likelihood import likelihood
from sim.report.wording import mode_name, with_interval

SENTENCE_COLUMNS = ("sentence", "description")
RANK_COLUMNS = {"mode", "probability", "ci_low", "ci_high"}


@dataclass
class Extra:
    """One optional analysis: its tables and sentences, or why it is absent."""

    title: str
    folder: str
    purpose: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.tables)


EXTRAS = (
    ("How robust is the ranking", "robust",
     "the probability that each mode ranks first and that one beats another, over the "
     "uncertain parameters"),
    ("Scenario discovery", "discovery",
     "the conditions (PRIM boxes) under which a ranking flips"),
    ("Policy search", "policy",
     "the cheapest public support that keeps the probability of success above a target"),
)  # fmt: skip


def read_extras(store: Path) -> dict[str, Extra]:
    """Every optional analysis, keyed by its folder name, present or not."""
    return {folder: _read(store, title, folder, purpose) for title, folder, purpose in EXTRAS}


def _read(store: Path, title: str, folder: str, purpose: str) -> Extra:
    extra = Extra(title, folder, purpose)
    for path in sorted((store / folder).glob("*.csv")):
        table = pd.read_csv(path)
        extra.tables[path.stem] = table
        for column in SENTENCE_COLUMNS:
            if column in table:
                extra.sentences.extend(str(s) for s in table[column].dropna())
                break
    return extra


def rank_sentences(extra: Extra) -> list[str]:
    """``P(mode ranks first)`` as sentences with calibrated words where they fit."""
    table = extra.tables.get("rank_first")
    if table is None or not set(table.columns) >= RANK_COLUMNS:
        return []
    out = []
    for row in table.itertuples(index=False):
        p = Estimate(float(row.probability), float(row.ci_low), float(row.ci_high), 2)
        on = f" on {row.outcome}" if hasattr(row, "outcome") else ""
        term = likelihood(p.low, p.high)
        words = f"{term.value}: " if term else ""
        out.append(
            f"That {mode_name(str(row.mode))} ranks first{on} over the uncertain parameters is "
            f"{words}probability {with_interval(p)}."
        )
    return out

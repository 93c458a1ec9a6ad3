"""Reading a report back: the comparison table's cells and the summary's sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

SPANS = {"mean", "low", "high", "d", "d-low", "d-high"}


@dataclass
class ParsedCell:
    """The text of one table cell, by the class of its spans."""

    texts: dict[str, str] = field(default_factory=dict)
    best: bool = False


class ReportParser(HTMLParser):
    """Collects table cells (by mode and outcome) and summary list items."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], ParsedCell] = {}
        self.summary: list[tuple[str, list[str]]] = []
        self._mode = self._cell = self._span = None
        self._in_summary = self._in_li = self._in_h3 = False
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self._in_summary = a.get("id") == "summary"
        if tag == "tr" and "data-mode" in a:
            self._mode = a["data-mode"]
        if tag == "td" and self._mode and "data-outcome" in a:
            self._cell = ParsedCell(best="best" in (a.get("class") or ""))
            self.cells[(self._mode, a["data-outcome"])] = self._cell
        if tag == "span" and self._cell is not None and a.get("class") in SPANS:
            self._span, self._text = a["class"], ""
        if self._in_summary and tag in ("li", "h3"):
            self._in_li, self._in_h3, self._text = tag == "li", tag == "h3", ""

    def handle_endtag(self, tag):
        if tag == "span" and self._span:
            self._cell.texts[self._span] = self._text.strip()
            self._span = None
        if tag == "td":
            self._cell = None
        if tag == "tr":
            self._mode = None
        if tag == "h3" and self._in_h3:
            self.summary.append((self._text.strip(), []))
            self._in_h3 = False
        if tag == "li" and self._in_li:
            self.summary[-1][1].append(" ".join(self._text.split()))
            self._in_li = False

    def handle_data(self, data):
        if self._span or self._in_li or self._in_h3:
            self._text += data


def parse_report(html: str) -> ReportParser:
    parser = ReportParser()
    parser.feed(html)
    return parser


def as_number(text: str) -> tuple[float, float]:
    """A displayed number and half a unit of its last decimal (its rounding tolerance)."""
    clean = text.replace("−", "-").replace(",", "").replace("+", "")
    decimals = len(clean.partition(".")[2])
    return float(clean), 0.5 * 10.0**-decimals + 1e-12

"""The validation table as text (for the terminal) and as Markdown (for the docs)."""

from __future__ import annotations

from sim.validation.check import CheckResult

HEADER = ("check", "source", "measured", "expected", "tolerance", "pass")


def _cells(row: CheckResult) -> tuple[str, ...]:
    return (
        row.check,
        row.source,
        row.measured,
        row.expected,
        row.tolerance,
        "PASS" if row.passed else "FAIL",
    )


def text_row(row: CheckResult) -> str:
    """One row as indented lines (wide cells do not fit a terminal's columns)."""
    check, source, measured, expected, tolerance, verdict = _cells(row)
    return (
        f"[{verdict}] {check}\n"
        f"       measured: {measured}\n"
        f"       expected: {expected}   tolerance: {tolerance}\n"
        f"       source:   {source}"
    )


def text_table(rows: list[CheckResult]) -> str:
    """All rows and a count of failures."""
    failed = sum(not r.passed for r in rows)
    body = "\n".join(text_row(r) for r in rows)
    return f"{body}\n{len(rows) - failed}/{len(rows)} checks passed"


def markdown_table(rows: list[CheckResult]) -> str:
    """A Markdown table with the six columns."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        lines.append("| " + " | ".join(c.replace("|", "/") for c in _cells(row)) + " |")
    return "\n".join(lines)

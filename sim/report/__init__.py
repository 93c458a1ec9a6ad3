"""The policymakers' report: one self-contained HTML file comparing the construction modes.

``write_report(store)`` (:mod:`sim.report.build`) reads a sweep store and writes
``report.html`` (every figure inline as SVG, no network access, a print style sheet)
with the comparison table beside it as CSV and Markdown. The numbers come from the
store alone; templates only lay them out.
"""

"""Documentation generated from the scenario schema, so it cannot drift from the code:
the parameter and event tables of ``docs/ODD.md`` and ``scenarios/default.yaml``.

    python -m sim.scenario.docs default-yaml > scenarios/default.yaml
    python -m sim.scenario.docs table
    python -m sim.scenario.docs odd            # rewrite the generated block of docs/ODD.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from sim.scenario.commented_yaml import commented_yaml
from sim.scenario.events import EVENT_MODELS
from sim.scenario.parameters import allowed, iter_parameters
from sim.scenario.root import Scenario

ODD_PATH = Path(__file__).resolve().parents[2] / "docs" / "ODD.md"
ODD_BEGIN = "<!-- BEGIN GENERATED PARAMETER TABLE (python -m sim.scenario.docs odd) -->"
ODD_END = "<!-- END GENERATED PARAMETER TABLE -->"


def event_table() -> str:
    """Markdown table of the fields of every kind of scheduled event."""
    rows = [
        "| event kind | key | default | unit | allowed | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for model in EVENT_MODELS:
        kind = model.model_fields["kind"].default.value
        for p in iter_parameters(model):
            if p.path == "kind":
                continue
            default = yaml.safe_dump(p.default, default_flow_style=True).strip()
            default = default.removesuffix("...").strip()
            rows.append(
                f"| `{kind}` | `{p.path}` | `{default}` | {p.unit} | {allowed(p)} | {p.doc} |"
            )
    return "\n".join(rows) + "\n"


def odd_block() -> str:
    """The generated part of docs/ODD.md: every parameter and every event field."""
    return (
        f"{ODD_BEGIN}\n\n### Scenario parameters\n\n{parameter_table()}\n"
        f"### Scheduled events\n\n{event_table()}\n{ODD_END}"
    )


def odd_with_current_table(text: str) -> str:
    """``text`` (the ODD) with its generated block replaced by the current one."""
    head, sep, rest = text.partition(ODD_BEGIN)
    _, sep2, tail = rest.partition(ODD_END)
    if not sep or not sep2:
        raise ValueError(f"docs/ODD.md lacks the markers {ODD_BEGIN!r} ... {ODD_END!r}")
    return head + odd_block() + tail


def parameter_table() -> str:
    """Markdown table of every parameter: key, default, unit, allowed values, meaning."""
    rows = ["| key | default | unit | allowed | meaning |", "|---|---|---|---|---|"]
    for p in iter_parameters():
        default = yaml.safe_dump(p.default, default_flow_style=True).strip().removesuffix("...")
        rows.append(f"| `{p.path}` | `{default.strip()}` | {p.unit} | {allowed(p)} | {p.doc} |")
    return "\n".join(rows) + "\n"


DEFAULT_HEADER = """
The default scenario: an archives services industry of 1,000 firms, with an alliance
that firms may organise among themselves (no outside organiser), no administration
and no society. Every key of the schema appears below with its meaning, unit and
allowed values; delete any key to get its default.

Generated from the schema by `python -m sim.scenario.docs default-yaml`; a test fails
when this file and the schema disagree. Money in MU (think 10,000 yuan), time in
steps (one step = one quarter), capacity in CU (project value deliverable per step).
"""


def main(argv: list[str]) -> int:
    if argv[:1] == ["default-yaml"]:
        sys.stdout.write(commented_yaml(Scenario(name="default"), DEFAULT_HEADER))
        return 0
    if argv[:1] == ["table"]:
        sys.stdout.write(parameter_table())
        return 0
    if argv[:1] == ["odd"]:
        ODD_PATH.write_text(
            odd_with_current_table(ODD_PATH.read_text(encoding="utf-8")), encoding="utf-8"
        )
        return 0
    print("usage: python -m sim.scenario.docs default-yaml | table | odd", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

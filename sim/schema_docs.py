"""Documentation generated from the scenario schema, so it cannot drift from the code.

``iter_parameters`` walks :class:`sim.config.Scenario` and yields every parameter with
its key path, default, unit, range and meaning. ``commented_yaml`` renders a scenario
as YAML with each key documented (``scenarios/default.yaml`` is made this way);
``parameter_table`` renders the Markdown table used by the docs.

    python -m sim.schema_docs default-yaml > scenarios/default.yaml
    python -m sim.schema_docs table
    python -m sim.schema_docs odd            # rewrite the generated block of docs/ODD.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from annotated_types import Ge, Le
from pydantic import BaseModel

from sim.config import EVENT_MODELS, Scenario

ODD_PATH = Path(__file__).resolve().parent.parent / "docs" / "ODD.md"
ODD_BEGIN = "<!-- BEGIN GENERATED PARAMETER TABLE (python -m sim.schema_docs odd) -->"
ODD_END = "<!-- END GENERATED PARAMETER TABLE -->"

SKIP = {"source_path"}


@dataclass(frozen=True)
class Parameter:
    path: str
    default: Any
    unit: str
    lo: float | None
    hi: float | None
    doc: str
    choices: tuple[str, ...] = ()


def iter_parameters(model: type[BaseModel] = Scenario, prefix: str = "") -> Iterator[Parameter]:
    """Every leaf parameter of the schema, depth first, in declaration order."""
    for name, field in model.model_fields.items():
        if name in SKIP:
            continue
        ann = field.annotation
        path = f"{prefix}{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            yield from iter_parameters(ann, path + ".")
            continue
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        lo = next((m.ge for m in field.metadata if isinstance(m, Ge)), None)
        hi = next((m.le for m in field.metadata if isinstance(m, Le)), None)
        default = field.get_default(call_default_factory=True)
        yield Parameter(
            path,
            _plain(default),
            str(extra.get("unit", "")),
            lo,
            hi,
            field.description or "",
            _choices(ann),
        )


def _choices(ann: Any) -> tuple[str, ...]:
    args = getattr(ann, "__args__", ()) or (ann,)
    for arg in args:
        if isinstance(arg, type) and issubclass(arg, Enum):
            return tuple(e.value for e in arg)
    return ()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def allowed(p: Parameter) -> str:
    """The allowed values of a parameter, in words."""
    if p.path == "events":
        return "list of events, kind one of " + ", ".join(
            e.model_fields["kind"].default.value for e in EVENT_MODELS
        )
    if p.choices:
        return "one of " + ", ".join(p.choices)
    if isinstance(p.default, bool):
        return "true or false"
    if p.lo is None and p.hi is None:
        return "any"
    lo = "-inf" if p.lo is None else f"{p.lo:g}"
    hi = "inf" if p.hi is None else f"{p.hi:g}"
    return f"[{lo}, {hi}]"


def commented_yaml(scenario: Scenario, header: str = "") -> str:
    """The scenario as YAML with every key commented: meaning, unit, allowed values."""
    data = scenario.model_dump(mode="json", exclude={"source_path"})
    docs = {p.path: p for p in iter_parameters()}
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()] if header else []
    _render(data, "", 0, docs, lines)
    return "\n".join(lines) + "\n"


def _render(
    data: dict, prefix: str, depth: int, docs: dict[str, Parameter], lines: list[str]
) -> None:
    pad = "  " * depth
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in docs:
            lines.append("")
            lines.append(f"{pad}{key}:")
            _render(value, path + ".", depth + 1, docs, lines)
            continue
        p = docs.get(path)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            _render_event_list(key, value, pad, p, lines)
            continue
        if p is not None:
            unit = f" [{p.unit}]" if p.unit and p.unit not in ("choice", "switch") else ""
            lines.append(f"{pad}# {p.doc}{unit}; {allowed(p)}")
        text = yaml.safe_dump(
            {key: value}, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1000
        ).strip()
        lines.append(f"{pad}{text[1:-1] if text.startswith('{') else text}")


def _render_event_list(
    key: str, events: list[dict], pad: str, p: Parameter | None, lines: list[str]
) -> None:
    """A list of events in block style, each field commented from its event model."""
    if p is not None:
        lines.append(f"{pad}# {p.doc}; {allowed(p)}")
    lines.append(f"{pad}{key}:")
    models = {e.model_fields["kind"].default.value: e for e in EVENT_MODELS}
    for event in events:
        model = models[event["kind"]]
        lines.append(f"{pad}  # {model.__doc__.split(chr(10))[0].strip()} ...")
        first = True
        for name, value in event.items():
            field = model.model_fields[name]
            mark = "- " if first else "  "
            if name != "kind":
                ep = next(q for q in iter_parameters(model) if q.path == name)
                unit = f" [{ep.unit}]" if ep.unit else ""
                lines.append(
                    f"{pad}  {'  ' if not first else ''}# {field.description}{unit}; {allowed(ep)}"
                )
            text = yaml.safe_dump(
                {name: value}, default_flow_style=True, sort_keys=False, width=1000
            ).strip()
            lines.append(f"{pad}  {mark}{text[1:-1]}")
            first = False


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

Generated from the schema by `python -m sim.schema_docs default-yaml`; a test fails
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
    print("usage: python -m sim.schema_docs default-yaml | table | odd", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

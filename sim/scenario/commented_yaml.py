"""A scenario rendered as YAML with every key commented (meaning, unit, allowed values):
how ``scenarios/default.yaml`` and the mode scenarios are made, so they cannot drift
from the schema."""

from __future__ import annotations

import yaml

from sim.scenario.events import EVENT_MODELS
from sim.scenario.parameters import Parameter, allowed, iter_parameters
from sim.scenario.root import Scenario


def commented_yaml(scenario: Scenario, header: str = "") -> str:
    """The scenario as YAML with every key commented: meaning, unit, allowed values."""
    data = scenario.model_dump(mode="json")
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

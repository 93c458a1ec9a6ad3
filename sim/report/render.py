"""Rendering the report's context with jinja2: autoescaped, strict about undefined names,
the style sheet included inline. Templates lay out; they compute nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    """The report's jinja2 environment (templates in ``sim/report/templates``)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["svg"] = Markup  # figures are produced by matplotlib, never by user text
    return env


def render(context: dict[str, Any]) -> str:
    """The report page."""
    return environment().get_template("report.html.j2").render(**context)

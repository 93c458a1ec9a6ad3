"""A matplotlib figure as an inline ``<svg>`` element: text kept as text (searchable,
selectable, read by screen readers; drawn in a font the reader's system has, so nothing
is fetched), no XML prolog, DOCTYPE, metadata or namespace URLs, and ids prefixed by the
figure's name so several figures share one page without clashing.

HTML5 parses an inline ``<svg>`` (and its ``xlink:href``) without namespace
declarations, so dropping them leaves the drawing intact and the file free of any
address outside itself. Every id (clip paths, markers) is prefixed by the
figure's name, so ids stay unique on the page.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_NAMESPACE = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
_NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}
_ID = re.compile(r'(\bid="|xlink:href="#|url\(#)([^")]+)')


def inline_svg(fig: plt.Figure, name: str, title: str) -> str:
    """``fig`` as an ``<svg>`` element with an accessible title; closes the figure."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": name, "svg.fonttype": "none"}):  # stable ids
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata=_NO_METADATA)
    plt.close(fig)
    text = _NAMESPACE.sub("", _METADATA.sub("", _PROLOG.sub("", buffer.getvalue())))
    text = _ID.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", text)
    text = text.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" ', 1)
    return text.strip()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

"""A factor's levels as short, hashable labels, for grouping runs and labelling axes.

A level can be a number, a choice, a switch, or a structured value such as a list of
scheduled events (``events: [[], [{kind: subsidy_phase_out, step: 40}]]``), which pandas
cannot group by and a figure cannot print as a tick. Every level gets one label: the
value itself as text for scalars, compact YAML flow style for lists and mappings.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import yaml


def level_label(value: Any) -> str:
    """The label of one level: ``0.2``, ``equal``, ``[]`` or ``[{kind: ..., step: 40}]``."""
    if isinstance(value, list | tuple | dict):
        text = yaml.safe_dump(_plain(value), default_flow_style=True, sort_keys=False)
        return text.strip().removesuffix("...").strip()
    return str(value)


def level_labels(values: pd.Series) -> pd.Series:
    """``values`` (one factor's column of a runs table) as labels, same index."""
    return values.map(level_label)


def ordered_levels(values: pd.Series) -> list[str]:
    """The distinct labels of ``values`` in the order they first appear (the design's)."""
    return list(dict.fromkeys(level_labels(values)))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

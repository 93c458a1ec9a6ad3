"""Reading a user's edge list (``network.edge_list``): one business tie per line, two
node labels separated by white space, ``#`` starting a comment. Labels map to firm
slots in order of first appearance. The file is read and checked when the scenario
loads, so a malformed row is refused before anything runs.
"""

from __future__ import annotations

from pathlib import Path

from sim.scenario.errors import ScenarioError
from sim.scenario.yaml_source import read_user_text


def read_edge_pairs(path: Path, enterprises: int) -> list[tuple[int, int]]:
    """The ties of the edge list at ``path`` as slot pairs (self-ties dropped); a
    :class:`ScenarioError` naming the file and line for a malformed row, or when the
    list names more firms than ``population.enterprises``."""
    text = read_user_text(path, "edge list (network.edge_list)", ScenarioError)
    labels: dict[str, int] = {}
    pairs = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2:
            raise ScenarioError(
                f"{path}:{lineno}: an edge needs two node labels ('a b'); got "
                f"{len(words)}: {_short(line)}"
            )
        a, b = (labels.setdefault(w, len(labels)) for w in words)
        if a != b:
            pairs.append((a, b))
    if len(labels) > enterprises:
        raise ScenarioError(
            f"{path}: the edge list names {len(labels)} firms but population.enterprises "
            f"is {enterprises}"
        )
    return pairs


def _short(line: str) -> str:
    text = repr(line.strip())
    return text if len(text) <= 80 else text[:77] + "..."

"""Agent-level records: each firm's strategy, membership, cash, capacity, quality and
reputation every ``outcomes.agent_records_every`` steps (0, the default, records none).

What Mesa's agent reporters collect, read from the enterprise table's arrays (the
model's firm state, :mod:`sim.enterprise_table`): at a recorded step the firms in
business are copied column by column, so a recorded step costs a few array copies and
one look-up of each firm's agent id, and a step that is not recorded costs one integer
test. Records are kept at step 0 and every multiple of the interval.

:meth:`AgentRecorder.frame` has the shape of Mesa's ``get_agent_vars_dataframe()``: one
row per firm and recorded step, indexed by ``(Step, AgentID)``, ``AgentID`` being the
firm's Mesa ``unique_id`` (an entrant taking over a bankrupt firm's slot is a new
agent). ``model.datacollector`` serves the same records through Mesa's own method
(:mod:`sim.output.mesa_interop`), and ``alliance run --out`` writes them to
``agents.parquet``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from agents.action import Action

if TYPE_CHECKING:
    from sim.enterprise_table import EnterpriseTable
    from sim.model import AllianceModel

STRATEGY_NAMES = tuple(action.name.lower() for action in Action)  # indexed by Action code
INDEX = ("Step", "AgentID")


@dataclass(frozen=True)
class AgentColumn:
    """A per-firm column: its unit, meaning and how to read it for some table rows."""

    unit: str
    doc: str
    read: Callable[[EnterpriseTable, np.ndarray], np.ndarray]


AGENT_COLUMNS: dict[str, AgentColumn] = {
    "strategy": AgentColumn(
        "choice",
        "The firm's stance: contribute, free_ride (members) or outside",
        lambda t, rows: t.strategy[rows].astype(np.int8),
    ),
    "member": AgentColumn(
        "switch",
        "Inside the alliance (contributing or free-riding)",
        lambda t, rows: t.members()[rows],
    ),
    "cash": AgentColumn("MU", "Cash held", lambda t, rows: t.cash[rows].copy()),
    "capacity": AgentColumn("CU", "Capacity (size)", lambda t, rows: t.capacity[rows].copy()),
    "quality": AgentColumn(
        "score", "Service quality in [0, 1]", lambda t, rows: t.quality[rows].copy()
    ),
    "reputation": AgentColumn(
        "score", "Reputation in [0, 1]", lambda t, rows: t.reputation[rows].copy()
    ),
}


class AgentRecorder:
    """Per-firm columns at every ``every``-th step (none when ``every`` is 0)."""

    def __init__(self, every: int) -> None:
        self.every = every
        self._steps: list[np.ndarray] = []
        self._ids: list[np.ndarray] = []
        self._columns: dict[str, list[np.ndarray]] = {name: [] for name in AGENT_COLUMNS}

    def record(self, model: AllianceModel, step: int) -> None:
        """Copy the firms in business at ``step`` if it is a recorded step."""
        if not self.every or step % self.every:
            return
        table = model.firms
        rows = np.flatnonzero(table.active)
        self._steps.append(np.full(len(rows), step, dtype=np.int64))
        self._ids.append(np.fromiter((model.faces[r].unique_id for r in rows), np.int64, len(rows)))
        for name, column in AGENT_COLUMNS.items():
            self._columns[name].append(column.read(table, rows))

    @property
    def steps(self) -> list[int]:
        """The steps recorded so far."""
        return [int(chunk[0]) for chunk in self._steps if len(chunk)]

    def frame(self) -> pd.DataFrame:
        """One row per firm and recorded step, indexed by ``(Step, AgentID)``; the
        strategy by name."""
        data: dict[str, Any] = {
            INDEX[0]: _joined(self._steps, np.int64),
            INDEX[1]: _joined(self._ids, np.int64),
        }
        for name in AGENT_COLUMNS:
            data[name] = _joined(self._columns[name], None)
        codes = data["strategy"].astype(np.int8)
        data["strategy"] = pd.Categorical.from_codes(codes, categories=list(STRATEGY_NAMES))
        data["member"] = data["member"].astype(bool)
        return pd.DataFrame(data).set_index(list(INDEX))

    def mesa_records(self) -> dict[int, list[tuple]]:
        """The records as Mesa's DataCollector keeps them: step -> [(step, id, values...)]."""
        frame = self.frame().reset_index()
        records: dict[int, list[tuple]] = {}
        for row in frame.itertuples(index=False, name=None):
            records.setdefault(int(row[0]), []).append(row)
        return records


def _joined(chunks: list[np.ndarray], dtype: Any) -> np.ndarray:
    if not chunks:
        return np.zeros(0, dtype=dtype or float)
    return np.concatenate(chunks)


def agent_value(name: str, agent: Any) -> Any:
    """Mesa agent reporter of column ``name``: the value of the agent's table row (None
    for an agent that is not a firm: the administration, the society)."""
    row = getattr(agent, "row", None)
    if row is None:
        return None
    value = AGENT_COLUMNS[name].read(agent.model.firms, np.array([row]))[0]
    return STRATEGY_NAMES[int(value)] if name == "strategy" else value.item()

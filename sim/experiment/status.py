"""How far a sweep has got: done, failed, pending, the failures and an ETA.

Reads the store only (read-only connection), so it works while a sweep is writing. The
ETA divides the pending runs by the rate of the latest session (finished runs per
second of wall time since it started).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from sim.experiment.store import connect_readonly


@dataclass(frozen=True)
class SweepStatus:
    """Counts, the latest session's rate and the failed runs' errors."""

    planned: int
    done: int
    failed: int
    running: bool
    eta_seconds: float | None
    failures: list[tuple[str, str]] = field(default_factory=list)
    missing_shards: list[str] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return self.planned - self.done - self.failed


def sweep_status(folder: str | Path, now: float | None = None) -> SweepStatus:
    """The state of the store at ``folder``."""
    now = time.time() if now is None else now
    db = connect_readonly(folder)
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        (planned,) = db.execute("SELECT COUNT(*) FROM plan").fetchone()
        counts = dict(db.execute("SELECT status, COUNT(*) FROM runs GROUP BY status"))
        failures = db.execute(
            "SELECT run_id, error FROM runs WHERE status = 'failed' ORDER BY run_id"
        ).fetchall()
        session = db.execute(
            "SELECT session, started, ended FROM sessions ORDER BY session DESC LIMIT 1"
        ).fetchone()
        finished_in_session = 0
        if session:
            (finished_in_session,) = db.execute(
                "SELECT COUNT(*) FROM runs WHERE session = ?", (session[0],)
            ).fetchone()
    finally:
        db.close()
    done, failed = counts.get("done", 0), counts.get("failed", 0)
    if not meta.get("shard") and meta.get("planned_total"):
        planned = max(planned, int(meta["planned_total"]))  # runs of shards not merged in
    running = bool(session) and session[2] is None and _locked(Path(folder))
    eta = None
    if running and finished_in_session:
        rate = finished_in_session / max(now - session[1], 1e-9)
        eta = (planned - done - failed) / rate
    failed_runs = [tuple(f) for f in failures]
    return SweepStatus(planned, done, failed, running, eta, failed_runs, missing_shards(meta))


def missing_shards(meta: dict[str, str]) -> list[str]:
    """The shards (``I/N``) of a merged store's sweep that were not merged into it."""
    merged = json.loads(meta.get("merged_shards") or "[]")
    slices = [tuple(map(int, s.split("/"))) for s in merged if s]
    if not slices:
        return []
    count = slices[0][1]
    return [f"{i}/{count}" for i in range(1, count + 1) if (i, count) not in slices]


def _locked(folder: Path) -> bool:
    """Whether a writer holds the store's lock right now."""
    import fcntl
    import os

    from sim.experiment.writer_lock import LOCK

    try:
        fd = os.open(folder / LOCK, os.O_RDONLY)
    except FileNotFoundError:  # no writer, or the last one just left
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False

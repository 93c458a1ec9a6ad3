"""How far a sweep has got: done, failed, pending, the failures and an ETA.

Reads the store only (read-only connection), so it works while a sweep is writing. The
ETA divides the pending runs by the rate of the latest session (finished runs per
second of wall time since it started).
"""

from __future__ import annotations

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

    @property
    def pending(self) -> int:
        return self.planned - self.done - self.failed


def sweep_status(folder: str | Path, now: float | None = None) -> SweepStatus:
    """The state of the store at ``folder``."""
    now = time.time() if now is None else now
    db = connect_readonly(folder)
    try:
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
    running = bool(session) and session[2] is None and _locked(Path(folder))
    eta = None
    if running and finished_in_session:
        rate = finished_in_session / max(now - session[1], 1e-9)
        eta = (planned - done - failed) / rate
    return SweepStatus(planned, done, failed, running, eta, [tuple(f) for f in failures])


def _locked(folder: Path) -> bool:
    """Whether a writer holds the store's lock right now."""
    import fcntl
    import os

    from sim.experiment.store import LOCK

    path = folder / LOCK
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False

"""The store's writer lock: an exclusive ``flock`` on ``writer.lock`` beside the
database refuses a second writer, and the operating system drops it when the writer
exits, even by SIGKILL. A writer that finishes removes the file, so a finished sweep
leaves only its database, tables and figures."""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

LOCK = "writer.lock"


class LockHeld(RuntimeError):
    """Another process writes the store; ``holder`` is what it wrote in the lock file."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def acquire_lock(path: Path) -> int:
    """Hold the store's lock file exclusively. The last writer removes the file as it
    closes; a lock won on a file removed meanwhile guards nothing, so it is taken again
    on the file now at ``path``."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise LockHeld(holder) from None
        if same_file(fd, path):
            break
        os.close(fd)
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()}".encode())
    return fd


def same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd``."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def release_lock(path: Path, fd: int) -> None:
    """Remove the lock file while still holding it, then let go. A writer that opened
    the file just before finds, once it holds the lock, that ``path`` no longer names
    it, and takes the lock again on a fresh file (:func:`acquire_lock`)."""
    with contextlib.suppress(OSError):
        path.unlink()
    os.close(fd)

"""Writing a file whole or not at all: the tables, figures and exports of a sweep.

Each file is written under a temporary name beside its final one and renamed into place
(atomic on one file system), so a full disk or a stop leaves the old file or none,
never an empty or half-written one. A failure raises
:class:`sim.output.results_folder.ResultsWriteError` naming the final file (the CLI
prints it and exits 1).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from sim.output.results_folder import ResultsWriteError


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary)``, then rename the temporary file onto ``path``."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        write(partial)
        os.replace(partial, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ResultsWriteError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def make_folder(folder: Path) -> Path:
    """``folder`` and its parents, or :class:`ResultsWriteError` naming it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ResultsWriteError(f"cannot create {folder}: {err.strerror or err}") from None
    return folder

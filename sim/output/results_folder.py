"""A results folder written whole: checked before the run, staged beside its final place,
then swapped in, so that a reader (or a kill at any moment) sees the old results or the
new ones, never a mix.

The new files are written into a hidden sibling ``.<name>.<pid>.partial``. A new folder
is then renamed into place; an existing one is exchanged with the staged folder in one
atomic ``renameat2(RENAME_EXCHANGE)`` (Linux) and the old contents, now in the hidden
sibling, are deleted. Where the exchange is not available the swap falls back to two
renames (old aside, new in); a kill between them leaves no folder at the final place
and the old results in the hidden sibling, which the next write to that folder puts back
before it starts. Hidden siblings left by processes that no longer run are removed by
the next write. Folders get ordinary permissions (those of ``mkdir`` under the umask).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

RESULT_FILES = ("timeseries.parquet", "summary.json")
_STAGED, _OLD = "partial", "old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class ResultsFolderError(ValueError):
    """An ``--out`` folder that cannot receive results, explained for the user."""


class ResultsWriteError(Exception):
    """Writing results failed (a full disk, say); the message names the final file."""


def check_out_dir(out: str | Path) -> Path:
    """The absolute results folder for ``out``, or :class:`ResultsFolderError` when it
    cannot be written: empty, a file, under a file, in a folder we may not write, or an
    existing folder holding anything but results."""
    if not str(out).strip():
        raise ResultsFolderError("--out '': give the name of a folder for the results")
    path = Path(out).expanduser().absolute()
    if path.exists() and not path.is_dir():
        raise ResultsFolderError(f"--out {out}: is a file, not a folder")
    if path.is_dir():
        _check_replaceable(path, out)
    ancestor = _nearest_existing(path.parent)
    if not ancestor.is_dir():
        raise ResultsFolderError(f"--out {out}: {ancestor} is a file, so no folder can go under it")
    if not _can_create_in(ancestor):
        raise ResultsFolderError(f"--out {out}: cannot create a folder in {ancestor}")
    return path


def _can_create_in(folder: Path) -> bool:
    """Whether a folder can be made in ``folder``: tried, then removed at once (access
    bits alone say yes to root on a read-only or virtual file system)."""
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    try:
        probe = Path(tempfile.mkdtemp(prefix=".alliance-probe.", dir=folder))
    except OSError:
        return False
    probe.rmdir()
    return True


def _check_replaceable(path: Path, out: str | Path) -> None:
    others = sorted(p.name for p in path.iterdir() if p.name not in RESULT_FILES)
    if others:
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise ResultsFolderError(
            f"--out {out}: the folder holds other files ({shown}); results replace a folder "
            f"whole, so give a new folder or one holding only {' and '.join(RESULT_FILES)}"
        )


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def write_folder(out_dir: Path, write_files: Callable[[Path], None]) -> Path:
    """Stage a folder with ``write_files(staged)`` and swap it into ``out_dir`` whole."""
    out_dir = check_out_dir(out_dir)
    _recover_or_clean(out_dir)
    staged = _sibling(out_dir, _STAGED)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staged.mkdir()
    except OSError as err:
        raise ResultsWriteError(f"cannot create {out_dir}: {err.strerror}") from None
    try:
        write_files(staged)
        _swap_in(staged, out_dir)
    except BaseException:
        _remove_tree(staged)
        raise
    return out_dir


def _swap_in(staged: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        _rename(staged, out_dir)
        return
    if _exchange(staged, out_dir):
        _remove_tree(staged)
        return
    aside = _sibling(out_dir, _OLD)
    _rename(out_dir, aside)
    _rename(staged, out_dir)
    _remove_tree(aside)


def _sibling(out_dir: Path, kind: str) -> Path:
    return out_dir.parent / f".{out_dir.name}.{os.getpid()}.{kind}"


def _leftovers(out_dir: Path) -> Iterator[tuple[Path, int, str]]:
    """Hidden siblings of ``out_dir`` from earlier writes: (path, pid, kind)."""
    if not out_dir.parent.is_dir():
        return
    prefix = f".{out_dir.name}."
    for entry in out_dir.parent.iterdir():
        pid, _, kind = entry.name.removeprefix(prefix).partition(".")
        if entry.name.startswith(prefix) and pid.isdigit() and kind in (_STAGED, _OLD):
            yield entry, int(pid), kind


def _recover_or_clean(out_dir: Path) -> None:
    """Put back old results set aside by a fallback swap that was cut short, and remove
    hidden siblings of processes that no longer run."""
    for entry, pid, kind in list(_leftovers(out_dir)):
        if _alive(pid):
            continue
        if kind == _OLD and not out_dir.exists():
            _rename(entry, out_dir)
        else:
            _remove_tree(entry)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _libc() -> ctypes.CDLL | None:
    with contextlib.suppress(OSError):
        return ctypes.CDLL(None, use_errno=True)
    return None


def _rename(a: Path, b: Path) -> None:
    os.rename(a, b)


def _remove_tree(path: Path) -> None:
    """Remove a folder, or the link itself when ``--out`` was a symbolic link."""
    if path.is_symlink():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)

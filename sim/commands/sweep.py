"""The sweep commands of the ``alliance`` CLI: sweep, status, summarise, merge, export.

    alliance sweep EXPERIMENT [--quick] [--out DIR] [--workers N | --scheduler ADDR]
                              [--shard I/N] [--retry-failed] [--precision P] [--run ID]
                              [--allow-large]
    alliance status STORE
    alliance summarise STORE
    alliance merge OUT SHARD_STORE...
    alliance export STORE [--parquet DIR] [--csv FILE]

Only the commands print; the work is in :mod:`sim.experiment`.
"""

from __future__ import annotations

import argparse
import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sim.commands.arguments import scheduler_address, whole_number

INTERRUPTED = 130


def add_sweep_parsers(commands) -> None:
    """Register the sweep commands on the CLI's subparsers."""
    sweep = commands.add_parser("sweep", help="run (or resume) an experiment file")
    sweep.add_argument("experiment", help="experiment YAML file (see experiments/)")
    sweep.add_argument("--quick", action="store_true", help="the file's small preset")
    sweep.add_argument("--out", metavar="DIR", help="store folder (default results/<name>)")
    sweep.add_argument(
        "--workers", type=whole_number, metavar="N", help="local processes (1: in-process)"
    )
    sweep.add_argument(
        "--scheduler",
        type=scheduler_address,
        metavar="ADDRESS",
        help="dask.distributed scheduler, tcp://HOST:8786",
    )
    sweep.add_argument("--shard", metavar="I/N", help="run slice I of N into its own store")
    sweep.add_argument("--retry-failed", action="store_true", help="rerun runs recorded as failed")
    sweep.add_argument("--precision", type=float, metavar="P", help="adaptive replication target")
    sweep.add_argument("--run", metavar="ID", help="run one run alone and print its outcomes")
    sweep.add_argument(
        "--allow-large",
        action="store_true",
        help="run a plan above the limit on planned runs (docs/experiments.md)",
    )
    for name, text in (
        ("status", "done / failed / pending of a store, with ETA"),
        ("summarise", "tables and figures again, from the store alone"),
    ):
        commands.add_parser(name, help=text).add_argument("store", help="store folder")
    merge = commands.add_parser("merge", help="join shard stores into one store")
    merge.add_argument("out", help="the merged store folder")
    merge.add_argument("shards", nargs="+", help="shard store folders")
    export = commands.add_parser("export", help="write a store's tables as Parquet or CSV")
    export.add_argument("store", help="store folder")
    export.add_argument("--parquet", metavar="DIR", help="every table, as Parquet, into DIR")
    export.add_argument("--csv", metavar="FILE", help="the per-run table (runs_wide) as CSV")


def command_sweep(args: argparse.Namespace) -> int:
    from sim.experiment.loading import load_experiment, with_precision
    from sim.experiment.sweep import Shard, rerun, run_sweep

    loaded = load_experiment(args.experiment, quick=args.quick)
    if args.precision is not None:
        loaded = with_precision(loaded, args.precision)
    shard = Shard.parse(args.shard) if args.shard else None
    out = Path(args.out) if args.out else _default_out(loaded, shard)
    if args.run:
        from sim.experiment.executors import InProcess

        return _print_single(rerun(loaded, args.run, InProcess()))
    bar = _ProgressBar()
    executor = None
    try:
        executor = _executor(args)
        outcome = run_sweep(
            loaded, executor, out, shard, args.retry_failed, bar, allow_large=args.allow_large
        )
    except KeyboardInterrupt:
        bar.close()
        if (out / "store.sqlite").exists():
            print(f"stopped: finished runs are kept in {out}; run the same command to resume")
        else:
            print("stopped before the first run finished; nothing was written")
        return INTERRUPTED
    finally:
        bar.close()
        if executor is not None:
            executor.close()
    print(f"{outcome.done} runs done, {outcome.failed} failed this time; store {out}")
    if shard is None:
        status = _summarise(out)
        if loaded.experiment.report:
            from sim.commands.report import print_report

            status = status or print_report(out)
        return status
    print(f"shard {shard} finished; join shards with: alliance merge OUT {out.parent}/shard-*")
    return 0


def command_status(args: argparse.Namespace) -> int:
    from sim.experiment.status import sweep_status

    status = sweep_status(args.store)
    state = "running" if status.running else "not running"
    eta = f", ETA {status.eta_seconds / 60:.1f} min" if status.eta_seconds is not None else ""
    print(
        f"{args.store}: {status.done} done, {status.failed} failed, {status.pending} pending "
        f"of {status.planned} planned ({state}{eta})"
    )
    if status.missing_shards:
        print(f"  shards not merged in: {', '.join(status.missing_shards)}")
    for run_id, error in status.failures:
        print(f"  failed {run_id}: {error}")
    if status.failures:
        print("  rerun them with: alliance sweep EXPERIMENT --retry-failed")
    return 0


def command_summarise(args: argparse.Namespace) -> int:
    return _summarise(Path(args.store))


def command_merge(args: argparse.Namespace) -> int:
    from sim.experiment.merge import merge_stores
    from sim.experiment.status import sweep_status

    merged = merge_stores([Path(s) for s in args.shards], Path(args.out))
    print(f"merged {merged} runs from {len(args.shards)} stores into {args.out}")
    status = sweep_status(args.out)
    if status.pending:
        missing = ", ".join(status.missing_shards) or "some runs"
        print(f"incomplete: {status.pending} of {status.planned} runs missing (shards {missing})")
    return _summarise(Path(args.out))


def command_export(args: argparse.Namespace) -> int:
    from sim.experiment.export import export_csv, export_parquet
    from sim.experiment.store import StoreError

    if not args.parquet and not args.csv:
        raise StoreError(f"{args.store}: export needs --parquet DIR, --csv FILE or both")
    if args.parquet:
        written = export_parquet(Path(args.store), Path(args.parquet))
        names = ", ".join(p.name for p in written)
        print(f"wrote {len(written)} Parquet tables to {args.parquet}: {names}")
    if args.csv:
        print(f"wrote the per-run table to {export_csv(Path(args.store), Path(args.csv))}")
    return 0


def _store_failures(command: Callable[[argparse.Namespace], int]):
    """``command`` with any SQLite failure turned into a :class:`StoreError` naming the store
    (one line, exit 2), as a damaged store found after its opening check would raise."""

    @functools.wraps(command)
    def guarded(args: argparse.Namespace) -> int:
        from sim.experiment.store import StoreError
        from sim.output.results_folder import ResultsWriteError

        try:
            return command(args)
        except sqlite3.Error as err:
            where = getattr(args, "store", None) or getattr(args, "out", None) or "the store"
            if "full" in str(err):
                raise ResultsWriteError(
                    f"{where}: the disk is full (SQLite: {err}); the runs committed before "
                    "are kept: free some space and run the same command to resume"
                ) from None
            raise StoreError(f"{where}: the sweep store cannot be used (SQLite: {err})") from None

    return guarded


SWEEP_COMMANDS = {
    name: _store_failures(command)
    for name, command in {
        "sweep": command_sweep,
        "status": command_status,
        "summarise": command_summarise,
        "merge": command_merge,
        "export": command_export,
    }.items()
}


def _summarise(store: Path) -> int:
    from sim.experiment.summary import summarise_store

    files = summarise_store(store)
    figures = f" and figures in {files.figures}" if files.figures.exists() else ""
    print(f"tables in {files.tables}{figures}")
    return 0


def _default_out(loaded, shard) -> Path:
    name = loaded.experiment.name + ("-quick" if loaded.quick else "")
    base = Path("results") / name
    return base / f"shard-{shard.index:03d}-of-{shard.count:03d}" if shard else base


def _executor(args: argparse.Namespace):
    from sim.experiment.executors import DaskCluster, InProcess, LocalPool
    from sim.scenario import ScenarioError

    if args.scheduler and args.workers is not None:
        raise ScenarioError(
            "--workers and --scheduler: give one; a cluster's workers are started with it "
            "(docs/cluster.md)"
        )
    if args.scheduler:
        try:
            return DaskCluster(args.scheduler)
        except (OSError, TimeoutError, ValueError) as err:
            raise ScenarioError(f"--scheduler {args.scheduler}: cannot connect ({err})") from None
    workers = args.workers or os.cpu_count() or 1
    return InProcess() if workers == 1 else LocalPool(workers)


def _print_single(record) -> int:
    print(f"run {record.run_id}: {record.status.value} in {record.wall_seconds:.2f} s")
    if record.error:
        print(f"  error: {record.error}")
    for name, value in sorted(record.outcomes.items()):
        print(f"  {name:<45} {value!r}")
    return 0 if record.error is None else 1


class _ProgressBar:
    """A tqdm bar with ETA and a running count of failures."""

    def __init__(self) -> None:
        self._bar = None
        self.failed = 0

    def planned(self, pending: int) -> None:
        from tqdm import tqdm

        if self._bar is None:
            self._bar = tqdm(total=pending, unit="run", dynamic_ncols=True)
        else:
            self._bar.total += pending
            self._bar.refresh()

    def finished(self, record) -> None:
        self.failed += record.error is not None
        self._bar.set_postfix(failed=self.failed, refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

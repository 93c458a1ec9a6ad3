"""Argument types shared by the ``alliance`` commands, checked before anything runs."""

from __future__ import annotations

import argparse
import re

from sim.scenario import Scenario


def whole_number(text: str) -> int:
    """A count or seed: a whole number, 0 or more."""
    shown = text if len(text) <= 40 else f"{text[:20]}...({len(text):,} characters)"
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number; got {shown!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more; got {value}")
    return value


def run_length(text: str) -> int:
    """A run length within the schema's range for ``steps``."""
    from annotated_types import Le

    value = whole_number(text)
    most = min(m.le for m in Scenario.model_fields["steps"].metadata if isinstance(m, Le))
    if value > most:
        raise argparse.ArgumentTypeError(f"must be at most {most:,} (steps); got {value:,}")
    return value


SCHEDULER = re.compile(r"((tcp|tls|ucx|ws|wss)://)?[A-Za-z0-9_.\-]+:[0-9]{1,5}")


def scheduler_address(text: str) -> str:
    """A dask.distributed scheduler's address: ``tcp://HOST:PORT`` (or ``HOST:PORT``)."""
    if not SCHEDULER.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(
            f"must be a scheduler address such as tcp://HOST:8786; got {text!r}"
        )
    return text.strip()

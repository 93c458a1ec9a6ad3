"""A Ctrl-C while local pool workers start shows the sweep's one line only: the
forkserver and its workers are born with SIGINT blocked, and a worker that starts
after its sweep has gone ends without a traceback (issue 18). Checked on the state
the pool sets up, not by racing a signal against a clock."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")

POOL_STATE = textwrap.dedent(
    """
    import json, signal, sys
    from multiprocessing import forkserver
    from sim.experiment.executors import LocalPool

    pool = LocalPool(1)
    worker_blocked = pool._pool.submit(signal.pthread_sigmask, signal.SIG_BLOCK, []).result()
    name = "(lambda h: h.__module__ + '.' + h.__name__)(__import__('sys').excepthook)"
    hook = pool._pool.submit(eval, name).result()  # a name: the sweep never imports the hook
    server = forkserver._forkserver._forkserver_pid
    status = open(f"/proc/{server}/status").read()
    line = next(line for line in status.splitlines() if line.startswith("SigBlk:"))
    server_blocked = int(line.split()[1], 16)
    pool.close()
    print(json.dumps({
        "worker_blocks_sigint": signal.SIGINT in worker_blocked,
        "server_blocks_sigint": bool(server_blocked >> (signal.SIGINT - 1) & 1),
        "sweep_blocks_sigint": signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []),
        "worker_hook": hook,
        "sweep_hook": f"{sys.excepthook.__module__}.{sys.excepthook.__name__}",
    }))
    """
)


def run_python(code: str, repo_root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_forkserver_and_its_workers_are_born_deaf_to_ctrl_c(repo_root):
    proc = run_python(POOL_STATE, repo_root)
    assert proc.returncode == 0, proc.stderr
    state = json.loads(proc.stdout)
    assert state["server_blocks_sigint"] and state["worker_blocks_sigint"]
    assert not state["sweep_blocks_sigint"]  # the sweep itself still stops on Ctrl-C
    assert state["worker_hook"] == "sim.experiment.forkserver_start.report_if_sweep_alive"
    assert state["sweep_hook"] == "sys.excepthook"  # the sweep's own errors untouched


def gone_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("sweep_alive", [True, False])
def test_a_worker_reports_a_start_up_error_only_while_its_sweep_lives(repo_root, sweep_alive):
    sweep = "os.getpid()" if sweep_alive else str(gone_pid())
    code = (
        "import os, sim.experiment.forkserver_start as start\n"
        f"start.SWEEP = {sweep}\n"
        "raise FileNotFoundError(2, 'No such file or directory')\n"
    )
    proc = run_python(code, repo_root)
    assert proc.returncode == 1
    if sweep_alive:
        assert "Traceback" in proc.stderr and "FileNotFoundError" in proc.stderr
    else:
        assert proc.stderr == ""


def test_the_pool_preloads_the_start_up_module_first():
    from sim.experiment.executors import PRELOAD

    assert PRELOAD[0] == "sim.experiment.forkserver_start"
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])

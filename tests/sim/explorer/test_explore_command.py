"""``alliance explore``: validated before serving, and the core never imports solara."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sim.commands.main import build_parser, main
from sim.explorer.serve import bind


def test_a_bad_scenario_ends_before_anything_is_served(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("alliance: {fee: -1}\n")
    assert main(["explore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "alliance.fee must be in" in err and "explorer at" not in err


def test_the_port_is_checked_by_the_parser():
    assert build_parser().parse_args(["explore", "--port", "8765"]).port == 8765
    with pytest.raises(SystemExit):
        build_parser().parse_args(["explore", "--port", "70000"])


def test_a_free_port_is_bound_on_loopback_only():
    sock = bind(None)
    try:
        host, port = sock.getsockname()[:2]
        assert host == "127.0.0.1" and port > 0
    finally:
        sock.close()


def test_the_command_line_does_not_load_solara():
    probe = "import sim.commands.main, sim.model; import sys; print('solara' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_port_in_use_is_one_clear_line(capsys):
    taken = bind(None)
    try:
        port = taken.getsockname()[1]
        assert main(["explore", "--port", str(port)]) == 2
    finally:
        taken.close()
    assert f"port {port} is in use" in capsys.readouterr().err

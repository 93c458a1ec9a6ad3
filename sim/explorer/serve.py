"""Serving the explorer on this machine: solara's web app under uvicorn, on a socket
bound before the address is announced, so the printed address is already listening.

The server binds a loopback address only; solara's usage telemetry is switched off (the
page must send nothing anywhere but back to this machine). Ctrl-C makes uvicorn shut
down and hand the interrupt on to the caller (``alliance explore`` ends with one line).
"""

from __future__ import annotations

import os
import socket
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

from sim.explorer.offline_assets import offline_cdn, solara_environment

HOST = "127.0.0.1"
SCENARIO_VARIABLE = "ALLIANCE_EXPLORER_SCENARIO"
"""How the served app learns which scenario file to start from (read by ``sim.explorer.app``)."""
APP = "sim.explorer.app"
QUIET = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",  # no usage reports leave the machine
    "SOLARA_APP": APP,
}


def bind(port: int | None, host: str = HOST) -> socket.socket:
    """A listening socket on ``port`` (a free one when ``None`` or 0)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port or 0))
    sock.listen(128)
    return sock


def serve(scenario: str | None, port: int | None, announce: Callable[[str], None]) -> None:
    """Serve the explorer for ``scenario`` (a file, or the default mode) until stopped;
    ``announce`` receives the address once the socket listens. Solara reads its settings
    from the environment when it is first imported, so nothing here imports it earlier."""
    sock = bind(port)  # a port in use fails here, before anything else changes
    with tempfile.TemporaryDirectory(prefix="alliance-explorer-") as assets:
        os.environ.update(QUIET)
        os.environ.update(solara_environment(offline_cdn(Path(assets) / "cdn")))
        os.environ[SCENARIO_VARIABLE] = scenario or ""
        # plain http on loopback: solara's advice on cookies for https behind a proxy
        # does not apply, and would be the only thing a student sees in the terminal
        warnings.filterwarnings("ignore", message="Cookies with samesite=none")
        import uvicorn

        config = uvicorn.Config("solara.server.starlette:app", log_level="warning", loop="asyncio")
        server = uvicorn.Server(config)
        host, bound = sock.getsockname()[:2]
        announce(f"http://{host}:{bound}/")
        try:
            server.run(sockets=[sock])
        finally:
            sock.close()

"""The browser files the page needs, served from this machine only.

Solara's server hands the browser its JavaScript and styles through a proxy that copies
them from a public CDN on first use. The explorer must work without a network and send
nothing off the machine, so it serves them from the files the ``solara-assets`` package
installs (``<prefix>/share/solara/cdn``), and points the proxy's CDN at a closed local
port so a missing file fails at once instead of being fetched.

Solara's Vega-Lite widget asks for ``vega@5``, ``vega-lite@5`` and ``vega-embed@6`` (a
major version), while ``solara-assets`` holds them under their full versions
(``vega@5.21.0``); :func:`offline_cdn` builds a folder of links with both names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

INSTALLED = Path(sys.prefix) / "share" / "solara" / "cdn"
CLOSED_CDN = "http://127.0.0.1:9/"  # the discard port: nothing listens, nothing leaves
VERSIONED = re.compile(r"^(?P<name>.+)@(?P<major>\d+)\.\d+\.\d+$")


def offline_cdn(folder: Path, installed: Path = INSTALLED) -> Path:
    """``folder`` filled with links to every installed asset and to the newest version
    of each under its major version's name (``vega@5`` -> ``vega@5.21.0``)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = (
        sorted(installed.iterdir(), key=lambda p: _version_key(p.name))
        if installed.is_dir()
        else []
    )
    for entry in entries:
        _link(folder / entry.name, entry)
        match = VERSIONED.match(entry.name)
        if match:  # sorted oldest first, so the newest of a major version wins
            _link(folder / f"{match['name']}@{match['major']}", entry, replace=True)
    return folder


def _link(path: Path, target: Path, replace: bool = False) -> None:
    if path.is_symlink() and replace:
        path.unlink()
    if not path.exists() and not path.is_symlink():
        path.symlink_to(target, target_is_directory=target.is_dir())


def _version_key(name: str) -> tuple:
    numbers = re.findall(r"\d+", name.rsplit("@", 1)[-1]) if "@" in name else []
    return (name.rsplit("@", 1)[0], tuple(int(n) for n in numbers))


def solara_environment(folder: Path) -> dict[str, str]:
    """The environment that makes solara's server use ``folder`` and no CDN."""
    return {
        "SOLARA_ASSETS_PROXY": "True",
        "SOLARA_ASSETS_PROXY_CACHE_DIR": str(folder),
        "SOLARA_ASSETS_CDN": CLOSED_CDN,
    }

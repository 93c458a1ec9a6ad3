"""Reading a user's text file and YAML with bounds, so that no input can exhaust memory,
recurse without end or be misread.

- A file must be a regular file (not a device such as ``/dev/zero``, nor a pipe) of at
  most ``MAX_BYTES``, and UTF-8 text (a byte-order mark is allowed).
- YAML is bounded *before* it is built into Python objects: its event stream (which
  PyYAML produces without recursion) is walked once to check the nesting depth, the
  number of aliases and the size the document would have once every alias is expanded
  (an "alias bomb" is a few lines that expand to billions of nodes).
- A mapping may not repeat a key: the safe loader would silently keep the last one.

Each failure raises ``error(message)`` with a message that names the source and never
prints the (possibly huge) structure itself.
"""

from __future__ import annotations

import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_NODES = 200_000

ErrorFactory = Callable[[str], Exception]


def read_user_text(path: Path, what: str, error: ErrorFactory) -> str:
    """The text of the regular, UTF-8 file at ``path`` (``what`` names it in messages)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(f"{path}: no such {what}") from None
    except OSError as err:
        raise error(f"{path}: cannot read the {what}: {err.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{path}: is a directory, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{path}: is not a regular file (a device or a pipe); give a {what}")
    if info.st_size > MAX_BYTES:
        raise error(
            f"{path}: the {what} is {info.st_size:,} bytes; at most {MAX_BYTES:,} are allowed"
        )
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as err:
        raise error(f"{path}: cannot read the {what}: {err.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise error(f"{path}: the {what} is over {MAX_BYTES:,} bytes")
    return _decode(raw, path, what, error)


def _decode(raw: bytes, path: Path, what: str, error: ErrorFactory) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise error(
            f"{path}: the {what} must be UTF-8 text; byte {raw[err.start]:#04x} at offset "
            f"{err.start} is not (save the file as UTF-8)"
        ) from None
    if "\x00" in text:
        raise error(f"{path}: the {what} must be UTF-8 text; it holds NUL bytes (a binary file?)")
    return text


def load_bounded_yaml(text: str, source: str, error: ErrorFactory) -> Any:
    """``yaml.safe_load(text)`` after checking depth, aliases and expanded size, and
    refusing repeated keys. YAML syntax errors propagate as ``yaml.YAMLError``."""
    check_bounds(text, source, error)
    loader = UniqueKeyLoader(text)
    loader.source, loader.error = source, error
    try:
        return loader.get_single_data()
    except ValueError as err:  # an integer literal beyond Python's limit on digits
        if "integer string conversion" not in str(err):
            raise
        most = sys.get_int_max_str_digits()
        raise error(f"{source}: a whole number has more than {most:,} digits") from None
    finally:
        loader.dispose()


def check_bounds(text: str, source: str, error: ErrorFactory) -> None:
    """Walk the YAML events once: depth, alias count and expanded node count."""
    sizes: dict[str, int] = {}
    open_nodes: list[tuple[str | None, int]] = []
    total = aliases = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append((event.anchor, total))
            total += 1
            if len(open_nodes) > MAX_DEPTH:
                raise error(f"{source}: YAML nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = total - start
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            total += sizes.get(event.anchor, 1)
            if aliases > MAX_ALIASES:
                raise error(f"{source}: YAML with more than {MAX_ALIASES} aliases (*name)")
        if total > MAX_NODES:
            raise error(
                f"{source}: YAML that expands to more than {MAX_NODES:,} values "
                "(anchors and aliases repeat whole blocks); write it out plainly"
            )


class UniqueKeyLoader(yaml.SafeLoader):
    """The safe loader, refusing a key repeated in one mapping (merge keys ``<<`` aside)."""

    source = "<yaml>"
    error: ErrorFactory = ValueError

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(
                key_node, yaml.ScalarNode
            ):
                continue
            key = self.construct_object(key_node)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise self.error(
                    f"{self.source}: key {_short_key(key)} appears twice in one section "
                    f"(lines {seen[key]} and {line}); each key may be given once"
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _short_key(key: Any) -> str:
    text = repr(key)
    return text if len(text) <= 60 else text[:57] + "..."

"""The shipped defaults, parsed once and kept in a marshal file between runs.

Parsing the five shipped YAML files (and importing PyYAML) is a tenth of
followup's start-up; the cache is read in well under a millisecond. A cache file
is stamped with what it was made from and is only ever a shortcut: any problem
with it means parsing again, never an error.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import followup_tui.defaults
from followup_tui.core.base import config_yaml
from followup_tui.core.base.config_yaml import Key, KeyLines, Loaded, Where, compose

DEFAULT_FILES = (
    "settings.yaml",
    "classes.yaml",
    "blue_sheet.yaml",
    "script.yaml",
    "vocabulary.yaml",
)
# Bump when what the cache files hold changes shape: older cache files are then ignored.
CACHE_FORMAT = 2
CACHE_FILE = "shipped-defaults.marshal"
# Where each shipped key was written, kept apart: most starts never read it (`KeyLines`).
LINES_FILE = "shipped-lines.marshal"

# The shipped defaults merged, as parsed: the tree, where each key came from, the files read.
Shipped = tuple[dict[str, Any], dict[Key, Where], list[str]]
# ... as `shipped` gives them: the lines read only when a key is looked up.
Defaults = tuple[dict[str, Any], KeyLines, list[str]]


def _read_defaults() -> Iterator[Loaded]:
    """The shipped default files, parsed."""
    from importlib import resources

    root = resources.files("followup_tui.defaults")
    for name in DEFAULT_FILES:
        yield compose(root.joinpath(name).read_text(encoding="utf-8"), f"config/{name}")


def parse_shipped() -> Shipped:
    """Parse the shipped default files and merge them, noting each key's file and line."""
    merged: dict[str, Any] = {}
    where: dict[Key, Where] = {}
    sources: list[str] = []
    for loaded in _read_defaults():
        merged.update(loaded.data)
        where.update({k: (loaded.file, v) for k, v in loaded.lines.items()})
        sources.append(loaded.file)
    return merged, where, sources


def files_stamp(files: Sequence[Path], *extra: Any) -> tuple[Any, ...]:
    """What a cache made from `files` must match: their sizes and modification times.

    As Python's own bytecode cache does; with the interpreter and `extra` (a format
    number, a folder). Raises OSError when a file cannot be stat'ed (a zipped install).
    """
    stats = [os.stat(path) for path in files]
    return (
        *extra,
        sys.implementation.cache_tag,
        tuple((s.st_size, s.st_mtime_ns) for s in stats),
    )


def shipped_stamp() -> tuple[Any, ...]:
    """What the cached defaults must have been made from: the shipped files and this parser.

    Raises OSError when the files are not plain files (a zipped install): then
    nothing is cached.
    """
    folder = Path(next(iter(followup_tui.defaults.__path__)))
    files = [folder / name for name in DEFAULT_FILES]
    files += [Path(__file__), Path(config_yaml.__file__)]
    return files_stamp(files, CACHE_FORMAT, str(folder))


def read_stamped(path: Path, stamp: tuple[Any, ...]) -> Any | None:
    """What a cache file holds if it is there, readable and made for `stamp`."""
    try:
        found = marshal.loads(path.read_bytes())
    except Exception:  # missing, unreadable, truncated or garbage: make it again instead
        return None
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == stamp):
        return None
    return found[1]


def write_stamped(path: Path, stamp: tuple[Any, ...], value: Any) -> None:
    """Keep `value` for the next start; any failure only means no cache."""
    try:
        data = marshal.dumps((stamp, value))
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed over: a reader never sees half a file.
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            partial.write_bytes(data)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def _read_cache(path: Path, stamp: tuple[Any, ...]) -> tuple[dict[str, Any], list[str]] | None:
    """The cached shipped tree and files read, if the cache file is there, readable and current."""
    cached = read_stamped(path, stamp)
    if not (
        isinstance(cached, tuple)
        and len(cached) == 2
        and isinstance(cached[0], dict)
        and isinstance(cached[1], list)
    ):
        return None
    return cached[0], cached[1]


def _cached_lines(cache_dir: Path, stamp: tuple[Any, ...]) -> dict[Key, Where]:
    """The shipped keys' lines from their cache file; parsed (and kept) when it is not current."""
    lines = read_stamped(cache_dir / LINES_FILE, stamp)
    if isinstance(lines, dict):
        return lines
    lines = parse_shipped()[1]
    write_stamped(cache_dir / LINES_FILE, stamp, lines)
    return lines


def shipped(cache_dir: Path | None) -> Defaults:
    """The shipped defaults, parsed; from `cache_dir` when it holds them for these files."""
    if cache_dir is None:
        merged, where, sources = parse_shipped()
        return merged, KeyLines(lambda: where), sources
    path = cache_dir / CACHE_FILE
    try:
        stamp = shipped_stamp()
    except OSError:
        merged, where, sources = parse_shipped()
        return merged, KeyLines(lambda: where), sources
    lines = KeyLines(lambda: _cached_lines(cache_dir, stamp))
    cached = _read_cache(path, stamp)
    if cached is not None:
        return cached[0], lines, cached[1]
    merged, where, sources = parse_shipped()
    write_stamped(path, stamp, (merged, sources))
    write_stamped(cache_dir / LINES_FILE, stamp, where)
    return merged, KeyLines(lambda: where), sources

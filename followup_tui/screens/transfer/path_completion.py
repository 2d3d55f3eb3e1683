"""Completion of a file path as it is typed: the first entry of its folder that fits."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

# Files an import reads; folders are offered too, to walk into.
IMPORTABLE = (".csv", ".tsv", ".txt", ".xlsx", ".vcf")


def completion(typed: str) -> str | None:
    """`typed` completed to the first folder or importable file it starts (sorted, folders
    first), None when none does. `~` is kept as typed."""
    if not typed:
        return None
    head, sep, stem = typed.rpartition(os.sep)
    prefix = head + sep  # "", "dir/" or "/": kept as typed
    folder = Path(os.path.expanduser(prefix)) if prefix else Path(".")
    try:
        entries = sorted(folder.iterdir(), key=lambda p: (not p.is_dir(), p.name.casefold()))
    except OSError:
        return None
    for entry in entries:
        name = entry.name
        if name.startswith(".") and not stem.startswith("."):
            continue
        if not name.casefold().startswith(stem.casefold()) or name == stem:
            continue
        if entry.is_dir():
            return prefix + name + os.sep
        if entry.suffix.lower() in IMPORTABLE:
            return prefix + name
    return None


class PathSuggester(Suggester):
    """Suggests the rest of a path; the right arrow (or end) takes it, as in any Input."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        """The completion of `value`, if any."""
        return completion(value)

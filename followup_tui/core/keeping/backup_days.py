"""The daily backups' names, when one is due, and which ones to delete.

A daily backup of `book.db` is `book-2026-12-07.db` in the backups folder: the day
in the name (not the file's time) decides which to keep, so copying the folder
elsewhere keeps the order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

DEFAULT_KEEP = 7


def backups_kept(data: Mapping[str, Any]) -> int:
    """How many daily backups the settings' data keep (0: no daily backup)."""
    block = data.get("backup") or {}
    return int(block.get("keep", DEFAULT_KEEP))


def backup_name(stem: str, day: dt.date) -> str:
    """The daily backup's file name of the database `stem` (its name without suffix)."""
    return f"{stem}-{day.isoformat()}.db"


def backup_day(name: str, stem: str) -> dt.date | None:
    """The day of a daily backup of `stem`, or None when `name` is not one."""
    match = re.fullmatch(re.escape(stem) + r"-(\d{4}-\d{2}-\d{2})\.db", name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def backups_of(names: Iterable[str], stem: str) -> list[tuple[dt.date, str]]:
    """The daily backups of `stem` among `names`, newest first."""
    found = [(day, name) for name in names if (day := backup_day(name, stem)) is not None]
    return sorted(found, reverse=True)


def backup_due(names: Iterable[str], stem: str, today: dt.date) -> bool:
    """Whether today has no backup yet (one a day; a later day's, from a clock moved
    back, counts as today's)."""
    newest = backups_of(names, stem)
    return not newest or newest[0][0] < today


def to_delete(names: Iterable[str], stem: str, keep: int) -> list[str]:
    """The daily backups beyond the newest `keep` (at least one is always kept)."""
    return [name for _, name in backups_of(names, stem)[max(keep, 1) :]]

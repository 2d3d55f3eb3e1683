"""Refusing a broken database file at start, before SQLite opens (and perhaps writes) it.

Read on every start: kept to a header read and a stat (the checks and backups
themselves are in `file_safety`).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.core.keeping.file_header import HEADER_SIZE, read_header

BACKUP_FOLDER = "backups"
# Left beside a database whose daily check failed: the next start checks it in full.
DAMAGED_SUFFIX = ".damaged"


def backups_folder(path: Path) -> Path:
    """Where the daily backups of the database at `path` are kept: beside it."""
    return path.parent / BACKUP_FOLDER


def newest_backup(path: Path) -> Path | None:
    """The newest backup of `path`: a daily or hand-made one in the backups folder, or
    one kept beside it before a migration, an import or a restore."""
    folder = backups_folder(path)
    found = [
        folder / name
        for name in names_in(folder)
        if name.startswith(f"{path.stem}-") and name.endswith(".db") and DAMAGED_SUFFIX not in name
    ]
    found += list(path.parent.glob(f"{path.name}.*.bak"))
    # Newest first, and only one whose header is whole: the file a restore set aside
    # may be the broken one, and a restore command naming it would fail as printed.
    for candidate in sorted(
        (p for p in found if p.is_file()), key=lambda p: p.stat().st_mtime, reverse=True
    ):
        with candidate.open("rb") as f:
            header = f.read(HEADER_SIZE)
        if read_header(header, candidate.stat().st_size)[0] is None:
            return candidate
    return None


def refuse_broken(path: Path) -> None:
    """Raise a `FollowupError` for a file that is not a whole SQLite file, or whose last
    check found damage, naming the newest backup; the file is only read."""
    if path.is_dir():
        raise FollowupError(Said("file_is_folder", {"path": path}))
    size = path.stat().st_size
    if size == 0:
        # Empty: a new book, unless it had backups (then it is a book cut to nothing,
        # and making a new book in it would push the real backups out, day by day).
        if newest_backup(path) is not None:
            _refuse(path, "file_empty")
        return
    with path.open("rb") as f:
        header = f.read(HEADER_SIZE)
    problem, detail = read_header(header, size)
    if problem is not None:
        _refuse(path, problem, **detail)
    marker = damaged_marker(path)
    if marker.exists():
        from followup_tui.db.file_safety import check_file

        report = check_file(path)
        if not report.sound:
            _refuse(path, "file_damaged", problem=report.problems[0])
        marker.unlink(missing_ok=True)  # repaired (restored) since: open it


def _refuse(path: Path, key: str, **values: object) -> None:
    backup = newest_backup(path)
    # Quoted as a shell needs them, with --db: the command puts it back into this file.
    where = {"backup": shlex.quote(str(backup)), "path": shlex.quote(str(path))}
    hint = Said("file_backup_hint", where) if backup else Said("file_none")
    raise FollowupError(Said(key, {"path": path, "hint": hint, **values}))


def damaged_marker(path: Path) -> Path:
    """The file beside `path` saying its last daily check found damage."""
    return path.with_name(path.name + DAMAGED_SUFFIX)


def names_in(folder: Path) -> list[str]:
    """The names in `folder`; none when it cannot be read."""
    try:
        return [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []

"""The database file's safety: refusing a broken file, backups, checks and restores.

Everything here works on a path with its own short-lived `sqlite3` connections,
so it runs beside an open app: SQLite's online backup API copies a consistent
snapshot while others write (WAL readers never block writers).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from followup_tui.core.base.errors import FollowupError, Said, english
from followup_tui.core.keeping.backup_days import backup_due, backup_name, to_delete
from followup_tui.core.keeping.file_header import HEADER_SIZE, read_header
from followup_tui.core.keeping.file_places import parse_mounts, unsafe_place
from followup_tui.db.file_refusal import (
    DAMAGED_SUFFIX,
    backups_folder,
    damaged_marker,
    refuse_broken,
)
from followup_tui.db.migrations import SCHEMA_VERSION


@dataclass
class FileCheck:
    """What `check_file` found: empty `problems` means the file is sound. Each problem is
    worded from the vocabulary (`check_` words), in the reader's language when shown."""

    path: Path
    schema: int | None = None
    problems: list[Said] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


def names_in(folder: Path) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []


def _private_file(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(target, 0o600)


def online_backup(path: Path, target: Path) -> Path:
    """A consistent copy of the database at `path` in `target` (mode 0600), made through
    SQLite's backup API while other connections read and write. Written beside `target`
    and renamed into place, so `target` is never half a copy."""
    if not path.is_file():
        raise FollowupError(Said("backup_no_database", {"path": path}))
    if target.exists() and target.resolve() == path.resolve():
        # Renamed into place, the copy would replace the live file under a running app.
        raise FollowupError(Said("backup_itself", {"target": target}))
    refuse_broken(path)
    partial = target.with_name(f".{target.name}.partial")
    _private_file(partial)
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)  # one step: a read snapshot, so concurrent writes cannot restart it
        dst.execute("PRAGMA journal_mode = delete")  # one self-contained file, no -wal beside
    except sqlite3.Error:
        dst.close()
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
        dst.close()
    os.replace(partial, target)
    return target


def check_file(path: Path, *, quick: bool = False) -> FileCheck:
    """Run SQLite's integrity (or quick) check and the foreign-key check on `path`,
    read-only; also the schema version against what this followup reads."""
    report = FileCheck(path)
    say = report.problems.append
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            problem, detail = read_header(f.read(HEADER_SIZE), size)
    except OSError as exc:
        say(Said("check_unreadable", {"why": exc.strerror or exc}))
        return report
    if problem is not None:
        key = {"file_not_sqlite": "check_not_sqlite", "file_truncated": "check_truncated"}[problem]
        say(Said(key, detail))
        return report
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            report.schema = int(con.execute("PRAGMA user_version").fetchone()[0])
            pragma = "quick_check" if quick else "integrity_check"
            found = [row[0] for row in con.execute(f"PRAGMA {pragma}")]
            if found != ["ok"]:
                # SQLite's own lines, in English: what a support request needs.
                report.problems += [Said("check_integrity", {"line": x}) for x in found[:20]]
            broken = con.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                tables = ", ".join(sorted({row[0] for row in broken}))
                say(Said("check_broken_refs", {"n": len(broken), "tables": tables}))
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        say(Said("check_error", {"why": exc}))
        return report
    if report.schema == 0:
        say(Said("check_not_followup"))
    elif report.schema is not None and report.schema > SCHEMA_VERSION:
        say(Said("check_newer", {"schema": report.schema, "reads": SCHEMA_VERSION}))
    return report


def restore_file(source: Path, path: Path) -> Path | None:
    """Put the backup `source` in place of the database at `path`, after checking it in
    full; the replaced file is kept beside as `<name>.replaced-<time>.bak` (returned).

    The copy goes through SQLite's backup API into the live file, so an app that has
    it open reads the restored book on its next read instead of a deleted file. A
    live file that is itself broken is moved aside whole instead.
    """
    report = check_file(source)
    if not report.sound:
        raise FollowupError(
            Said("restore_refused", {"source": source, "problem": report.problems[0]})
        )
    if path.exists() and source.resolve() == path.resolve():
        raise FollowupError(Said("restore_itself", {"source": source}))
    kept: Path | None = None
    if path.exists() and path.stat().st_size > 0:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = path.with_name(f"{path.name}.replaced-{stamp}.bak")
        if check_file(path, quick=True).sound:
            online_backup(path, kept)
        else:
            os.replace(path, kept)
            for side in ("-wal", "-shm"):
                Path(f"{path}{side}").unlink(missing_ok=True)
    if not path.exists():
        _private_file(path)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(path, timeout=30)
    try:
        dst.execute("PRAGMA journal_mode = wal")
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    damaged_marker(path).unlink(missing_ok=True)
    return kept


def daily_backup(
    path: Path, today: dt.date, keep: int, *, on_damage: Callable[[FileCheck], None] | None = None
) -> Path | None:
    """Today's backup of `path` in its backups folder, when none is there yet, checked
    (quick check) and the oldest beyond `keep` deleted; None when today's exists.

    A copy that fails its check is not kept as a backup: the database it came from
    is marked for a full check at its next start, and `on_damage` is told.
    """
    folder = backups_folder(path)
    if not backup_due(names_in(folder), path.stem, today):
        return None
    try:
        target = online_backup(path, folder / backup_name(path.stem, today))
    except sqlite3.Error as exc:  # a full disk, a locked file: said as the caller says errors
        raise FollowupError(Said("check_error", {"why": exc})) from exc
    report = check_file(target, quick=True)
    if not report.sound:
        damaged = target.with_name(target.stem + DAMAGED_SUFFIX + ".db")
        os.replace(target, damaged)
        lines = [p.text(english) for p in report.problems]
        damaged_marker(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        if on_damage is not None:
            on_damage(report)
        return None
    for name in to_delete(names_in(folder), path.stem, keep):
        (folder / name).unlink(missing_ok=True)
    return target


def checkpoint_file(path: Path) -> bool:
    """Copy what the WAL holds back into the file, without waiting for or blocking anyone
    (a PASSIVE checkpoint through a connection of its own: run it off the event loop).

    False when it could not (busy, locked, read-only, gone): the next one, or the
    last connection's close, copies it; nothing is lost meanwhile.
    """
    try:
        # mode=rw: a file deleted meanwhile is not made again, empty.
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=0.5)
        try:
            con.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return False
    return True


def unsafe_location(path: Path) -> str | None:
    """Why the folder of `path` is unsafe for an SQLite file shared by its WAL (a network
    filesystem's type or a synced folder's name), or None."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        mounts = ""  # not Linux: only the synced folders' names can tell
    return unsafe_place(str(path.resolve()), parse_mounts(mounts))

"""Opening the SQLite file: private permissions, pragmas, schema version and migrations."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from followup_tui.core.base.db_target import ServerUrl
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.db.connection import db
from followup_tui.db.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    create_version_table,
    install_team_columns,
    record_version,
    stored_version,
)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -16000,  # 16 MB
    "synchronous": "normal",
}
BUSY_TIMEOUT_S = 5


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only: it holds contacts' personal details."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _read_version(path: Path) -> tuple[int, int]:
    """(user_version, number of tables) of an existing file, read without Peewee; the
    tables are counted only in a file with no version (0 otherwise)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            # Only an unversioned file needs its tables counted (is it someone else's?):
            # that read parses the whole schema, triggers and search index included (1 ms).
            tables = (
                con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                if version == 0
                else 0
            )
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise FollowupError(Said("cli_not_a_database", {"path": path, "why": exc})) from None
    return int(version), int(tables)


def backup_file(path: Path, label: str) -> Path:
    """Copy the database beside itself as `<name>.<label>-<UTC timestamp>.bak`, consistently."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{label}-{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}.bak")
    _create_private(target)
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def keep_copy(path: Path | ServerUrl, label: str) -> Path | None:
    """`backup_file` before a write that replaces data; a team's server keeps no copy
    beside itself (pg_dump backs it up): None there."""
    return backup_file(path, label) if isinstance(path, Path) else None


def open_database(
    path: Path | ServerUrl,
    *,
    create: bool = True,
    on_migrate: Callable[[int, int], None] | None = None,
) -> Path | None:
    """Open (creating or migrating as needed) the database at `path`: a file, or a
    team's server (`db.server`).

    Returns the path of the backup made before a migration, or None when none
    was needed. Refuses files written by a newer followup. `on_migrate(from,
    to)` is told before a migration starts: on a large book it takes seconds.
    """
    if isinstance(path, ServerUrl):
        from followup_tui.db.server import open_server

        open_server(path.url, create=create, on_migrate=on_migrate)
        return None  # a server's migration is one transaction per step; pg_dump backs it up
    path = Path(path)
    backup: Path | None = None
    if path.exists():
        # Before SQLite opens it: SQLite would open a truncated file and only fail
        # later, perhaps after writing to it.
        from followup_tui.db.file_refusal import refuse_broken

        refuse_broken(path)
    if path.exists() and path.stat().st_size > 0:
        version, tables = _read_version(path)
        if version > SCHEMA_VERSION:
            raise FollowupError(
                Said("cli_newer_schema", {"path": path, "version": version, "max": SCHEMA_VERSION})
            )
        if version == 0 and tables:
            raise FollowupError(Said("cli_other_sqlite", {"path": path}))
        if 0 < version < SCHEMA_VERSION:
            backup = backup_file(path, f"v{version}")
    elif not create:
        key = "cli_empty_file" if path.exists() else "cli_no_database"
        raise FollowupError(Said(key, {"path": path}))
    else:
        _create_private(path)
        version = 0

    if not db.is_closed():
        db.close()
    db.init(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT_S)
    db.connect()
    if version == 0:
        # A new file only: the models' tables to make (Peewee comes with them).
        from followup_tui.db import find_index
        from followup_tui.db.models import ALL_MODELS
        from followup_tui.db.queue_store import install

        with db.atomic():
            db.create_tables(ALL_MODELS)
            install_team_columns()
            install(db)
            find_index.install(db)
            create_version_table(db)
            record_version(db, SCHEMA_VERSION)
    elif version < SCHEMA_VERSION:
        if on_migrate is not None:
            on_migrate(version, SCHEMA_VERSION)
        _migrate(version)
    return backup


def _migrate(version: int) -> None:
    """Run the pending migrations with foreign keys off.

    Adding a NOT NULL column makes Peewee rebuild the table (drop and rename);
    with foreign keys on, that drop would cascade into every child table. The
    pragma only takes effect outside a transaction, so it is set around them,
    and the references are checked before they are switched back on.
    """
    peewee = db.peewee()  # the migrations' tools are Peewee's: loaded before any transaction
    db.pragma("foreign_keys", 0)
    try:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with db.atomic():
                MIGRATIONS[target](peewee)
                broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise FollowupError(
                        f"migration to schema {target} left {len(broken)} broken references; "
                        "the database was not changed (a backup is beside it)"
                    )
                record_version(db, target)
    finally:
        db.pragma("foreign_keys", 1)


def reconnect() -> None:
    """Open this thread's connection again: one SQLite opened while the file could not
    be written stays read-only after the file can be again."""
    if not db.is_closed():
        db.close()
    db.connect()


def close_database() -> None:
    """Close this thread's connection, if open."""
    if not db.is_closed():
        db.close()
    if db.is_server:
        db.peewee().close_idle()  # the pool keeps it open otherwise


def schema_version() -> int:
    """The schema version of the open database."""
    return stored_version(db)


@contextmanager
def thread_connection() -> Iterator[None]:
    """A connection for a worker thread (Peewee keeps one per thread), closed after."""
    with db.connection_context():
        yield


def outside_writes() -> int:
    """A number that changes whenever another connection commits to the file: another
    process (a `followup note` in another shell, a second window) or a worker thread.

    SQLite's `data_version`: one cheap read, no table touched; this connection's own
    commits leave it as it was.
    """
    if db.is_server:  # T4 owns the server's answer; until it lands: the newest transaction
        newest = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
        return int(db.execute_sql(newest).fetchone()[0])
    return int(db.execute_sql("PRAGMA data_version").fetchone()[0])


def defer_checkpoints() -> None:
    """This connection's commits stop copying the WAL back into the file themselves.

    SQLite does that copy (a checkpoint, with its fsyncs) inside whichever commit
    crosses 1,000 WAL pages: every fiftieth note or so took 80-120 ms instead of
    3 ms. The app checkpoints in a thread instead (`file_safety.checkpoint_file`);
    the last connection to close checkpoints whatever is left.
    """
    db.execute_sql("PRAGMA wal_autocheckpoint = 0")


def storage_problem(error: BaseException) -> str | None:
    """The vocabulary key of why the storage refused a write, when `error` is such a
    refusal (a full disk, a read-only file, ...); None for any other error."""
    if not isinstance(error, (*db.operational_errors, OSError)):
        return None
    from followup_tui.core.keeping.storage_errors import storage_reason

    return storage_reason(str(error), getattr(error, "errno", None))

"""The connection the raw-SQL readers and writers use: Peewee's, or a quick one without Peewee.

The queue's store (`queue_store`, `queue_data`) and stored heat (`heat_cache`)
speak plain SQL through `db.execute_sql`, `db.atomic` and `db.cursor`. In the
app that is Peewee's database, so their writes nest in the app's transactions.
`followup due` needs nothing else of Peewee, whose import is a fifth of that
command's whole run: `open_quick` opens the same file with `sqlite3` alone
(same pragmas, same autocommit outside transactions), and `db` speaks to it
until it is closed. A file that needs a migration is never opened quickly.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peewee import Database

# The schema this code reads and writes: the last migration's number (`migrations`
# checks), here so that a quick open can compare without importing the migrations.
SCHEMA_VERSION = 8
# The file's settings, whichever opens it (`database.open_database` uses them too).
PRAGMAS: dict[str, Any] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "cache_size": -16000,  # 16 MB
    "synchronous": "normal",
}
BUSY_TIMEOUT_S = 5


class QuickDatabase:
    """One `sqlite3` connection with the few methods of Peewee's database the readers use."""

    def __init__(self, path: Path) -> None:
        # Autocommit outside `atomic`, as Peewee runs SQLite.
        self._con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        for name, value in PRAGMAS.items():
            self._con.execute(f"PRAGMA {name} = {value}")
        self._depth = 0

    def execute_sql(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement; its cursor."""
        return self._con.execute(sql, params)

    def cursor(self) -> sqlite3.Cursor:
        """A cursor (for `executemany`)."""
        return self._con.cursor()

    def pragma(self, name: str) -> Any:
        """A pragma's value."""
        return self._con.execute(f"PRAGMA {name}").fetchone()[0]

    @contextmanager
    def atomic(self, lock: str = "") -> Iterator[None]:
        """A transaction (`BEGIN IMMEDIATE` with lock "IMMEDIATE"), a savepoint when nested."""
        self._depth += 1
        name = f"s{self._depth}"
        first = self._depth == 1
        self._con.execute(f"BEGIN {lock}" if first else f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK" if first else f"ROLLBACK TO {name}")
            if not first:
                self._con.execute(f"RELEASE {name}")
            raise
        else:
            self._con.execute("COMMIT" if first else f"RELEASE {name}")
        finally:
            self._depth -= 1

    def close(self) -> None:
        """Close the connection."""
        self._con.close()


class _Handle:
    """Forwards to the quick database while one is open, else to Peewee's."""

    quick: QuickDatabase | None = None

    def __getattr__(self, name: str) -> Any:
        if self.quick is not None:
            return getattr(self.quick, name)
        return getattr(_peewee_db(), name)


def _peewee_db() -> Database:
    from followup_tui.db.models import db as peewee_db

    return peewee_db


db: Any = _Handle()


def open_quick(path: Path) -> bool:
    """Open `path` without Peewee, if its schema is today's; whether it was."""
    close_quick()
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False  # the full open says what is wrong with it
    if version != SCHEMA_VERSION:
        return False
    _Handle.quick = QuickDatabase(path)
    return True


def close_quick() -> None:
    """Close the quick database, if open: `db` is Peewee's again."""
    if _Handle.quick is not None:
        _Handle.quick.close()
        _Handle.quick = None


def busy_errors() -> tuple[type[Exception], ...]:
    """What a locked or read-only file raises through the connection in use."""
    errors: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    if "peewee" in sys.modules:
        from peewee import OperationalError

        errors += (OperationalError,)
    return errors

"""The database handle every data module shares: plain SQLite first, Peewee when wanted.

A start opens the file, checks the stored heat and places the due queue with plain
SQL: importing Peewee and defining the models (about 10 ms) would come before the
first frame for nothing. So `db` runs SQL on SQLite connections of its own (one per
thread, as Peewee keeps them) until Peewee is first wanted - `db.models` asks for it
as it defines the models, and any method `db` does not have asks for it too - and
from then on hands every call to Peewee's database, which takes over the
connections already open, and the transactions open on them.

Errors: SQLite's own before Peewee, Peewee's for what goes through Peewee after.
`db.operational_errors` is both kinds of "busy, locked or read-only".

A team's database on a PostgreSQL server (`db.server`) is Peewee's from the start:
`init_server` hands it every call, and `init` with a file goes back to SQLite.

Writers at once: on a file, a write transaction holds the whole file from its start
(`atomic`'s IMMEDIATE), so a write that reads first reads what no one else can change
before it commits. A server locks only the rows a statement writes, and its READ
COMMITTED lets another connection commit between a read and the write made from it
(four threads each adding one 50 times ended at 55, not 200). So a write that reads
first takes the row locks of what it reads (`lock_rows`, a no-op on a file), and a
write function is one transaction the server may end for a deadlock or a serialization
failure: `retried` runs it again, whole, a few times before the error is said.
"""

from __future__ import annotations

import errno
import functools
import os
import random
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

_UNSET = object()
P = ParamSpec("P")
T = TypeVar("T")

# A server's answers that end a transaction which, run again, may well succeed:
# serialization_failure and deadlock_detected (PostgreSQL's SQLSTATE codes).
RETRIED_STATES = frozenset({"40001", "40P01"})
# Tries in all of a write the server ended so, and the first pause between two (seconds,
# doubled each time, jittered so that two writers that clashed do not clash again).
WRITE_TRIES = 5
RETRY_PAUSE_S = 0.02


class _Local(threading.local):
    """One thread's own connection and how deep its transactions are nested."""

    conn: sqlite3.Connection | None = None
    depth = 0


class Database:
    """`SqliteDatabase(None)`'s calls the start path makes, without Peewee until wanted.

    `init`, `connect`, `close`, `is_closed`, `connection`, `cursor`, `execute_sql`,
    `atomic`, `pragma` and `connection_context` behave as Peewee's; anything else is
    Peewee's database's (`peewee`).
    """

    def __init__(self) -> None:
        self._peewee: Any = None
        self._sqlite: Any = None  # Peewee's SQLite database, once made
        self._server: Any = None  # Peewee's PostgreSQL database, while on a server
        # Per table on the server: whether this login may lock its rows (`lock_rows`).
        self._may_lock: dict[str, bool] = {}
        self._path: str | None = None
        self._pragmas: dict[str, object] = {}
        self._timeout: float = 5.0
        self._connect_params: dict[str, Any] = {}
        self._local = _Local()
        self._errors: tuple[type[Exception], ...] = (sqlite3.OperationalError,)

    # -- Peewee, once wanted ---------------------------------------------------------
    def peewee(self) -> Any:
        """Peewee's database, made the first time it is asked for."""
        if self._peewee is None:
            from peewee import OperationalError

            shared = _shared_class()(self)
            if self._path is not None:
                shared.init(
                    self._path,
                    pragmas=dict(self._pragmas),
                    timeout=self._timeout,
                    **self._connect_params,
                )
            self._errors = (sqlite3.OperationalError, OperationalError)
            self._peewee = self._sqlite = shared
            _bind_models(shared)  # they were on a server's database before
        return self._peewee

    @property
    def is_server(self) -> bool:
        """Whether the open database is a team's PostgreSQL server (not a SQLite file)."""
        return self._server is not None

    def init_server(self, server: Any) -> None:
        """Hand every call to `server`, Peewee's database on a PostgreSQL server."""
        if self._server is not None:
            self._leave_server()
        if not self.is_closed():
            self.close()
        from peewee import OperationalError
        from psycopg import OperationalError as DriverError

        self._path = None
        self._server = self._peewee = server
        self._may_lock = {}
        # The driver's own too: a cursor's `executemany` does not go through Peewee.
        self._errors = (sqlite3.OperationalError, OperationalError, DriverError)
        _bind_models(server)

    def _leave_server(self) -> None:
        """Close the server's connections and go back to SQLite (its Peewee database, if made)."""
        server, self._server = self._server, None
        server.close_all()
        self._peewee = self._sqlite
        if self._sqlite is not None:
            _bind_models(self._sqlite)
        elif _bind_models(None):
            self.peewee()  # the models are on the server's: they need SQLite's now
        else:
            self._errors = (sqlite3.OperationalError,)

    def __getattr__(self, name: str) -> Any:
        # Only for what this class lacks: Peewee's create_tables, get_columns, ...
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.peewee(), name)

    @property
    def operational_errors(self) -> tuple[type[Exception], ...]:
        """The errors of a file busy, locked or read-only: SQLite's, and Peewee's once loaded
        (on a server: Peewee's and the driver's, a busy or unreachable server)."""
        return self._errors

    # -- connections -------------------------------------------------------------------
    def init(
        self,
        database: str,
        pragmas: dict[str, object] | None = None,
        timeout: float = 5,
        **connect_params: Any,
    ) -> None:
        """Point at a file (closing this thread's connection to the one before);
        `connect_params` go to `sqlite3.connect` (a test's `uri=True`)."""
        if self._server is not None:
            self._leave_server()
        if self._peewee is not None:
            self._drop_unhanded()
        elif not self.is_closed():
            self.close()
        self._path, self._pragmas, self._timeout = database, dict(pragmas or {}), timeout
        self._connect_params = connect_params
        if self._peewee is not None:
            self._peewee.init(
                database, pragmas=dict(self._pragmas), timeout=timeout, **connect_params
            )

    def connect(self, reuse_if_open: bool = False) -> bool:
        """Open this thread's connection, with the pragmas."""
        if self._peewee is not None:
            return bool(self._peewee.connect(reuse_if_open))
        if self._path is None:
            raise sqlite3.InterfaceError("the database must be initialised before connecting")
        if self._local.conn is not None:
            if reuse_if_open:
                return False
            raise sqlite3.OperationalError("connection already opened")
        self._local.conn = self._open()
        return True

    def _open(self) -> sqlite3.Connection:
        """A new connection as Peewee opens one: autocommit, the pragmas set."""
        assert self._path is not None
        conn = sqlite3.connect(
            self._path, timeout=self._timeout, isolation_level=None, **self._connect_params
        )
        for key, value in self._pragmas.items():
            conn.execute(f"PRAGMA {key} = {value}")
        return conn

    def close(self) -> bool:
        """Close this thread's connection; whether one was open."""
        if self._peewee is not None:
            self._drop_unhanded()
            return bool(self._peewee.close())
        conn, self._local.conn = self._local.conn, None
        if conn is None:
            return False
        conn.close()
        return True

    def is_closed(self) -> bool:
        """Whether this thread has no open connection."""
        if self._peewee is not None:
            return bool(self._peewee.is_closed())
        return self._local.conn is None

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened if need be."""
        if self._peewee is not None:
            return self._peewee.connection()
        if self._local.conn is None:
            self.connect()
        assert self._local.conn is not None
        return self._local.conn

    @contextmanager
    def connection_context(self) -> Iterator[None]:
        """A connection for the block (a worker thread's), closed after."""
        opened = self.is_closed() and self.connect()
        try:
            yield
        finally:
            if opened:
                self.close()

    # -- statements --------------------------------------------------------------------
    def cursor(self) -> sqlite3.Cursor:
        """A cursor on this thread's connection."""
        if self._server is not None:  # SQL written for SQLite's parameters
            from followup_tui.db.server import ServerCursor

            return ServerCursor(self._server.cursor())  # type: ignore[return-value]
        if self._peewee is not None:
            return self._peewee.cursor()
        return self.connection().cursor()

    def execute_sql(self, sql: str, params: Any = None) -> sqlite3.Cursor:
        """Run one statement; the cursor holds its rows."""
        if self._server is not None:  # SQL written for SQLite's parameters
            from followup_tui.db.server import ServerCursor, server_sql

            cursor = self._server.execute_sql(server_sql(sql, params), params)
            return ServerCursor(cursor)  # type: ignore[return-value]
        if self._peewee is not None:
            return self._peewee.execute_sql(sql, params)
        cursor = self.connection().cursor()
        cursor.execute(sql, params or ())
        return cursor

    def pragma(self, key: str, value: object = _UNSET) -> Any:
        """Read a pragma, or set it (and read what SQLite answers)."""
        if self._peewee is not None:
            if value is _UNSET:
                return self._peewee.pragma(key)
            return self._peewee.pragma(key, value)
        sql = f"PRAGMA {key}" if value is _UNSET else f"PRAGMA {key} = {value or 0}"
        row = self.execute_sql(sql).fetchone()
        return row[0] if row else None

    def in_transaction(self) -> bool:
        """Whether this thread is inside a transaction (`atomic`)."""
        if self._peewee is not None:
            return bool(self._peewee.in_transaction()) or self._local.depth > 0
        return self._local.depth > 0

    def lock_rows(self, table: str, where: str, params: Any = ()) -> None:
        """Hold the rows of `table` matching `where` against other writers until this
        transaction ends: the write lock a read that a write is made from needs.

        On a server, `SELECT ... FOR NO KEY UPDATE` in id order (two writers locking the
        same rows take them in the same order, not each one the other wants). It waits
        for a writer holding them (at most the server's lock timeout) and reads them as
        that writer left them; adding rows that refer to them (a note on an account) is
        not held up. On a file nothing is needed: its write transaction holds the file.
        """
        if self._server is None:
            return
        may = self._may_lock.get(table)
        if may is None:
            # A row lock needs the right to change the table. One who only reads it (a
            # reader's own queue states) writes none of its rows, so has none to hold.
            sql = "SELECT has_any_column_privilege(current_user, ?, 'UPDATE')"
            may = self._may_lock[table] = bool(self.execute_sql(sql, (table,)).fetchone()[0])
        if not may:
            return
        self.execute_sql(
            f"SELECT 1 FROM {table} WHERE {where} ORDER BY id FOR NO KEY UPDATE", params
        )

    @contextmanager
    def long_statements(self) -> Iterator[None]:
        """A transaction whose statements may take longer than the server's statement
        timeout (a migration, a whole book written at once); on a file, `atomic`."""
        with self.atomic():
            if self._server is not None:
                self.execute_sql("SET LOCAL statement_timeout = 0")
            yield

    @contextmanager
    def atomic(self, lock_type: str = "IMMEDIATE") -> Iterator[None]:
        """A transaction, or a savepoint inside one.

        IMMEDIATE unless told: a transaction that reads and then writes takes the write
        lock at its start, so a second process waits on the busy timeout. Started as a
        read (DEFERRED), it would fail at once with "database is locked" when another
        process wrote in between (SQLite cannot wait there without risking a deadlock).
        A transaction that only reads asks for DEFERRED.
        """
        if lock_type != "DEFERRED":
            self._refuse_if_gone()
        try:
            with self._atomic(lock_type):
                yield
        except self._errors as error:
            if self._server is not None:
                self._drop_if_broken()
            raise _first_cause(error) from None

    def _drop_if_broken(self) -> None:
        """Give back this thread's server connection if it broke (the server restarted,
        the network went): kept, every later statement would fail on it, and a held
        write tried again would never land. The next statement connects anew."""
        server = self._server
        if server.is_closed() or server.in_transaction():
            return  # a savepoint's failure: the transaction around it ends, and drops it
        conn = server.connection()
        if conn.closed or conn.broken:
            server.close()

    def _refuse_if_gone(self) -> None:
        """A write to a file deleted or moved since it was opened (its folder removed)
        would land in the open, unlinked inode and vanish at exit, after "saved" was said:
        refused instead, as SQLite refuses a file it cannot open (a stat, microseconds)."""
        path = self._path
        if path is None or path == ":memory:" or self._connect_params.get("uri"):
            return
        if not os.path.exists(path):
            raise FileNotFoundError(errno.ENOENT, "the database file is gone", path)

    @contextmanager
    def _atomic(self, lock_type: str) -> Iterator[None]:
        if self._server is not None:  # no lock types: PostgreSQL locks rows as it writes
            with self._server.atomic():
                yield
            return
        if self._peewee is not None:
            with self._peewee.atomic(lock_type):
                yield
            return
        conn = self.connection()
        local = self._local
        nested = local.depth > 0
        name = f"s{local.depth}"
        conn.execute(f"SAVEPOINT {name}" if nested else f"BEGIN {lock_type}")
        local.depth += 1
        try:
            yield
        except BaseException:
            local.depth -= 1
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}" if nested else "ROLLBACK")
            if nested:
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        local.depth -= 1
        conn.execute(f"RELEASE SAVEPOINT {name}" if nested else "COMMIT")

    # -- for Peewee's database, taking over ----------------------------------------------
    def _drop_unhanded(self) -> None:
        """Close this thread's connection if Peewee never took it (it would be to the file
        before: a new `init`, or a `close`)."""
        conn = self._hand_over()
        if conn is not None:
            conn.close()

    def _hand_over(self) -> sqlite3.Connection | None:
        """This thread's open connection, now Peewee's (None if there is none)."""
        conn, self._local.conn = self._local.conn, None
        return conn

    def _open_depth(self) -> int:
        """Transactions this thread opened before Peewee took over and has not closed."""
        return self._local.depth


def sqlstate(error: BaseException) -> str | None:
    """The server's SQLSTATE of `error` (Peewee's error holds the driver's), else None."""
    seen: set[int] = set()
    todo: list[object] = [error]
    while todo:
        found = todo.pop()
        if not isinstance(found, BaseException) or id(found) in seen:
            continue
        seen.add(id(found))
        state = getattr(found, "sqlstate", None)
        if isinstance(state, str):
            return state
        todo += [*found.args[:1], found.__cause__, found.__context__]
    return None


def retried(write: Callable[P, T]) -> Callable[P, T]:
    """`write` as one transaction; on a server, run again whole when the server ended it
    for a deadlock or a serialization failure (`RETRIED_STATES`), after a short jittered
    pause, `WRITE_TRIES` times in all; the last failure is raised (nothing was written).

    Only where it starts the transaction: inside another, the outer one is what can be
    run again. On a file it is `write` itself, whose transaction holds the file.
    """

    @functools.wraps(write)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        if not db.is_server or db.in_transaction():
            return write(*args, **kwargs)
        for attempt in range(1, WRITE_TRIES + 1):
            try:
                with db.atomic():
                    return write(*args, **kwargs)
            except db.operational_errors as error:
                if attempt == WRITE_TRIES or sqlstate(error) not in RETRIED_STATES:
                    raise
            _pause(attempt)
        raise AssertionError("unreachable: the last try returns or raises")

    return run


def _pause(attempt: int) -> None:
    """Wait before try `attempt + 1`: doubling each time, jittered so that two writers
    that clashed do not start again together."""
    time.sleep(random.uniform(0.5, 1.0) * RETRY_PAUSE_S * 2 ** (attempt - 1))


# What SQLite says when asked to roll back what it already rolled back itself: after
# a full disk or an I/O error it ends the transaction at once (its docs, "Response To
# Errors Within A Transaction"); the rollback's own failure then hides the cause.
_ALREADY_ROLLED_BACK = ("no transaction is active", "no such savepoint")


def _first_cause(error: BaseException) -> BaseException:
    """The error a failed rollback hid, when SQLite had already rolled back; else `error`."""
    while str(error) and any(text in str(error).lower() for text in _ALREADY_ROLLED_BACK):
        cause = error.__context__
        if cause is None:
            break
        error = cause
    return error


def _bind_models(database: Any) -> bool:
    """Point the models at `database` (None: only tell), if they are defined yet - they
    bind to the database open at their definition; whether they are."""
    models = sys.modules.get("followup_tui.db.models")
    all_models = getattr(models, "ALL_MODELS", None)
    if all_models is not None and database is not None:
        database.bind(all_models)
    return all_models is not None


def _shared_class() -> type:
    """Peewee's SqliteDatabase, taking over the connections `Database` opened."""
    from peewee import SqliteDatabase

    class SharedDatabase(SqliteDatabase):
        """Peewee's database for the models, on the connections `db` opened first."""

        def __init__(self, handle: Database) -> None:
            self._handle = handle
            super().__init__(None)

        def _connect(self) -> sqlite3.Connection:
            conn = self._handle._hand_over()
            return conn if conn is not None else super()._connect()  # type: ignore[misc]

        def transaction_depth(self) -> int:
            # A transaction `db` opened before Peewee took over: Peewee nests inside it.
            return int(super().transaction_depth()) + self._handle._open_depth()

    return SharedDatabase


# Initialised by `followup_tui.db.database.open_database`, never at import time.
db = Database()

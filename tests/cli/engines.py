"""What the CLI's tests share to run on both engines (the fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from followup_tui.core.base.db_target import ServerUrl, database_target

if TYPE_CHECKING:
    from tests.pg_cluster import Cluster

# The engines a test of the command line runs on (the fixtures' parameters).
ENGINES = ["sqlite", "postgresql"]
# A database as the tests hold it: `--db`'s value, or what the data layer opens.
Db = str | Path | ServerUrl


def on_sqlite_only(fixture: str) -> pytest.MarkDecorator:
    """A test's `fixture` (cli_db, db_path, demo_db) on SQLite alone: its own params."""
    return pytest.mark.parametrize(fixture, ["sqlite"], indirect=True)


def target(db: Db) -> Path | ServerUrl:
    """The database `db` names, as the data layer opens it."""
    return db if isinstance(db, Path | ServerUrl) else database_target(db, "--db")


def on_server(db: Db) -> bool:
    return isinstance(target(db), ServerUrl)


def examples(db: Db, *, on_a_file: int, on_a_server: int) -> int:
    """A property's number of examples on `db`'s engine: fewer on a server, where each
    costs more (its own connections, its own round trips)."""
    return on_a_server if on_server(db) else on_a_file


def copy_database(cluster: Cluster, template: str) -> str:
    """A new team database on `cluster`, a copy of `template`; its name.

    Copied file by file: the server's default (WAL_LOG) writes every page of the copy
    through its log, three times the server's CPU for a database this small."""
    name = f"c{os.getpid()}_{next(_COPIES)}"
    cluster.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY = FILE_COPY')
    return name


_COPIES = itertools.count(1)


def rows(db: Db, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """What `sql` (SQLite's `?` parameters) reads from `db` on a connection of its own,
    as SQLite gives it: a day as text (the server gives a date), an amount as a number."""
    with connection(db) as conn:
        found = conn.execute(*_said(db, sql, params)).fetchall()
    return [tuple(_as_sqlite(v) for v in row) for row in found]


def write(db: Db, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run `sql` (SQLite's `?` parameters) on `db` on a connection of its own, committed:
    a change made behind followup's back."""
    with connection(db) as conn:
        conn.execute(*_said(db, sql, params))


def wrote_nothing(db: Db) -> bool:
    """Whether nothing was written to `db`: no file made, or no record in the team's
    database (its schema is there from the start)."""
    if not on_server(db):
        return not Path(str(db)).exists()
    tables = ("account", "contact", "deal", "influence", "external_id", "activity")
    return all(rows(db, f"SELECT COUNT(*) FROM {t}") == [(0,)] for t in tables)


@contextmanager
def connection(db: Db) -> Iterator[Any]:
    """A connection of the test's own to `db` (sqlite3, or psycopg's), committed at the end."""
    where = target(db)
    if isinstance(where, ServerUrl):
        import psycopg

        with psycopg.connect(where.url) as server:  # commits at its end
            yield server
        return
    if not where.exists():
        raise FileNotFoundError(where)  # sqlite3 would make it
    conn = sqlite3.connect(where)
    try:
        with conn:  # commits at its end
            yield conn
    finally:
        conn.close()


def _said(db: Db, sql: str, params: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    """`sql` in the engine's parameters (psycopg's on a server: `%s`, a `%` doubled)."""
    from followup_tui.db.server import server_sql

    return (server_sql(sql, params), params) if on_server(db) else (sql, params)


def _as_sqlite(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value

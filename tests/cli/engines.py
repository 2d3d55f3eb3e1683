"""What the CLI's tests share to run on both engines (the fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from followup_tui.core.base.db_target import ServerUrl, database_target

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


def rows(db: Db, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """What `sql` (SQLite's parameters) reads from `db` through the data layer's own
    connection, left open; a day as SQLite keeps it, as text (the server gives a date)."""
    from followup_tui.db.connection import db as database
    from followup_tui.db.database import open_database

    open_database(target(db))
    found = database.execute_sql(sql, params).fetchall()
    return [tuple(_as_sqlite(v) for v in row) for row in found]


def write(db: Db, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run a write in `sql` (SQLite's parameters) on `db` through the data layer's own
    connection, committed and left open: a change made behind followup's back."""
    from followup_tui.db.connection import db as database
    from followup_tui.db.database import open_database

    open_database(target(db))
    database.execute_sql(sql, params)


def _as_sqlite(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    return value

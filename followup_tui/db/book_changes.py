"""Whether the book changed, on a team's PostgreSQL server: the answer SQLite's
`PRAGMA data_version` and `total_changes()` give on the rep's own file.

The review screen keeps the tabs it read while the book's stamp holds
(`db.review_stamp`), and the account list reads again when another process wrote
(`db.database.outside_writes`). A server has no data version, so the book keeps one:

- a sequence, `book_changes`, moved by a statement-level trigger on every table of the
  book, whoever writes (the app, `followup note`, psql). `nextval` is outside any
  transaction and takes no lock: writers never wait on each other for it;
- but it moves when the statement runs, before its transaction commits: a stamp taken
  in between, and a read after it, would see the old rows under the new number for
  ever. So the same trigger takes a shared advisory lock for its transaction (shared
  locks do not block each other), and a stamp also names the transactions holding it:
  when such a writer commits, its name leaves the stamp, and the stamp changes.

A stamp is two numbers and a list read in one statement; a read changes neither. A
rolled-back write still moved the sequence: a tab read again for nothing, never a
stale one kept.
"""

from __future__ import annotations

from followup_tui.db.connection import Database, db

SEQUENCE = "book_changes"
# The advisory lock's two keys ("foll", "book"): a writer of the book holds it shared.
LOCK = (0x666F6C6C, 0x626F6F6B)
# How many of the sequence's steps this session took: its own writes, which SQLite's
# data_version does not count for the connection that made them.
_OWN = "followup.own_changes"
_OWN_NOW = f"COALESCE(NULLIF(current_setting('{_OWN}', true), ''), '0')::bigint"

_WRITING = (
    "SELECT string_agg(virtualtransaction, ',' ORDER BY virtualtransaction) FROM pg_locks "
    "WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database "
    f"WHERE datname = current_database()) AND classid = {LOCK[0]} AND objid = {LOCK[1]} "
    "AND objsubid = 2 AND pid <> pg_backend_pid()"
)
_STAMP = (
    f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END, {_OWN_NOW}, ({_WRITING}) "
    f"FROM {SEQUENCE}"
)


def server_statements(tables: list[str]) -> list[str]:
    """The sequence, the trigger's function, and the trigger on each of `tables`."""
    sql = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        "CREATE OR REPLACE FUNCTION book_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_advisory_xact_lock_shared({LOCK[0]}, {LOCK[1]}); "
        f"PERFORM nextval('{SEQUENCE}'); "
        f"PERFORM set_config('{_OWN}', ({_OWN_NOW} + 1)::text, false); "
        "RETURN NULL; END $$",
    ]
    sql += [
        f"CREATE OR REPLACE TRIGGER book_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION book_changed()'
        for table in tables
    ]
    return sql


def install_server(database: Database) -> None:
    """Give a server database its change stamp, on every table of the models."""
    from followup_tui.db.models import ALL_MODELS

    tables = [model._meta.table_name for model in ALL_MODELS]
    for sql in server_statements(tables):
        database.execute_sql(sql)


def server_stamp() -> tuple[int, int, str]:
    """The server's changes so far, how many of them this connection made, and the other
    transactions writing the book now (their names, joined)."""
    changes, own, writing = db.execute_sql(_STAMP).fetchone()
    return int(changes), int(own), writing or ""

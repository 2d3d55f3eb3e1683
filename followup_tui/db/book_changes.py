"""Whether the book changed, on a team's PostgreSQL server: the answer SQLite's
`PRAGMA data_version` and `total_changes()` give on the rep's own file.

The review screen keeps the tabs it read while the book's stamp holds
(`db.review_stamp`), and the account list reads again when another process wrote
(`db.database.outside_writes`). A server has no data version, so the book keeps one:

- a sequence, `book_changes`, set to a new random number by a statement-level trigger
  on every table of the book, whoever writes (the app, `followup note`, psql). `setval`
  is outside any transaction and waits on no writer: writers are never serialized. A
  random number, not a count: two writers setting it at once can lose neither's
  change, and no later write sets it back to a number a stamp holds. (Not `nextval`:
  it would move the session's `lastval()`, which `ServerCursor.lastrowid` reads after
  an INSERT.) The function runs as its owner, who may set the sequence; a rep may not;
- but it moves when the statement runs, before its transaction commits: a stamp taken
  in between, and a read after it, would see the old rows under the new number for
  ever. So the same trigger takes a shared advisory lock for its transaction (shared
  locks do not block each other), and a stamp also names the transactions holding it:
  when such a writer commits, its name leaves the stamp, and the stamp changes.

The trigger also keeps, in the session, the number it set last and the number it found
before it, when someone else had set that one: `outside_writes` leaves the connection's
own writes out, as SQLite's data_version does. A read changes nothing. A rolled-back
write still moved the number: a tab read again for nothing, never a stale one kept.
"""

from __future__ import annotations

from followup_tui.db.connection import Database, db

SEQUENCE = "book_changes"
# The advisory lock's two keys ("foll", "book"): a writer of the book holds it shared.
LOCK = (0x666F6C6C, 0x626F6F6B)
# The session's settings: the number it set last, and the last one others had set.
_OWN = "followup.own_change"
_SEEN = "followup.outside_change"


def _setting(name: str) -> str:
    return f"NULLIF(current_setting('{name}', true), '')::bigint"


_WRITING = (
    "SELECT string_agg(virtualtransaction, ',' ORDER BY virtualtransaction) FROM pg_locks "
    "WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database "
    f"WHERE datname = current_database()) AND classid = {LOCK[0]} AND objid = {LOCK[1]} "
    "AND objsubid = 2 AND pid <> pg_backend_pid()"
)
_STAMP = (
    f"SELECT last_value, CASE WHEN last_value = {_setting(_OWN)} "
    f"THEN COALESCE({_setting(_SEEN)}, 0) ELSE last_value END, ({_WRITING}) FROM {SEQUENCE}"
)


def server_statements(schema: str, tables: list[str]) -> list[str]:
    """The sequence, the trigger's function, and the trigger on each of `tables`; `schema`
    quoted, named in full in a function that runs as its owner."""
    sequence = f"{schema}.{SEQUENCE}"
    sql = [
        f"CREATE SEQUENCE IF NOT EXISTS {sequence}",
        "CREATE OR REPLACE FUNCTION book_changed() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$ "
        "DECLARE found bigint; mine bigint; BEGIN "
        f"PERFORM pg_advisory_xact_lock_shared({LOCK[0]}, {LOCK[1]}); "
        f"SELECT last_value INTO found FROM {sequence}; "
        f"IF found IS DISTINCT FROM {_setting(_OWN)} THEN "
        f"PERFORM set_config('{_SEEN}', found::text, false); END IF; "
        "mine := 1 + floor(random() * 9.0e18)::bigint; "
        f"PERFORM setval('{sequence}', mine); "
        f"PERFORM set_config('{_OWN}', mine::text, false); "
        "RETURN NULL; END $$",
    ]
    sql += [
        "CREATE OR REPLACE TRIGGER book_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION book_changed()'
        for table in tables
    ]
    return sql


def install_server(database: Database) -> None:
    """Give a server database its change stamp, on every table of the models."""
    from followup_tui.db.models import ALL_MODELS

    tables = [model._meta.table_name for model in ALL_MODELS]
    schema = database.execute_sql("SELECT quote_ident(current_schema())").fetchone()[0]
    for sql in server_statements(schema, tables):
        database.execute_sql(sql)


def server_stamp() -> tuple[int, int, str]:
    """The book's number now, the last one another connection set (this one's own writes
    left out), and the other transactions writing the book now (their names, joined)."""
    changes, outside, writing = db.execute_sql(_STAMP).fetchone()
    return int(changes), int(outside), writing or ""

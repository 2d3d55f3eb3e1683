"""Whether the search index is whole, on either engine: what the find tests check after
their writes.

On SQLite, FTS5's own integrity check of each index, and the per-account index equal to
one made now from the activities. On a server, every searched row's `find_text` equal
to what Python makes of its columns (`find_index.server_text`): the generated column
is the server's index.
"""

from __future__ import annotations

from followup_tui.db.connection import db
from followup_tui.db.find_index import HELD, INDEXES, SERVER_COLUMN, held_rows, server_text


def held_terms(table: str = "main.find_account_activity") -> set[tuple[str, int]]:
    """A per-account index as (trigram, account id) pairs (SQLite)."""
    schema, name = table.split(".")
    db.execute_sql("DROP TABLE IF EXISTS temp.held_vocab")
    db.execute_sql(
        f"CREATE VIRTUAL TABLE temp.held_vocab USING fts5vocab({schema}, {name}, instance)"
    )
    return set(db.execute_sql("SELECT term, doc FROM temp.held_vocab").fetchall())


def held_terms_scanned() -> set[tuple[str, int]]:
    """The same pairs from an index made now from the activities as they are (SQLite)."""
    db.execute_sql("DROP TABLE IF EXISTS temp.held_scan")
    db.execute_sql(
        "CREATE VIRTUAL TABLE temp.held_scan USING fts5(text, content='', tokenize='trigram', "
        "detail=none)"
    )
    db.execute_sql(f"INSERT INTO temp.held_scan (rowid, text) {held_rows()}")
    return held_terms("temp.held_scan")


def assert_index_whole() -> None:
    """No write left the index stale, whichever engine holds the book."""
    if not db.is_server:
        for name in (*(index.name for index in INDEXES), HELD):
            db.execute_sql(f"INSERT INTO {name} ({name}) VALUES ('integrity-check')")
        assert held_terms() == held_terms_scanned()
        return
    for index in INDEXES:
        columns = ", ".join(index.columns)
        rows = db.execute_sql(f"SELECT {SERVER_COLUMN}, {columns} FROM {index.table}")
        for stored, *texts in rows.fetchall():
            assert stored == server_text("\n".join(texts), index.fold), (index.table, texts)

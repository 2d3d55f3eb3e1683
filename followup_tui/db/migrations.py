"""Numbered schema migrations, run in order on a file with an older schema.

Each migration is written against the tables as they were at its version (raw
column names, no imports of today's models), so later model changes cannot
change what an old migration does.
"""

from __future__ import annotations

from collections.abc import Callable

from peewee import CharField, DateField, DateTimeField, DecimalField, SqliteDatabase, TextField
from playhouse.migrate import SqliteMigrator, migrate

from followup_tui.text import search_key


def _v2_account_search_key(db: SqliteDatabase) -> None:
    """v1 -> v2: accounts gain a normalised `search_key`, filled from their names."""
    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("account", "search_key", CharField(default="")),
        migrator.add_index("account", ("search_key",), False),
    )
    rows = db.execute_sql("SELECT id, name FROM account").fetchall()
    db.cursor().executemany(
        "UPDATE account SET search_key = ? WHERE id = ?",
        [(search_key(name), rid) for rid, name in rows],
    )


def _v3_account_summaries(db: SqliteDatabase) -> None:
    """v2 -> v3: accounts gain stored summaries (last contact, next step, open amount, search)."""
    from followup_tui.db.summaries import refresh_summaries

    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("account", "last_contact_at", DateTimeField(null=True)),
        migrator.add_column("account", "next_follow_up", DateField(null=True)),
        migrator.add_column(
            "account",
            "open_amount",
            DecimalField(max_digits=16, decimal_places=2, auto_round=True, null=True),
        ),
        migrator.add_column("account", "search_text", TextField(default="")),
    )
    refresh_summaries(None, db)


# MIGRATIONS[n] upgrades a file from version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[SqliteDatabase], None]] = {
    2: _v2_account_search_key,
    3: _v3_account_summaries,
}

SCHEMA_VERSION = max(MIGRATIONS)

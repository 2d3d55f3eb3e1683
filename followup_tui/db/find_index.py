"""The full-text index behind `followup find` and the account list's `/`: SQLite FTS5.

One FTS5 table per searched text, each an external-content index over a plain
column (the text is stored once, in its own table; the index holds trigrams):

- `find_account` over `account.search_text`: the name and its pinyin, the key
  people's names and their pinyin, the account form's notes (`db.summaries`);
- `find_activity` over `activity.notes`: every call note and quick note;
- `find_best_action`, `find_landmine`, `find_bullet` over the blue sheet's texts.

Triggers on those columns keep the index current whichever process writes (the
app, `followup note` from a shell, an import, a migration): a search sees a write
as soon as it is committed. They are plain SQL over stored columns, no Python
function, so a server database can keep the same index its own way.

The trigram tokenizer (SQLite 3.34+) indexes every three characters, so a
Chinese word with no spaces around it (竞争对手) is found like an English one, and
folds case (sow finds SOW). A query of one or two characters has no trigram: the
search reads the texts instead (`db.find`).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from followup_tui.core.base.errors import FollowupError
from followup_tui.db.connection import Database

if TYPE_CHECKING:
    from peewee import SqliteDatabase

# (index, table, column): each index covers one text column of one table.
INDEXES = (
    ("find_account", "account", "search_text"),
    ("find_activity", "activity", "notes"),
    ("find_best_action", "best_action", "what"),
    ("find_landmine", "landmine", "text"),
    ("find_bullet", "bullet", "text"),
)
TRIGRAM_SINCE = (3, 34, 0)


def check_trigram() -> None:
    """Refuse to go on with an SQLite too old for the trigram tokenizer, in a sentence."""
    if sqlite3.sqlite_version_info < TRIGRAM_SINCE:
        raise FollowupError(
            f"this Python's SQLite is {sqlite3.sqlite_version}; followup's search needs "
            "3.34 or later (the trigram tokenizer)"
        )


def _statements(index: str, table: str, column: str) -> list[str]:
    # An external-content index forgets a row by being told its old text: the
    # triggers give it OLD's, which is exactly what it indexed.
    add = f"INSERT INTO {index} (rowid, {column}) VALUES (NEW.id, NEW.{column});"
    forget = (
        f"INSERT INTO {index} ({index}, rowid, {column}) VALUES ('delete', OLD.id, OLD.{column});"
    )
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5({column}, content='{table}', "
        "content_rowid='id', tokenize='trigram', columnsize=0)",
        f"CREATE TRIGGER IF NOT EXISTS {index}_ins AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS {index}_del AFTER DELETE ON {table} BEGIN {forget} END",
        # Only a change of the text: a summary or heat refresh rewrites other columns
        # of the same rows all day.
        f"CREATE TRIGGER IF NOT EXISTS {index}_upd AFTER UPDATE OF {column} ON {table} "
        f"WHEN OLD.{column} IS NOT NEW.{column} BEGIN {forget} {add} END",
    ]


def install(database: Database | SqliteDatabase) -> None:
    """Create the indexes and their triggers, and index every row already there."""
    check_trigram()
    for index, table, column in INDEXES:
        for sql in _statements(index, table, column):
            database.execute_sql(sql)
    rebuild(database)


def rebuild(database: Database | SqliteDatabase) -> None:
    """Index every row again from the tables: after a load that ran without the triggers."""
    for index, _, _ in INDEXES:
        database.execute_sql(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")

"""The per-account summary columns: last contact, next follow-up, open amount, search text.

The search text holds the name, its pinyin, the key people's names and their stored
pinyin (`contact.spoken`) and the account's notes, folded, then the words of the name
and the people that hold punctuation, without it (`naming`: "margies" finds
"Margie's Travel"); `db.find_index` indexes it.

They are derived from other tables and stored only so the account list stays fast
at 100,000 accounts; every write that can change them calls `refresh_summaries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from followup_tui.core.base.text import search_key, spoken_forms, unpunctuated_words
from followup_tui.db.connection import Database, db

if TYPE_CHECKING:
    from peewee import SqliteDatabase

# One statement so a refresh of every account is a single pass in SQLite.
_REFRESH = """
UPDATE account SET
  last_contact_at = (SELECT MAX(occurred_at) FROM activity
                     WHERE activity.account_id = account.id AND activity.kind != 'note'),
  next_follow_up = (SELECT MIN(due) FROM follow_up
                    WHERE follow_up.account_id = account.id AND NOT follow_up.done),
  open_amount = (SELECT SUM(amount) FROM deal
                 WHERE deal.account_id = account.id AND deal.outcome = 'open'),
  search_text = normkey(name || ' ' || COALESCE((SELECT group_concat(name, ' ') FROM contact
                 WHERE contact.account_id = account.id), '') || ' ' || notes)
                 || ' ' || spoken(sort_key)
                 || COALESCE((SELECT ' ' || group_concat(spoken, ' ') FROM contact
                 WHERE contact.account_id = account.id AND spoken != ''), '')
                 || bare(name || ' ' || COALESCE((SELECT group_concat(name, ' ') FROM contact
                 WHERE contact.account_id = account.id), ''))
"""


def _register(database: Database | SqliteDatabase) -> None:
    """Make `normkey()` (our Python normalisation) callable from SQL on this connection."""
    connection = database.connection()
    connection.create_function("normkey", 1, search_key, deterministic=True)
    connection.create_function("spoken", 1, spoken_forms, deterministic=True)
    connection.create_function("bare", 1, unpunctuated_words, deterministic=True)


def refresh_summaries(
    account_ids: Iterable[int] | None = None, database: Database | SqliteDatabase = db
) -> None:
    """Recompute the summary columns of some accounts, or of all when `account_ids` is None."""
    _register(database)
    if account_ids is None:
        database.execute_sql(_REFRESH)
        return
    ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        database.execute_sql(f"{_REFRESH} WHERE id IN ({marks})", chunk)

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
    if getattr(database, "is_server", False):
        _refresh_on_server(account_ids, database)
        return
    _register(database)
    if account_ids is None:
        database.execute_sql(_REFRESH)
        return
    ids = list(dict.fromkeys(account_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        database.execute_sql(f"{_REFRESH} WHERE id IN ({marks})", chunk)


# The columns SQL computes on a server too; the search text is Python's (below).
_SERVER_REFRESH = """
UPDATE account SET
  last_contact_at = (SELECT MAX(occurred_at) FROM activity
                     WHERE activity.account_id = account.id AND activity.kind != 'note'),
  next_follow_up = (SELECT MIN(due) FROM follow_up
                    WHERE follow_up.account_id = account.id AND NOT follow_up.done),
  open_amount = (SELECT SUM(amount) FROM deal
                 WHERE deal.account_id = account.id AND deal.outcome = 'open')
"""


def _refresh_on_server(
    account_ids: Iterable[int] | None, database: Database | SqliteDatabase
) -> None:
    """`refresh_summaries` on a server, which cannot run our Python inside its SQL: the
    search text is made here from the rows, as `_REFRESH` makes it in SQLite."""
    ids = None if account_ids is None else list(dict.fromkeys(account_ids))
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        where = "" if chunk is None else " WHERE id IN (" + ", ".join("?" * len(chunk)) + ")"
        database.execute_sql(_SERVER_REFRESH + where, chunk)
        accounts = database.execute_sql(
            "SELECT id, name, notes, sort_key FROM account" + where, chunk
        ).fetchall()
        people: dict[int, list[tuple[str, str]]] = {}
        of = "" if chunk is None else where.replace(" id IN", " account_id IN")
        for account_id, name, spoken in database.execute_sql(
            "SELECT account_id, name, spoken FROM contact" + of + " ORDER BY id", chunk
        ):
            people.setdefault(account_id, []).append((name, spoken))
        rows = []
        for account_id, name, notes, sort_key in accounts:
            names = " ".join(n for n, _ in people.get(account_id, ()))
            heard = " ".join(s for _, s in people.get(account_id, ()) if s != "")
            text = (
                search_key(f"{name} {names} {notes}")
                + " "
                + spoken_forms(sort_key)
                + (f" {heard}" if heard else "")
                + unpunctuated_words(f"{name} {names}")
            )
            rows.append((text, account_id))
        database.cursor().executemany("UPDATE account SET search_text = ? WHERE id = ?", rows)

"""Searching every text of the book: account names, key people, notes and blue-sheet records.

Words of three characters or more are looked up in the full-text index
(`db.find_index`, FTS5 with trigrams). A word of one or two characters has no
trigram, so it cannot use the index: it is checked on the text itself (`instr`),
on the rows the longer words found, or, when every word is that short (周总,
"li"), by reading the column through; at 2,000,000 activities that read takes a
few hundred milliseconds, against a few for an indexed word.

`find` lists hits for `followup find`; `accounts_with_notes` gives the account
list's `/` the accounts whose notes or records hold the words (the list itself
searches names, people and the account's notes in memory).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from followup_tui.core.accounts.find_hits import TRIGRAM, FindHit, Person, account_place
from followup_tui.core.base.text import spoken_forms
from followup_tui.db.connection import db


@dataclass(frozen=True, slots=True)
class _Source:
    """A searched text: its index, its table and column, and how a row reaches its account."""

    place: str
    index: str
    table: str
    column: str
    account: str  # SQL for the row's account id, the row being `t`
    join: str = ""  # joins that `account` reads
    kind: str = "''"
    moment: str = "NULL"


_ACCOUNT = _Source("name", "find_account", "account", "search_text", "t.id")
_DEAL = "JOIN deal d ON d.id = t.deal_id"
# In the order `followup find` lists them: what happened, then the blue sheets.
RECORD_SOURCES = (
    _Source(
        "activity", "find_activity", "activity", "notes", "t.account_id",
        kind="t.kind", moment="t.occurred_at",
    ),
    _Source("best_action", "find_best_action", "best_action", "what", "d.account_id", _DEAL),
    _Source("landmine", "find_landmine", "landmine", "text", "d.account_id", _DEAL),
    _Source("bullet", "find_bullet", "bullet", "text", "d.account_id", _DEAL),
)  # fmt: skip


DATE_WINDOW = 500  # activities sorted by day for `find` (see there)


def _phrase(word: str) -> str:
    """A word as an FTS5 string: its characters, whatever they are, as one phrase."""
    return '"' + word.replace('"', '""') + '"'


def _rows(
    source: _Source,
    words: Sequence[str],
    limit: int | None,
    columns: str,
    group: str = "",
) -> Iterator[tuple]:
    """Rows of a source holding every word, most recently written first (or grouped)."""
    indexed = [w for w in words if len(w) >= TRIGRAM]
    short = [w for w in words if len(w) < TRIGRAM]
    params: list[object] = []
    conditions = []
    if indexed:
        # The index gives its rows in rowid order, newest first, and stops at the limit.
        table = f"{source.index} m JOIN {source.table} t ON t.id = m.rowid"
        conditions.append(f"{source.index} MATCH ?")
        params.append(" ".join(map(_phrase, indexed)))
        order = "m.rowid DESC"
    else:
        table = f"{source.table} t"
        order = "t.id DESC"
    for word in short:
        # lower() folds ASCII only: the account's search text is folded already, and
        # a note's other letters are compared as written.
        conditions.append(f"instr(lower(t.{source.column}), ?) > 0")
        params.append(word)
    sql = f"SELECT {columns} FROM {table} {source.join} WHERE {' AND '.join(conditions)}"
    sql += f" GROUP BY {group}" if group else f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    yield from db.execute_sql(sql, params)


def _day(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _people(account_ids: Sequence[int]) -> dict[int, list[Person]]:
    found: dict[int, list[Person]] = {aid: [] for aid in account_ids}
    if not account_ids:
        return found
    marks = ", ".join("?" * len(account_ids))
    rows = db.execute_sql(
        f"SELECT account_id, id, name, spoken FROM contact WHERE account_id IN ({marks}) "
        "ORDER BY id",
        list(account_ids),
    )
    for aid, cid, name, spoken in rows:
        found[aid].append(Person(cid, name, spoken))
    return found


def _account_hits(words: Sequence[str], limit: int) -> list[FindHit]:
    rows = list(_rows(_ACCOUNT, words, limit, "t.id, t.name, t.sort_key, t.notes"))
    people = _people([row[0] for row in rows])
    hits = []
    for aid, name, sort_key, notes in rows:
        place, text, row_id = account_place(
            words, name, spoken_forms(sort_key or ""), people[aid], notes or ""
        )
        hits.append(FindHit(aid, name, place, text, row_id))
    # Names first, then people, then notes; newest account first within each.
    order = {"name": 0, "person": 1, "account_notes": 2}
    return sorted(hits, key=lambda h: order[h.place])


def find(words: Sequence[str], limit: int) -> tuple[list[FindHit], bool]:
    """Up to `limit` (1 or more) places holding every word, and whether there are more.

    Accounts come first (name, key person, account notes), then activities newest
    first (among the DATE_WINDOW matches written last), then best actions,
    landmines and bullets, each most recently written first.
    """
    if not words:
        return [], False
    hits = _account_hits(words, limit + 1)
    for source in RECORD_SOURCES:
        if len(hits) > limit:
            break
        hits += record_hits(source.place, words, limit + 1 - len(hits))
    return hits[:limit], len(hits) > limit


def record_hits(place: str, words: Sequence[str], limit: int) -> list[FindHit]:
    """Up to `limit` activities, best actions, landmines or bullets (`place`) holding the words."""
    (source,) = (s for s in RECORD_SOURCES if s.place == place)
    account = source.account
    columns = (
        f"t.id, {account}, (SELECT name FROM account WHERE id = {account}), "
        f"{source.kind}, {source.moment}, t.{source.column}"
    )
    if place == "activity":
        # Newest first by the day they happened: the index gives the rows written
        # last, and sorting every match by day would cost a common word 0.2-0.3 s
        # at 2,000,000 activities. The last written hundreds, sorted, are the
        # newest in any book written as its history happened.
        rows = list(_rows(source, words, max(limit, DATE_WINDOW), columns))
        rows.sort(key=lambda row: (str(row[4]), row[0]), reverse=True)
        rows = rows[:limit]
    else:
        rows = list(_rows(source, words, limit, columns))
    return [
        FindHit(aid, name, place, text, rid, kind or "", _day(moment))
        for rid, aid, name, kind, moment, text in rows
    ]


def accounts_with_notes(words: Sequence[str]) -> dict[int, tuple[str, int]]:
    """The accounts whose activities or blue-sheet records hold every word, each with
    its most recently written such row: account id -> (place, row id).

    The account list's `/` adds these to the accounts its own search finds, and opens
    an account found this way at that row.
    """
    found: dict[int, tuple[str, int]] = {}
    if not words:
        return found
    for source in RECORD_SOURCES:
        # Grouped in SQLite: a common word is in a hundred thousand notes, which one
        # Python step each would take a good part of a second to go through.
        columns = f"{source.account}, MAX(t.id)"
        for aid, rid in _rows(source, words, None, columns, group=source.account):
            found.setdefault(aid, (source.place, rid))
    return found


def deal_of(place: str, row_id: int) -> int | None:
    """The deal a blue-sheet record (best action, landmine, bullet) belongs to."""
    tables = {source.place: source.table for source in RECORD_SOURCES if source.join}
    table = tables.get(place)
    if table is None:
        return None
    row = db.execute_sql(f"SELECT deal_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return None if row is None else int(row[0])

"""Searching every text of the book: account names, key people, notes and blue-sheet records.

Each word is looked up in the full-text index (`db.find_index`, FTS5 with
trigrams): a word of three characters or more as itself, a word of one or two
characters (周总, "li") as the index's trigrams that start with it (every indexed
text ends in two spaces, so each character starts one). Only a single character
starting more than `MAX_TERMS` trigrams is checked on the text itself (`instr`).

The words of a search are found within one account: all in one row (a note, a
record, the account's own search text), or spread over the account's search text
and a row (`华为 SOW`: the name and a call note), or over several of its rows.
`find` lists hits for `followup find`; `accounts_with_notes` gives the account
list's `/` the accounts its in-memory search of names, people and the account's
notes cannot find.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from followup_tui.core.accounts.find_hits import (
    TRIGRAM,
    FindHit,
    Person,
    account_place,
    commitment_of,
    cross_hits,
    day_of,
    full_record,
    record_text,
    spread_spot,
)
from followup_tui.core.base.text import spoken_forms
from followup_tui.db.connection import db
from followup_tui.db.find_index import HELD, SERVER_COLUMN, server_word


@dataclass(frozen=True, slots=True)
class _Source:
    """A searched table: its index, its text columns, and how a row reaches its account."""

    place: str
    index: str
    table: str
    columns: tuple[str, ...]
    account: str  # SQL for the row's account id, the row being `t`
    join: str = ""  # joins that `account` reads
    kind: str = "''"
    moment: str = "NULL"

    def texts(self) -> str:
        return ", ".join(f"t.{c}" for c in self.columns)


_ACCOUNT = _Source("name", "find_account", "account", ("search_text",), "t.id")
_DEAL = "JOIN deal d ON d.id = t.deal_id"
# In the order `followup find` lists them: what happened, then the blue sheets.
RECORD_SOURCES = (
    _Source(
        "activity", "find_activity", "activity",
        ("notes", "our_commitments", "their_commitments"), "t.account_id",
        kind="t.kind", moment="t.occurred_at",
    ),
    _Source("best_action", "find_best_action", "best_action", ("what",), "d.account_id", _DEAL),
    _Source("landmine", "find_landmine", "landmine", ("text",), "d.account_id", _DEAL),
    _Source("bullet", "find_bullet", "bullet", ("text",), "d.account_id", _DEAL),
)  # fmt: skip

DATE_WINDOW = 500  # activities sorted by day for `find` (see there)
# A short word starting more trigrams than this (one common letter) is checked on
# the texts: an OR of thousands of terms costs more than reading them.
MAX_TERMS = 300
# Rows of one word read to list the accounts holding it; a word in more is common,
# and is checked on the accounts the rarer words leave (`_candidates`).
OWNER_ROWS = 2_000
# Accounts read one by one, newest first, for words that are all common.
STREAM_ACCOUNTS = 100
_CHUNK = 500  # ids in one `IN (...)`


def _phrase(text: str) -> str:
    """Text as an FTS5 string: its characters, whatever they are, as one phrase."""
    return '"' + text.replace('"', '""') + '"'


# A short word's trigrams, read once per search (reading them counts every row they
# are in: a few milliseconds for a common word); per thread, as the list searches in one.
_searching = threading.local()


def _new_search() -> None:
    _searching.terms = {}


def _word_match(index: str, word: str) -> str | None:
    """The FTS5 query for one word in an index; "" when the text must be read instead,
    None when no indexed text holds the word."""
    if len(word) >= TRIGRAM:
        return _phrase(word)
    cache: dict[tuple[str, str], str | None] = getattr(_searching, "terms", {})
    if (index, word) not in cache:
        cache[(index, word)] = _short_match(index, word)
    return cache[(index, word)]


def _short_match(index: str, word: str) -> str | None:
    terms = [
        row[0]
        for row in db.execute_sql(
            f"SELECT term FROM {index}_terms WHERE term >= ? AND term < ? LIMIT ?",
            (word, word + "\U0010ffff", MAX_TERMS + 1),
        )
    ]
    if not terms:
        return None
    if len(terms) > MAX_TERMS:
        return ""
    return "(" + " OR ".join(map(_phrase, terms)) + ")"


def _rows(
    source: _Source,
    words: Sequence[str],
    limit: int | None,
    columns: str,
    group: str = "",
) -> Iterator[tuple]:
    """Rows of a source holding every word, most recently written first (or grouped)."""
    if db.is_server:
        yield from _server_rows(source, words, limit, columns, group)
        return
    matches = []
    read = []
    for word in words:
        match = _word_match(source.index, word)
        if match is None:
            return
        if match:
            matches.append(match)
        else:
            read.append(word)
    params: list[object] = []
    conditions = []
    if matches:
        # The index gives its rows in rowid order, newest first, and stops at the limit.
        table = f"{source.index} m JOIN {source.table} t ON t.id = m.rowid"
        conditions.append(f"{source.index} MATCH ?")
        params.append(" AND ".join(matches))
        order = "m.rowid DESC"
    else:
        table = f"{source.table} t"
        order = "t.id DESC"
    text = " || ' ' || ".join(f"t.{c}" for c in source.columns)
    for word in read:
        # lower() folds ASCII only: this is a single letter, of which most texts hold
        # the plain form.
        conditions.append(f"instr(lower({text}), ?) > 0")
        params.append(word)
    sql = f"SELECT {columns} FROM {table} {source.join} WHERE {' AND '.join(conditions)}"
    sql += f" GROUP BY {group}" if group else f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    yield from db.execute_sql(sql, params)


def _contains(word: str) -> str:
    """A LIKE pattern: the server's folded text (`find_index.SERVER_COLUMN`) holds the
    word as the index would find it (`find_index.server_word`)."""
    word = server_word(word)
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


_HOLDS = f"t.{SERVER_COLUMN} LIKE ?"  # with `_contains(word)`


def _server_rows(
    source: _Source, words: Sequence[str], limit: int | None, columns: str, group: str
) -> Iterator[tuple]:
    """`_rows` on a server: the table's own folded text holds each word."""
    params: list[object] = [_contains(word) for word in words]
    sql = (
        f"SELECT {columns} FROM {source.table} t {source.join} "
        f"WHERE {' AND '.join([_HOLDS] * len(words))}"
    )
    sql += f" GROUP BY {group}" if group else " ORDER BY t.id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    yield from db.execute_sql(sql, params)


def _chunks(ids: Sequence[int], first: int = _CHUNK) -> Iterator[tuple[str, list[int]]]:
    """The ids in groups for `IN (...)`: `first` of them, then each group twice the last,
    up to `_CHUNK`, so a reader that stops early reads little."""
    start, size = 0, first
    while start < len(ids):
        chunk = list(ids[start : start + size])
        yield ", ".join("?" * len(chunk)), chunk
        start, size = start + size, min(size * 2, _CHUNK)


def _people(account_ids: Sequence[int]) -> dict[int, list[Person]]:
    found: dict[int, list[Person]] = {aid: [] for aid in account_ids}
    for marks, chunk in _chunks(account_ids):
        rows = db.execute_sql(
            f"SELECT account_id, id, name, spoken FROM contact WHERE account_id IN ({marks}) "
            "ORDER BY id",
            chunk,
        )
        for aid, cid, name, spoken in rows:
            found[aid].append(Person(cid, name, spoken))
    return found


def _account_hits(words: Sequence[str], limit: int) -> list[FindHit]:
    columns = "t.id, t.name, t.sort_key, t.notes, t.archived"
    rows = list(_rows(_ACCOUNT, words, limit, columns))
    people = _people([row[0] for row in rows])
    hits = []
    for aid, name, sort_key, notes, archived in rows:
        place, text, row_id = account_place(
            words, name, spoken_forms(sort_key or ""), people[aid], notes or ""
        )
        hits.append(FindHit(aid, name, place, text, row_id, archived=bool(archived)))
    # Names first, then people, then notes; newest account first within each.
    order = {"name": 0, "person": 1, "account_notes": 2}
    return sorted(hits, key=lambda h: order[h.place])


def find(words: Sequence[str], limit: int) -> tuple[list[FindHit], bool]:
    """Up to `limit` (1 or more) places holding every word, and whether there are more.

    Accounts come first (name, key person, account notes), then activities newest
    first (among the DATE_WINDOW matches written last), then best actions,
    landmines and bullets, each most recently written first; then the places that
    hold the words only with the rest of their account (`cross_hits`), newest
    account first. Archived accounts are found too, and said to be.
    """
    if not words:
        return [], False
    _new_search()
    hits = _account_hits(words, limit + 1)
    for source in RECORD_SOURCES:
        if len(hits) > limit:
            break
        hits += _record_hits(source.place, words, limit + 1 - len(hits))
    if len(hits) <= limit and len(words) > 1:
        hits += _spread_hits(words, limit + 1 - len(hits))
    return hits[:limit], len(hits) > limit


def record_hits(place: str, words: Sequence[str], limit: int) -> list[FindHit]:
    """Up to `limit` activities, best actions, landmines or bullets (`place`) holding the words."""
    _new_search()
    return _record_hits(place, words, limit)


def _record_hits(place: str, words: Sequence[str], limit: int) -> list[FindHit]:
    (source,) = (s for s in RECORD_SOURCES if s.place == place)
    account = source.account
    columns = (
        f"t.id, {account}, (SELECT name FROM account WHERE id = {account}), "
        f"(SELECT archived FROM account WHERE id = {account}), "
        f"{source.kind}, {source.moment}, {source.texts()}"
    )
    if place == "activity":
        # Newest first by the day they happened: the index gives the rows written
        # last, and sorting every match by day would cost a common word 0.2-0.3 s
        # at 2,000,000 activities. The last written hundreds, sorted, are the
        # newest in any book written as its history happened.
        rows = list(_rows(source, words, max(limit, DATE_WINDOW), columns))
        rows.sort(key=lambda row: (str(row[5]), row[0]), reverse=True)
        rows = rows[:limit]
    else:
        rows = list(_rows(source, words, limit, columns))
    return [
        FindHit(
            aid, name, place, record_text(words, texts), rid, kind or "", day_of(moment),
            archived=bool(archived), commitment=commitment_of(place, words, texts),
        )
        for rid, aid, name, archived, kind, moment, *texts in rows
    ]  # fmt: skip


def _owners(word: str, cap: int | None) -> tuple[set[int], dict[int, tuple[str, int]]] | None:
    """The accounts whose own text holds a word, and those with a record holding it, each
    with its newest such record (place, id); None when one source has `cap` rows or more.

    Without a cap each source is grouped in SQLite: a common word is in a hundred
    thousand notes, which one Python step each would take a good part of a second.
    """
    records: dict[int, tuple[str, int]] = {}
    for source in RECORD_SOURCES:
        if cap is None:
            columns = f"{source.account}, MAX(t.id)"
            rows = list(_rows(source, [word], None, columns, group=source.account))
        else:
            rows = list(_rows(source, [word], cap, f"{source.account}, t.id"))
            if len(rows) >= cap:
                return None
        for aid, rid in rows:  # newest first when not grouped
            records.setdefault(aid, (source.place, rid))
    rows = list(_rows(_ACCOUNT, [word], cap, "t.id"))
    if cap is not None and len(rows) >= cap:
        return None
    return {aid for (aid,) in rows}, records


def _candidates(words: Sequence[str]) -> list[int] | None:
    """The accounts that may hold every word somewhere, newest first; None when every
    word is common.

    The accounts of each rare word are listed and intersected, the longest word
    first (usually the rarest) so a word found nowhere ends the search at once; a
    common word is left to `cross_hits` to check on the accounts left.
    """
    known: set[int] | None = None
    for word in sorted(words, key=len, reverse=True):
        here = _few_accounts(word)
        if here is None:
            continue
        known = here if known is None else known & here
        if not known:
            return []
    return None if known is None else sorted(known, reverse=True)


def _few_accounts(word: str) -> set[int] | None:
    """The accounts that may hold a word, when they are `OWNER_ROWS` or fewer; else None."""
    query = _holders(word)
    if query is None:
        owners = _owners(word, OWNER_ROWS)
        return None if owners is None else owners[0] | set(owners[1])
    sql, params = query
    # The per-account index gives a word's accounts without reading its notes.
    rows = db.execute_sql(f"SELECT id FROM ({sql}) h LIMIT ?", [*params, OWNER_ROWS + 1])
    found = [aid for (aid,) in rows]
    return None if len(found) > OWNER_ROWS else set(found)


def _own_text_accounts(words: Sequence[str]) -> Iterator[int]:
    """The accounts whose own text holds one of the words or more, newest first."""
    if db.is_server:
        holds = " OR ".join([_HOLDS] * len(words))
        sql = f"SELECT t.id FROM account t WHERE {holds} ORDER BY t.id DESC"
        for (aid,) in db.execute_sql(sql, [_contains(word) for word in words]):
            yield aid
        return
    parts = [match for word in words if (match := _word_match(_ACCOUNT.index, word))]
    if parts:
        sql = (
            f"SELECT rowid FROM {_ACCOUNT.index} WHERE {_ACCOUNT.index} MATCH ? ORDER BY rowid DESC"
        )
        for (aid,) in db.execute_sql(sql, (" OR ".join(parts),)):
            yield aid


def _spread_accounts(words: Sequence[str]) -> tuple[dict[int, tuple[str, int]], set[int]]:
    """The accounts holding every word somewhere but not all in their own text, each with
    the newest record holding the longest word its own text lacks; and the accounts
    whose own text holds every word."""
    every: set[int] | None = None
    all_own: set[int] | None = None
    owners = []
    for word in sorted(words, key=len, reverse=True):
        own, records = _owners(word, None) or (set(), {})
        here = own | set(records)
        every = here if every is None else every & here
        all_own = own if all_own is None else all_own & own
        owners.append((own, records))
        if not every:
            return {}, set()
    spots = {}
    for aid in (every or set()) - (all_own or set()):
        spots[aid] = next(records[aid] for own, records in owners if aid not in own)
    return spots, all_own or set()


def _holders(word: str) -> tuple[str, list[str]] | None:
    """SQL listing the accounts whose own text holds a word or whose records may, and its
    parameters; None for a single letter starting too many trigrams to look up.

    The activities' accounts come from the per-account index (a word of three
    characters or more as all its trigrams, a shorter one as the trigrams starting
    with it): looking each activity holding a common word up for its account cost a
    third of a second at 2,000,000 activities. An account it gives may hold a long
    word's trigrams apart, so the accounts found are read to be sure. The blue
    sheets' records are few, and their accounts read through their deals.

    A server gives the accounts holding the word exactly, from each table's folded text.
    """
    if db.is_server:
        sources = (_ACCOUNT, *RECORD_SOURCES)
        parts = [f"SELECT {s.account} FROM {s.table} t {s.join} WHERE {_HOLDS}" for s in sources]
        return " UNION ALL ".join(parts), [_contains(word)] * len(parts)
    if len(word) >= TRIGRAM:
        grams = dict.fromkeys(word[i : i + TRIGRAM] for i in range(len(word) - TRIGRAM + 1))
        held: str | None = " AND ".join(map(_phrase, grams))
    else:
        held = _word_match(HELD, word)
    matches = [
        (f"SELECT rowid FROM {_ACCOUNT.index} WHERE {_ACCOUNT.index} MATCH ?",
         _word_match(_ACCOUNT.index, word)),
        (f"SELECT rowid FROM {HELD} WHERE {HELD} MATCH ?", held),
    ] + [
        (f"SELECT {source.account} FROM {source.index} m JOIN {source.table} t "
         f"ON t.id = m.rowid {source.join} WHERE {source.index} MATCH ?",
         _word_match(source.index, word))
        for source in RECORD_SOURCES[1:]
    ]  # fmt: skip
    if any(match == "" for _, match in matches):
        return None
    parts = ["SELECT NULL AS id WHERE 0"]  # names the column, and stands for no part
    params = []
    for sql, match in matches:
        if match:
            parts.append(sql)
            params.append(match)
    return " UNION ALL ".join(parts), params


def _spread_sets(words: Sequence[str]) -> tuple[set[int], set[int]]:
    """The accounts that may hold every word somewhere but not all in their own text
    (read their texts to be sure: see `_holders`), and those whose own text holds
    every word.

    The words of three characters or more are intersected in SQLite: a common word's
    tens of thousands of accounts never reach Python.
    """
    queries = {word: _holders(word) for word in words}
    every: set[int] | None = None
    if found := [query for query in queries.values() if query]:
        sql = " INTERSECT ".join(f"SELECT id FROM ({part}) h" for part, _ in found)
        params = [value for _, values in found for value in values]
        every = {aid for (aid,) in db.execute_sql(sql, params)}
    for word in (word for word, query in queries.items() if query is None):
        if every != set():
            own, records = _owners(word, None) or (set(), {})
            every = own | set(records) if every is None else every & (own | set(records))
    if not every:
        return set(), set()
    all_own = {aid for (aid,) in _rows(_ACCOUNT, words, None, "t.id")}
    return every - all_own, all_own


def _texts(
    account_ids: Sequence[int], first: int = _CHUNK
) -> Iterator[tuple[int, str, str, bool, list[tuple]]]:
    """Each account's name, search text, whether archived, and every record as
    (place, id, kind, moment, texts...), newest first."""
    for marks, chunk in _chunks(account_ids, first):
        records: dict[int, list[tuple]] = {aid: [] for aid in chunk}
        for source in RECORD_SOURCES:
            rows = db.execute_sql(
                f"SELECT {source.account}, t.id, {source.kind}, {source.moment}, "
                f"{source.texts()} FROM {source.table} t {source.join} "
                f"WHERE {source.account} IN ({marks}) ORDER BY t.id DESC",
                chunk,
            )
            for aid, *rest in rows:
                records[aid].append((source.place, *rest))
        accounts = db.execute_sql(
            f"SELECT id, name, search_text, archived FROM account WHERE id IN ({marks})", chunk
        )
        names = {aid: (name, text, bool(archived)) for aid, name, text, archived in accounts}
        for aid in chunk:
            if aid in names:
                name, text, archived = names[aid]
                yield aid, name, text or "", archived, records[aid]


def _spread_hits(words: Sequence[str], limit: int) -> list[FindHit]:
    """Up to `limit` places holding the words only with the rest of their account.

    With a rare word, its accounts are read, newest first. When every word is common,
    their accounts are intersected in SQLite (`_spread_sets`) and those read. Only
    with a single common letter, which the per-account index cannot look up, are the
    accounts whose own text holds a word read newest first, a few at a time, until
    `limit` hits (a note holding the other words is then usually near), and then
    every word's accounts listed and the rest read.
    """
    hits: list[FindHit] = []

    def read(account_ids: Sequence[int], first: int) -> bool:
        for aid, name, text, archived, records in _texts(account_ids, first):
            hits.extend(cross_hits(words, aid, name, text, archived, records))
            if len(hits) >= limit:
                return True
        return False

    candidates = _candidates(words)
    if candidates is not None:
        # The first accounts read few at a time: a search usually stops after a handful.
        read(candidates, 16)
        return hits[:limit]
    if all(_holders(word) is not None for word in words):
        # Every word common: their accounts intersected in SQLite, tens of milliseconds,
        # where listing them in Python cost a third of a second.
        read(sorted(_spread_sets(words)[0], reverse=True), 16)
        return hits[:limit]
    seen: set[int] = set()
    stream = _own_text_accounts(words)
    size = 16
    while len(seen) < STREAM_ACCOUNTS:
        batch = list(islice(stream, size))
        seen.update(batch)
        if not batch or read(batch, size):
            break
        size = min(size * 2, _CHUNK)
    if len(hits) < limit:
        read(sorted(_spread_sets(words)[0] - seen, reverse=True), 16)
    return hits[:limit]


def _archived_ids() -> set[int]:
    return {row[0] for row in db.execute_sql("SELECT id FROM account WHERE archived")}


def accounts_with_notes(
    words: Sequence[str], archived: bool | None = False
) -> dict[int, tuple[str, int]]:
    """The accounts whose activities or blue-sheet records hold the words, alone or with
    the rest of the account, each with the most recently written such row: account id
    -> (place, row id). Only live accounts (`archived` False), only archived ones
    (True), or both (None): what the list shows.

    The account list's `/` adds these to the accounts its own search finds, and opens
    an account found this way at that row.
    """
    found: dict[int, tuple[str, int]] = {}
    _new_search()
    if len(words) == 1:
        _, found = _owners(words[0], None) or (set(), {})
    elif words:
        # Each word's accounts, intersected: an account holding them only between its
        # records and its own text is found too (and read once per word, not per row).
        # Those the intersection leaves are read, to be sure and to place each at its
        # row; when they are many, each word's rows are listed instead.
        spread, own_all = _spread_sets(words)
        if len(spread) <= OWNER_ROWS:
            for aid, _name, text, _archived, records in _texts(sorted(spread)):
                spot = spread_spot(words, text, records)
                if spot is not None:
                    found[aid] = spot
        else:
            found, own_all = _spread_accounts(words)
        # Those whose own text holds every word the list finds by itself; one of their
        # records holding every word too opens them there.
        if len(own_all) <= OWNER_ROWS:
            for aid, _name, _text, _archived, records in _texts(sorted(own_all)):
                spot = full_record(words, records)
                if spot is not None:
                    found[aid] = spot
        else:
            for source in RECORD_SOURCES:
                columns = f"{source.account}, MAX(t.id)"
                for aid, rid in _rows(source, words, None, columns, group=source.account):
                    if aid in own_all:
                        found.setdefault(aid, (source.place, rid))
    if archived is not None:
        hidden = _archived_ids()
        found = {aid: spot for aid, spot in found.items() if (aid in hidden) == archived}
    return found


def deal_of(place: str, row_id: int) -> int | None:
    """The deal a blue-sheet record (best action, landmine, bullet) belongs to."""
    tables = {source.place: source.table for source in RECORD_SOURCES if source.join}
    table = tables.get(place)
    if table is None:
        return None
    row = db.execute_sql(f"SELECT deal_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return None if row is None else int(row[0])

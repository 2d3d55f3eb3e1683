"""The full-text index behind `followup find` and the account list's `/`: SQLite FTS5.

One FTS5 table per searched table, each indexing one text made of that row's
columns (the text itself stays in its own table; the index holds trigrams):

- `find_account`: `account.search_text`, the name and its pinyin, the key people's
  names and their pinyin, the account form's notes, folded (`db.summaries`);
- `find_activity`: an activity's notes and what each side promised on it (its
  commitments): every call note and quick note;
- `find_best_action`, `find_landmine`, `find_bullet`: the blue sheets' texts;
- `find_account_activity`: one row per account (its id as the rowid), every text of
  its activities together, which accounts hold a word (`db.find`). Looking each
  activity hit up for its account cost a common word a third of a second at
  2,000,000 activities; this index answers the accounts directly. It keeps no
  positions (`detail=none`), only which trigrams each account holds, so it is
  small and a word is looked up as all its trigrams: an account it gives may hold
  them apart, and the account's texts are read to be sure.

Triggers keep the index current whichever process writes (the app, `followup note`
from a shell, an import, a migration): a search sees a write as soon as it is
committed. They are plain SQL over stored columns and a stored table, no Python
function, so any SQLite client can write the tables and a server database can
keep the same index its own way.

What is indexed is the text folded and padded (`_indexed`):

- folded: the trigram tokenizer folds case but, before SQLite 3.45, not accents;
  the letters `search_key` folds (é, Ü, full-width Ａ...) are replaced by what it
  folds them to, read from `find_fold`, so "cafe" finds "Café meeting" as the
  account list finds a name;
- padded with two spaces: every character is then the start of a trigram, so a
  word of one or two characters (周总, "li") is looked up as the trigrams that
  start with it (the index's own term list, `*_terms`), not by reading the texts.

The tables are contentless (FTS5 `content=''`): a row is forgotten by giving the
index the text it indexed, which the delete triggers recompute from the old row.
`find_fold` must therefore never change under an index; a new folding is a new
migration that fills it again and rebuilds.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_tui.core.accounts.find_hits import TRIGRAM
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.text import search_key
from followup_tui.db.connection import Database

if TYPE_CHECKING:
    from peewee import SqliteDatabase


@dataclass(frozen=True, slots=True)
class Index:
    """One FTS5 table: its name, the table it indexes and the columns of its text."""

    name: str
    table: str
    columns: tuple[str, ...]
    fold: bool = True  # account.search_text is folded already, in Python


INDEXES = (
    Index("find_account", "account", ("search_text",), fold=False),
    Index("find_activity", "activity", ("notes", "our_commitments", "their_commitments")),
    Index("find_best_action", "best_action", ("what",)),
    Index("find_landmine", "landmine", ("text",)),
    Index("find_bullet", "bullet", ("text",)),
)
TRIGRAM_SINCE = (3, 34, 0)
PAD = "  "  # after every indexed text: each character starts a trigram
# Letters `search_key` changes beyond case (accents, full width): Latin, Greek,
# Cyrillic, Vietnamese and the full-width forms. A text holding none of them is
# indexed as it is; the GLOB below says whether it holds one.
_FOLDED_RANGES = ((0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF), (0xFF01, 0xFF5E))
_HAS_FOLDED = "[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _FOLDED_RANGES) + "]"


def fold_pairs() -> list[tuple[str, str]]:
    """Each character `search_key` folds to something else than its case, and to what."""
    pairs = []
    for low, high in _FOLDED_RANGES:
        for code in range(low, high + 1):
            ch = chr(code)
            if unicodedata.category(ch).startswith("C"):
                continue
            folded = search_key(ch)
            if folded and folded != ch.lower() and " " not in folded:
                pairs.append((ch, folded))
    return pairs


def check_trigram() -> None:
    """Refuse to go on with an SQLite too old for the trigram tokenizer, in a sentence."""
    if sqlite3.sqlite_version_info < TRIGRAM_SINCE:
        raise FollowupError(
            f"this Python's SQLite is {sqlite3.sqlite_version}; followup's search needs "
            "3.34 or later (the trigram tokenizer)"
        )


def _joined(index: Index, row: str) -> str:
    # A line break between the columns: no searched word holds white space, so a word
    # is never found across two of them.
    return " || char(10) || ".join(f"{row}{column}" for column in index.columns)


def _indexed(index: Index, row: str) -> str:
    """SQL for the text a row is indexed as, `row` being "NEW.", "OLD." or ""."""
    text = _joined(index, row)
    if not index.fold:
        return f"({text}) || '{PAD}'"
    # Character by character (json_each over a run of zeros gives the positions),
    # each replaced by its folding when it has one; only for texts that need it.
    positions = (
        "json_each('[' || substr(replace(hex(zeroblob(length(x.t))), '00', ',0'), 2) || ']') j"
    )
    folded = (
        f"(SELECT group_concat(COALESCE(f.folded, substr(x.t, j.key + 1, 1)), '') "
        f"FROM (SELECT {text} AS t) x, {positions} "
        f"LEFT JOIN find_fold f ON f.ch = substr(x.t, j.key + 1, 1))"
    )
    return f"(CASE WHEN ({text}) GLOB '*{_HAS_FOLDED}*' THEN {folded} ELSE {text} END) || '{PAD}'"


def _statements(index: Index) -> list[str]:
    name, table = index.name, index.table
    add = f"INSERT INTO {name} (rowid, text) VALUES (NEW.id, {_indexed(index, 'NEW.')});"
    forget = (
        f"INSERT INTO {name} ({name}, rowid, text) "
        f"VALUES ('delete', OLD.id, {_indexed(index, 'OLD.')});"
    )
    columns = ", ".join(index.columns)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in index.columns)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(text, content='', "
        "tokenize='trigram', columnsize=0)",
        # The index's terms (trigrams), read by their first characters for short words.
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {name}_terms USING fts5vocab({name}, row)",
        f"CREATE TRIGGER IF NOT EXISTS {name}_ins AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER IF NOT EXISTS {name}_del AFTER DELETE ON {table} BEGIN {forget} END",
        # Only a change of the text: a summary or heat refresh rewrites other columns
        # of the same rows all day.
        f"CREATE TRIGGER IF NOT EXISTS {name}_upd AFTER UPDATE OF {columns} ON {table} "
        f"WHEN {changed} BEGIN {forget} {add} END",
    ]


# The per-account index: which trigrams each account's activities hold.
HELD = "find_account_activity"
_ACTIVITY = INDEXES[1]


def _held_text(where: str, extra: str = "") -> str:
    """SQL for the text an account is indexed as in HELD: its activities matching `where`
    (`a` being the activity), and the row `extra` ("OLD.") as if it were one of them.

    Each activity is padded on both sides, so what joins two of them is the same
    trigram ("   ") whatever their order: a text made again in another order, as a
    'delete' needs, holds the same trigrams.
    """
    rows = f"SELECT '{PAD}' || {_indexed(_ACTIVITY, 'a.')} AS t FROM activity a WHERE {where}"
    if extra:
        rows += f" UNION ALL SELECT '{PAD}' || {_indexed(_ACTIVITY, extra)}"
    return f"(SELECT group_concat(t, '') FROM ({rows}))"


def _held_rewrite(account: str, old_where: str, old_extra: str = "") -> str:
    """Statements giving `account` its text again: forget the one it was indexed with
    (its activities as `old_where` and `old_extra` say they were), index today's."""
    old = _held_text(f"a.account_id = {account} AND {old_where}", old_extra)
    new = _held_text(f"a.account_id = {account}")
    return (
        f"INSERT INTO {HELD} ({HELD}, rowid, text) "
        f"SELECT 'delete', {account}, t FROM (SELECT {old} AS t) WHERE t IS NOT NULL; "
        f"INSERT INTO {HELD} (rowid, text) "
        f"SELECT {account}, t FROM (SELECT {new} AS t) WHERE t IS NOT NULL;"
    )


def _held_statements() -> list[str]:
    columns = (*_ACTIVITY.columns, "account_id")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {HELD} USING fts5(text, content='', "
        "tokenize='trigram', detail=none, columnsize=0)",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {HELD}_terms USING fts5vocab({HELD}, row)",
        f"CREATE TRIGGER IF NOT EXISTS {HELD}_ins AFTER INSERT ON activity BEGIN "
        f"{_held_rewrite('NEW.account_id', 'a.id != NEW.id')} END",
        f"CREATE TRIGGER IF NOT EXISTS {HELD}_del AFTER DELETE ON activity BEGIN "
        f"{_held_rewrite('OLD.account_id', '1', 'OLD.')} END",
        # The account the row left (or its own), then the one it joined, if another.
        f"CREATE TRIGGER IF NOT EXISTS {HELD}_upd AFTER UPDATE OF {', '.join(columns)} "
        f"ON activity WHEN {changed} BEGIN "
        f"{_held_rewrite('OLD.account_id', 'a.id != OLD.id', 'OLD.')} "
        f"INSERT INTO {HELD} ({HELD}, rowid, text) SELECT 'delete', NEW.account_id, t FROM "
        f"(SELECT {_held_text('a.account_id = NEW.account_id AND a.id != NEW.id')} AS t) "
        f"WHERE t IS NOT NULL AND NEW.account_id IS NOT OLD.account_id; "
        f"INSERT INTO {HELD} (rowid, text) SELECT NEW.account_id, t FROM "
        f"(SELECT {_held_text('a.account_id = NEW.account_id')} AS t) "
        f"WHERE t IS NOT NULL AND NEW.account_id IS NOT OLD.account_id; END",
    ]


def install_held(database: Database | SqliteDatabase) -> None:
    """Create the per-account index and its triggers, filled from the activities there."""
    for sql in _held_statements():
        database.execute_sql(sql)
    database.execute_sql(f"INSERT INTO {HELD} ({HELD}) VALUES ('delete-all')")
    database.execute_sql(f"INSERT INTO {HELD} (rowid, text) {held_rows()}")


@contextmanager
def held_paused(database: Database | SqliteDatabase) -> Iterator[None]:
    """A bulk write (an import) with the per-account index made again after it, in its
    transaction, instead of by its triggers: each of them reads every activity of its
    account again, which for a whole book is many times the load itself."""
    if getattr(database, "is_server", False):  # no search index on a server yet (issue 19)
        yield
        return
    for event in ("ins", "del", "upd"):
        database.execute_sql(f"DROP TRIGGER IF EXISTS {HELD}_{event}")
    yield
    install_held(database)


def held_rows() -> str:
    """SQL for every account's id and the text it is indexed as in HELD, read from its
    activities as they are now."""
    row = f"'{PAD}' || {_indexed(_ACTIVITY, 'a.')}"
    return f"SELECT a.account_id, group_concat({row}, '') FROM activity a GROUP BY a.account_id"


def install(database: Database | SqliteDatabase) -> None:
    """Create the indexes and their triggers, and index every row already there."""
    check_trigram()
    database.execute_sql(
        "CREATE TABLE IF NOT EXISTS find_fold (ch TEXT PRIMARY KEY, folded TEXT NOT NULL) "
        "WITHOUT ROWID"
    )
    database.execute_sql("DELETE FROM find_fold")
    database.cursor().executemany("INSERT INTO find_fold VALUES (?, ?)", fold_pairs())
    for index in INDEXES:
        for sql in _statements(index):
            database.execute_sql(sql)
    rebuild(database)
    install_held(database)


def rebuild(database: Database | SqliteDatabase) -> None:
    """Index every row again from the tables: after a load that ran without the triggers."""
    for index in INDEXES:
        database.execute_sql(f"INSERT INTO {index.name} ({index.name}) VALUES ('delete-all')")
        database.execute_sql(
            f"INSERT INTO {index.name} (rowid, text) "
            f"SELECT id, {_indexed(index, index.table + '.')} FROM {index.table}"
        )
    if _exists(database, HELD):
        install_held(database)


def _exists(database: Database | SqliteDatabase, table: str) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE name = ?"
    return database.execute_sql(sql, (table,)).fetchone() is not None


def uninstall(database: Database | SqliteDatabase) -> None:
    """Take the indexes, their triggers and the folding table away (before a new form)."""
    for index in INDEXES:
        for event in ("ins", "del", "upd"):
            database.execute_sql(f"DROP TRIGGER IF EXISTS {index.name}_{event}")
        database.execute_sql(f"DROP TABLE IF EXISTS {index.name}_terms")
        database.execute_sql(f"DROP TABLE IF EXISTS {index.name}")
    for event in ("ins", "del", "upd"):
        database.execute_sql(f"DROP TRIGGER IF EXISTS {HELD}_{event}")
    database.execute_sql(f"DROP TABLE IF EXISTS {HELD}_terms")
    database.execute_sql(f"DROP TABLE IF EXISTS {HELD}")
    database.execute_sql("DROP TABLE IF EXISTS find_fold")


# -- On a team's PostgreSQL server ---------------------------------------------------------
# A server has no FTS5. Each searched table keeps its text as the index above holds it in
# a stored generated column, `find_text`: folded by `find_fold` (as `_indexed` folds) and
# lowered as FTS5's trigram tokenizer lowers, so a word is in it exactly when the index
# finds it (a trigram phrase, or the trigrams starting with a short word, both say "the
# folded text holds it"). The server computes the column on every write, whoever writes
# (the app, `followup note`, a script, psql), and the table's row-level security covers it
# as it covers the row. A search is `find_text LIKE '%word%'` (`db.find`); with pg_trgm a
# GIN index of trigrams serves it, without it the table is read.
SERVER_COLUMN = "find_text"
# Where FTS5's tokenizer lowers a letter: there, as Python's simple case folding (checked
# against SQLite character by character in tests/db/test_find_fold.py). FTS5's table is an
# older Unicode's: the letters it lacks (Cherokee's small letters, Georgian Mtavruli, ...)
# lie outside these ranges and stay as they are, as FTS5 leaves them.
_FTS5_CASED = (
    (0x41, 0x376), (0x386, 0x526), (0x531, 0x10CD), (0x1E00, 0x2C2E),
    (0x2C60, 0xA696), (0xA722, 0xA792), (0xA7A0, 0xA7AA), (0xFF21, 0x10427),
)  # fmt: skip


def _fts5_lower(ch: str) -> str:
    folded = ch.casefold()
    if len(folded) == 1:
        return folded
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


@functools.cache
def _server_maps() -> tuple[dict[str, str], dict[str, str]]:
    """Each character FTS5's tokenizer lowers, and to what; the same with the index's
    folding (`find_fold`) first, for the texts `_indexed` folds."""
    lower = {}
    for low, high in _FTS5_CASED:
        for code in range(low, high + 1):
            ch = chr(code)
            if (to := _fts5_lower(ch)) != ch:
                lower[ch] = to
    folded = {**lower, **{ch: "".join(lower.get(c, c) for c in to) for ch, to in fold_pairs()}}
    return lower, folded


def server_text(text: str, fold: bool = True) -> str:
    """What the server's `find_text` holds for a text (Python's reading of its SQL)."""
    table = _server_maps()[1 if fold else 0]
    return "".join(table.get(ch, ch) for ch in text)


def server_word(word: str) -> str:
    """A searched word as FTS5 looks it up: a long one lowered by its tokenizer; a short
    one compared with the index's terms as it is."""
    return server_text(word, fold=False) if len(word) >= TRIGRAM else word


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _class(chars: Iterable[str]) -> str:
    """A regular expression's bracket expression of these (non-ASCII) characters, as runs."""
    codes = sorted(ord(ch) for ch in chars)
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs) + "]"


def _server_fold_sql(fold: bool, schema: str) -> str:
    """The body of `find_lower($1)` or `find_fold($1)`: a text with no character to change
    but ASCII capitals (Chinese, plain English) has them lowered; any other
    is read character by character, each looked up in the table (a JSON object). Not one
    `translate` with the whole table: it compares each character with every one of the
    table's, a millisecond and a half for a note of 150 characters with one accent."""
    table = _server_maps()[1 if fold else 0]
    guard = _class(ch for ch in table if not ch.isascii())
    # The C collation's lower() folds ASCII only, whatever the database's locale.
    plain = 'lower($1 COLLATE "C")'
    # Named with its schema: pg_restore fills the generated columns with an empty
    # search_path, where an unqualified name inside this body is found nowhere.
    each = f'"{schema}".{"find_fold" if fold else "find_lower"}_each($1)'
    # No STRICT and no sub-SELECT: the expression is then inlined where it is used (NULL
    # gives NULL anyway); the reading by character is a function of its own.
    return f"SELECT CASE WHEN $1 ~ {_quoted(guard)} THEN {each} ELSE {plain} END"


def _server_each_sql(fold: bool) -> str:
    """The body of `find_lower_each(t)` or `find_fold_each(t)`: each character looked up.
    PL/pgSQL keeps its plan for the session, so the table (a JSON object) is read once
    per connection, not once per statement."""
    table = _server_maps()[1 if fold else 0]
    mapping = json.dumps(table, ensure_ascii=True, separators=(",", ":"))
    return (
        f"BEGIN RETURN (SELECT COALESCE(string_agg(COALESCE({_quoted(mapping)}::jsonb ->> c, "
        "c), '' ORDER BY n), '') FROM regexp_split_to_table(t, '') WITH ORDINALITY AS s (c, n)); "
        "END"
    )


def server_statements(trigrams: bool, schema: str = "public") -> list[str]:
    """The server's folding functions (in `schema`), each searched table's `find_text` and,
    with pg_trgm (`trigrams`), its GIN index of trigrams."""
    sql = []
    for name, fold in (("find_lower", False), ("find_fold", True)):
        sql += [
            f"CREATE OR REPLACE FUNCTION {name}_each(t text) RETURNS text LANGUAGE plpgsql "
            f"IMMUTABLE PARALLEL SAFE STRICT AS {_quoted(_server_each_sql(fold))}",
            f"CREATE OR REPLACE FUNCTION {name}(text) RETURNS text LANGUAGE sql IMMUTABLE "
            f"PARALLEL SAFE AS {_quoted(_server_fold_sql(fold, schema))}",
        ]
    for index in INDEXES:
        text = " || chr(10) || ".join(index.columns)
        function = "find_fold" if index.fold else "find_lower"
        sql.append(
            f"ALTER TABLE {index.table} ADD COLUMN IF NOT EXISTS {SERVER_COLUMN} TEXT "
            f"GENERATED ALWAYS AS ({function}({text})) STORED"
        )
        if trigrams:
            sql.append(
                f"CREATE INDEX IF NOT EXISTS {index.table}_{SERVER_COLUMN} ON {index.table} "
                f"USING gin ({SERVER_COLUMN} gin_trgm_ops)"
            )
    return sql


def install_server(database: Database) -> None:
    """Give a server database its search: pg_trgm if it can be had (a savepoint: a role
    that may not create it leaves the transaction whole), then `server_statements`."""
    try:
        with database.atomic():
            database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        trigrams = True
    except Exception:  # not installed with the server, or not ours to create
        trigrams = False
    schema = str(database.execute_sql("SELECT current_schema()").fetchone()[0])
    for sql in server_statements(trigrams, schema):
        database.execute_sql(sql)

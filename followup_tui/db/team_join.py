"""A rep's own book joins the team's database: `followup team join FILE --db URL`.

Every record of the rep's file comes in owned by the rep who connects: the server fills
each account's `rep` and each record's `written_by` with its `current_user` (schema 17),
which the join, like the app, never writes. It comes in under new server ids (other
reps' rows hold the file's), with every reference following them, in one transaction:
all or nothing. The rep's file is only read: a snapshot of it is taken with SQLite's
backup API, and an older schema is migrated in that copy.

Nothing comes in twice. The server keeps which file record became which server record
(`team_joined`: the rep, the book, the table, the file's id and the server's), and a
second run brings in only the records it has not seen. The book is known again without
writing anything into the rep's file: by its accounts' and talking points' ids and
creation stamps (written once, never changed), which the first join kept. A book none
of whose stamps the server has seen is a new book: the same rep's other file, or a
file another rep joins (each rep's ledger is their own: two reps' accounts of the same
name are two accounts, as they were two books).
"""

from __future__ import annotations

import bisect
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peewee import Field, ForeignKeyField

from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.core.transfer.import_files import PROGRESS_ROWS
from followup_tui.db import team_join_text
from followup_tui.db.connection import db
from followup_tui.db.find_index import held_paused
from followup_tui.db.heat_cache import (
    REPLAY_CHUNK,
    heat_is_current,
    mark_heat_current,
    refresh_heat,
)
from followup_tui.db.migrations import SCHEMA_VERSION
from followup_tui.db.models import (
    ALL_MODELS,
    Account,
    Activity,
    Base,
    DealReview,
    ExternalId,
    NoteDraft,
    TalkingPoint,
)
from followup_tui.db.summaries import refresh_summaries

# The ledger of what was joined (`install_ledger`).
JOINED = "team_joined"
_JOINED_SQL = (
    f"CREATE TABLE {JOINED} (rep TEXT NOT NULL, book TEXT NOT NULL, "
    "entity TEXT NOT NULL, file_id BIGINT NOT NULL, server_id BIGINT NOT NULL, stamp TEXT, "
    "PRIMARY KEY (rep, book, entity, file_id))",
    f"CREATE INDEX {JOINED}_stamp ON {JOINED} (rep, stamp)",
)
# The records a book is known again by: write-once stamps of the rows nothing owns.
_STAMPED = {Account: "created_at", TalkingPoint: "created_at"}
# The models by table name: an external id names its record's table.
_BY_TABLE = {m._meta.table_name: m for m in ALL_MODELS}

Progress = Callable[[int], None]


@dataclass(frozen=True)
class FileTable:
    """One table of the rep's file: its fields (the id first) and rows, as Python values."""

    model: type[Base]
    fields: list[Field]
    rows: list[list[Any]]


@dataclass(frozen=True)
class RepBook:
    """Every record of a rep's file, read from a snapshot of it."""

    path: Path
    tables: list[FileTable]

    @property
    def rows(self) -> int:
        """How many records the file holds."""
        return sum(len(t.rows) for t in self.tables)


@dataclass
class JoinResult:
    """What a join did, per table (the tables' names): new, already joined, left out."""

    rep: str
    book: str
    new: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The result as `followup team join --json` prints it."""
        return {
            "rep": self.rep,
            "book": self.book,
            "new": sum(self.new.values()),
            "already_joined": sum(self.already.values()),
            "left_out": sum(self.left_out.values()),
            "tables": {
                name: {
                    "new": self.new.get(name, 0),
                    "already_joined": self.already.get(name, 0),
                    "left_out": self.left_out.get(name, 0),
                }
                for name in (m._meta.table_name for m in ALL_MODELS)
            },
        }


# --- the rep's file ----------------------------------------------------------------


def read_book(
    path: Path, workdir: Path, on_migrate: Callable[[int, int], None] | None = None
) -> RepBook:
    """Every record of the followup book at `path`, which is only read.

    A snapshot is taken into `workdir`; an older schema is migrated there (through the
    shared database handle: call this before the server is opened). A file that is not
    a followup book this version reads is refused, named (exit 2).
    """
    path = Path(path)
    if not path.exists():
        raise FollowupError(Said("team_join_no_file", {"path": path}))
    copy = Path(workdir) / "book.db"
    try:
        source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise FollowupError(
                    Said(
                        "cli_newer_schema",
                        {"path": path, "version": version, "max": SCHEMA_VERSION},
                    )
                )
            if version == 0:
                raise FollowupError(Said("team_join_not_a_book", {"path": path}))
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as error:
        raise FollowupError(
            Said("cli_not_a_database", {"path": path, "why": _first_line(error)})
        ) from None
    if version < SCHEMA_VERSION:
        from followup_tui.db.database import close_database, open_database

        open_database(copy, create=False, on_migrate=on_migrate)
        close_database()
    return RepBook(path, _read_tables(copy))


def _read_tables(copy: Path) -> list[FileTable]:
    connection = sqlite3.connect(copy)
    try:
        tables = []
        for model in ALL_MODELS:
            fields = list(model._meta.sorted_fields)  # the id first
            names = ", ".join(f'"{f.column_name}"' for f in fields)
            cursor = connection.execute(
                f'SELECT {names} FROM "{model._meta.table_name}" ORDER BY "id"'
            )
            rows = [
                [None if v is None else f.python_value(v) for f, v in zip(fields, row, strict=True)]
                for row in cursor
            ]
            tables.append(FileTable(model, fields, rows))
        return tables
    finally:
        connection.close()


# --- the server --------------------------------------------------------------------


def join_book(book: RepBook, settings: Settings, progress: Progress | None = None) -> JoinResult:
    """Write every record of `book` the server has not joined yet, owned by the connecting
    rep, in one transaction; a refusal rolls it all back and is said (exit 1)."""
    if not db.is_server:
        raise FollowupError(Said("team_join_needs_server", {}))
    import psycopg
    from peewee import DatabaseError

    try:
        with db.atomic(), held_paused(db):
            return _join(book, settings, progress or (lambda n: None))
    except (DatabaseError, psycopg.Error) as error:
        raise FollowupError(
            Said("team_join_refused", {"why": _first_line(error)}), exit_code=1
        ) from None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _stamp(model: type[Base], row_id: int, value: Any) -> str:
    return f"{model._meta.table_name}:{row_id}:{value}"


def _stamps(book: RepBook) -> dict[tuple[str, int], str]:
    """(table, file id) -> the record's stamp, for the records a book is known by."""
    out = {}
    for table in book.tables:
        column = _STAMPED.get(table.model)
        if column is None:
            continue
        at = [f.name for f in table.fields].index(column)
        for row in table.rows:
            out[(table.model._meta.table_name, row[0])] = _stamp(table.model, row[0], row[at])
    return out


def install_ledger() -> None:
    """Make the ledger of joined records on the open server, unless it is there: with the
    schema (`server.create_schema`), by whoever sets the team's database up, so that every
    rep may write to it as to the other tables (a rep may not make tables)."""
    if db.execute_sql(f"SELECT to_regclass('{JOINED}')").fetchone()[0] is None:
        for sql in _JOINED_SQL:
            db.execute_sql(sql)


def _which_book(rep: str, stamps: Sequence[str]) -> str:
    """The book of this rep the server holds most of these stamps of; else a new one."""
    if stamps:
        row = db.execute_sql(
            f"SELECT book FROM {JOINED} WHERE rep = ? AND stamp = ANY(?::text[]) "
            "GROUP BY book ORDER BY count(*) DESC, book LIMIT 1",
            (rep, list(stamps)),
        ).fetchone()
        if row is not None:
            return str(row[0])
    return uuid.uuid4().hex


def _joined(rep: str, book: str) -> dict[str, dict[int, int]]:
    """table -> {file id: server id} of what this book brought in before."""
    out: dict[str, dict[int, int]] = {}
    for entity, file_id, server_id in db.execute_sql(
        f"SELECT entity, file_id, server_id FROM {JOINED} WHERE rep = ? AND book = ?",
        (rep, book),
    ):
        out.setdefault(entity, {})[int(file_id)] = int(server_id)
    return out


def _reserve(model: type[Base], n: int) -> list[int]:
    """`n` ids from the table's sequence, ascending: no other writer will take them."""
    if n == 0:
        return []
    rows = db.execute_sql(
        f"SELECT nextval(pg_get_serial_sequence('\"{model._meta.table_name}\"', 'id')) "
        "FROM generate_series(1, ?)",
        (n,),
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


class _Plan:
    """The renumbering: every table's map, and the rows to write with their new values."""

    def __init__(self, book: RepBook, joined: dict[str, dict[int, int]]) -> None:
        self.book = book
        self.maps: dict[str, dict[int, int]] = {}
        self.new_ids: dict[str, list[int]] = {}
        for table in book.tables:
            name = table.model._meta.table_name
            known = joined.get(name, {})
            fresh = [row[0] for row in table.rows if row[0] not in known]
            server = _reserve(table.model, len(fresh))
            # Ascending to ascending: the order of ids (the heat replay's tie-break, a
            # heat anchor's last held activity) stays as it was in the file.
            self.maps[name] = {**known, **dict(zip(fresh, server, strict=True))}
            self.new_ids[name] = fresh
        activities = sorted(row[0] for row in self._table(Activity).rows)
        self._activities = activities
        self.gone = self._gone(joined)

    def _gone(self, joined: dict[str, dict[int, int]]) -> dict[str, set[int]]:
        """table -> file ids of records joined before that the rep no longer has on the
        server (handed to another rep, or removed), among those new records point to:
        what points to them is left out (`rows`)."""
        pointed: dict[str, set[int]] = {}
        for table in self.book.tables:
            fresh = set(self.new_ids[table.model._meta.table_name])
            for i, target, _ in _references(table):
                known = joined.get(target, {})
                pointed.setdefault(target, set()).update(
                    row[i] for row in table.rows if row[0] in fresh and row[i] in known
                )
        gone: dict[str, set[int]] = {t.model._meta.table_name: set() for t in self.book.tables}
        for target, file_ids in pointed.items():
            if not file_ids:
                continue
            server = {joined[target][old]: old for old in file_ids}
            seen = {
                int(r[0])
                for r in db.execute_sql(
                    f'SELECT id FROM "{target}" WHERE id = ANY(?::bigint[])', (list(server),)
                )
            }
            gone[target] = {old for sid, old in server.items() if sid not in seen}
        return gone

    def _table(self, model: type[Base]) -> FileTable:
        return next(t for t in self.book.tables if t.model is model)

    def held_activity(self, old: int | None) -> int | None:
        """A heat anchor's last held activity, renumbered: the last file activity up to it."""
        if old is None:
            return None
        at = bisect.bisect_right(self._activities, old)
        return 0 if at == 0 else self.maps["activity"][self._activities[at - 1]]

    def rows(self, table: FileTable) -> Iterator[list[Any] | None]:
        """The table's new rows with their server values; None for one left out."""
        name = table.model._meta.table_name
        fresh = set(self.new_ids[name])
        by_name = {f.name: i for i, f in enumerate(table.fields)}
        refs = _references(table)
        for row in table.rows:
            if row[0] not in fresh:
                continue
            out = list(row)
            out[0] = self.maps[name][row[0]]
            for i, target, needed in refs:
                if out[i] is None:
                    continue
                if out[i] in self.gone[target]:
                    if needed:
                        break
                    out[i] = None  # an optional link (a confirming call) to what is gone
                else:
                    out[i] = self._reference(name, row[0], target, out[i])
            else:
                yield self._special(table.model, by_name, out)
                continue
            self.gone[name].add(row[0])  # and what points to it goes with it
            yield None

    def _reference(self, name: str, row_id: int, target: str, old: int) -> int:
        found = self.maps[target].get(old)
        if found is None:  # the file's own references are whole: SQLite checks them
            raise FollowupError(
                Said(
                    "team_join_broken_reference",
                    {"path": self.book.path, "table": name, "id": row_id, "target": target},
                )
            )
        return found

    def _special(
        self, model: type[Base], by_name: dict[str, int], out: list[Any]
    ) -> list[Any] | None:
        """Ids a record keeps outside its reference columns (`team_join_text`)."""
        if model is Account:
            i = by_name["heat_anchor_after"]
            out[i] = self.held_activity(out[i])
        elif model is NoteDraft:
            context = team_join_text.draft_context(out[by_name["context"]], self.maps)
            if context is None:
                return None
            out[by_name["context"]] = context
            out[by_name["text"]] = team_join_text.draft_text(out[by_name["text"]], self.maps)
        elif model is DealReview:
            i = by_name["snapshot"]
            out[i] = team_join_text.review_snapshot(out[i], self.maps)
        elif model is ExternalId:
            entity, old = out[by_name["entity"]], out[by_name["entity_id"]]
            moved = self.maps.get(entity, {}).get(old)
            if entity not in _BY_TABLE or moved is None or old in self.gone[entity]:
                return None  # an id of a record the file no longer holds, or gone
            out[by_name["entity_id"]] = moved
        return out


def _references(table: FileTable) -> list[tuple[int, str, bool]]:
    """(position, table pointed to, whether the record needs it) of each reference; a
    draft needs its account, which its key names."""
    return [
        (i, f.rel_model._meta.table_name, not f.null or table.model is NoteDraft)
        for i, f in enumerate(table.fields)
        if isinstance(f, ForeignKeyField)
    ]


def _taken_names(plan: _Plan) -> list[str]:
    """New accounts' names the connecting rep holds already on the server under the same
    owner field (an account's owner and name are unique; another rep's are theirs)."""
    table = plan._table(Account)
    at = {f.name: i for i, f in enumerate(table.fields)}
    fresh = set(plan.new_ids["account"])
    pairs = {(row[at["owner"]], row[at["name"]]) for row in table.rows if row[0] in fresh}
    if not pairs:
        return []
    rows = db.execute_sql(
        "SELECT owner, name FROM account WHERE rep = current_user AND name = ANY(?::text[])",
        (sorted({name for _, name in pairs}),),
    ).fetchall()
    return sorted({str(name) for owner, name in rows if (owner, name) in pairs})


def _insert(model: type[Base], fields: list[Field], rows: list[list[Any]]) -> None:
    """Write rows with their ids given; an external id another book holds is passed over."""
    convert = [f.db_value for f in fields]
    _write(
        model._meta.table_name,
        [f.column_name for f in fields],
        [[c(v) for c, v in zip(convert, row, strict=True)] for row in rows],
        # Unique per system and id across the team, other reps' too.
        passing_over=model is ExternalId,
    )


# Rows written by one statement.
_STATEMENT_ROWS = 5_000


def _write(
    table: str, columns: list[str], rows: list[list[Any]], *, passing_over: bool = False
) -> None:
    """Insert rows of server values, each column as one array (`unnest`): a statement a row
    (psycopg's executemany, pipelined) took ten times as long, a statement of many VALUES
    as long again in psycopg's parsing. Not COPY: row-level security refuses it to a rep."""
    if not rows:
        return
    # The columns' types without their lengths: a cast to varchar(255) would cut a longer
    # value, where the insert refuses it.
    types = dict(
        db.execute_sql(
            "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
            "WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped",
            (f'"{table}"',),
        ).fetchall()
    )
    names = ", ".join(f'"{c}"' for c in columns)
    arrays = ", ".join(f"?::{types[c]}[]" for c in columns)
    tail = " ON CONFLICT DO NOTHING" if passing_over else ""
    sql = f'INSERT INTO "{table}" ({names}) SELECT * FROM unnest({arrays}){tail}'
    for start in range(0, len(rows), _STATEMENT_ROWS):
        chunk = rows[start : start + _STATEMENT_ROWS]
        db.execute_sql(sql, [list(column) for column in zip(*chunk, strict=True)])


def _join(book: RepBook, settings: Settings, progress: Progress) -> JoinResult:
    install_ledger()
    rep = str(db.execute_sql("SELECT current_user").fetchone()[0])
    stamps = _stamps(book)
    book_id = _which_book(rep, list(stamps.values()))
    joined = _joined(rep, book_id)
    plan = _Plan(book, joined)
    taken = _taken_names(plan)
    if taken:
        raise FollowupError(
            Said("team_join_names_taken", {"names": ", ".join(taken[:20])}), exit_code=1
        )
    result = JoinResult(rep, book_id)
    touched: set[int] = set()
    ledger: list[list[Any]] = []
    for table in book.tables:
        name = table.model._meta.table_name
        account_at = next((i for i, f in enumerate(table.fields) if f.name == "account"), None)
        rows, left = [], 0
        for row in plan.rows(table):
            if row is None:
                left += 1
            else:
                rows.append(row)
        for start in range(0, len(rows), PROGRESS_ROWS):
            chunk = rows[start : start + PROGRESS_ROWS]
            _insert(table.model, table.fields, chunk)
            progress(len(chunk))
        if table.model is ExternalId and rows:  # those another book holds were passed over
            written = {
                int(r[0])
                for r in db.execute_sql(
                    "SELECT id FROM external_id WHERE id = ANY(?::bigint[])",
                    ([r[0] for r in rows],),
                )
            }
            left += len(rows) - len(written)
            rows = [r for r in rows if r[0] in written]
        back = {v: k for k, v in plan.maps[name].items()} if rows else {}
        ledger += [
            [rep, book_id, name, back[r[0]], r[0], stamps.get((name, back[r[0]]))] for r in rows
        ]
        if table.model is Account:
            touched.update(r[0] for r in rows)
        elif account_at is not None:
            touched.update(r[account_at] for r in rows if r[account_at] is not None)
        result.new[name] = len(rows)
        result.already[name] = len(table.rows) - len(plan.new_ids[name])
        result.left_out[name] = left
    _write(JOINED, ["rep", "book", "entity", "file_id", "server_id", "stamp"], ledger)
    _refresh(sorted(touched), settings)
    _heat_known(touched, settings)
    return result


def _heat_known(replayed: set[int], settings: Settings) -> None:
    """Record the rep's heat as current when every account they see was just replayed.

    A rep's own queue keeps its own heat fingerprint (`db.server.keep_own_queue`), so a
    new rep has none: without this, their first start after joining replayed every
    account again (18 s at 10,000 accounts) to learn what the join had just stored.
    An account they saw before the join (moved or shared to them) may hold heat from
    other settings: then nothing is recorded and the start replays, as before.
    """
    if heat_is_current(settings):
        return
    before = db.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM account WHERE NOT (id = ANY(?::bigint[])))",
        (sorted(replayed),),
    ).fetchone()[0]
    if not before:
        mark_heat_current(settings)


def _refresh(accounts: list[int], settings: Settings) -> None:
    """The joined accounts' summaries and stored heat, as the app's writes keep them; their
    queue states were marked by the server's triggers as the rows went in."""
    for start in range(0, len(accounts), REPLAY_CHUNK):
        chunk = accounts[start : start + REPLAY_CHUNK]
        refresh_summaries(chunk)
        refresh_heat(settings, chunk)

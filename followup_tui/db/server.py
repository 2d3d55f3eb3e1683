"""A team's database on a PostgreSQL server: the connection pool, the schema, its version.

Imported only when a server is named (`core.base.db_target`): the driver (psycopg 3)
loads with it, never on a start on the rep's own file. The schema is the models'
tables, made in one transaction (PostgreSQL's DDL is transactional: a failed step
leaves nothing behind), and the version table both engines keep (`migrations`).
"""

from __future__ import annotations

import functools
import os
import re
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from followup_tui.core.base.errors import FollowupError, Said
from followup_tui.db import migrations
from followup_tui.db.connection import db

# Seconds: a server that does not answer is reported, not waited on for ever.
CONNECT_TIMEOUT_S = 5
# Seconds a statement waits for rows another connection holds (a teammate's write, a
# client stuck inside a transaction) before it fails as "busy", said, not a hang.
LOCK_TIMEOUT_S = 5
# Seconds any statement may run: a backstop for one the server cannot finish. Longer
# than a lock's: a large team's reads take a while; a migration lifts it
# (`db.long_statements`).
STATEMENT_TIMEOUT_S = 60
# Seconds a connection may sit inside a transaction doing nothing (a client frozen or
# stopped mid-write) before the server ends it and frees the rows it holds.
IDLE_IN_TRANSACTION_S = 120
# Connections kept open per process: the app's thread and its workers.
POOL_SIZE = 8
# Tables kept for the data layer beside the models' (`db.heat_cache`, `db.queue_store`).
_CACHE_TABLES = (
    "CREATE TABLE IF NOT EXISTS cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS queue_dirty (account_id INTEGER PRIMARY KEY)",
)


# SQLite's functions the data layer's SQL calls, made on the server in its own terms.
_SQLITE_FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer "
    "LANGUAGE sql IMMUTABLE AS 'SELECT strpos($1, $2)'",
    "CREATE OR REPLACE FUNCTION iif(boolean, anyelement, anyelement) RETURNS anyelement "
    "LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 THEN $2 ELSE $3 END'",
    "CREATE OR REPLACE FUNCTION group_concat_step(text, text, text) RETURNS text "
    "LANGUAGE sql IMMUTABLE AS "
    "'SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || $3 || $2 END'",
    "CREATE OR REPLACE AGGREGATE group_concat(text, text) "
    "(SFUNC = group_concat_step, STYPE = text)",
    # `IN (SELECT value FROM json_each(?))`: a list of ids as one JSON parameter.
    "CREATE OR REPLACE FUNCTION json_each(text) RETURNS TABLE (value bigint) "
    "LANGUAGE sql IMMUTABLE AS 'SELECT json_array_elements_text($1::json)::bigint'",
)
_NAME = re.compile(r"[A-Za-z_]\w*")


def queue_tables() -> list[str]:
    """The queue's stored states and placements (`db.queue_states`, `db.queue_placement`);
    said in PostgreSQL's words as they run (`_server_dialect`)."""
    from followup_tui.db.queue_placement import TABLES
    from followup_tui.db.queue_states import TABLE

    return [*TABLE, *TABLES]


# Marks an account in every `queue_dirty` of the database: the team's (public) and each
# person's own (`keep_own_queue`), found in the catalog, so every queue learns of a write.
_QUEUE_MARK = (
    "CREATE OR REPLACE FUNCTION queue_mark(account bigint) RETURNS void "
    "LANGUAGE plpgsql AS $$ DECLARE keeper text; BEGIN "
    "IF account IS NULL THEN RETURN; END IF; "
    "FOR keeper IN SELECT n.nspname FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relname = 'queue_dirty' AND c.relkind = 'r' LOOP "
    "EXECUTE format('INSERT INTO %I.queue_dirty (account_id) VALUES ($1) "
    "ON CONFLICT DO NOTHING', keeper) USING account; "
    "END LOOP; END $$"
)


def queue_marks() -> list[str]:
    """`db.queue_store`'s triggers in PL/pgSQL: a write to any table a queue state is made
    from notes its account in every `queue_dirty` (`_QUEUE_MARK`), whoever wrote it (the
    app, `psql`, a script)."""
    from followup_tui.db.queue_store import ACCOUNT_COLUMNS, SOURCES

    def mark(account: str) -> str:
        return f"PERFORM queue_mark({account});"

    sql = [_QUEUE_MARK]
    for table, account in (*SOURCES, ("account", "{row}.id")):
        new, old = account.format(row="NEW"), account.format(row="OLD")
        sql.append(
            f"CREATE OR REPLACE FUNCTION queue_dirty_{table}() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'DELETE' THEN {mark(new)} END IF; "
            f"IF TG_OP <> 'INSERT' THEN {mark(old)} END IF; "
            "RETURN NULL; END $$"
        )
        if table == "account":  # only the columns a state reads (summaries change often)
            sql += [
                "CREATE OR REPLACE TRIGGER queue_dirty_account AFTER INSERT OR DELETE "
                "ON account FOR EACH ROW EXECUTE FUNCTION queue_dirty_account()",
                "CREATE OR REPLACE TRIGGER queue_dirty_account_upd AFTER UPDATE OF "
                f"{ACCOUNT_COLUMNS} ON account FOR EACH ROW EXECUTE FUNCTION queue_dirty_account()",
            ]
        else:
            sql.append(
                f"CREATE OR REPLACE TRIGGER queue_dirty_{table} AFTER INSERT OR UPDATE OR DELETE "
                f"ON {table} FOR EACH ROW EXECUTE FUNCTION queue_dirty_{table}()"
            )
    return sql


def follow_ids(table: str) -> None:
    """Set a table's id sequence after its largest id: rows written with their ids (an
    import) leave it behind, and the next insert would take one of theirs."""
    db.execute_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
        f'COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'
    )


# SQLite's words in the data layer's own tables (the queue's), in PostgreSQL's.
_TABLE_WORDS = (
    ("BLOB", "BYTEA"),
    (") WITHOUT ROWID", ")"),
    ("live INTEGER NOT NULL", "live BOOLEAN NOT NULL"),  # read as flags: `live AND ...`
    ("has_next INTEGER NOT NULL", "has_next BOOLEAN NOT NULL"),
)
_TABLE_INFO = re.compile(r"\s*PRAGMA table_info\((\w+)\)\s*$")
# A person's own queue tables (`keep_own_queue`): those `db.queue_store` keeps.
_OWN_QUEUE = ("queue_dirty", "cache_meta", "queue_placed", "queue_replace")


_MADE_IF_MISSING = re.compile(r"\s*CREATE (?:TABLE|INDEX) IF NOT EXISTS\s+(\w+)", re.IGNORECASE)


def _if_missing(sql: str) -> str:
    """`CREATE TABLE/INDEX IF NOT EXISTS` run only when the table is missing: PostgreSQL
    checks the right to create in the schema first, which a team's people lack (#19), and
    the data layer says it on every start."""
    found = _MADE_IF_MISSING.match(sql)
    if not found:
        return sql
    quoted = "'" + sql.replace("'", "''") + "'"
    # Looked for in the schema it would be made in (a person's own queue schema comes
    # first on their search path), not wherever the search path finds the name.
    where = f"quote_ident(current_schema()) || '.{found.group(1)}'"
    return (
        f"DO $made$ BEGIN IF to_regclass({where}) IS NULL THEN EXECUTE {quoted}; END IF; END $made$"
    )


def _server_dialect(sql: str) -> str:
    """The few SQLite statements the data layer writes by hand, as PostgreSQL says them:
    its own tables' DDL, `PRAGMA table_info`, `INSERT OR IGNORE`."""
    head = sql.lstrip()[:24].upper()
    if head.startswith("CREATE TABLE"):
        for sqlite, server in _TABLE_WORDS:
            sql = sql.replace(sqlite, server)
        return _if_missing(sql)
    elif head.startswith("PRAGMA TABLE_INFO"):
        found = _TABLE_INFO.match(sql)
        if found:
            # The table the search path finds: a person's own queue state, else the team's.
            return (
                "SELECT attnum, attname FROM pg_attribute WHERE attrelid = "
                f"to_regclass('{found.group(1)}') AND attnum > 0 AND NOT attisdropped"
            )
    elif head.startswith("CREATE INDEX IF NOT"):
        return _if_missing(sql)
    elif head.startswith("INSERT OR IGNORE"):
        sql = "INSERT" + sql.lstrip()[len("INSERT OR IGNORE") :] + " ON CONFLICT DO NOTHING"
    return sql


def server_sql(sql: str, params: Any) -> str:
    """SQL written with SQLite's parameters (`?`, `:name`) in psycopg's (`%s`,
    `%(name)s`), a `%` of its own doubled (Peewee always passes parameters, so psycopg
    always reads them); quoted text and names are left alone. A few statements in
    SQLite's own words are said in PostgreSQL's (`_server_dialect`)."""
    sql = _server_dialect(sql)
    named = isinstance(params, Mapping)
    if not named and "?" not in sql and "%s" in sql:
        return sql  # Peewee's own SQL, made for the server already
    out: list[str] = []
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in "'\"":
            end = sql.find(ch, i + 1)
            end = n - 1 if end < 0 else end
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
            continue
        if ch == "%":
            out.append("%%")
        elif ch == "?" and not named:
            out.append("%s")
        elif ch == ":" and named and (i == 0 or sql[i - 1] != ":"):
            found = _NAME.match(sql, i + 1)
            if found:
                out.append(f"%({found.group()})s")
                i = found.end()
                continue
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


class ServerCursor:
    """A psycopg cursor taking SQL written with SQLite's parameters (`server_sql`)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Any = None) -> Any:
        return self._cursor.execute(server_sql(sql, params), params)

    def executemany(self, sql: str, rows: Iterable[Any]) -> Any:
        rows = list(rows)
        return self._cursor.executemany(server_sql(sql, rows[0] if rows else ()), rows)

    @property
    def lastrowid(self) -> int | None:
        """The id the last INSERT took from its table's sequence (SQLite's `lastrowid`)."""
        row = self._cursor.connection.execute("SELECT lastval()").fetchone()
        return None if row is None else int(row[0])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


# PostgreSQL's text cannot hold NUL, which a sort key holds between a name's pinyin and
# its folded form (`text.name_sort_key`), and which a note may hold. On the server U+0001
# escapes: NUL is stored as U+0001 U+0001 and U+0001 as U+0001 U+0002, which keeps the
# order of what is stored (NUL lowest) and gives back exactly what was written.
_ESCAPED = re.compile("\x01([\x01\x02])")


def _to_server(text: str) -> str:
    if "\x00" not in text and "\x01" not in text:
        return text
    return text.replace("\x01", "\x01\x02").replace("\x00", "\x01\x01")


def _from_server(text: str) -> str:
    if "\x01" not in text:
        return text
    return _ESCAPED.sub(lambda m: "\x00" if m.group(1) == "\x01" else "\x01", text)


@functools.cache
def _text_dumper() -> Any:
    """A dumper of `str` escaping NUL (psycopg's Python one: its C one's own
    `dump` would be called past ours)."""
    from psycopg.types.string import StrDumperUnknown

    class Dumper(StrDumperUnknown):
        def dump(self, obj: str) -> Any:
            return super().dump(_to_server(obj))

    return Dumper


@functools.cache
def _text_loader() -> Any:
    """A loader of text reading back what `_to_server` escaped."""
    from psycopg.types.string import TextLoader

    class Loader(TextLoader):
        def load(self, data: Any) -> str:
            return _from_server(str(super().load(data)))

    return Loader


def _as_sqlite_gives(value: Decimal) -> Decimal:
    """A NUMERIC as SQLite gives it back: it keeps 4800000.00 as the integer 4800000 and
    12.50 as the real 12.5, so a printed amount reads the same on either engine."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


@functools.cache
def _numeric_loader() -> Any:
    """A loader of NUMERIC giving amounts as `_as_sqlite_gives` says."""
    from psycopg.types.numeric import NumericLoader

    class Loader(NumericLoader):
        def load(self, data: Any) -> Decimal:
            return _as_sqlite_gives(super().load(data))

    return Loader


# -- the rep's time zone -----------------------------------------------------------------
# Stamps are stored as naive UTC (`core.base.moments`); a day is the rep's local day. Each
# connection's session time zone is set to the zone of the process that opened it (its
# TZ, else /etc/localtime), so SQL reading local days (`local_day_sql`) gives each rep
# their own, whoever else shares the database. Kept per connection: the zone it was set to.
_ZONES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_ZONEINFO = re.compile(r"zoneinfo/(?:posix/|right/)?(.+)$")


def process_zone() -> str:
    """This process's local time zone as PostgreSQL names it: the IANA name (TZ, or the
    file /etc/localtime links to), else a POSIX spec TZ gives, else the fixed offset now."""
    given = os.environ.get("TZ")
    if given is not None:
        given = given.removeprefix(":")
        if not given:
            return "UTC"  # an empty TZ is UTC to the C library
        if not given.startswith("/"):
            return given
        found = _ZONEINFO.search(given)
        return found.group(1) if found else _fixed_offset()
    try:
        found = _ZONEINFO.search(os.readlink("/etc/localtime"))
    except OSError:
        found = None
    return found.group(1) if found else _fixed_offset()


def _fixed_offset() -> str:
    """The zone's offset now as a POSIX spec (`UTC-08:00` is 8 hours east): no DST rules."""
    east = -(time.altzone if time.localtime().tm_isdst > 0 else time.timezone)
    sign = "-" if east >= 0 else "+"
    hours, minutes = divmod(abs(east) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _follow_zone(conn: Any) -> None:
    """Set `conn`'s session zone to the process's, unless it has it already; a name the
    server does not know is set as the offset it has now."""
    zone = process_zone()
    if _ZONES.get(conn) == zone:
        return
    # A transaction of its own, or a savepoint inside one the connection is in.
    try:
        with conn.transaction():
            conn.execute("SELECT set_config('TimeZone', %s, false)", [zone])
    except Exception:  # a zone PostgreSQL does not know: its present offset, then
        with conn.transaction():
            conn.execute("SELECT set_config('TimeZone', %s, false)", [_fixed_offset()])
    _ZONES[conn] = zone


def local_day_sql(column: str) -> str:
    """SQL for the local day of a stored UTC time (SQLite's `date(x, 'localtime')`), in
    this thread's connection's session zone, made the process's first: a zone changed
    since it connected (a test, a rep's TZ) is followed."""
    _follow_zone(db.connection())
    return f"CAST({column} AT TIME ZONE 'UTC' AS DATE)"


@functools.cache
def _database_class() -> Any:
    """Peewee's pooled PostgreSQL database, driving psycopg 3 as imported here.

    Peewee's own adapter reads the psycopg Peewee saw at its import, which
    `followup_tui.db` kept from it (see there): this one reads the one imported now.
    """
    try:
        import psycopg
        from psycopg.pq import TransactionStatus
    except ImportError as error:
        raise FollowupError(Said("cli_server_no_driver", {"why": error})) from None
    from peewee import Psycopg3Adapter
    from playhouse.pool import PooledPostgresqlDatabase
    from psycopg.types.string import TextLoader

    class Adapter(Psycopg3Adapter):
        """psycopg 3 for Peewee, whether or not Peewee found it at its own import."""

        txn_idle = TransactionStatus.IDLE
        txn_inerror = TransactionStatus.INERROR
        txn_unknown = TransactionStatus.UNKNOWN

        def check_driver(self) -> None:
            return None  # imported above

        def get_binary_type(self) -> Any:
            return psycopg.Binary

        def connect(self, db: Any, **params: Any) -> Any:
            conn = psycopg.connect(db.database, **params)
            conn.adapters.register_dumper(str, _text_dumper())
            for name in ("text", "varchar"):
                conn.adapters.register_loader(name, _text_loader())
            conn.adapters.register_loader("numeric", _numeric_loader())
            # Days and times come as SQLite gives them, text ('2026-11-22 10:00:00'):
            # the data layer's raw rows read them so, and Peewee's fields parse them.
            for name in ("date", "timestamp"):
                conn.adapters.register_loader(name, TextLoader)
            _follow_zone(conn)
            return conn

    class ServerDatabase(PooledPostgresqlDatabase):
        """Pooled connections to a team's database (one per thread in use)."""

        # Peewee picks one of the two by what it found at its import: ours either way.
        psycopg2_adapter = Adapter
        psycopg3_adapter = Adapter
        # Heat is a float as SQLite keeps it (8 bytes): PostgreSQL's REAL has 4.
        field_types = {**PooledPostgresqlDatabase.field_types, "FLOAT": "DOUBLE PRECISION"}

    return ServerDatabase


def session_options(url: str) -> str:
    """The server settings each connection starts with (libpq's `options`): the
    timeouts above, after any `options` the URL gives itself."""
    from psycopg.conninfo import conninfo_to_dict

    given = str(conninfo_to_dict(url).get("options") or "")
    ours = (
        f"-c lock_timeout={LOCK_TIMEOUT_S * 1000} "
        f"-c statement_timeout={STATEMENT_TIMEOUT_S * 1000} "
        f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_S * 1000} "
        # The app's statements are short and many: compiling one to machine code took
        # 180 ms of a one-second read of a team's activities, and pays only in reports.
        "-c jit=off"
    )
    return f"{given} {ours}".strip()


def server_database(url: str) -> Any:
    """Peewee's pooled PostgreSQL database on psycopg 3 for `url` (not yet connected)."""
    if url.startswith("postgres://"):  # libpq's other spelling
        url = "postgresql://" + url.removeprefix("postgres://")
    return _database_class()(
        url,
        max_connections=POOL_SIZE,
        stale_timeout=300,
        timeout=CONNECT_TIMEOUT_S,
        connect_timeout=CONNECT_TIMEOUT_S,
        options=session_options(url),
    )


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def open_server(
    url: str,
    *,
    create: bool = True,
    on_migrate: Callable[[int, int], None] | None = None,
) -> None:
    """Connect to the team's database at `url`, making or migrating its schema as needed.

    Refuses a database written by a newer followup, and one holding other tables.
    """
    server = server_database(url)
    db.init_server(server)
    try:
        db.connect()
    except db.operational_errors as error:
        raise FollowupError(
            Said("cli_server_unreachable", {"url": url, "why": _first_line(error)})
        ) from None
    version = migrations.stored_version(db)
    newest = migrations.SCHEMA_VERSION
    if version > newest:
        raise FollowupError(
            Said("cli_newer_schema", {"path": url, "version": version, "max": newest})
        )
    if version == 0:
        if server.get_tables():
            raise FollowupError(Said("cli_server_other", {"url": url}))
        if not create:
            raise FollowupError(Said("cli_server_no_database", {"url": url}))
        create_schema()
    elif version < newest:
        if not _may_change_schema():  # a team's rep or manager (#19): the administrator's
            raise FollowupError(
                Said("cli_server_old_schema", {"url": url, "version": version, "max": newest}),
                exit_code=1,
            )
        if on_migrate is not None:
            on_migrate(version, newest)
        migrate_server(version)
    keep_own_queue()


def own_queue() -> bool:
    """Whether this connection keeps the queue's tables in a schema of its own."""
    return bool(db.execute_sql("SELECT current_schema() = current_user").fetchone()[0])


def keep_own_queue() -> None:
    """A team's person keeps their own queue: its states, placements, settings' fingerprint
    and stored heat's fingerprint (`db.queue_store`, `db.heat_cache`), in a schema named as
    their login, which PostgreSQL's search path (`"$user", public`) reads before the team's
    tables. The SQL that reads and writes them is the same as on a file.

    The tables' owner (whoever set the database up, or a rep alone on it) keeps them in the
    team's schema. A person who may not make their schema (no CREATE on the database, and
    none made for them) keeps the team's too: the queue is then shared, as on a file.
    Anyone may mark an account in anyone's `queue_dirty` (the triggers' `queue_mark`).
    """
    from peewee import DatabaseError

    from followup_tui.db.queue_store import install_own

    # One round trip on a start: whose the tables are, and whether this person's are made.
    found = db.execute_sql(
        "SELECT pg_get_userbyid(relowner) = current_user, current_schema() = current_user, "
        "to_regclass(quote_ident(current_user) || '.queue_dirty') IS NOT NULL "
        "FROM pg_class WHERE oid = to_regclass('account')"
    ).fetchone()
    if found is None or found[0]:
        return
    _, own, made = found
    if own and made:
        return
    if not own:
        try:
            with db.atomic():
                db.execute_sql(
                    "DO $$ BEGIN EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I "
                    "AUTHORIZATION %I', current_user, current_user); END $$"
                )
        except DatabaseError:
            return  # not allowed: the team's tables
        if not own_queue():
            return  # a search path without "$user": the team's tables
    with db.atomic():
        install_own(db)
        db.execute_sql(
            "DO $$ BEGIN EXECUTE format('GRANT USAGE ON SCHEMA %I TO PUBLIC; "
            "GRANT INSERT ON %I.queue_dirty TO PUBLIC', current_user, current_user); END $$"
        )


def _may_change_schema() -> bool:
    """Whether the one logged in may do what the tables' owner does (the owner, a member
    with its rights, a superuser): a team's people may not, and a migration is not theirs."""
    row = db.execute_sql(
        "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
        "WHERE oid = to_regclass('account')"
    ).fetchone()
    return row is None or bool(row[0])


def create_schema() -> None:
    """The models' tables and the data layer's own, and the version: all or nothing."""
    from followup_tui.db import book_changes, find_index
    from followup_tui.db.models import ALL_MODELS

    with db.atomic():
        db.create_tables(ALL_MODELS)
        migrations.install_team_columns()
        find_index.install_server(db)
        book_changes.install_server(db)
        for sql in (*_CACHE_TABLES, *_SQLITE_FUNCTIONS, *queue_marks(), *queue_tables()):
            db.execute_sql(sql)
        from followup_tui.db.team_join import install_ledger

        install_ledger()  # the administrator's, as every table: reps cannot make tables
        migrations.create_version_table(db)
        migrations.record_version(db, migrations.SCHEMA_VERSION)


def migrate_server(version: int) -> None:
    """Run the pending migrations, each in its own transaction: one that fails leaves the
    schema as the one before it (DDL included) and stops the rest."""
    peewee = db.peewee()
    for target in range(version + 1, migrations.SCHEMA_VERSION + 1):
        with db.long_statements():  # a large team's tables take their time
            migrations.MIGRATIONS[target](peewee)
            migrations.record_version(db, target)

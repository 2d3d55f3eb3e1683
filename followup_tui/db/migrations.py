"""Numbered schema migrations, run in order on a file with an older schema.

Each migration is written against the tables as they were at its version (raw
column names, no imports of today's models), so later model changes cannot
change what an old migration does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

    from followup_tui.db.connection import Database

from followup_tui.core.base.text import name_sort_key, name_spoken, search_key


def _v2_account_search_key(db: SqliteDatabase) -> None:
    """v1 -> v2: accounts gain a normalised `search_key`, filled from their names."""
    from peewee import CharField
    from playhouse.migrate import SqliteMigrator, migrate  # only when a migration runs

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


# The summaries as schema 3 computed them: today's `refresh_summaries` reads
# `sort_key`, a column of schema 5 that does not exist yet at this step.
_V3_SUMMARIES = """
UPDATE account SET
  last_contact_at = (SELECT MAX(occurred_at) FROM activity
                     WHERE activity.account_id = account.id AND activity.kind != 'note'),
  next_follow_up = (SELECT MIN(due) FROM follow_up
                    WHERE follow_up.account_id = account.id AND NOT follow_up.done),
  open_amount = (SELECT SUM(amount) FROM deal
                 WHERE deal.account_id = account.id AND deal.outcome = 'open'),
  search_text = v3_normkey(name || ' ' || COALESCE((SELECT group_concat(name, ' ') FROM contact
                 WHERE contact.account_id = account.id), '') || ' ' || notes)
"""


def _v3_account_summaries(db: SqliteDatabase) -> None:
    """v2 -> v3: accounts gain stored summaries (last contact, next step, open amount, search)."""
    from peewee import DateField, DateTimeField, DecimalField, TextField
    from playhouse.migrate import SqliteMigrator, migrate  # only when a migration runs

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
    db.connection().create_function("v3_normkey", 1, search_key, deterministic=True)
    db.execute_sql(_V3_SUMMARIES)


def _v4_activity_heat_after(db: SqliteDatabase) -> None:
    """v3 -> v4: activities gain their running heat, and an (account, time) index.

    The values need the heat settings, which a migration does not have: the
    stored heat is marked stale instead, and the first open with settings
    replays every account (`heat_cache.ensure_heat_current`).
    """
    from peewee import FloatField
    from playhouse.migrate import SqliteMigrator, migrate  # only when a migration runs

    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("activity", "heat_after", FloatField(null=True)),
        migrator.add_index("activity", ("account_id", "occurred_at"), False),
    )
    db.execute_sql(
        "CREATE INDEX activity_unreplayed ON activity (account_id) "
        "WHERE heat_after IS NULL AND kind != 'note'"
    )
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    )
    db.execute_sql("DELETE FROM cache_meta WHERE key = 'heat'")


def _v5_account_sort_key(db: SqliteDatabase) -> None:
    """v4 -> v5: accounts gain a pinyin-aware `sort_key`, so Chinese names sort as read."""
    from peewee import CharField
    from playhouse.migrate import SqliteMigrator, migrate  # only when a migration runs

    migrator = SqliteMigrator(db)
    migrate(
        migrator.add_column("account", "sort_key", CharField(default="")),
        migrator.add_index("account", ("sort_key",), False),
    )
    rows = db.execute_sql("SELECT id, name FROM account").fetchall()
    db.cursor().executemany(
        "UPDATE account SET sort_key = ? WHERE id = ?",
        [(name_sort_key(name), rid) for rid, name in rows],
    )
    from followup_tui.db.summaries import refresh_summaries

    _contact_spoken_column(db)  # today's summaries read it
    refresh_summaries(None, db)  # the search text gains the names' pinyin


def _v6_queue_state(db: SqliteDatabase) -> None:
    """v5 -> v6: stored queue states, triggers that note the accounts written to,
    and (account, done) / (account, outcome) indexes for an account's open steps.

    The states are written at the first queue after the upgrade, with settings.
    """
    from followup_tui.db.queue_store import install

    install(db)
    for table, column in (("follow_up", "done"), ("deal", "outcome")):
        db.execute_sql(
            f'CREATE INDEX IF NOT EXISTS "{table}_account_id_{column}" '
            f'ON "{table}" ("account_id", "{column}")'
        )


def _v7_accent_free_search(db: SqliteDatabase) -> None:
    """v6 -> v7: stored search keys, sort keys and search texts fold accents (é as e).

    `search_key` now drops Latin accents; keys stored before would miss "cafe"
    typed for Café, and a new account named "Cafe" would not be seen as a duplicate.
    """
    rows = db.execute_sql("SELECT id, name FROM account").fetchall()
    db.cursor().executemany(
        "UPDATE account SET search_key = ?, sort_key = ? WHERE id = ?",
        [(search_key(name), name_sort_key(name), rid) for rid, name in rows],
    )
    from followup_tui.db.summaries import refresh_summaries

    _contact_spoken_column(db)  # today's summaries read it
    refresh_summaries(None, db)


# The queue's trigger on account updates as of schema 8: it also watches the anchor.
_V8_ACCOUNT_TRIGGER = (
    "CREATE TRIGGER queue_dirty_account_upd AFTER UPDATE OF name, quadrant, relationship, "
    "archived, rejection_count, stop_reason, heat_anchor, heat_anchor_on ON account BEGIN "
    "INSERT INTO queue_dirty (account_id) SELECT NEW.id WHERE NEW.id IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM queue_dirty WHERE account_id = NEW.id); END"
)


def _v8_account_anchor_and_start_reason(db: SqliteDatabase) -> None:
    """v7 -> v8: accounts gain a heat anchor (the heat an import kept, and its day) and
    `start_reason`, why a customer first came to us.

    With `stop_reason`, `start_reason` is the post-mortem of a dormant account's first
    cooperation, read before each revival call (seed 004). Every account starts
    without an anchor, so no heat and no queue state changes; the queue's trigger on
    accounts is made again to watch the two anchor columns. A column already there
    (a file built with the current schema, then marked older) is left alone.
    """
    from peewee import DateField, FloatField, IntegerField, TextField
    from playhouse.migrate import SqliteMigrator, migrate  # only when a migration runs

    present = {row[1] for row in db.execute_sql("PRAGMA table_info(account)").fetchall()}
    migrator = SqliteMigrator(db)
    wanted = {
        "heat_anchor": FloatField(null=True),
        "heat_anchor_on": DateField(null=True),
        "heat_anchor_after": IntegerField(null=True),
        "start_reason": TextField(default=""),
    }
    migrate(
        *(
            migrator.add_column("account", name, field)
            for name, field in wanted.items()
            if name not in present
        )
    )
    db.execute_sql("DROP TRIGGER IF EXISTS queue_dirty_account_upd")
    db.execute_sql(_V8_ACCOUNT_TRIGGER)
    # The queue's states gained a field (the last attempt, apart from a kept heat's
    # day): the cached table is laid out again and written at next use.
    from followup_tui.db.queue_store import install

    install(db)


def _v9_account_name_forms(db: SqliteDatabase) -> None:
    """v8 -> v9: accounts gain `name_forms`, the forms a rep types a name in.

    The CLI (`followup note huawei`) and the app's "Go to" find 华为技术 by its
    pinyin or initials alike; stored so a search is one pass in SQLite.
    """
    from followup_tui.core.accounts.naming import stored_forms

    # Plain SQL: Peewee's migrator rebuilds the table to add a NOT NULL column, which
    # would drop the queue's triggers on it.
    db.execute_sql("ALTER TABLE account ADD COLUMN name_forms TEXT NOT NULL DEFAULT ''")
    rows = db.execute_sql("SELECT id, search_key, sort_key FROM account").fetchall()
    db.cursor().executemany(
        "UPDATE account SET name_forms = ? WHERE id = ?",
        [(stored_forms(folded or "", key or ""), rid) for rid, folded, key in rows],
    )


def _v10_talking_points(db: SqliteDatabase) -> None:
    """v9 -> v10: the rep's talking points, offered as something new on each call.

    A new table of its own: nothing existing changes.
    """
    db.execute_sql(
        'CREATE TABLE IF NOT EXISTS "talking_point" ('
        '"id" INTEGER NOT NULL PRIMARY KEY, "kind" VARCHAR(255) NOT NULL, '
        '"text_en" TEXT NOT NULL, "text_zh" TEXT NOT NULL, "expires_on" DATE, '
        '"created_at" DATETIME NOT NULL)'
    )


def _contact_spoken_column(db: SqliteDatabase) -> None:
    """Give key people the `spoken` column of schema 11, empty, if they lack it.

    Today's `refresh_summaries` reads it, and earlier migrations (5, 7) call that;
    schema 11 then fills it.
    """
    present = {row[1] for row in db.execute_sql("PRAGMA table_info(contact)").fetchall()}
    if "spoken" not in present:
        # Plain SQL: Peewee's migrator rebuilds a table to add a NOT NULL column, and a
        # rebuild drops the triggers on it.
        db.execute_sql("ALTER TABLE contact ADD COLUMN spoken VARCHAR(255) NOT NULL DEFAULT ''")


def _v11_find_index(db: SqliteDatabase) -> None:
    """v10 -> v11: the full-text index of `followup find` and `/`, and key people's pinyin.

    Key people gain `spoken` (their name's pinyin, whole and initials), which the
    accounts' search texts then hold; the FTS5 indexes (`db.find_index`) are made
    with their triggers and filled from the rows already there.
    """
    from followup_tui.db import find_index

    find_index.check_trigram()  # before anything changes
    _contact_spoken_column(db)
    rows = db.execute_sql("SELECT id, account_id, name FROM contact").fetchall()
    spoken = [(name_spoken(name), cid, aid) for cid, aid, name in rows]
    spoken = [row for row in spoken if row[0]]  # names without Chinese have none
    db.cursor().executemany(
        "UPDATE contact SET spoken = ? WHERE id = ?", [(s, cid) for s, cid, _ in spoken]
    )
    from followup_tui.db.summaries import refresh_summaries

    refresh_summaries(sorted({aid for _, _, aid in spoken}), db)
    find_index.install(db)


def _v12_review_history(db: SqliteDatabase) -> None:
    """v11 -> v12: a deal review keeps who reviewed and the verdict it reached.

    The review history (date, reviewer, score, verdict, comments) is read on the
    sheet, in the next review and by `followup sheet`. Older reviews keep both
    empty: who and what was not written down then. A column already there is left.
    """
    present = {row[1] for row in db.execute_sql("PRAGMA table_info(deal_review)").fetchall()}
    for name in ("reviewer", "verdict"):
        if name not in present:
            # Plain SQL, as in v9: no table rebuild for a NOT NULL column with a default.
            db.execute_sql(f"ALTER TABLE deal_review ADD COLUMN {name} TEXT NOT NULL DEFAULT ''")


def _v13_find_index_folded(db: SqliteDatabase) -> None:
    """v12 -> v13: the search index folds accents, pads for short words, holds commitments;
    names are found without the punctuation inside their words.

    Schema 11's index (external content over the raw columns) is taken away and
    today's made in its place (`db.find_index`), filled from the rows; a file that
    came through schema 11's migration just now already has today's. The accounts
    whose name or key people hold punctuation get their stored name forms and search
    text again.
    """
    from followup_tui.core.accounts.naming import stored_forms
    from followup_tui.core.base.text import unpunctuated_words
    from followup_tui.db import find_index

    made = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'find_fold'"
    ).fetchone()
    if not made:
        find_index.check_trigram()
        for index in find_index.INDEXES:
            for event in ("ins", "del", "upd"):
                db.execute_sql(f"DROP TRIGGER IF EXISTS {index.name}_{event}")
            db.execute_sql(f"DROP TABLE IF EXISTS {index.name}")
        find_index.install(db)
    rows = db.execute_sql(
        "SELECT a.id, a.name, a.search_key, a.sort_key, "
        "COALESCE((SELECT group_concat(c.name, ' ') FROM contact c WHERE c.account_id = a.id), '') "
        "FROM account a"
    ).fetchall()
    marked = [row for row in rows if unpunctuated_words(f"{row[1]} {row[4]}")]
    db.cursor().executemany(
        "UPDATE account SET name_forms = ? WHERE id = ?",
        [(stored_forms(folded or "", key or ""), rid) for rid, _, folded, key, _ in marked],
    )
    from followup_tui.db.summaries import refresh_summaries

    refresh_summaries([row[0] for row in marked], db)


# Schema 14's tables as Peewee makes them for a new file (`models.ActionPlan`, ...):
# frozen here, so a later model change cannot change what this step makes.
_V14_PLANS = (
    'CREATE TABLE IF NOT EXISTS "action_plan" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"account_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "goals" TEXT NOT NULL, '
    '"created_at" DATETIME NOT NULL, "updated_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "action_plan_account_id" ON "action_plan" ("account_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "action_plan_account_id_year" '
    'ON "action_plan" ("account_id", "year")',
    'CREATE TABLE IF NOT EXISTS "plan_milestone" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"plan_id" INTEGER NOT NULL, "month" INTEGER NOT NULL, "expected" DECIMAL(14, 2), '
    'FOREIGN KEY ("plan_id") REFERENCES "action_plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "plan_milestone_plan_id" ON "plan_milestone" ("plan_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "plan_milestone_plan_id_month" '
    'ON "plan_milestone" ("plan_id", "month")',
    'CREATE TABLE IF NOT EXISTS "plan_step" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"plan_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "who" TEXT NOT NULL, '
    '"how" TEXT NOT NULL, "due" VARCHAR(255) NOT NULL, "why" TEXT NOT NULL, '
    '"what_for" TEXT NOT NULL, "status" VARCHAR(255) NOT NULL, "marked_on" DATE, '
    '"created_at" DATETIME NOT NULL, '
    'FOREIGN KEY ("plan_id") REFERENCES "action_plan" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "plan_step_plan_id" ON "plan_step" ("plan_id")',
    'CREATE TABLE IF NOT EXISTS "year_end_verdict" ("id" INTEGER NOT NULL PRIMARY KEY, '
    '"account_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, "verdict" VARCHAR(255) NOT NULL, '
    '"proposal" VARCHAR(255) NOT NULL, "confirmed_on" DATE NOT NULL, '
    'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE)',
    'CREATE INDEX IF NOT EXISTS "year_end_verdict_account_id" ON "year_end_verdict" ("account_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "year_end_verdict_account_id_year" '
    'ON "year_end_verdict" ("account_id", "year")',
)


def _v14_action_plans(db: SqliteDatabase) -> None:
    """v13 -> v14: action plans (goals, steps, monthly milestones) and year-end verdicts.

    The 5+5+5 board's year-long plans per account and year (seed 001), and the rep's
    year-end verdict per account and year (seed 004). New tables only: nothing
    existing changes; the account's flat plan fields stay as they were.
    """
    for sql in _V14_PLANS:
        db.execute_sql(sql)


def _v15_find_account_activity(db: SqliteDatabase) -> None:
    """v14 -> v15: the search index says which accounts hold a word, one row per account.

    `find_account_activity` (`db.find_index`) holds the trigrams of every activity of
    an account, kept by triggers on `activity`, so a common word's accounts are read
    from it rather than by looking each of its notes up. Made and filled from the
    activities; a file that came through schema 11 or 13 just now already has it.
    """
    from followup_tui.db import find_index

    made = db.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (find_index.HELD,)
    ).fetchone()
    if not made:
        find_index.check_trigram()
        find_index.install_held(db)


# The schema's version, in a table both engines keep. A file keeps SQLite's
# `user_version` too: the start reads it without parsing the schema, and a followup
# from before the table reads only it (and so refuses a newer file).
VERSION_TABLE = "schema_version"
_VERSION_TABLE_SQL = f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)"
_VERSION_TABLE_SINCE = 16


def _v16_schema_version(db: SqliteDatabase) -> None:
    """v15 -> v16: the schema's version in a table, as a team's PostgreSQL database keeps
    it (it has no `user_version`); the runner writes the row."""
    db.execute_sql(_VERSION_TABLE_SQL)


# Team mode (#19): each account's rep - the database login that owns it - and who wrote
# each record, filled by the database itself: on a server the writer's login
# (`current_user`, which the app never writes, so no one writes another's name); on the
# rep's own file '' (one rep, one file). `account_share` lists the accounts a rep shares
# with another. None of them is a model's field: Peewee leaves them out of its writes.
TEAM_WRITTEN = (
    "contact",
    "deal",
    "activity",
    "follow_up",
    "purchase",
    "deal_review",
    "action_plan",
    "plan_step",
    "year_end_verdict",
    "note_draft",
)
SHARE_TABLE = "account_share"


def install_team_columns() -> None:
    """Add `account.rep`, `written_by` on the records and `account_share` to the open
    database (a new one's, and migration 17's): their defaults are the writer's login on a
    server, '' on a file. A column already there (a file made new, then marked older) is
    left alone."""
    from followup_tui.db.connection import db

    who = "current_user" if db.is_server else "''"
    for table, column in (("account", "rep"), *((t, "written_by") for t in TEAM_WRITTEN)):
        present = {row[1] for row in db.execute_sql(f"PRAGMA table_info({table})").fetchall()}
        if column not in present:
            # Plain SQL, as in v9: no table rebuild (which drops triggers) for NOT NULL.
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT {who}")
    # (rep, id): a rep's account ids read from the index alone (`db.team_access`'s rules).
    db.execute_sql("CREATE INDEX IF NOT EXISTS account_rep ON account (rep, id)")
    if db.is_server:
        # An account's name is unique per rep (and CRM owner), as on a rep's own file:
        # two reps may each have an "Acme", and a rep is not refused a name over an
        # account they cannot see. On a file `rep` is always '': the index stays as it was.
        db.execute_sql("DROP INDEX IF EXISTS account_owner_name")
        db.execute_sql("CREATE UNIQUE INDEX account_owner_name ON account (rep, owner, name)")
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {SHARE_TABLE} ("
        "account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE, "
        "rep TEXT NOT NULL, PRIMARY KEY (account_id, rep))"
    )
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {SHARE_TABLE}_rep ON {SHARE_TABLE} (rep)")


def _v17_team_owners(db: SqliteDatabase) -> None:
    """v16 -> v17: accounts gain their rep, records who wrote them, and accounts can be
    shared (`install_team_columns`). On a file every value is '': nothing a lone rep sees
    changes; on a server the rows already there belong to whoever runs the migration (the
    administrator), who hands them over (`followup team move`)."""
    install_team_columns()


def _v18_server_search(db: SqliteDatabase) -> None:
    """v17 -> v18: on a team's server, the search's folded texts (`db.find_index`: a
    generated column per searched table, pg_trgm's index when it can be had) and the
    book's change stamp (`db.book_changes`). A file keeps its FTS5 index and SQLite's
    data_version: nothing changes in it."""
    from followup_tui.db import book_changes, find_index
    from followup_tui.db.connection import db as handle

    if handle.is_server:  # the handle: its SQL is said in the server's words
        find_index.install_server(handle)
        book_changes.install_server(handle)


def create_version_table(database: Database) -> None:
    """Make the version table (a new database's, on either engine)."""
    database.execute_sql(_VERSION_TABLE_SQL)


def stored_version(database: Database) -> int:
    """The schema version of the open database; 0 for one without followup's schema."""
    if not database.is_server:
        return int(database.pragma("user_version"))
    made = database.execute_sql(f"SELECT to_regclass('{VERSION_TABLE}')").fetchone()[0]
    if made is None:
        return 0
    row = database.execute_sql(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0] or 0)


def record_version(database: Database, version: int) -> None:
    """Write the schema version, inside the transaction that made the schema so."""
    if not database.is_server:
        database.pragma("user_version", version)
        if version < _VERSION_TABLE_SINCE:
            return
    database.execute_sql(f"DELETE FROM {VERSION_TABLE}")
    database.execute_sql(f"INSERT INTO {VERSION_TABLE} (version) VALUES ({int(version)})")


# MIGRATIONS[n] upgrades a file from version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[SqliteDatabase], None]] = {
    2: _v2_account_search_key,
    3: _v3_account_summaries,
    4: _v4_activity_heat_after,
    5: _v5_account_sort_key,
    6: _v6_queue_state,
    7: _v7_accent_free_search,
    8: _v8_account_anchor_and_start_reason,
    9: _v9_account_name_forms,
    10: _v10_talking_points,
    11: _v11_find_index,
    12: _v12_review_history,
    13: _v13_find_index_folded,
    14: _v14_action_plans,
    15: _v15_find_account_activity,
    16: _v16_schema_version,
    17: _v17_team_owners,
    18: _v18_server_search,
}

SCHEMA_VERSION = max(MIGRATIONS)

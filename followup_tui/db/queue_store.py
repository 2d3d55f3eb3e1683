"""Stored queue states: the due queue of a large book in one indexed read.

`db.queue_states` holds one `followup_tui.core.queue.account_states.AccountState`
per live account. Triggers on every table a state is made from (accounts, activities,
follow-ups, deals, best actions, purchases) note the account in `queue_dirty`,
whichever code path wrote - the app, an import, a migration, another process -
and the next queue rewrites those states first. A state also depends on the
settings and the local time zone: their fingerprint is kept beside the states,
and a change rewrites them all.

`fast_queue` then places the day (`db.queue_placement`: the placement kept for
the day, or the states that may place their account in a section, read in one
filtered scan and placed with `queue_keys`' arithmetic), and leaves each row's
words and details to `due_queue.build_queue`, run for the accounts a screen shows
when it shows them. `prepare_days` places the coming days ahead after a start.
"""

from __future__ import annotations

import datetime as dt
import marshal
import sys
from collections.abc import Callable, Collection
from contextlib import suppress
from typing import TYPE_CHECKING

from followup_tui.core.base.config import Settings
from followup_tui.core.base.local_days import local_zone
from followup_tui.core.queue.account_states import (
    STATE_FORMAT,
    AccountState,
    account_states,
    reseasoned,
)
from followup_tui.core.queue.queue_builder import merge_queue
from followup_tui.core.queue.queue_items import (
    DueQueue,
    OrderKey,
    QueueItem,
    QueueRows,
    QueueSection,
)
from followup_tui.db import queue_placement
from followup_tui.db.connection import Database, db

if TYPE_CHECKING:
    from peewee import SqliteDatabase
from followup_tui.db.queue_data import build_from, load_queue_inputs
from followup_tui.db.queue_states import (
    INVALID,
    STATE_TABLE,
    invalid_on,
    lay_out,
    stored_states,
    write_states,
)
from followup_tui.db.queue_states import TABLE as STATE_TABLES

_TABLES = (
    *STATE_TABLES,
    "CREATE TABLE IF NOT EXISTS queue_dirty (account_id INTEGER PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    *queue_placement.TABLES,
)
# (table, the account of a row as NEW./OLD. shows it) for every table a state reads.
SOURCES = (
    ("activity", "{row}.account_id"),
    ("follow_up", "{row}.account_id"),
    ("deal", "{row}.account_id"),
    ("purchase", "{row}.account_id"),
    ("best_action", "(SELECT account_id FROM deal WHERE id = {row}.deal_id)"),
)
# Account columns a state reads; other updates (summaries, heat, profile) leave it be.
ACCOUNT_COLUMNS = (
    "name, quadrant, relationship, archived, rejection_count, stop_reason, "
    "heat_anchor, heat_anchor_on"
)


def _mark(account: str) -> str:
    """Note an account as written to, once.

    Not `INSERT OR IGNORE`: inside a trigger fired by a foreign key's cascade
    (deleting a contact clears it from activities) SQLite applies the outer
    statement's conflict policy, and a second mark would abort the delete.
    """
    return (
        f"INSERT INTO queue_dirty (account_id) SELECT {account} WHERE {account} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM queue_dirty WHERE account_id = {account});"
    )


def _triggers() -> list[str]:
    sql = []
    for table, account in SOURCES:
        new, old = account.format(row="NEW"), account.format(row="OLD")
        sql += [
            f"CREATE TRIGGER IF NOT EXISTS queue_dirty_{table}_ins AFTER INSERT ON {table} "
            f"BEGIN {_mark(new)} END",
            f"CREATE TRIGGER IF NOT EXISTS queue_dirty_{table}_upd AFTER UPDATE ON {table} "
            f"BEGIN {_mark(new)} {_mark(old)} END",
            f"CREATE TRIGGER IF NOT EXISTS queue_dirty_{table}_del AFTER DELETE ON {table} "
            f"BEGIN {_mark(old)} END",
        ]
    sql += [
        "CREATE TRIGGER IF NOT EXISTS queue_dirty_account_ins AFTER INSERT ON account "
        f"BEGIN {_mark('NEW.id')} END",
        f"CREATE TRIGGER IF NOT EXISTS queue_dirty_account_upd AFTER UPDATE OF {ACCOUNT_COLUMNS} "
        f"ON account BEGIN {_mark('NEW.id')} END",
        "CREATE TRIGGER IF NOT EXISTS queue_dirty_account_del AFTER DELETE ON account "
        f"BEGIN {_mark('OLD.id')} END",
    ]
    return sql


def install(database: Database | SqliteDatabase) -> None:
    """Create the state tables and their triggers; every state is then written at next use."""
    lay_out(database)
    for sql in (*_TABLES, *_triggers()):
        database.execute_sql(sql)
    database.execute_sql("DELETE FROM cache_meta WHERE key = 'queue_state'")


def install_own(database: Database) -> None:
    """A team's person's own state tables (`db.server.keep_own_queue`): the triggers are
    the team's, and mark these too."""
    lay_out(database)
    for sql in _TABLES:
        database.execute_sql(sql)


def fingerprint(settings: Settings) -> str:
    """What stored states depend on besides the records: their format, the rules'
    settings and the time zone."""
    h = settings.heat
    rules = (
        STATE_FORMAT,
        sorted(h.start.items()),
        h.hot,
        h.cooling_window_days,
        h.was_hot_days,
        h.gain_taper_from,
        sorted(h.outcome_gain.items()),
        sorted(h.decay_per_day.items()),
        sorted(h.threshold.items()),
        sorted((k, c.cadence_days) for k, c in settings.classes.items()),
        settings.data["heat"].get("no_outcome_gain"),
        settings.heat.trend_days,
        settings.revival,
        settings.buying_season_lead_days,
        settings.buying_season_must_reach_days,
        local_zone(),
        # `place` is marshal's: another Python may read it differently.
        (marshal.version, sys.version_info[:2]),
    )
    return repr(rules)


def placement_key(current: str) -> str:
    """What a kept placement is kept under: the states' fingerprint, and on a server the
    person's login too. A person keeps their own tables (`db.server.keep_own_queue`);
    one who shares the team's must never read another's placement, made of the accounts
    that person may see."""
    if not db.is_server:
        return current
    return f"{current}|{db.execute_sql('SELECT current_user').fetchone()[0]}"


def refresh_states(today: dt.date, settings: Settings) -> list[int]:
    """Rewrite the states of accounts written to, and of those not valid on `today`.

    Returns the accounts whose state still cannot answer for `today` (a
    contact dated after it). One write transaction, taken only when there is
    something to write: a write made meanwhile by another connection waits, so
    its dirty mark is never cleared unseen.
    """
    t = today.toordinal()
    current = fingerprint(settings)
    if _current(current) and not db.execute_sql("SELECT 1 FROM queue_dirty LIMIT 1").fetchone():
        invalid = db.execute_sql(
            f"SELECT account_id, last_day FROM {STATE_TABLE} WHERE {INVALID}", {"t": t}
        ).fetchall()
        if all(last is not None and last > t for _, last in invalid):
            return [a for a, _ in invalid]
    with db.atomic("IMMEDIATE"):
        if not _current(current):
            lay_out(db)
            db.execute_sql(f"DELETE FROM {STATE_TABLE}")
            queue_placement.forget()
            ids: list[int] | None = None
            seasons: list[int] = []
        else:
            ids = [r[0] for r in db.execute_sql("SELECT account_id FROM queue_dirty")]
            # Stale for this day, and rewritable as of it (a contact after it never is).
            stale = db.execute_sql(
                f"SELECT account_id, valid_from FROM {STATE_TABLE} WHERE {INVALID} "
                "AND (last_day IS NULL OR last_day <= :t)",
                {"t": t},
            ).fetchall()
            # Valid from before today, not written to: only its buying season rolled over
            # (a day's first start meets a few): that part alone is worked out again.
            written = set(ids)
            seasons = [a for a, valid_from in stale if valid_from <= t and a not in written]
            ids += [a for a, valid_from in stale if valid_from > t]
        if ids is None:
            db.execute_sql("DELETE FROM queue_dirty")
            every = [r[0] for r in db.execute_sql("SELECT id FROM account WHERE NOT archived")]
            # A few thousand accounts' records at a time: a large book's whole
            # history at once took most of a gigabyte.
            for start in range(0, len(every), REWRITE_CHUNK):
                write_states(_states_of(every[start : start + REWRITE_CHUNK], settings, today), [])
            db.execute_sql(
                "INSERT INTO cache_meta (key, value) VALUES ('queue_state', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (current,),
            )
        elif ids or seasons:
            if ids:
                write_states(_states_of(ids, settings, today), set(ids))
            if seasons:
                write_states(_reseasoned(seasons, settings, today), seasons)
            queue_placement.rewritten({*ids, *seasons})
    return invalid_on(t)


def _reseasoned(account_ids: list[int], settings: Settings, today: dt.date) -> list[AccountState]:
    """These accounts' stored states with their buying season worked out as of `today`."""
    bought: dict[int, list[dt.date]] = {a: [] for a in account_ids}
    for account, on in db.execute_sql(
        "SELECT account_id, purchased_on FROM purchase "
        "WHERE account_id IN (SELECT value FROM json_each(?))",
        ("[" + ",".join(str(int(a)) for a in account_ids) + "]",),
    ):
        bought[account].append(dt.date.fromisoformat(str(on)[:10]))
    return [
        reseasoned(s, bought[s.account_id], settings, today) for s in stored_states(account_ids)
    ]


REWRITE_CHUNK = 5_000  # accounts read at a time when every state is rewritten


def _states_of(account_ids: list[int], settings: Settings, today: dt.date) -> list[AccountState]:
    """The states of these accounts, from their whole records."""
    i = load_queue_inputs(account_ids=account_ids)
    return account_states(
        i.accounts, i.activities, i.follow_ups, i.deals, i.best_actions, i.purchases,
        settings, today,
    )  # fmt: skip


def _current(fingerprint: str) -> bool:
    """Whether the stored states were written under this fingerprint."""
    row = db.execute_sql("SELECT value FROM cache_meta WHERE key = 'queue_state'").fetchone()
    return row is not None and row[0] == fingerprint


def fast_queue(
    today: dt.date,
    settings: Settings,
    *,
    now_utc: dt.datetime | None = None,
    keep_later: Callable[[Callable[[], None]], object] | None = None,
) -> DueQueue:
    """The due queue of the open database for `today`: the same queue `build_queue` gives.

    States are brought up to date first. Accounts whose state cannot answer
    for `today` (a contact logged after it) are built the slow way and merged.
    Rows are made when read (see `QueueRows`). A day placed anew is kept for the
    next queue that day, then or through `keep_later` (see `queue_placement.placement`).
    """
    try:
        others = refresh_states(today, settings)
    except db.operational_errors:
        # A read-only file, or another writer holding it past the busy timeout:
        # the queue can still be built, only not stored.
        return _slow(today, settings, now_utc, None)
    placed = queue_placement.placement(
        today, settings, placement_key(fingerprint(settings)), keep_later=keep_later
    )
    loader = _Loader(today, settings, now_utc)
    titles = settings.words("queue_section_")
    cache: dict[tuple[int, str], QueueItem] = {}
    queue = DueQueue(
        today,
        tuple(
            QueueSection(s, titles[s], QueueRows(s, keys, cache, loader))
            for s, keys in placed.items()
        ),
    )
    if others:
        queue = merge_queue(queue, _slow(today, settings, now_utc, others), others)
    return queue


def refresh_accounts(
    queue: DueQueue,
    account_ids: Collection[int],
    settings: Settings,
    *,
    now_utc: dt.datetime | None = None,
) -> DueQueue:
    """The queue after writes to `account_ids`: their rows rebuilt, the others kept."""
    ids = list(account_ids)
    return merge_queue(queue, _slow(queue.today, settings, now_utc, ids), ids)


# More accounts to rewrite than this, and the queue builds in a thread with progress shown.
QUICK_REWRITE = 2_000


def states_ready(settings: Settings) -> bool:
    """Whether the next queue needs few states rewritten (so it takes milliseconds)."""
    pending = "queue_dirty" if _current(fingerprint(settings)) else "account"
    count = db.execute_sql(
        f"SELECT count(*) FROM (SELECT 1 FROM {pending} LIMIT ?) AS pending", (QUICK_REWRITE + 1,)
    ).fetchone()[0]
    return bool(count <= QUICK_REWRITE)


def _slow(
    today: dt.date, settings: Settings, now_utc: dt.datetime | None, account_ids: list[int] | None
) -> DueQueue:
    """These accounts' queue (all when None), built from their records."""
    i = load_queue_inputs(until=today, settings=settings, account_ids=account_ids)
    return build_from(i, today, settings, now_utc)


class _Loader:
    """Makes the rows of some accounts, for `QueueRows`, by building their queue."""

    def __init__(self, today: dt.date, settings: Settings, now_utc: dt.datetime | None) -> None:
        self.today, self.settings, self.now_utc = today, settings, now_utc

    def __call__(self, account_ids: list[int]) -> dict[tuple[int, str], QueueItem]:
        built = _slow(self.today, self.settings, self.now_utc, account_ids)
        return {(i.account_id, s.id): i for s in built.sections for i in s.items}

    def stand_in(self, section: str, key: OrderKey) -> QueueItem:
        # Written to since the queue was placed (from another window, say): the row
        # keeps its place, named and marked, until the queue is read again.
        _, minus_priority, name, account_id = key
        row = db.execute_sql("SELECT name FROM account WHERE id = ?", (account_id,)).fetchone()
        changed = (self.settings.word("queue_row_changed"),)
        return QueueItem(
            section, account_id, row[0] if row else name, None, None, None, 0.0, "steady",
            None, None, None, -minus_priority, None, lambda: (changed, ()), stale=True,
        )  # fmt: skip


def written_since() -> list[int]:
    """Accounts written to since their states were last rewritten (a bounded few)."""
    rows = db.execute_sql("SELECT account_id FROM queue_dirty LIMIT ?", (QUICK_REWRITE + 1,))
    return [r[0] for r in rows]


def catch_up(
    queue: DueQueue, settings: Settings, *, now_utc: dt.datetime | None = None
) -> DueQueue | None:
    """The queue with the rows of every account written to since rebuilt (by any window or
    process); itself when none was; None when so many were that it is better read again."""
    ids = written_since()
    if not ids:
        return queue
    if len(ids) > QUICK_REWRITE:
        return None
    with suppress(*db.operational_errors):  # read-only or busy: the rows are rebuilt all the same
        refresh_states(queue.today, settings)
    return refresh_accounts(queue, ids, settings, now_utc=now_utc)


def prepare_days(today: dt.date, settings: Settings) -> list[dt.date]:
    """Place the coming days ahead, so that each one's first start reads its placement
    back: tomorrow, and the next weekday when that is later (a Friday prepares
    Saturday and Monday). Returns the days placed (none when already kept).

    For after a start, away from its first frame: a day takes what a first start's
    placing takes (a quarter second at 100,000 accounts). It rewrites no state:
    accounts written to and not yet rewritten are placed again on the day, as are
    those whose state will not answer for it, and the screen that shows the queue
    keeps learning from the dirty marks which rows to read again.
    """
    from followup_tui.core.accounts.cadence import next_weekday

    current = fingerprint(settings)
    tomorrow = today + dt.timedelta(days=1)
    days = sorted({tomorrow, next_weekday(tomorrow)})
    # Read-only, or busy past the timeout: the days place themselves when they come.
    with suppress(*db.operational_errors):
        if not _current(current):
            return []  # every state is to be rewritten first: nothing to place from
        key = placement_key(current)
        return [d for d in days if queue_placement.prepare(d, today, settings, key)]
    return []

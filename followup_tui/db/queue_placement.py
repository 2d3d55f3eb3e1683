"""Kept placements: a day's queue order read back instead of placing every state again.

Placing a day (`queue_keys` over every state that may be queued) is most of a
queue's time; reading a kept placement back is a tenth of it. A placement is kept
per day and settings (`queue_placed`), for the day asked and, made ahead after a
start, for the coming days (`prepare`), so that a day's first start reads its
placement back too instead of redoing what the day before already knew.

A state rewritten after a placement was made notes its account against every
kept day (`queue_replace`, written in the same transaction as the state): reading
that day's placement back places those accounts again, and only them. A
placement is kept only if no state was rewritten between reading the states it
was made from and writing it (the generation in `cache_meta`, bumped by every
rewrite), so a concurrent write can never leave a placement that misses it.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Collection, Iterable
from contextlib import suppress
from datetime import date
from functools import partial

from followup_tui.core.base.collector import collector_paused
from followup_tui.core.base.config import Settings
from followup_tui.core.queue.account_states import Placed, queue_keys
from followup_tui.core.queue.queue_items import SECTIONS
from followup_tui.db.connection import db
from followup_tui.db.queue_states import invalid_on, placing_states

Placement = dict[str, list[Placed]]

TABLES = (
    "CREATE TABLE IF NOT EXISTS queue_placed "
    "(day INTEGER NOT NULL, fingerprint TEXT NOT NULL, placed BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS queue_replace (day INTEGER NOT NULL, "
    "account_id INTEGER NOT NULL, PRIMARY KEY (day, account_id)) WITHOUT ROWID",
)
# Accounts placed again on a read beyond this many, and the patched placement is kept
# (by any caller: a screen keeps it after its first frame whatever their number).
KEEP_PATCHED = 200


def generation() -> int:
    """How many times states were rewritten (as far as placements care)."""
    row = db.execute_sql("SELECT value FROM cache_meta WHERE key = 'queue_gen'").fetchone()
    return int(row[0]) if row else 0


def rewritten(account_ids: Iterable[int]) -> None:
    """Inside the transaction that rewrote these accounts' states: every kept day places
    them again when read, and no placement made from the states before is kept."""
    _next_generation()
    for sql in TABLES:  # a file a followup from before them last wrote
        db.execute_sql(sql)
    db.cursor().executemany(
        "INSERT OR IGNORE INTO queue_replace (day, account_id) SELECT day, ? FROM queue_placed",
        [(a,) for a in account_ids],
    )


def _next_generation() -> None:
    db.execute_sql(
        "INSERT INTO cache_meta (key, value) VALUES ('queue_gen', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (str(generation() + 1),),
    )


def forget() -> None:
    """Every state is being rewritten (other settings, format or zone): no placement holds."""
    _next_generation()
    for table in ("queue_placed", "queue_replace"):
        with suppress(*db.operational_errors):  # no table yet: nothing kept
            db.execute_sql(f"DELETE FROM {table}")


def _kept(day: int, fingerprint: str) -> tuple[Placement, list[int]] | None:
    """The placement kept for this day and settings, and the accounts to place again."""
    try:
        row = db.execute_sql(
            "SELECT placed FROM queue_placed WHERE day = ? AND fingerprint = ?", (day, fingerprint)
        ).fetchone()
        if row is None:
            return None
        again = [
            r[0]
            for r in db.execute_sql("SELECT account_id FROM queue_replace WHERE day = ?", (day,))
        ]
    except db.operational_errors:
        return None  # a file from before the tables: made by the first placement kept
    try:
        placed = marshal.loads(row[0])
    except (EOFError, ValueError, TypeError):
        return None  # unreadable: placed again
    if not isinstance(placed, dict) or set(placed) != set(SECTIONS):
        return None
    return placed, again


def _placed_again(
    placed: Placement, account_ids: Collection[int], day: date, settings: Settings
) -> Placement:
    """The placement with these accounts taken out and placed from their states now."""
    gone = set(account_ids)
    fresh = queue_keys(placing_states(day.toordinal(), gone), day, settings)
    out: Placement = {}
    for section, keys in placed.items():
        kept = [k for k in keys if k[3] not in gone]
        if fresh[section]:
            kept.extend(fresh[section])
            kept.sort()  # nearly sorted: one pass
        out[section] = kept
    return out


def placement(
    day: date,
    settings: Settings,
    fingerprint: str,
    *,
    keep_later: Callable[[Callable[[], None]], object] | None = None,
) -> Placement:
    """Each section's places on `day` (the states current): the kept placement with
    the accounts rewritten since placed again, or every state placed and kept.

    `keep_later` is given the writing of a new placement to run when it suits (a
    screen: after its first frame), instead of it being written before returning.
    """
    t = day.toordinal()
    # Thousands of short-lived rows and keys: collections would only walk them.
    # One read: the placement, its notes and the states agree (a read: no write lock).
    with collector_paused(), db.atomic("DEFERRED"):
        generation_read = generation()
        found = _kept(t, fingerprint)
        if found is None:
            placed = queue_keys(placing_states(t), day, settings)
            again = _dirty()
        else:
            placed, again = found
            if again:
                placed = _placed_again(placed, again, day, settings)
    # Placed anew, or patched: kept for the next queue, after the frame when a screen asks
    # (a few accounts placed again cost less than the write, so without one only many).
    patched = found is not None and bool(again)
    if found is None or (patched and (keep_later is not None or len(again) > KEEP_PATCHED)):
        keep = partial(
            _keep, t, fingerprint, placed, generation_read, again if found is None else [], oldest=t
        )
        if keep_later is None:
            keep()
        else:
            keep_later(keep)
    return placed


def prepare(day: date, today: date, settings: Settings, fingerprint: str) -> bool:
    """Place a coming `day` ahead from today's states and keep it; False if already kept.

    States that cannot answer for `day` (a buying season that rolls over by then)
    and those written to but not yet rewritten are noted to be placed again then.
    """
    t = day.toordinal()
    with collector_paused():
        with db.atomic():
            with suppress(*db.operational_errors):
                if db.execute_sql(
                    "SELECT 1 FROM queue_placed WHERE day = ? AND fingerprint = ?",
                    (t, fingerprint),
                ).fetchone():
                    return False
            generation_read = generation()
            placed = queue_keys(placing_states(t), day, settings)
            again = [*invalid_on(t), *_dirty()]
        _keep(t, fingerprint, placed, generation_read, again, oldest=today.toordinal())
    return True


def _dirty() -> list[int]:
    return [r[0] for r in db.execute_sql("SELECT account_id FROM queue_dirty")]


def _keep(
    day: int,
    fingerprint: str,
    placed: Placement,
    generation_read: int,
    again: Collection[int],
    *,
    oldest: int,
) -> None:
    """Keep a placement made from the states as of `generation_read`, unless a state was
    rewritten since; past days' and other settings' placements go."""
    blob = marshal.dumps(placed)
    # Read-only or busy: placed again next time.
    with suppress(*db.operational_errors), db.atomic("IMMEDIATE"):
        if generation() != generation_read:
            return
        for sql in TABLES:
            db.execute_sql(sql)
        db.execute_sql(
            "DELETE FROM queue_placed WHERE day = ? OR day < ? OR fingerprint != ?",
            (day, oldest, fingerprint),
        )
        db.execute_sql(
            "DELETE FROM queue_replace WHERE day = ? OR day NOT IN (SELECT day FROM queue_placed)",
            (day,),
        )
        db.execute_sql(
            "INSERT INTO queue_placed (day, fingerprint, placed) VALUES (?, ?, ?)",
            (day, fingerprint, blob),
        )
        db.cursor().executemany(
            "INSERT OR IGNORE INTO queue_replace (day, account_id) VALUES (?, ?)",
            [(day, a) for a in again],
        )

"""The stored queue states' table: its layout, writing states, reading them to place.

One row per live account (`followup_tui.core.queue.account_states.AccountState`):
the fields a day's filter reads as columns, and what `queue_keys` reads packed in
one `marshal` value (`place`), which reads back several times faster than as a
dozen columns. `db.queue_store` keeps the rows current.
"""

from __future__ import annotations

import marshal
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from followup_tui.core.queue.account_states import QUEUE_FIELDS, AccountState
from followup_tui.db.connection import Database, db

if TYPE_CHECKING:
    from peewee import SqliteDatabase

# Named for its layout: an older followup on the same file (a shared copy, a downgrade)
# keeps its own `queue_state`, and the two never write each other's rows.
STATE_TABLE = "queue_state_v5"
# The columns a day's filter reads; `place` packs the first `QUEUE_FIELDS` fields.
FILTER_FIELDS = (
    "account_id", "next_due", "live", "has_next", "last", "season_from", "season_until",
    "revive_from", "cool_from", "valid_from", "valid_until",
)  # fmt: skip
_FIELD_INDEX = [AccountState._fields.index(f) for f in FILTER_FIELDS]
TABLE = (
    f"""CREATE TABLE IF NOT EXISTS {STATE_TABLE} (
        account_id INTEGER PRIMARY KEY, next_due INTEGER, live INTEGER NOT NULL,
        has_next INTEGER NOT NULL, last_day INTEGER, season_from INTEGER,
        season_until INTEGER, revive_from INTEGER, cool_from INTEGER,
        valid_from INTEGER NOT NULL, valid_until INTEGER, place BLOB NOT NULL)""",
    # Which states a day cannot use, found without reading them all (`refresh_states`).
    f"CREATE INDEX IF NOT EXISTS {STATE_TABLE}_valid_from ON {STATE_TABLE} (valid_from)",
    f"CREATE INDEX IF NOT EXISTS {STATE_TABLE}_valid_until ON {STATE_TABLE} (valid_until)",
)
_COLUMNS = ", ".join(FILTER_FIELDS).replace("last,", "last_day,") + ", place"
VALID = "valid_from <= :t AND (valid_until IS NULL OR :t < valid_until)"
# The same, negated so that the two indexes answer it.
INVALID = "(valid_from > :t OR valid_until <= :t)"
# The states that may place their account in a section on day :t.
_MAY_PLACE = (
    f"{VALID} AND (next_due <= :t OR (live AND (NOT has_next OR cool_from <= :t)) "
    "OR revive_from <= :t OR (season_from <= :t AND :t < season_until))"
)


def lay_out(database: Database | SqliteDatabase) -> None:
    """Make the state table; one whose columns are not these (a cache, written again
    at next use) is dropped first. Run before every state is rewritten: a file made
    before this layout gets its table then."""
    found = {row[1] for row in database.execute_sql(f"PRAGMA table_info({STATE_TABLE})")}
    wanted = {"last_day" if f == "last" else f for f in FILTER_FIELDS} | {"place"}
    if found and found != wanted:
        database.execute_sql(f"DROP TABLE {STATE_TABLE}")
    for sql in TABLE:
        database.execute_sql(sql)


def _row(state: AccountState) -> tuple[object, ...]:
    """A state as a row of the table: its filter's columns, then `place`."""
    return (*(state[i] for i in _FIELD_INDEX), marshal.dumps(state[:QUEUE_FIELDS]))


def write_states(states: Iterable[AccountState], account_ids: Collection[int]) -> None:
    """Replace the states of `account_ids` (and clear their dirty marks) by `states`."""
    ids = list(account_ids)
    marks = ", ".join("?" * (len(FILTER_FIELDS) + 1))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        holes = ", ".join("?" * len(chunk))
        db.execute_sql(f"DELETE FROM {STATE_TABLE} WHERE account_id IN ({holes})", chunk)
        db.execute_sql(f"DELETE FROM queue_dirty WHERE account_id IN ({holes})", chunk)
    db.cursor().executemany(
        f"INSERT INTO {STATE_TABLE} ({_COLUMNS}) VALUES ({marks})", [_row(s) for s in states]
    )


def placing_states(day: int, account_ids: Collection[int] | None = None) -> list[Any]:
    """What `queue_keys` reads of the states that may place their account on `day`
    (an ordinal), of these accounts or all."""
    sql = f"SELECT place FROM {STATE_TABLE} WHERE {_MAY_PLACE}"
    params: dict[str, object] = {"t": day}
    if account_ids is not None:
        sql += " AND account_id IN (SELECT value FROM json_each(:ids))"
        params["ids"] = "[" + ",".join(str(int(a)) for a in account_ids) + "]"
    packed = db.execute_sql(sql, params).fetchall()
    return list(map(marshal.loads, [p for (p,) in packed]))


def stored_states(account_ids: Collection[int]) -> list[AccountState]:
    """The states stored for these accounts (those that have one)."""
    rows = db.execute_sql(
        f"SELECT place, cool_from, valid_from, valid_until FROM {STATE_TABLE} "
        "WHERE account_id IN (SELECT value FROM json_each(?))",
        ("[" + ",".join(str(int(a)) for a in account_ids) + "]",),
    ).fetchall()
    return [AccountState(*marshal.loads(place), *rest) for place, *rest in rows]


def invalid_on(day: int) -> list[int]:
    """The accounts whose state cannot answer for `day` (an ordinal)."""
    rows = db.execute_sql(f"SELECT account_id FROM {STATE_TABLE} WHERE {INVALID}", {"t": day})
    return [r[0] for r in rows]

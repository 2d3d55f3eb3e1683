"""Reading the database into the plain records the due-queue engine works on.

Raw SQL tuples rather than model instances: at 2,000,000 activities building a
Peewee object per row would cost more than the queue itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator
from decimal import Decimal
from typing import Any, NamedTuple

from followup_tui.core.accounts.heat_anchor import anchor_of
from followup_tui.core.base.collector import collector_paused
from followup_tui.core.base.config import Settings
from followup_tui.core.base.local_days import LocalDays
from followup_tui.core.base.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    ContactRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
)
from followup_tui.core.queue.account_states import heat_reach
from followup_tui.core.queue.queue_builder import DueQueue, build_queue
from followup_tui.db.connection import db
from followup_tui.db.heat_cache import heat_is_current

# One row as sqlite3 returns it.
Row = tuple[Any, ...]


class QueueInputs(NamedTuple):
    """Everything the queue reads, as records."""

    accounts: list[AccountRec]
    contacts: list[ContactRec]
    follow_ups: list[FollowUpRec]
    activities: dict[int, list[ActivityRec]]
    deals: list[DealRec]
    purchases: list[PurchaseRec]
    best_actions: list[BestActionRec]
    heat_seeds: dict[int, float] | None = None


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _rows(sql: str, *params: object) -> Iterator[Row]:
    return iter(db.execute_sql(sql, params).fetchall())


def _only(column: str, account_ids: Collection[int] | None) -> tuple[str, list[object]]:
    """A condition keeping the rows of some accounts (all when None), and its parameter."""
    if account_ids is None:
        if db.is_server and column.endswith("account_id"):
            # A team's table holds every rep's rows, each checked against its account's
            # policy: the rep's account ids first (their own index) let the server read
            # only theirs by `account_id`, not filter the whole team's (2 s at 50 reps).
            return f"{column} = ANY (ARRAY(SELECT id FROM account))", []
        return "1 = 1", []  # a truth PostgreSQL takes too (a bare 1 is no boolean there)
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(sorted(account_ids))]


_ACTIVITY_COLUMNS = (
    "a.id, a.account_id, a.occurred_at, a.kind, a.outcome, a.contact_id, a.deal_id, a.notes, "
    "a.our_commitments, a.their_commitments"
)
MARGIN_DAYS = 2  # stored times are UTC; a local day may start or end a day apart


# Each account's last contact before the queue's window, with its stored heat: found
# by a subquery per account, then joined by its id; a team's server joins the same
# subquery laterally, as its join by id read the whole team's activities (2.5 s).
_SEED = (
    "SELECT x.{c} FROM activity x WHERE x.account_id = c.id AND x.kind != 'note' "
    "AND x.occurred_at < ? ORDER BY x.occurred_at DESC, x.id DESC LIMIT 1"
)
_SEEDS = (
    f"SELECT {_ACTIVITY_COLUMNS}, a.heat_after FROM account c JOIN activity a ON a.id = ("
    f"{_SEED.format(c='id')}) WHERE NOT c.archived AND {{mine}}",
    f"SELECT {_ACTIVITY_COLUMNS}, a.heat_after FROM account c CROSS JOIN LATERAL ("
    f"{_SEED.format(c='*')}) a WHERE NOT c.archived AND {{mine}}",
)
# The accounts with a contact stored without its running heat (a partial index holds
# them). On a team's server the index holds every rep's: each rep's own accounts are
# looked up in it instead, as one rep's unreplayed rows must not cost a read of all.
_UNSEEDED = (
    "SELECT DISTINCT account_id FROM activity WHERE heat_after IS NULL AND kind != 'note'",
    "SELECT c.id FROM account c WHERE EXISTS (SELECT 1 FROM activity a WHERE "
    "a.account_id = c.id AND a.heat_after IS NULL AND a.kind != 'note')",
)


def _activities(
    until: dt.date | None,
    settings: Settings | None,
    account_ids: Collection[int] | None = None,
    window_days: int | None = None,
) -> tuple[dict[int, list[ActivityRec]], dict[int, float] | None]:
    """Activities by account, and heat seeds that let most of each history be skipped.

    With stored heat current, each account is read as its last activity before
    the queue's window (with the heat stored right after it: the seed) plus its
    activities inside the window: at 10,000 accounts and 200,000 activities
    that is some 40,000 rows instead of 200,000. An account with any contact
    stored without its running heat (by a path that did not replay it) is read whole.
    `window_days`: another window than the queue's (`heat_reach`).
    """
    if until is None or settings is None or not heat_is_current(settings):
        return _grouped(_full_rows(until, account_ids)), None
    mine, mine_params = _only("c.id", account_ids)
    window = heat_reach(settings) if window_days is None else window_days
    start = (until - dt.timedelta(days=window + MARGIN_DAYS)).isoformat()
    end = (until + dt.timedelta(days=MARGIN_DAYS)).isoformat()
    # Replay order everywhere is (occurred_at, id): see db.heat_cache.refresh_heat.
    seeds_sql = _SEEDS[db.is_server].format(mine=mine)
    seed_rows = db.execute_sql(seeds_sql, (start, *mine_params)).fetchall()
    unseeded = [
        row[0]
        for row in db.execute_sql(_UNSEEDED[db.is_server])
        if account_ids is None or row[0] in account_ids
    ]
    skip = set(unseeded)
    seeds: dict[int, float] = {}
    rows: list[Row] = []
    for row in seed_rows:
        if row[1] not in skip:
            seeds[row[1]] = float(row[-1])
            rows.append(row[:-1])
    window_only, window_params = _only("a.account_id", account_ids)
    rows.extend(
        db.execute_sql(
            f"SELECT {_ACTIVITY_COLUMNS} FROM activity a WHERE a.kind != 'note' "
            f"AND a.occurred_at >= ? AND a.occurred_at < ? AND {window_only}",
            (start, end, *window_params),
        )
    )
    # The seed sorts first in its account's group: it is older than the window.
    rows.sort(key=_ACCOUNT_TIME_ID)
    activities = _grouped(rows, skip=skip)
    # A seed is its local day's end; a window contact on that same local day (the
    # window starts at a UTC midnight) would have to share it: read those whole.
    shared = [
        aid
        for aid, acts in activities.items()
        if aid in seeds and len(acts) > 1 and acts[1].occurred_on == acts[0].occurred_on
    ]
    for aid in shared:
        del seeds[aid]
    unseeded.extend(shared)
    if unseeded:
        activities.update(_grouped(_full_rows(until, unseeded)))
    return activities, seeds


def heat_histories(
    until: dt.date, settings: Settings, window_days: int
) -> tuple[dict[int, list[ActivityRec]], dict[int, float] | None]:
    """Each live account's contacts up to `until` as the heat replay reads them, seeded
    (when stored heat is current) before a window of `window_days` (see `_activities`)."""
    return _activities(until, settings, None, window_days)


def _ACCOUNT_TIME_ID(row: Row) -> Row:
    return row[1], row[2], row[0]


def _full_rows(until: dt.date | None, accounts: Collection[int] | None) -> list[Row]:
    """Whole histories (of some accounts, or all), in replay order."""
    sql = f"SELECT {_ACTIVITY_COLUMNS} FROM activity a WHERE a.kind != 'note'"
    params: list[object] = []
    if until is not None:
        sql += " AND a.occurred_at < ?"
        params.append((until + dt.timedelta(days=MARGIN_DAYS)).isoformat())
    only, only_params = _only("a.account_id", accounts)
    sql += f" AND {only}"
    params.extend(only_params)
    return db.execute_sql(sql + " ORDER BY a.account_id, a.occurred_at, a.id", params).fetchall()


def _grouped(
    rows: list[Row],
    skip: set[int] | None = None,
) -> dict[int, list[ActivityRec]]:
    """Activity records grouped by account, in the rows' order."""
    local_day = LocalDays()
    activities: dict[int, list[ActivityRec]] = {}
    for rid, account, at, kind, outcome, contact, deal, notes, ours, theirs in rows:
        if skip and account in skip:
            continue
        rec = ActivityRec(
            rid, account, local_day(at), kind, outcome, contact, deal, notes, ours, theirs
        )
        group = activities.get(account)
        if group is None:
            activities[account] = [rec]
        else:
            group.append(rec)
    return activities


def load_queue_inputs(
    *,
    until: dt.date | None = None,
    settings: Settings | None = None,
    account_ids: Collection[int] | None = None,
    history: bool = True,
) -> QueueInputs:
    """Everything the queue rules read; activities well after `until` are left out.

    Given `settings` and a day, quiet accounts come with heat seeds instead of
    their whole history (see `_activities`). With `account_ids`, only theirs.
    Without `history`, no activities (the plans read none).
    """
    only, ids = _only("account_id", account_ids)
    accounts = [
        AccountRec(
            rid, name, quad, rel, tier, rejections, bool(archived), reason,
            anchor_of(_date(anchor_on), anchor, after) if anchor_on is not None else None,
        )
        for rid, name, quad, rel, tier, rejections, archived, reason, anchor, anchor_on, after \
                in _rows(
            "SELECT id, name, quadrant, relationship, tier, rejection_count, archived, "
            "stop_reason, heat_anchor, heat_anchor_on, heat_anchor_after FROM account "
            f"WHERE NOT archived AND {_only('id', account_ids)[0]}",
            *ids,
        )
    ]  # fmt: skip
    # `due` and `purchased_on` are NOT NULL: `_date` gives a date, never None (arg-type).
    follow_ups = [
        FollowUpRec(rid, account, _date(due), purpose, bool(done), contact, deal)  # type: ignore[arg-type]
        for rid, account, due, purpose, done, contact, deal in _rows(
            "SELECT id, account_id, due, purpose, done, contact_id, deal_id FROM follow_up "
            f"WHERE NOT done AND {only}",
            *ids,
        )
    ]
    activities, seeds = _activities(until, settings, account_ids) if history else ({}, None)
    contacts = [
        ContactRec(rid, account, name, tz, start, end, level)
        for rid, account, name, tz, start, end, level in _rows(
            "SELECT id, account_id, name, time_zone, call_window_start, call_window_end, level "
            f"FROM contact WHERE {only}",
            *ids,
        )
    ]
    deals = [
        DealRec(
            rid,
            account,
            title,
            Decimal(str(amount)) if amount is not None else None,
            _date(completion),
            outcome,
        )
        for rid, account, title, amount, completion, outcome in _rows(
            "SELECT id, account_id, title, amount, completion_date, outcome FROM deal "
            f"WHERE outcome = 'open' AND {only}",  # closed deals weigh on nothing in the queue
            *ids,
        )
    ]
    purchases = [
        PurchaseRec(account, _date(on), Decimal(str(amount)) if amount is not None else None)  # type: ignore[arg-type]
        for account, on, amount in _rows(
            f"SELECT account_id, purchased_on, amount FROM purchase WHERE {only}", *ids
        )
    ]
    best_actions = [
        BestActionRec(rid, deal, who, what, _date(due), bool(done))
        for rid, deal, who, what, due, done in _rows(
            "SELECT id, deal_id, who, what, due, done FROM best_action WHERE NOT done "
            f"AND deal_id IN (SELECT id FROM deal WHERE {only})",
            *ids,
        )
    ]
    return QueueInputs(
        accounts, contacts, follow_ups, activities, deals, purchases, best_actions, seeds
    )


def queue_and_inputs(
    today: dt.date, settings: Settings, *, now_utc: dt.datetime | None = None
) -> tuple[QueueInputs, DueQueue]:
    """The due queue of the open database for `today`, and the records it was built from."""
    with collector_paused():
        i = load_queue_inputs(until=today, settings=settings)
        return i, build_from(i, today, settings, now_utc)


def build_from(
    i: QueueInputs, today: dt.date, settings: Settings, now_utc: dt.datetime | None
) -> DueQueue:
    """The queue built from these inputs."""
    return build_queue(
        today,
        settings,
        i.accounts,
        i.contacts,
        i.follow_ups,
        i.activities,
        i.deals,
        i.purchases,
        i.best_actions,
        now_utc=now_utc,
        heat_seeds=i.heat_seeds,
    )


def due_queue(
    today: dt.date, settings: Settings, *, now_utc: dt.datetime | None = None
) -> DueQueue:
    """The due queue of the open database for `today`."""
    return queue_and_inputs(today, settings, now_utc=now_utc)[1]

"""Reading the database into the plain records the due-queue engine works on.

Raw SQL tuples rather than model instances: at 2,000,000 activities building a
Peewee object per row would cost more than the queue itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from followup_tui.config import Settings
from followup_tui.db.models import db
from followup_tui.due_queue import DueQueue, build_queue
from followup_tui.records import (
    AccountRec,
    ActivityRec,
    BestActionRec,
    ContactRec,
    DealRec,
    FollowUpRec,
    PurchaseRec,
)


@dataclass(frozen=True)
class QueueInputs:
    """Everything the queue reads, as records."""

    accounts: list[AccountRec]
    contacts: list[ContactRec]
    follow_ups: list[FollowUpRec]
    activities: dict[int, list[ActivityRec]]
    deals: list[DealRec]
    purchases: list[PurchaseRec]
    best_actions: list[BestActionRec]


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _local_day_fn() -> object:
    """A converter from stored UTC text to the rep's local calendar day, with a cache per hour."""
    offset_cache: dict[str, dt.timedelta] = {}

    def convert(stamp: str) -> dt.date:
        hour = stamp[:13]
        offset = offset_cache.get(hour)
        if offset is None:
            moment = dt.datetime.fromisoformat(stamp[:19]).replace(tzinfo=dt.UTC)
            offset = moment.astimezone().utcoffset() or dt.timedelta(0)
            offset_cache[hour] = offset
        return (dt.datetime.fromisoformat(stamp[:19]) + offset).date()

    return convert


def _rows(sql: str, *params: object) -> Iterator[tuple]:  # type: ignore[type-arg]
    return iter(db.execute_sql(sql, params).fetchall())


def load_queue_inputs(*, until: dt.date | None = None) -> QueueInputs:
    """Everything the queue rules read; activities well after `until` are left out."""
    accounts = [
        AccountRec(rid, name, quad, rel, tier, rejections, bool(archived), reason)
        for rid, name, quad, rel, tier, rejections, archived, reason in _rows(
            "SELECT id, name, quadrant, relationship, tier, rejection_count, archived, "
            "stop_reason FROM account WHERE NOT archived"
        )
    ]
    contacts = [
        ContactRec(rid, account, name, tz, start, end, level)
        for rid, account, name, tz, start, end, level in _rows(
            "SELECT id, account_id, name, time_zone, call_window_start, call_window_end, level "
            "FROM contact"
        )
    ]
    follow_ups = [
        FollowUpRec(rid, account, _date(due), purpose, bool(done), contact, deal)  # type: ignore[arg-type]
        for rid, account, due, purpose, done, contact, deal in _rows(
            "SELECT id, account_id, due, purpose, done, contact_id, deal_id FROM follow_up "
            "WHERE NOT done"
        )
    ]
    local_day = _local_day_fn()
    activities: dict[int, list[ActivityRec]] = {}
    # Notes are not contacts: the queue's heat and "last contact" ignore them.
    limit = " WHERE kind != 'note'" + ("" if until is None else " AND occurred_at < ?")
    params: tuple[object, ...] = (
        () if until is None else ((until + dt.timedelta(days=2)).isoformat(),)
    )
    cursor = db.execute_sql(
        "SELECT id, account_id, occurred_at, kind, outcome, contact_id, deal_id, notes, "
        f"our_commitments, their_commitments FROM activity{limit} "
        "ORDER BY account_id, occurred_at",
        params,
    )
    for rid, account, at, kind, outcome, contact, deal, notes, ours, theirs in cursor:
        rec = ActivityRec(
            rid, account, local_day(at), kind, outcome, contact, deal, notes, ours, theirs
        )  # type: ignore[operator]
        group = activities.get(account)
        if group is None:
            activities[account] = [rec]
        else:
            group.append(rec)
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
            "SELECT id, account_id, title, amount, completion_date, outcome FROM deal"
        )
    ]
    purchases = [
        PurchaseRec(account, _date(on), Decimal(str(amount)) if amount is not None else None)  # type: ignore[arg-type]
        for account, on, amount in _rows("SELECT account_id, purchased_on, amount FROM purchase")
    ]
    best_actions = [
        BestActionRec(rid, deal, who, what, _date(due), bool(done))
        for rid, deal, who, what, due, done in _rows(
            "SELECT id, deal_id, who, what, due, done FROM best_action WHERE NOT done"
        )
    ]
    return QueueInputs(accounts, contacts, follow_ups, activities, deals, purchases, best_actions)


def due_queue(
    today: dt.date, settings: Settings, *, now_utc: dt.datetime | None = None
) -> DueQueue:
    """The due queue of the open database for `today`."""
    inputs = load_queue_inputs(until=today)
    return build_queue(
        today,
        settings,
        inputs.accounts,
        inputs.contacts,
        inputs.follow_ups,
        inputs.activities,
        inputs.deals,
        inputs.purchases,
        inputs.best_actions,
        now_utc=now_utc,
    )

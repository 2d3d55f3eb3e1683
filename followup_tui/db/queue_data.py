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
from followup_tui.db.accounts import LocalDays
from followup_tui.db.heat_cache import heat_is_current
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
    heat_seeds: dict[int, float] | None = None


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _rows(sql: str, *params: object) -> Iterator[tuple]:  # type: ignore[type-arg]
    return iter(db.execute_sql(sql, params).fetchall())


_ACTIVITY_COLUMNS = (
    "a.id, a.account_id, a.occurred_at, a.kind, a.outcome, a.contact_id, a.deal_id, a.notes, "
    "a.our_commitments, a.their_commitments"
)
MARGIN_DAYS = 2  # stored times are UTC; a local day may start or end a day apart


def _activities(
    until: dt.date | None, settings: Settings | None
) -> tuple[dict[int, list[ActivityRec]], dict[int, float] | None]:
    """Activities by account, and heat seeds for accounts quiet since the queue's window.

    With stored heat current, an account without contact in the last week needs
    only its last activity (for "last contact") and its stored heat: at 10,000
    accounts that reads a few thousand rows instead of 200,000.
    """
    params: list[object] = []
    # Notes are not contacts: the queue's heat and "last contact" ignore them.
    full = f"SELECT {_ACTIVITY_COLUMNS} FROM activity a WHERE a.kind != 'note'"
    if until is not None:
        full += " AND a.occurred_at < ?"
        params.append((until + dt.timedelta(days=MARGIN_DAYS)).isoformat())
    seeds: dict[int, float] | None = None
    rows: list[tuple] = []  # type: ignore[type-arg]
    if until is not None and settings is not None and heat_is_current(settings):
        window = max(
            settings.heat.cooling_window_days, int(settings.data["heat"].get("trend_days", 7))
        )
        start = (until - dt.timedelta(days=window + MARGIN_DAYS)).isoformat()
        full += (
            " AND a.account_id IN (SELECT account_id FROM activity "
            "WHERE kind != 'note' AND occurred_at >= ?)"
        )
        params.append(start)
        quiet = db.execute_sql(
            f"SELECT {_ACTIVITY_COLUMNS}, c.heat FROM account c JOIN activity a "
            "ON a.account_id = c.id AND a.occurred_at = c.last_contact_at AND a.kind != 'note' "
            "WHERE NOT c.archived AND c.last_contact_at < ? ORDER BY a.account_id, a.id",
            (start,),
        ).fetchall()
        seeds = {row[1]: float(row[-1]) for row in quiet}
        rows.extend(row[:-1] for row in quiet)
    rows.extend(db.execute_sql(full + " ORDER BY a.account_id, a.occurred_at", params))
    local_day = LocalDays()
    activities: dict[int, list[ActivityRec]] = {}
    for rid, account, at, kind, outcome, contact, deal, notes, ours, theirs in rows:
        rec = ActivityRec(
            rid, account, local_day(at), kind, outcome, contact, deal, notes, ours, theirs
        )  # type: ignore[operator]
        group = activities.get(account)
        if group is None:
            activities[account] = [rec]
        else:
            group.append(rec)
    return activities, seeds


def load_queue_inputs(
    *, until: dt.date | None = None, settings: Settings | None = None
) -> QueueInputs:
    """Everything the queue rules read; activities well after `until` are left out.

    Given `settings` and a day, quiet accounts come with heat seeds instead of
    their whole history (see `_activities`).
    """
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
    activities, seeds = _activities(until, settings)
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
    return QueueInputs(
        accounts, contacts, follow_ups, activities, deals, purchases, best_actions, seeds
    )


def due_queue(
    today: dt.date, settings: Settings, *, now_utc: dt.datetime | None = None
) -> DueQueue:
    """The due queue of the open database for `today`."""
    inputs = load_queue_inputs(until=today, settings=settings)
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
        heat_seeds=inputs.heat_seeds,
    )

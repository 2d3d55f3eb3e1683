"""Account reads and writes for the screens, returning plain records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, fn

from followup_tui.db.models import Account, Activity, Deal, FollowUp


@dataclass(frozen=True)
class AccountRow:
    """One line of the account list."""

    id: int
    name: str
    quadrant: str | None
    relationship: str
    tier: str | None
    heat: float
    last_contact: dt.datetime | None
    next_follow_up: dt.date | None
    open_amount: Decimal | None
    archived: bool


def count_accounts(*, archived: bool = False) -> int:
    """How many accounts there are, live or archived."""
    return Account.select().where(Account.archived == archived).count()


def list_accounts(*, limit: int = 200, offset: int = 0, archived: bool = False) -> list[AccountRow]:
    """A page of accounts by name, with last contact, next follow-up and open amount."""
    last = (
        Activity.select(Activity.account, fn.MAX(Activity.occurred_at).alias("last"))
        .group_by(Activity.account)
        .alias("last_q")
    )
    nxt = (
        FollowUp.select(FollowUp.account, fn.MIN(FollowUp.due).alias("next"))
        .where(FollowUp.done == False)  # noqa: E712 - peewee expression
        .group_by(FollowUp.account)
        .alias("next_q")
    )
    amount = (
        Deal.select(Deal.account, fn.SUM(Deal.amount).alias("amount"))
        .where(Deal.outcome == "open")
        .group_by(Deal.account)
        .alias("amount_q")
    )
    query = (
        Account.select(
            Account.id,
            Account.name,
            Account.quadrant,
            Account.relationship,
            Account.tier,
            Account.heat,
            Account.archived,
            last.c.last,
            nxt.c.next,
            amount.c.amount,
        )
        .join(last, JOIN.LEFT_OUTER, on=(last.c.account_id == Account.id))
        .switch(Account)
        .join(nxt, JOIN.LEFT_OUTER, on=(nxt.c.account_id == Account.id))
        .switch(Account)
        .join(amount, JOIN.LEFT_OUTER, on=(amount.c.account_id == Account.id))
        .where(Account.archived == archived)
        .order_by(Account.name)
        .limit(limit)
        .offset(offset)
        .tuples()
    )
    rows = []
    for rid, name, quad, rel, tier, heat, arch, last_at, next_due, amt in query:
        rows.append(
            AccountRow(
                id=rid,
                name=name,
                quadrant=quad,
                relationship=rel,
                tier=tier,
                heat=heat,
                last_contact=_as_datetime(last_at),
                next_follow_up=_as_date(next_due),
                open_amount=Decimal(str(amt)) if amt is not None else None,
                archived=bool(arch),
            )
        )
    return rows


def _as_datetime(value: object) -> dt.datetime | None:
    """Aggregates come back as text from SQLite; turn them back into datetimes."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])

"""Accounts: reads for the screens and transactional writes; their people are in `contacts`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from peewee import JOIN, fn

from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.accounts.heat import decayed
from followup_tui.core.accounts.heat_anchor import anchor_of
from followup_tui.core.accounts.naming import stored_forms
from followup_tui.core.base.local_days import LocalDays
from followup_tui.core.base.records import ActivityRec, effective_class
from followup_tui.core.base.text import name_sort_key, search_key
from followup_tui.db.connection import retried

# An account's people, re-exported (`x as x`): the account screens reach them through here.
from followup_tui.db.contacts import CONTACT_FIELDS as CONTACT_FIELDS
from followup_tui.db.contacts import coach_of as coach_of
from followup_tui.db.contacts import contact_record as contact_record
from followup_tui.db.contacts import delete_contact as delete_contact
from followup_tui.db.contacts import list_contacts as list_contacts
from followup_tui.db.contacts import restore_contact as restore_contact
from followup_tui.db.contacts import save_contact as save_contact
from followup_tui.db.models import (
    Account,
    Activity,
    Contact,
    Deal,
    FollowUp,
    Purchase,
    db,
    utcnow,
)
from followup_tui.db.query_rows import dict_rows
from followup_tui.db.row_locks import lock_accounts
from followup_tui.db.summaries import refresh_summaries

if TYPE_CHECKING:
    from followup_tui.core.accounts.account_list import AccountEntry

# Columns a form may write; the rest are derived or bookkeeping.
ACCOUNT_FIELDS = tuple(
    f.name
    for f in Account._meta.sorted_fields
    if f.name
    not in {
        "id",
        "search_key",
        "sort_key",
        "name_forms",
        "quadrant",
        "heat",
        "archived",
        "archived_at",
        "created_at",
        "updated_at",
        "last_contact_at",
        "next_follow_up",
        "open_amount",
        "search_text",
        "heat_anchor",
        "heat_anchor_on",
        "heat_anchor_after",
    }
)
# Raw SQL rather than model rows: at 100,000 accounts Peewee's per-field conversion
# costs over a second, the plain query a fifth of that.
_ENTRY_SQL = (
    "SELECT id, name, quadrant, relationship, tier, heat, last_contact_at, next_follow_up, "
    "open_amount, archived, search_text, sort_key, heat_anchor_on FROM account"
)

HeatRates = Mapping[str, float]


def _entries(rows: Any, today: dt.date, rates: HeatRates) -> list[AccountEntry]:
    # Imported here: the queue, the first screen, reads this module but no list entry.
    from followup_tui.core.accounts.account_list import AccountEntry

    days = LocalDays()
    parse_time = dt.datetime.fromisoformat
    parse_day = dt.date.fromisoformat
    out = []
    for rid, name, quad, rel, tier, heat, last, nxt, amount, archived, text, key, kept in rows:
        last_day = days(last) if last is not None else None
        since: dt.date | None = last_day
        if kept is not None:
            # Stored heat is the end of the later of the last contact and an import's
            # kept heat (`heat_anchor`): it decays from that day.
            kept_day = parse_day(str(kept)[:10])
            since = kept_day if last_day is None or kept_day > last_day else last_day
        out.append(
            AccountEntry(
                id=rid,
                name=name,
                quadrant=quad,
                relationship=rel,
                tier=tier,
                heat=decayed(float(heat), since, today, rates[effective_class(quad)]),
                last_contact_at=parse_time(last[:19]) if last is not None else None,
                next_follow_up=parse_day(nxt[:10]) if nxt is not None else None,
                open_amount=Decimal(str(amount)) if amount is not None else None,
                archived=bool(archived),
                search_text=text,
                sort_name=key or name_sort_key(name),
            )
        )
    return out


def entry_of(account_id: int, today: dt.date, rates: HeatRates) -> AccountEntry | None:
    """One account's list entry (heat as of `today`), archived or not; None if unknown."""
    found = _entries(db.execute_sql(f"{_ENTRY_SQL} WHERE id = ?", (account_id,)), today, rates)
    return found[0] if found else None


def load_entries(today: dt.date, rates: HeatRates) -> list[AccountEntry]:
    """Every account's list entry (heat as of `today`), in one query over the account table."""
    return _entries(db.execute_sql(_ENTRY_SQL), today, rates)


def heats_on(today: dt.date, rates: HeatRates) -> dict[int, float]:
    """Every account's heat on `today` by id, as the account list shows it."""
    return {entry.id: entry.heat for entry in load_entries(today, rates)}


def first_page(today: dt.date, rates: HeatRates, limit: int = 200) -> list[AccountEntry]:
    """The first live accounts by name: enough to draw the list while the rest loads."""
    sql = f"{_ENTRY_SQL} WHERE NOT archived ORDER BY sort_key, id LIMIT ?"
    return _entries(db.execute_sql(sql, (limit,)), today, rates)


def count_all_accounts() -> int:
    """How many accounts there are, live and archived."""
    return int(db.execute_sql("SELECT count(*) FROM account").fetchone()[0])


def load_entry(account_id: int, today: dt.date, rates: HeatRates) -> AccountEntry | None:
    """One account's list entry, after it changed (None: it is gone, an add undone)."""
    rows = db.execute_sql(f"{_ENTRY_SQL} WHERE id = ?", (account_id,)).fetchall()
    found = _entries(rows, today, rates)
    return found[0] if found else None


def account_exists(account_id: int) -> bool:
    """Whether the account is still there (an added account's undo deletes it)."""
    return bool(Account.select().where(Account.id == account_id).exists())


def count_accounts(*, archived: bool = False) -> int:
    """How many accounts there are, live or archived."""
    return Account.select().where(Account.archived == archived).count()


def get_account(account_id: int) -> dict[str, Any]:
    """Every field of one account as plain values, plus its id and derived state."""
    account = Account.get_by_id(account_id)
    values = {name: getattr(account, name) for name in ACCOUNT_FIELDS}
    values.update(
        id=account.id,
        quadrant=account.quadrant,
        heat=account.heat,
        archived=account.archived,
        next_follow_up=account.next_follow_up,
        last_contact_at=account.last_contact_at,
        heat_anchor=anchor_of(
            account.heat_anchor_on, account.heat_anchor, account.heat_anchor_after
        ),
    )
    return values


def namesake(name: str, owner: str = "", exclude_id: int | None = None) -> tuple[str, bool] | None:
    """Another account of the owner with this name, as (its stored name, archived)."""
    query = Account.select(Account.name, Account.archived).where(
        (Account.owner == owner) & (Account.search_key == search_key(name.strip()))
    )
    if exclude_id is not None:
        query = query.where(Account.id != exclude_id)
    found = query.order_by(Account.archived, Account.id).first()
    return None if found is None else (str(found.name), bool(found.archived))


def tier_count(tier: str, exclude_id: int | None = None) -> int:
    """How many live accounts are in a 5+5+5 tier."""
    query = Account.select().where((Account.tier == tier) & (Account.archived == False))  # noqa: E712
    if exclude_id is not None:
        query = query.where(Account.id != exclude_id)
    return query.count()


@retried
def save_account(values: dict[str, Any], account_id: int | None = None) -> int:
    """Create or update an account from form values, in one transaction; returns its id."""
    unknown = set(values) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValueError(f"not account fields: {sorted(unknown)}")
    with db.atomic():
        lock_accounts(account_id)  # the fields not in `values` are read, then all written
        account = Account() if account_id is None else Account.get_by_id(account_id)
        was = account.quadrant
        for name, value in values.items():
            setattr(account, name, value)
        account.name = account.name.strip()
        rederive(account, was, new=account_id is None)
    return int(account.id)


def rederive(account: Account, was: str | None, *, new: bool) -> None:
    """Save an account whose user fields were set, with all the data layer derives from them.

    The keys its name is searched and sorted by, its class, its summary columns and, when
    the class moved from `was`, its heat (a `new` account has no history to replay).
    The form's save and an undo or redo (`db.undo`) both end here.
    """
    account.search_key = search_key(account.name)
    account.sort_key = name_sort_key(account.name)
    account.name_forms = stored_forms(account.search_key, account.sort_key)
    account.quadrant = quadrant(account.willingness, account.need)
    account.updated_at = utcnow()
    account.save()
    refresh_summaries([account.id])
    if not new and account.quadrant != was:
        # The class sets the decay rate: the whole history's heat changes.
        from followup_tui.db.heat_cache import refresh_account_heat  # imports this module

        refresh_account_heat([account.id])


def set_archived(account_id: int, archived: bool) -> None:
    """Archive (soft-delete) or restore an account."""
    Account.update(archived=archived, archived_at=utcnow() if archived else None).where(
        Account.id == account_id
    ).execute()


# -- the account page ------------------------------------------------------------------


def timeline(account_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """Activities, newest first, with the contact's name."""
    query = (
        Activity.select(Activity, Contact.name.alias("contact_name"))
        .join(Contact, join_type=JOIN.LEFT_OUTER, on=(Activity.contact == Contact.id))
        .where(Activity.account == account_id)
        .order_by(Activity.occurred_at.desc())
        .limit(limit)
        .dicts()
    )
    return dict_rows(query)


def follow_ups(account_id: int) -> list[dict[str, Any]]:
    """Open follow-ups first (soonest first), then the last done ones."""
    base = FollowUp.select().where(FollowUp.account == account_id)
    open_ = base.where(FollowUp.done == False).order_by(FollowUp.due)  # noqa: E712
    done = base.where(FollowUp.done == True).order_by(FollowUp.due.desc()).limit(20)  # noqa: E712
    return [*dict_rows(open_.dicts()), *dict_rows(done.dicts())]


def deals(account_id: int) -> list[dict[str, Any]]:
    """The account's deals, open ones first."""
    query = (
        Deal.select()
        .where(Deal.account == account_id)
        .order_by(fn.IIF(Deal.outcome == "open", 0, 1), Deal.completion_date)
        .dicts()
    )
    return dict_rows(query)


def next_follow_up(account_id: int) -> dict[str, Any] | None:
    """The soonest open follow-up of an account."""
    row = (
        FollowUp.select()
        .where((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
        .order_by(FollowUp.due)
        .dicts()
        .first()
    )
    return row


def purchase_dates(account_id: int) -> list[dt.date]:
    """The days of the account's past purchases, oldest first (its buying seasons)."""
    query = (
        Purchase.select(Purchase.purchased_on)
        .where(Purchase.account == account_id)
        .order_by(Purchase.purchased_on)
    )
    return [p.purchased_on for p in query]


def activity_records(account_id: int) -> list[ActivityRec]:
    """The account's history as engine records, oldest first (local calendar days)."""
    # Notes are not contacts: heat and the call bridge read only real contacts.
    query = (
        Activity.select()
        .where((Activity.account == account_id) & (Activity.kind != "note"))
        .order_by(Activity.occurred_at)
    )
    return [as_record(a) for a in query]


def as_record(a: Activity) -> ActivityRec:
    """One activity row as an engine record, on the rep's local day."""
    return ActivityRec(
        id=a.id,
        account_id=a.account_id,
        occurred_on=local_day(a.occurred_at),
        kind=a.kind,
        outcome=a.outcome,
        contact_id=a.contact_id,
        deal_id=a.deal_id,
        notes=a.notes,
        our_commitments=a.our_commitments,
        their_commitments=a.their_commitments,
    )


def local_time(stamp: dt.datetime) -> dt.datetime:
    """A stored UTC timestamp in the rep's local time zone."""
    return stamp.replace(tzinfo=dt.UTC).astimezone()


def local_day(stamp: dt.datetime) -> dt.date:
    """The rep's calendar day of a stored UTC timestamp."""
    return local_time(stamp).date()

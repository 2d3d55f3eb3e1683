"""Accounts and their key people: reads for the screens and transactional writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from peewee import JOIN, fn
from playhouse.shortcuts import model_to_dict

from followup_tui.core.accounts.classification import quadrant
from followup_tui.core.accounts.heat import decayed
from followup_tui.core.base.local_days import LocalDays
from followup_tui.core.base.records import ActivityRec, ContactRec, effective_class
from followup_tui.core.base.text import name_sort_key, search_key
from followup_tui.db.models import (
    Account,
    Activity,
    Bullet,
    Contact,
    Deal,
    FollowUp,
    Influence,
    Landmine,
    db,
    utcnow,
)
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
    }
)
CONTACT_FIELDS = tuple(
    f.name for f in Contact._meta.sorted_fields if f.name not in {"id", "account", "created_at"}
)

# Raw SQL rather than model rows: at 100,000 accounts Peewee's per-field conversion
# costs over a second, the plain query a fifth of that.
_ENTRY_SQL = (
    "SELECT id, name, quadrant, relationship, tier, heat, last_contact_at, next_follow_up, "
    "open_amount, archived, search_text, sort_key FROM account"
)

HeatRates = Mapping[str, float]


def _entries(rows: Any, today: dt.date, rates: HeatRates) -> list[AccountEntry]:
    # Imported here: the queue, the first screen, reads this module but no list entry.
    from followup_tui.core.accounts.account_list import AccountEntry

    days = LocalDays()
    parse_time = dt.datetime.fromisoformat
    parse_day = dt.date.fromisoformat
    out = []
    for rid, name, quad, rel, tier, heat, last, nxt, amount, archived, text, key in rows:
        last_day = days(last) if last is not None else None
        out.append(
            AccountEntry(
                id=rid,
                name=name,
                quadrant=quad,
                relationship=rel,
                tier=tier,
                heat=decayed(float(heat), last_day, today, rates[effective_class(quad)]),
                last_contact_at=parse_time(last[:19]) if last is not None else None,
                next_follow_up=parse_day(nxt[:10]) if nxt is not None else None,
                open_amount=Decimal(str(amount)) if amount is not None else None,
                archived=bool(archived),
                search_text=text,
                sort_name=key or name_sort_key(name),
            )
        )
    return out


def load_entries(today: dt.date, rates: HeatRates) -> list[AccountEntry]:
    """Every account's list entry (heat as of `today`), in one query over the account table."""
    return _entries(db.execute_sql(_ENTRY_SQL), today, rates)


def first_page(today: dt.date, rates: HeatRates, limit: int = 200) -> list[AccountEntry]:
    """The first live accounts by name: enough to draw the list while the rest loads."""
    sql = f"{_ENTRY_SQL} WHERE NOT archived ORDER BY sort_key, id LIMIT ?"
    return _entries(db.execute_sql(sql, (limit,)), today, rates)


def count_all_accounts() -> int:
    """How many accounts there are, live and archived."""
    return int(db.execute_sql("SELECT count(*) FROM account").fetchone()[0])


def load_entry(account_id: int, today: dt.date, rates: HeatRates) -> AccountEntry:
    """One account's list entry, after it changed."""
    rows = db.execute_sql(f"{_ENTRY_SQL} WHERE id = ?", (account_id,)).fetchall()
    return _entries(rows, today, rates)[0]


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


def save_account(values: dict[str, Any], account_id: int | None = None) -> int:
    """Create or update an account from form values, in one transaction; returns its id."""
    unknown = set(values) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValueError(f"not account fields: {sorted(unknown)}")
    with db.atomic():
        account = Account() if account_id is None else Account.get_by_id(account_id)
        was = account.quadrant
        for name, value in values.items():
            setattr(account, name, value)
        account.name = account.name.strip()
        account.search_key = search_key(account.name)
        account.sort_key = name_sort_key(account.name)
        account.quadrant = quadrant(account.willingness, account.need)
        account.updated_at = utcnow()
        account.save()
        refresh_summaries([account.id])
        if account_id is not None and account.quadrant != was:
            # The class sets the decay rate: the whole history's heat changes.
            from followup_tui.db.heat_cache import refresh_account_heat  # imports this module

            refresh_account_heat([account.id])
    return int(account.id)


def set_archived(account_id: int, archived: bool) -> None:
    """Archive (soft-delete) or restore an account."""
    Account.update(archived=archived, archived_at=utcnow() if archived else None).where(
        Account.id == account_id
    ).execute()


# -- the account page ------------------------------------------------------------------


def list_contacts(account_id: int) -> list[dict[str, Any]]:
    """The key people of an account, by department then level."""
    query = (
        Contact.select()
        .where(Contact.account == account_id)
        .order_by(Contact.department, Contact.level.desc(nulls="last"), Contact.name)
    )
    return [{"id": c.id, **{n: getattr(c, n) for n in CONTACT_FIELDS}} for c in query]


def coach_of(account_id: int, exclude_id: int | None = None) -> str | None:
    """The name of the account's coach, other than the person `exclude_id`; None if none."""
    query = Contact.select(Contact.name).where(
        (Contact.account == account_id) & (Contact.is_coach == True)  # noqa: E712
    )
    if exclude_id is not None:
        query = query.where(Contact.id != exclude_id)
    found = query.order_by(Contact.id).first()
    return None if found is None else str(found.name)


def save_contact(values: dict[str, Any], account_id: int, contact_id: int | None = None) -> int:
    """Create or update a key person; the account's search text follows.

    An account has one coach: saving a person as coach takes the marker from anyone else.
    """
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    with db.atomic():
        contact = (
            Contact(account=account_id) if contact_id is None else Contact.get_by_id(contact_id)
        )
        for name, value in values.items():
            setattr(contact, name, value)
        contact.save()
        if contact.is_coach:
            Contact.update(is_coach=False).where(
                (Contact.account == account_id) & (Contact.id != contact.id) & Contact.is_coach
            ).execute()
        refresh_summaries([account_id])
    return int(contact.id)


def delete_contact(contact_id: int) -> dict[str, Any]:
    """Remove a key person; returns what is needed to restore it and its links (undo)."""
    with db.atomic():
        contact = Contact.get_by_id(contact_id)
        saved: dict[str, Any] = {"id": contact.id, "account_id": contact.account_id}
        saved.update({n: getattr(contact, n) for n in CONTACT_FIELDS})
        saved["created_at"] = contact.created_at
        # The database clears these links (SET NULL) or drops the rows (CASCADE) on
        # delete, so note them first: undo must give back the history as it was.
        saved["activity_ids"] = _ids(Activity, Activity.contact == contact_id)
        saved["follow_up_ids"] = _ids(FollowUp, FollowUp.contact == contact_id)
        influences = list(Influence.select().where(Influence.contact == contact_id))
        saved["influences"] = [model_to_dict(i, recurse=False) for i in influences]
        influence_ids = [i.id for i in influences]
        saved["landmine_links"] = _links(Landmine, Landmine.influence, influence_ids)
        saved["bullet_links"] = _links(Bullet, Bullet.influence, influence_ids)
        contact.delete_instance()
        refresh_summaries([saved["account_id"]])
    return saved


def _ids(model: Any, where: Any) -> list[int]:
    return [row_id for (row_id,) in model.select(model.id).where(where).tuples()]


def _links(model: Any, field: Any, influence_ids: list[int]) -> list[tuple[int, int]]:
    """(row id, influence id) of the rows of `model` tied to any of these influences."""
    if not influence_ids:
        return []
    query = model.select(model.id, field).where(field.in_(influence_ids)).tuples()
    return [(row_id, influence_id) for row_id, influence_id in query]


def restore_contact(saved: dict[str, Any]) -> None:
    """Put back a key person removed by `delete_contact`, with the same id and links.

    A coach put back where someone was made coach since comes back without the
    marker: an account has one coach, and the later choice stands.
    """
    contact_id = saved["id"]
    fields = {n: saved[n] for n in CONTACT_FIELDS}
    with db.atomic():
        if fields.get("is_coach") and coach_of(saved["account_id"]) is not None:
            fields["is_coach"] = False
        Contact.insert(
            id=contact_id,
            account=saved["account_id"],
            created_at=saved["created_at"],
            **fields,
        ).execute()
        for model, key in ((Activity, "activity_ids"), (FollowUp, "follow_up_ids")):
            ids = saved.get(key, [])
            if ids:
                model.update(contact=contact_id).where(model.id.in_(ids)).execute()
        for row in saved.get("influences", []):
            Influence.insert(**row).execute()
        for model, key in ((Landmine, "landmine_links"), (Bullet, "bullet_links")):
            for row_id, influence_id in saved.get(key, []):
                model.update(influence=influence_id).where(model.id == row_id).execute()
        refresh_summaries([saved["account_id"]])


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
    return list(query)


def follow_ups(account_id: int) -> list[dict[str, Any]]:
    """Open follow-ups first (soonest first), then the last done ones."""
    base = FollowUp.select().where(FollowUp.account == account_id)
    open_ = base.where(FollowUp.done == False).order_by(FollowUp.due)  # noqa: E712
    done = base.where(FollowUp.done == True).order_by(FollowUp.due.desc()).limit(20)  # noqa: E712
    return [*open_.dicts(), *done.dicts()]


def deals(account_id: int) -> list[dict[str, Any]]:
    """The account's deals, open ones first."""
    query = (
        Deal.select()
        .where(Deal.account == account_id)
        .order_by(fn.IIF(Deal.outcome == "open", 0, 1), Deal.completion_date)
        .dicts()
    )
    return list(query)


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


def contact_record(contact_id: int) -> ContactRec | None:
    """One key person as an engine record (their zone and calling window), or None."""
    c = Contact.get_or_none(Contact.id == contact_id)
    if c is None:
        return None
    return ContactRec(
        c.id,
        c.account_id,
        c.name,
        c.time_zone,
        c.call_window_start,
        c.call_window_end,
        c.level,
    )


def local_time(stamp: dt.datetime) -> dt.datetime:
    """A stored UTC timestamp in the rep's local time zone."""
    return stamp.replace(tzinfo=dt.UTC).astimezone()


def local_day(stamp: dt.datetime) -> dt.date:
    """The rep's calendar day of a stored UTC timestamp."""
    return local_time(stamp).date()

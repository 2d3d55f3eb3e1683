"""An account's key people: reads, transactional writes, and delete with undo."""

from __future__ import annotations

from typing import Any

from playhouse.shortcuts import model_to_dict

from followup_tui.core.base.records import ContactRec
from followup_tui.core.base.text import name_spoken
from followup_tui.db.connection import retried
from followup_tui.db.models import (
    Activity,
    Bullet,
    Contact,
    FollowUp,
    Influence,
    Landmine,
    db,
)
from followup_tui.db.row_locks import lock_account_of, lock_accounts
from followup_tui.db.summaries import refresh_summaries

CONTACT_FIELDS = tuple(
    f.name
    for f in Contact._meta.sorted_fields
    if f.name not in {"id", "account", "created_at", "spoken"}
)


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


@retried
def save_contact(values: dict[str, Any], account_id: int, contact_id: int | None = None) -> int:
    """Create or update a key person; the account's search text follows.

    An account has one coach: saving a person as coach takes the marker from anyone else.
    """
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"not contact fields: {sorted(unknown)}")
    with db.atomic():
        lock_accounts(account_id)  # the coach marker and the search text are the account's
        contact = (
            Contact(account=account_id) if contact_id is None else Contact.get_by_id(contact_id)
        )
        for name, value in values.items():
            setattr(contact, name, value)
        contact.spoken = name_spoken(contact.name)
        contact.save()
        if contact.is_coach:
            Contact.update(is_coach=False).where(
                (Contact.account == account_id) & (Contact.id != contact.id) & Contact.is_coach
            ).execute()
        refresh_summaries([account_id])
    return int(contact.id)


@retried
def delete_contact(contact_id: int) -> dict[str, Any]:
    """Remove a key person; returns what is needed to restore it and its links (undo)."""
    with db.atomic():
        lock_account_of("contact", contact_id)
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


@retried
def restore_contact(saved: dict[str, Any]) -> None:
    """Put back a key person removed by `delete_contact`, with the same id and links.

    A coach put back where someone was made coach since comes back without the
    marker: an account has one coach, and the later choice stands.
    """
    contact_id = saved["id"]
    fields = {n: saved[n] for n in CONTACT_FIELDS}
    with db.atomic():
        lock_accounts(saved["account_id"])
        if fields.get("is_coach") and coach_of(saved["account_id"]) is not None:
            fields["is_coach"] = False
        Contact.insert(
            id=contact_id,
            account=saved["account_id"],
            created_at=saved["created_at"],
            spoken=name_spoken(fields["name"]),
            **fields,
        ).execute()
        for model, key in ((Activity, "activity_ids"), (FollowUp, "follow_up_ids")):
            ids = saved.get(key, [])
            if ids:
                model.update(contact=contact_id).where(model.id.in_(ids)).execute()
        for row in saved.get("influences", []):
            Influence.insert(**row).execute()
        for linked, key in ((Landmine, "landmine_links"), (Bullet, "bullet_links")):
            for row_id, influence_id in saved.get(key, []):
                linked.update(influence=influence_id).where(linked.id == row_id).execute()
        refresh_summaries([saved["account_id"]])


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

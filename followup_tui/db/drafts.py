"""Note drafts: what is being typed, saved as it is typed, so a crash loses nothing."""

from __future__ import annotations

from dataclasses import dataclass, replace

from peewee import JOIN

from followup_tui.core.base.draft_keys import call_person
from followup_tui.db.connection import retried
from followup_tui.db.models import Account, Contact, NoteDraft, db, utcnow
from followup_tui.db.query_rows import tuple_rows
from followup_tui.db.row_locks import lock_accounts


@dataclass(frozen=True)
class Draft:
    """A note that was being typed and never saved."""

    context: str
    account_id: int | None
    account_name: str
    text: str
    contact_id: int | None = None  # whom a call's notes were taken on, when known
    contact_name: str = ""


def save_draft(context: str, text: str, account_id: int | None) -> None:
    """Store the text typed so far under a context key (one row per context)."""
    with db.atomic():
        NoteDraft.insert(
            context=context, text=text, account=account_id, updated_at=utcnow()
        ).on_conflict(
            conflict_target=[NoteDraft.context],
            update={NoteDraft.text: text, NoteDraft.updated_at: utcnow()},
        ).execute()


def get_draft(context: str) -> str | None:
    """The draft text of a context, if any."""
    row = NoteDraft.get_or_none(NoteDraft.context == context)
    return row.text if row is not None else None


def delete_draft(context: str) -> None:
    """Forget a draft once its note is saved (or thrown away on purpose)."""
    NoteDraft.delete().where(NoteDraft.context == context).execute()


@retried
def move_draft(old: str, new: str, account_id: int | None, join: str = "\n") -> str | None:
    """Keep the draft of `old` under `new` instead, in one transaction; the text now there.

    A draft already under `new` comes first, the moved text after it (`join`
    between), so neither is lost. None when there was nothing under `old`.
    """
    with db.atomic():
        # Both read, then one written: no other move or save between.
        lock_accounts(account_id)
        db.lock_rows("note_draft", "context IN (?, ?)", (old, new))
        moved = get_draft(old)
        if moved is None:
            return None
        kept = get_draft(new)
        text = moved if not kept else kept + join + moved
        save_draft(new, text, account_id)
        delete_draft(old)
    return text


def pending_drafts() -> list[Draft]:
    """Drafts left behind by a crash or a closed terminal, newest first."""
    query = (
        NoteDraft.select(NoteDraft.context, NoteDraft.account, Account.name, NoteDraft.text)
        .join(Account, JOIN.LEFT_OUTER, on=(NoteDraft.account == Account.id))
        .where(NoteDraft.text != "")
        .order_by(NoteDraft.updated_at.desc())
        .tuples()
    )
    drafts = [
        Draft(context, account, name or "", text)
        for context, account, name, text in tuple_rows(query)
    ]
    # A call's notes name the person they were taken on: the offer says whom.
    people = {
        draft.context: found[1]
        for draft in drafts
        if (found := call_person(draft.context)) is not None and found[1] is not None
    }
    if not people:
        return drafts
    names = dict(
        tuple_rows(
            Contact.select(Contact.id, Contact.name)
            .where(Contact.id.in_(set(people.values())))
            .tuples()
        )
    )
    return [
        replace(draft, contact_id=people[draft.context], contact_name=names[people[draft.context]])
        if people.get(draft.context) in names
        else draft
        for draft in drafts
    ]

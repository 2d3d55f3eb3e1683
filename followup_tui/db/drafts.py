"""Note drafts: what is being typed, saved as it is typed, so a crash loses nothing."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import JOIN

from followup_tui.db.models import Account, NoteDraft, db, utcnow
from followup_tui.db.query_rows import tuple_rows


@dataclass(frozen=True)
class Draft:
    """A note that was being typed and never saved."""

    context: str
    account_id: int | None
    account_name: str
    text: str


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


def pending_drafts() -> list[Draft]:
    """Drafts left behind by a crash or a closed terminal, newest first."""
    query = (
        NoteDraft.select(NoteDraft.context, NoteDraft.account, Account.name, NoteDraft.text)
        .join(Account, JOIN.LEFT_OUTER, on=(NoteDraft.account == Account.id))
        .where(NoteDraft.text != "")
        .order_by(NoteDraft.updated_at.desc())
        .tuples()
    )
    return [
        Draft(context, account, name or "", text)
        for context, account, name, text in tuple_rows(query)
    ]

"""Writing contacts and follow-ups: each rep action is one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followup_tui.core.base.config import Settings
from followup_tui.db.connection import retried
from followup_tui.db.heat_cache import refresh_heat
from followup_tui.db.models import (
    Account,
    Activity,
    BestAction,
    FollowUp,
    Influence,
    db,
    utcnow,
)
from followup_tui.db.row_locks import lock_account_of, lock_accounts
from followup_tui.db.summaries import refresh_summaries


@dataclass(frozen=True)
class ContactLog:
    """What happened on a call (or visit, email, meeting) and what comes next."""

    account_id: int
    outcome: str | None
    notes: str = ""
    kind: str = "call"
    contact_id: int | None = None
    deal_id: int | None = None
    follow_up_id: int | None = None  # the follow-up this contact closes, if any
    our_commitments: str = ""
    their_commitments: str = ""
    next_due: dt.date | None = None
    next_purpose: str = ""
    end_open: bool = False  # no next step: every open follow-up of the account ends


@retried
def log_contact(
    log: ContactLog,
    settings: Settings,
    *,
    at: dt.datetime | None = None,
    best_action_done: tuple[int, dt.date] | None = None,
    best_action_until: tuple[int, dt.date] | None = None,
) -> int:
    """Record a contact, close its follow-up, schedule the next one; returns the activity id.

    All of it commits together or not at all. The follow-up being closed lends its
    person and deal to the contact and to the next step, so links are never lost.
    A new next step, or `end_open`, ends every follow-up still open.
    A rejection raises the account's rejection count; every outcome feeds the
    stored heat; a person who is a buying influence is marked contacted.
    `best_action_done` (action id, day) also closes the deal action the row was for;
    `best_action_until` (action id, day) moves it, left open, to that day instead.
    """
    with db.atomic():
        lock_accounts(log.account_id)  # its summaries and heat are read, then written
        contact_id, deal_id = log.contact_id, log.deal_id
        if log.follow_up_id is not None:
            closing = FollowUp.get_by_id(log.follow_up_id)
            contact_id = contact_id or closing.contact_id
            deal_id = deal_id or closing.deal_id
        stamp = at or utcnow()
        activity = Activity.create(
            account=log.account_id,
            contact=contact_id,
            deal=deal_id,
            kind=log.kind,
            occurred_at=stamp,
            outcome=log.outcome,
            notes=log.notes,
            our_commitments=log.our_commitments,
            their_commitments=log.their_commitments,
        )
        if log.follow_up_id is not None:
            FollowUp.update(done=True, done_at=utcnow(), activity=activity.id).where(
                FollowUp.id == log.follow_up_id
            ).execute()
        if log.next_due is not None or log.end_open:
            # One dated next step per account: the new one replaces any still open.
            FollowUp.update(done=True, done_at=utcnow(), activity=activity.id).where(
                (FollowUp.account == log.account_id) & (FollowUp.done == False)  # noqa: E712
            ).execute()
        if log.next_due is not None:
            FollowUp.create(
                account=log.account_id,
                contact=contact_id,
                deal=deal_id,
                due=log.next_due,
                purpose=log.next_purpose,
            )
        if contact_id is not None and log.kind != "note":
            Influence.update(contacted=True, last_contacted_on=stamp.date()).where(
                Influence.contact == contact_id
            ).execute()
        if best_action_done is not None:
            action_id, day = best_action_done
            BestAction.update(done=True, done_on=day).where(BestAction.id == action_id).execute()
        if best_action_until is not None:
            action_id, day = best_action_until
            BestAction.update(due=day).where(BestAction.id == action_id).execute()
        if log.outcome == "rejected":
            Account.update(rejection_count=Account.rejection_count + 1).where(
                Account.id == log.account_id
            ).execute()
        refresh_summaries([log.account_id])
        refresh_heat(settings, [log.account_id])
    return int(activity.id)


def defer_best_action(action_id: int, until: dt.date) -> None:
    """Give a deal's best action a later date (snoozed from the queue)."""
    BestAction.update(due=until).where(BestAction.id == action_id).execute()


@retried
def snooze(follow_up_id: int, until: dt.date) -> None:
    """Move a follow-up to a later day, remembering it was snoozed."""
    with db.atomic():
        lock_account_of("follow_up", follow_up_id)  # its count is read, then written
        follow_up = FollowUp.get_by_id(follow_up_id)
        follow_up.snoozed_from = follow_up.due
        follow_up.snooze_count += 1
        follow_up.due = until
        follow_up.save()
        refresh_summaries([follow_up.account_id])


@retried
def reschedule(follow_up_id: int, new_due: dt.date, purpose: str | None = None) -> None:
    """Give a follow-up a new date (and purpose), as a plan change rather than a snooze."""
    with db.atomic():
        lock_account_of("follow_up", follow_up_id)
        follow_up = FollowUp.get_by_id(follow_up_id)
        follow_up.due = new_due
        if purpose is not None:
            follow_up.purpose = purpose
        follow_up.save()
        refresh_summaries([follow_up.account_id])


@retried
def schedule(account_id: int, due: dt.date, purpose: str, *, contact_id: int | None = None) -> int:
    """Give an account a dated next step, replacing any still open."""
    with db.atomic():
        lock_accounts(account_id)
        FollowUp.update(done=True, done_at=utcnow()).where(
            (FollowUp.account == account_id) & (FollowUp.done == False)  # noqa: E712
        ).execute()
        follow_up = FollowUp.create(
            account=account_id, contact=contact_id, due=due, purpose=purpose
        )
        refresh_summaries([account_id])
    return int(follow_up.id)

"""Logging a contact: the one path from a dialog to the database, for every screen.

`d` on the queue, `ctrl+s` in the call script (the account page's `c` opens that
script), a close-out brought back after a crash and the quick note `n` all end
here: a dialog asks, `record` writes the contact (outcome, note, commitments,
next step, best action done) in one transaction, forgets the drafts it makes
obsolete and says what was done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, cast

from textual.notifications import SeverityLevel

from followup_tui.core.accounts.cadence import Proposal, keep_scheduled, propose_next
from followup_tui.core.base.draft_keys import close_out_context, note_context
from followup_tui.core.base.kinds import UNREACHED_OUTCOMES
from followup_tui.core.call.close_out_draft import CloseOutDraft
from followup_tui.db.drafts import delete_draft, get_draft, save_draft
from followup_tui.db.follow_ups import ContactLog, log_contact
from followup_tui.db.lookup import account_by_id, open_follow_up, overdue_best_action
from followup_tui.screens.base import Workbench
from followup_tui.screens.storage_guard import Unsaved, storage_problem

# The proposed next date after a contact with this outcome (None: not picked yet).
Propose = Callable[[str | None], Proposal]

if TYPE_CHECKING:
    from textual.screen import Screen

    from followup_tui.core.base.records import BestActionRec
    from followup_tui.db.drafts import Draft
    from followup_tui.screens.close_out import CloseOutResult


class Host(Workbench, Protocol):
    """The app, as the flow uses it: its settings and time, its dialogs and notices."""

    @property
    def screen(self) -> Screen:
        """The screen shown."""
        ...

    def push_screen(self, screen: Screen, callback: Callable | None = None) -> object:
        """Show a dialog; `callback` gets its result."""
        ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast."""
        ...

    def storage_failed(self, error: BaseException) -> None:
        """Say that the storage refused a write."""
        ...

    def keep_unsaved(self, unsaved: Unsaved) -> None:
        """Hold a refused write, to try again."""
        ...


@dataclass(frozen=True)
class ContactTarget:
    """Whom a contact is logged on: the account, the person, the follow-up it closes."""

    account_id: int
    account_name: str
    contact_id: int | None = None
    contact_name: str = ""
    follow_up_id: int | None = None

    @property
    def title(self) -> str:
        """The close-out's title: the account, and the person when known."""
        return self.account_name + (f" - {self.contact_name}" if self.contact_name else "")


def record(
    app: Host,
    log: ContactLog,
    said: str,
    *,
    action: BestActionRec | None = None,
    action_done: bool = False,
    drafts: Sequence[str] = (),
) -> None:
    """Write the contact (and the best action, if done), forget its drafts, say so.

    A best action left open after a call that reached nobody moves to the retry
    (the next date): it is due when they can next be asked, and the row, there
    for both, leaves Overdue with its follow-up.
    """
    done = (action.id, app.today()) if action is not None and action_done else None
    later = None
    if action is not None and not action_done and log.outcome in UNREACHED_OUTCOMES:
        later = (action.id, log.next_due) if log.next_due is not None else None
    at = app.stamp()
    try:
        log_contact(log, app.settings, best_action_done=done, best_action_until=later, at=at)
    except Exception as error:
        if storage_problem(error) is None:
            raise

        # Nothing was written (one transaction): the text stays in memory and is written
        # when the storage takes it again; its draft, kept as typed, stays meanwhile.
        def again() -> None:
            log_contact(log, app.settings, best_action_done=done, best_action_until=later, at=at)
            for context in drafts:
                delete_draft(context)

        hit = account_by_id(log.account_id)  # a read: the storage refused the write only
        name = hit.name if hit is not None else f"#{log.account_id}"
        heading = app.settings.word("storage_unsaved_on").format(name=name, day=at.date())
        app.keep_unsaved(Unsaved(again, f"{heading}\n{log.notes}", said))
        app.storage_failed(error)
        return
    for context in drafts:
        delete_draft(context)
    app.notify(said)
    if action is not None:
        if later is not None:
            moved = app.settings.word("best_action_moved")
            app.notify(moved.format(what=action.what, day=later[1].isoformat()))
        else:
            closed = "best_action_closed" if done else "best_action_open"
            app.notify(app.settings.word(closed).format(what=action.what))


def proposer(
    app: Host, account_id: int, quadrant: str | None, contact_id: int | None = None
) -> Propose:
    """The next date by outcome: the cadence's, a retry's - or the open follow-up's, ahead.

    Logging replaces the account's open follow-up: a date the rep already
    chose is offered back rather than silently swapped for the cadence's. The
    records are read once; the dialog asks again as the outcome is picked.
    `contact_id`: the person to be called (else the open follow-up's), whose
    calling window places a retry.
    """
    from followup_tui.db.accounts import deals, get_account
    from followup_tui.db.contacts import contact_record

    open_deals = [d for d in deals(account_id) if d["outcome"] == "open"]
    completion = min(
        (d["completion_date"] for d in open_deals if d["completion_date"] is not None),
        default=None,
    )
    account = get_account(account_id)
    # A dormant account with no deal in play follows the revival plan, not a class cadence.
    dormant = account["relationship"] == "dormant" and not open_deals
    rejections = int(account["rejection_count"] or 0) if dormant else None
    today, settings = app.today(), app.settings
    ahead = open_follow_up(account_id)
    who = contact_id if contact_id is not None else ahead.contact_id if ahead else None
    contact = contact_record(who) if who is not None else None

    def propose(outcome: str | None) -> Proposal:
        proposal = propose_next(
            today,
            quadrant,
            settings,
            deal_completion=completion,
            outcome=outcome,
            contact=contact,
            dormant_rejections=rejections,
        )
        return keep_scheduled(proposal, ahead.due if ahead is not None else None, today)

    return propose


def proposal_for(app: Host, account_id: int, quadrant: str | None) -> Proposal:
    """The next date before any outcome is known (see `proposer`)."""
    return proposer(app, account_id, quadrant)(None)


def close_out(
    app: Host,
    target: ContactTarget,
    propose: Propose,
    *,
    title: str | None = None,
    purpose: str = "",
    note: str = "",
    commitments: tuple[str, str] | None = None,
    action: BestActionRec | None = None,
    said: Callable[[CloseOutResult], str] | None = None,
    notes: Callable[[CloseOutResult], str] | None = None,
    drafts: Sequence[str] = (),
    keep_draft: bool = False,
    then: Callable[[CloseOutResult | None], None] | None = None,
) -> None:
    """Ask for outcome, note, commitments and next date; log them in one transaction.

    `propose` gives the next date for the outcome picked: a call that reached
    nobody proposes a quick retry, the others the cadence.
    `keep_draft`: the dialog keeps its whole state as the account's close-out
    draft while open (a crash brings it back filled in) and its note as the
    account's note draft on escape; a close-out draft already there is reopened.
    `said` words the notice once logged (by default the queue's "logged ... next
    on ..."); `notes` the note written (by default the one typed); `then` gets the
    dialog's result, logged or not.
    """
    from followup_tui.screens.close_out import CloseOut

    words = app.settings.word
    state: CloseOutDraft | None = None
    if keep_draft:
        kept = get_draft(close_out_context(target.account_id))
        restored = CloseOutDraft.from_text(kept) if kept else None
        state = CloseOutDraft(
            title=title or target.title,
            note=get_draft(note_context(target.account_id)) or note,
            next_purpose=purpose,
            contact_id=target.contact_id,
            follow_up_id=target.follow_up_id,
        )
        if restored is not None:
            # What the dialog held when followup stopped; whom it is on is today's row.
            state = replace(
                restored,
                title=state.title,
                contact_id=target.contact_id,
                follow_up_id=target.follow_up_id,
            )
        drafts = (*drafts, note_context(target.account_id), close_out_context(target.account_id))

    def saved(result: CloseOutResult | None) -> None:
        if result is not None:
            log = ContactLog(
                account_id=target.account_id,
                outcome=result.outcome,
                notes=notes(result) if notes is not None else result.note,
                contact_id=target.contact_id,
                follow_up_id=target.follow_up_id,
                our_commitments=result.our_commitments,
                their_commitments=result.their_commitments,
                next_due=result.next_due,
                next_purpose=result.next_purpose,
            )
            day = result.next_due.isoformat()
            text = (
                said(result)
                if said is not None
                else words("logged").format(name=target.account_name, day=day)
            )
            record(app, log, text, action=action, action_done=result.action_done, drafts=drafts)
        if then is not None:
            then(result)

    dialog = CloseOut(
        app.settings,
        app.today(),
        title or target.title,
        propose,
        purpose,
        note=state.note if state is not None else note,
        commitments=commitments,
        action=action.what if action is not None else None,
        draft=(target.account_id, state) if state is not None else None,
    )
    app.push_screen(dialog, saved)


def resume_close_out(app: Host, account_id: int, text: str) -> None:
    """Open again the close-out a crash interrupted, as it was: outcome, note, next date."""
    from followup_tui.db.accounts import get_account

    state = CloseOutDraft.from_text(text)
    if state is None:
        # Damaged: nothing is lost if the rep gets the text back as the account's note.
        save_draft(note_context(account_id), text, account_id)
        delete_draft(close_out_context(account_id))
        quick_note(app, account_id, text)
        return
    account = get_account(account_id)
    target = ContactTarget(
        account_id, account["name"], state.contact_id, follow_up_id=state.follow_up_id
    )
    close_out(
        app,
        target,
        proposer(app, account_id, account["quadrant"], state.contact_id),
        title=state.title,
        purpose=state.next_purpose,
        action=overdue_best_action(account_id, app.today()),
        keep_draft=True,
    )


def offer_draft(app: Host, draft: Draft) -> None:
    """Bring back what was being typed when followup stopped, where it was being typed."""
    from followup_tui.core.base.draft_keys import call_person

    assert draft.account_id is not None
    app.notify(app.settings.word("recovered_notes").format(name=draft_owner(app, draft)))
    if call_person(draft.context) is not None:
        from followup_tui.screens.call_script import CallScriptScreen

        # The call to the person the notes were taken on; a draft from before drafts
        # named one opens the account's call to its default person, as it did then.
        app.push_screen(CallScriptScreen(draft.account_id, contact_id=draft.contact_id))
    elif draft.context == close_out_context(draft.account_id):
        resume_close_out(app, draft.account_id, draft.text)
    else:
        quick_note(app, draft.account_id, draft.text)


def draft_owner(app: Host, draft: Draft) -> str:
    """Whose draft it is, as the offer and the recovery say it: the account, and the
    person a call's notes were taken on."""
    if not draft.contact_name:
        return draft.account_name
    said = app.settings.word("draft_whose")
    return said.format(account=draft.account_name, person=draft.contact_name)


def quick_note(app: Host, account_id: int | None = None, text: str | None = None) -> None:
    """A quick note on an account: the given one, the one in focus, or one picked."""
    from followup_tui.db.accounts import get_account
    from followup_tui.screens.quick_note import QuickNote

    if account_id is None:
        account_id = getattr(app.screen, "focused_account_id", lambda: None)()
    if account_id is None:
        from followup_tui.screens.account_picker import AccountPicker

        def picked(chosen: int | None) -> None:
            if chosen is not None:
                quick_note(app, chosen)

        app.push_screen(AccountPicker(app.settings.word("note_which_account")), picked)
        return
    noted = account_id
    name = get_account(account_id)["name"]
    context = note_context(account_id)
    if text is None:
        text = get_draft(context) or ""

    def saved(note: str | None) -> None:
        if note is None:
            return
        log = ContactLog(account_id=noted, outcome=None, notes=note, kind="note")
        said = app.settings.word("note_saved_on").format(name=name)
        record(app, log, said, drafts=(context,))
        refresh = getattr(app.screen, "action_reload", None)
        if refresh is not None:
            refresh()

    app.push_screen(QuickNote(account_id, name, text), saved)


def host(node: object) -> Host:
    """The app of a screen or dialog, as the flow uses it."""
    return cast(Host, node.app)  # type: ignore[attr-defined]

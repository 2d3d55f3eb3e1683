"""The due queue's flows on a row: close out, snooze, reschedule, work through the queue.

The screen picks the row; these ask the rep (the dialogs), write, and have the
screen catch up on what was written. Imported on the first key that needs them:
start-up does not pay for the dialogs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from followup_tui.core.queue.queue_items import QueueItem, order_for_work_through
from followup_tui.db import follow_ups as writes
from followup_tui.db.lookup import open_follow_up
from followup_tui.screens.contact_flow import (
    ContactTarget,
    close_out,
    host,
    proposal_for,
    proposer,
)
from followup_tui.screens.date_prompt import DateAnswer, DatePrompt

if TYPE_CHECKING:
    from followup_tui.screens.close_out import CloseOutResult
    from followup_tui.screens.due_queue import DueQueueScreen


def _purpose(item: QueueItem) -> str:
    """The row's follow-up's purpose, else the step's still ahead (a new one replaces it)."""
    purpose = item.follow_up.purpose if item.follow_up is not None else ""
    if not purpose and (ahead := open_follow_up(item.account_id)) is not None:
        purpose = ahead.purpose
    return purpose


def close_out_row(
    screen: DueQueueScreen,
    item: QueueItem,
    then: Callable[[CloseOutResult | None], None] | None = None,
) -> None:
    """Ask for outcome, note and next date; write them in one transaction."""

    def done(result: CloseOutResult | None) -> None:
        if result is not None:
            screen.catch_up()
        if then is not None:
            then(result)

    app = host(screen)
    target = ContactTarget(
        item.account_id,
        item.account_name,
        item.contact_id,
        item.contact_name or "",
        item.follow_up.id if item.follow_up else None,
    )
    # An overdue best action on the row: the dialog asks whether this contact did
    # it (ticked unless nobody was reached), so it is never closed unseen.
    close_out(
        app,
        target,
        proposer(app, item.account_id, item.quadrant, item.contact_id),
        purpose=_purpose(item),
        action=item.best_action,
        keep_draft=True,
        then=done,
    )


def snooze(screen: DueQueueScreen, item: QueueItem | None) -> None:
    """Move the row's follow-up and overdue best action to tomorrow, or a typed date."""
    word = screen.word
    if item is None or (item.follow_up is None and item.best_action is None):
        # A row not there for a due step (Cooling, say) may still have one set: name
        # its day, since r on this row offers and moves that step.
        ahead = open_follow_up(item.account_id) if item is not None else None
        if ahead is not None and ahead.due is not None:
            said = word("nothing_due_to_snooze").format(day=ahead.due.isoformat())
        else:
            said = word("nothing_to_snooze")
        screen.notify(said, severity="warning")
        return
    follow_up, action = item.follow_up, item.best_action
    today = screen.fapp.today()

    def chosen(answer: DateAnswer | None) -> None:
        if answer is not None:
            # Both, or the row would stay in Overdue for the one left behind.
            if follow_up is not None:
                writes.snooze(follow_up.id, answer.day)
            if action is not None:
                writes.defer_best_action(action.id, answer.day)
            day = answer.day.isoformat()
            screen.notify(word("snoozed").format(name=item.account_name, day=day))
            screen.catch_up()

    screen.app.push_screen(
        DatePrompt(
            word("snooze_until").format(name=item.account_name),
            today,
            earliest=today + dt.timedelta(days=1),
        ),
        chosen,
    )


def reschedule(screen: DueQueueScreen, item: QueueItem) -> None:
    """Give the follow-up a new date, or schedule a first next step."""
    word = screen.word
    today = screen.fapp.today()
    proposal = proposal_for(host(screen), item.account_id, item.quadrant)
    purpose = _purpose(item)
    action = item.best_action

    def chosen(answer: DateAnswer | None) -> None:
        if answer is None:
            return
        if item.follow_up is not None:
            writes.reschedule(item.follow_up.id, answer.day, answer.purpose)
        else:
            writes.schedule(item.account_id, answer.day, answer.purpose, contact_id=item.contact_id)
        if action is not None:
            # The row's overdue best action moves with it, as with snooze.
            writes.defer_best_action(action.id, answer.day)
        day = answer.day.isoformat()
        screen.notify(word("next_step_on").format(name=item.account_name, day=day))
        screen.catch_up()

    screen.app.push_screen(
        DatePrompt(
            word("next_step_with").format(name=item.account_name),
            today,
            proposal.date.isoformat(),
            purpose=purpose,
            earliest=today,
        ),
        chosen,
    )


def work_through(screen: DueQueueScreen) -> None:
    """Close out every row of the queue in turn; escape stops."""
    assert screen.queue is not None
    walk = order_for_work_through(screen.queue)
    if not walk:
        screen.notify(screen.word("nothing_to_work"))
        return
    _walk_next(screen, walk, 0)


def _walk_next(screen: DueQueueScreen, walk: Sequence[QueueItem], index: int) -> None:
    word = screen.word
    if index >= len(walk):
        screen.notify(word("worked_through"))
        return
    item = walk[index]
    at, total = index + 1, len(walk)
    text = word("work_through_at").format(i=at, n=total, name=item.account_name)
    screen.notify(text, timeout=3)

    def after(result: CloseOutResult | None) -> None:
        if result is not None:
            _walk_next(screen, walk, index + 1)
        else:
            screen.notify(word("work_through_stopped").format(i=at, n=total))

    close_out_row(screen, item, then=after)

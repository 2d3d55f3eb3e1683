"""After "No answer" the account waits for its retry and the work-through moves on."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from followup_tui.db.models import Activity, BestAction, FollowUp
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.due_queue import DueQueueScreen
from tests.support import TODAY, make_app

SIZE = (140, 40)
MONDAY = TODAY + dt.timedelta(days=1)  # TODAY is a Sunday: the next working day


def open_follow_ups(account_id: int) -> list[FollowUp]:
    return list(
        FollowUp.select().where(
            (FollowUp.account == account_id) & (FollowUp.done == False)  # noqa: E712
        )
    )


def due_now(screen: DueQueueScreen) -> set[int]:
    assert screen.queue is not None
    rows = [*screen.queue.section("overdue").items, *screen.queue.section("today").items]
    return {item.account_id for item in rows}


async def test_no_answer_in_the_work_through_moves_the_step_to_the_retry(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen) and screen.queue is not None
        first = screen.queue.section("overdue").items[0]
        assert first.best_action is not None, "the demo's top row has an overdue best action"
        await pilot.press("g")
        dialog = app.screen
        assert isinstance(dialog, CloseOut) and dialog.title_text.startswith(first.account_name)
        await pilot.press("n", *"rang out", "enter")
        # The date and its reason follow the outcome: a retry, not the class cadence.
        assert dialog.query_one("#close-due", Input).value == MONDAY.isoformat()
        assert "nobody reached" in str(dialog.query_one("#close-reason", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        nxt = app.screen
        assert isinstance(nxt, CloseOut) and nxt is not dialog, "the work-through moves on"
        assert not nxt.title_text.startswith(first.account_name)
        last = Activity.select().order_by(Activity.id.desc()).get()
        assert (last.account_id, last.outcome) == (first.account_id, "no_answer")
        assert [f.due for f in open_follow_ups(first.account_id)] == [MONDAY]
        action = BestAction.get_by_id(first.best_action.id)
        assert (action.done, action.due) == (False, MONDAY), "left open, due with the retry"
        assert first.account_id not in due_now(screen), "the row left Overdue"
        await pilot.press("escape")
        assert app.screen is screen
        assert first.account_id not in due_now(screen)


async def test_the_proposed_date_follows_the_outcome_but_not_over_a_typed_one(
    settings, demo_db
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        due = dialog.query_one("#close-due", Input)
        cadence = due.value
        await pilot.press("v")
        assert (due.value, dialog.proposal.source) == (MONDAY.isoformat(), "retry")
        await pilot.press("ctrl+o", "r")
        assert due.value == cadence and dialog.proposal.source != "retry"
        due.value = "2026-12-09"
        await pilot.press("ctrl+o", "n")
        assert due.value == "2026-12-09", "a date the rep typed stays"


def test_a_retry_reason_reads_in_chinese(settings) -> None:
    from followup_tui.core.accounts.cadence import propose_next
    from followup_tui.core.base.records import ContactRec
    from followup_tui.screens.close_out import proposal_reason

    pan = ContactRec(1, 1, "潘东", "Asia/Shanghai", "09:00", "17:30")
    friday = dt.date(2026, 11, 27)
    reason = propose_next(friday, "B", settings, outcome="no_answer", contact=pan).reason
    assert proposal_reason(reason, "zh") == (
        "没有接通：1天后再打；从周六改到周一；"
        "在对方的通话时间内（Asia/Shanghai 09:00-17:30），对方的周一"
    )

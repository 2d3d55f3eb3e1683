"""A close-out interrupted by a crash comes back filled in: outcome, note and next date."""

from __future__ import annotations

import datetime as dt
import json

from followup_tui.core.base.draft_keys import close_out_context, note_context
from followup_tui.core.call.close_out_draft import CloseOutDraft
from followup_tui.db.drafts import get_draft, save_draft
from followup_tui.db.models import Activity, FollowUp
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.quick_note import QuickNote
from followup_tui.widgets.outcome_picker import OutcomePicker
from tests.support import make_app

SIZE = (140, 40)



async def first_with_follow_up(pilot, screen: DueQueueScreen):
    """Move the cursor to the first row that carries a follow-up."""
    for _ in range(40):
        item = screen.current()
        if item is not None and item.follow_up is not None:
            return item
        await pilot.press("down")
    raise AssertionError("no row with a follow-up")


def test_a_close_out_draft_reads_back_and_old_drafts_are_not_one() -> None:
    state = CloseOutDraft("华为技术 - 王伟", note="要新报价", outcome="reached", next_due="fri")
    assert CloseOutDraft.from_text(state.to_text()) == state
    assert json.loads(state.to_text())["kind"] == "close_out"
    for plain in ("they want a new quote", "{}", '{"kind": "note"}', "[1]", '{"kind":"close_out"}'):
        assert CloseOutDraft.from_text(plain) is None


async def test_a_crashed_close_out_comes_back_with_outcome_note_and_date(
    settings, demo_db
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        follow_up_id = item.follow_up.id
        await pilot.press("d", "v", *"left a message about the quote")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        due = dialog.query_one("#close-due").value  # type: ignore[attr-defined]
        await pilot.pause(0.5)  # the promise: kept within a second of typing
        kept = CloseOutDraft.from_text(get_draft(close_out_context(item.account_id)) or "")
        assert kept is not None
        assert (kept.outcome, kept.note, kept.next_due) == (
            "voicemail",
            "left a message about the quote",
            due,
        )
        assert kept.follow_up_id == follow_up_id
        # The process dies here: nothing closes the dialog, the draft stays.

    again = make_app(settings, demo_db)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, CloseOut), "offered, not opened under the fingers"
        await pilot.press("ctrl+d")
        await pilot.pause()
        dialog = again.screen
        assert isinstance(dialog, CloseOut), "the close-out is back, not a quick note"
        assert dialog.query_one(OutcomePicker).outcome == "voicemail"
        assert dialog.query_one("#close-note").value == "left a message about the quote"  # type: ignore[attr-defined]
        assert dialog.query_one("#close-due").value == due  # type: ignore[attr-defined]
        assert dialog.query_one("#close-note").has_focus, "the outcome is picked: on to the note"
        await pilot.press("enter", "enter")
        assert isinstance(again.screen, DueQueueScreen)
        last = Activity.select().order_by(Activity.id.desc()).get()
        assert (last.account_id, last.outcome, last.notes) == (
            item.account_id,
            "voicemail",
            "left a message about the quote",
        )
        assert FollowUp.get_by_id(follow_up_id).done
        ahead = FollowUp.get((FollowUp.account == item.account_id) & (FollowUp.done == False))  # noqa: E712
        assert ahead.due == dt.date.fromisoformat(due)
        assert get_draft(close_out_context(item.account_id)) is None
        assert get_draft(note_context(item.account_id)) is None


async def test_esc_keeps_only_the_note_and_forgets_the_close_out(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        await pilot.press("d", "r", *"call back friday")
        await pilot.pause(0.5)
        assert get_draft(close_out_context(item.account_id)) is not None
        await pilot.press("escape")
        assert get_draft(close_out_context(item.account_id)) is None
        assert get_draft(note_context(item.account_id)) == "call back friday"


async def test_a_damaged_close_out_draft_comes_back_as_a_note(settings, demo_db) -> None:
    account_id = FollowUp.select().first().account_id
    save_draft(close_out_context(account_id), "not json at all", account_id)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+d")  # offered at start, opened when asked
        await pilot.pause()
        assert isinstance(app.screen, QuickNote)
        assert app.screen.query_one("#note-text").text == "not json at all"  # type: ignore[attr-defined]
        assert get_draft(close_out_context(account_id)) is None
        assert get_draft(note_context(account_id)) == "not json at all"

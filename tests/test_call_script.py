"""The call script screen: prepare, take notes, finish; everything lands in one transaction."""

from __future__ import annotations

from conftest import TODAY
from textual.widgets import Input, TextArea

from followup_tui.app import build_app
from followup_tui.db.models import Account, Activity, FollowUp, NoteDraft
from followup_tui.screens.call_script import CallScriptScreen, call_context
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.due_queue import DueQueueScreen

SIZE = (150, 45)


def make_app(settings, db):
    return build_app(settings=settings, db_path=db, clock=lambda: TODAY, now=lambda: None)


async def open_call(pilot, app) -> CallScriptScreen:
    await pilot.pause()
    queue = app.screen
    assert isinstance(queue, DueQueueScreen)
    while queue.current() is None or queue.current().follow_up is None:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, CallScriptScreen)
    return app.screen


async def test_call_from_the_queue_logs_notes_commitments_and_next_step(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(pilot, app)
        account_id, follow_up_id = screen.account_id, screen.follow_up_id
        script = str(screen.query_one("#script-text").render())
        for part in (
            "1. Say who you are",
            "2. Bridge",
            "5. Check they have the time",
            "7. Commitment to ask for",
        ):
            assert part in script
        assert "Worth another call?" in str(screen.query_one("#call-side").render())
        heat_before = Account.get_by_id(account_id).heat
        await pilot.press(*"他们同意下周演示", "enter", *"budget 2M")
        await pilot.pause(0.5)
        draft = NoteDraft.get(NoteDraft.context == call_context(account_id))
        assert draft.text == "他们同意下周演示\nbudget 2M"
        await pilot.press("ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        proposed = dialog.proposal.date
        await pilot.press("m")  # meeting booked: focus goes to the next date
        dialog.query_one("#close-ours", Input).value = "send the demo script"
        dialog.query_one("#close-theirs", Input).value = "bring the plant manager"
        await pilot.press("enter")
        assert isinstance(app.screen, DueQueueScreen)
        activity = Activity.select().order_by(Activity.id.desc()).get()
        assert activity.account_id == account_id
        assert activity.notes == "他们同意下周演示\nbudget 2M"
        assert activity.outcome == "meeting_booked"
        assert activity.our_commitments == "send the demo script"
        assert activity.their_commitments == "bring the plant manager"
        assert FollowUp.get_by_id(follow_up_id).done
        nxt = FollowUp.get((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712
        assert nxt.due == proposed
        assert Account.get_by_id(account_id).heat >= heat_before
        assert not NoteDraft.select().where(NoteDraft.context == call_context(account_id)).exists()


async def test_leaving_keeps_the_notes_and_reopening_brings_them_back(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(pilot, app)
        await pilot.press(*"half a thought")
        await pilot.press("escape")
        assert isinstance(app.screen, DueQueueScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#call-notes", TextArea).text == "half a thought"
        assert screen is not app.screen


async def test_empty_phrase_purpose_warns_with_value_reasons(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"Tailspin", "enter", "enter")  # a target account
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, CallScriptScreen)
        screen.query_one("#call-purpose", Input).value = "Just checking in"
        await pilot.pause()
        script = str(screen.query_one("#script-text").render())
        assert "carries nothing new" in script
        screen.query_one("#call-purpose", Input).value = "Confirm the pilot success criteria"
        await pilot.pause()
        assert "carries nothing new" not in str(screen.query_one("#script-text").render())


async def test_note_lines_file_onto_the_blue_sheet(settings, demo_db) -> None:
    from followup_tui.db.models import Deal, Influence, Landmine

    influence = (
        Influence.select().join(Deal).where(Deal.outcome == "open").order_by(Influence.id).first()
    )
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        account_id = Deal.get_by_id(influence.deal_id).account_id
        app.push_screen(CallScriptScreen(account_id, contact_id=influence.contact_id))
        await pilot.pause()
        await pilot.press(*"IT 经理担心数据安全", "ctrl+l")
        mine = Landmine.select().order_by(Landmine.id.desc()).get()
        assert (mine.text, mine.deal_id, mine.influence_id) == (
            "IT 经理担心数据安全",
            influence.deal_id,
            influence.id,
        )
        await pilot.press("enter", *"she said our pilot numbers convinced her", "ctrl+r")
        updated = Influence.get_by_id(influence.id)
        assert updated.rating_evidence.endswith("she said our pilot numbers convinced her")
        assert updated.rating_confirmed_at is not None
        assert updated.rating_confirmed_at != influence.rating_confirmed_at

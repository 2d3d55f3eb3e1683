"""The due queue screen driven by keys, checked against the database."""

from __future__ import annotations

import datetime as dt

from followup_tui.db.models import Account, Activity, FollowUp, NoteDraft
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.date_prompt import DatePrompt
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.quick_note import QuickNote
from followup_tui.widgets.outcome_picker import OutcomePicker
from tests.support import TODAY, make_app

SIZE = (140, 40)



def open_follow_up(account_id: int) -> FollowUp:
    return FollowUp.get((FollowUp.account == account_id) & (FollowUp.done == False))  # noqa: E712


async def first_with_follow_up(pilot, screen: DueQueueScreen):
    """Move the cursor to the first row that carries a follow-up."""
    for _ in range(40):
        item = screen.current()
        if item is not None and item.follow_up is not None:
            return item
        await pilot.press("down")
    raise AssertionError("no row with a follow-up")


async def test_queue_is_the_first_screen_with_sections(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DueQueueScreen)
        counts = str(screen.query_one("#queue-counts").render())
        assert "Overdue" in counts and "Today" in counts and "Cooling" in counts
        assert screen.current() is not None, "the cursor starts on a row, not a header"
        assert "priority" in str(screen.query_one("#queue-priority").render())


async def test_done_logs_outcome_note_and_next_date_in_five_keys(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        item = await first_with_follow_up(pilot, screen)
        old = item.follow_up
        before = Activity.select().count()
        await pilot.press("d")
        assert isinstance(app.screen, CloseOut)
        proposed = app.screen.proposal.date
        await pilot.press("m", *"Demo booked", "enter", "enter")  # d m note ⏎ ⏎
        assert isinstance(app.screen, DueQueueScreen)
        assert Activity.select().count() == before + 1
        activity = Activity.select().order_by(Activity.id.desc()).get()
        assert (activity.outcome, activity.notes) == ("meeting_booked", "Demo booked")
        assert FollowUp.get_by_id(old.id).done is True
        nxt = open_follow_up(item.account_id)
        assert nxt.due == proposed and nxt.due > TODAY
        assert Account.get_by_id(item.account_id).next_follow_up == proposed


async def test_rejection_raises_the_count(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        before = Account.get_by_id(item.account_id).rejection_count
        await pilot.press("d", "x", *"no budget", "enter", "enter")
        assert Account.get_by_id(item.account_id).rejection_count == before + 1


async def test_close_out_requires_an_outcome_and_a_valid_date(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await first_with_follow_up(pilot, app.screen)
        before = Activity.select().count()
        await pilot.press("d", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        assert "outcome" in str(dialog.query_one("#close-error").render()).lower()
        await pilot.press("r", *"ok", "enter")
        dialog.query_one("#close-due").value = "someday"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, CloseOut)
        assert "someday" in str(dialog.query_one("#close-error").render())
        dialog.query_one("#close-due").value = "明天"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, DueQueueScreen)
        assert Activity.select().count() == before + 1


async def test_letters_after_a_stray_tab_never_change_the_outcome(settings, demo_db) -> None:
    """The QA case: voicemail, a note, tab round the dialog, a typed 'w' must not mean won."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        await pilot.press("d", "v", *"vm")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        for _ in range(8):  # all the way round the dialog, twice
            await pilot.press("tab")
            await pilot.press("w", "l")
        assert dialog.query_one(OutcomePicker).outcome == "voicemail"
        await pilot.press("ctrl+o", "m")  # the way to change it on purpose
        assert dialog.query_one(OutcomePicker).outcome == "meeting_booked"
        assert dialog.query_one("#close-note").has_focus
        dialog.query_one("#close-purpose").value = "demo"  # type: ignore[attr-defined]
        dialog.query_one("#close-due").value = "+3d"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DueQueueScreen)
        activity = Activity.select().where(Activity.account == item.account_id)
        assert activity.order_by(Activity.id.desc()).get().outcome == "meeting_booked"


async def test_snooze_defaults_to_tomorrow(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        await pilot.press("s")
        assert isinstance(app.screen, DatePrompt)
        await pilot.press("enter")
        follow_up = FollowUp.get_by_id(item.follow_up.id)
        assert follow_up.due == TODAY + dt.timedelta(days=1)
        assert follow_up.snooze_count >= 1 and follow_up.snoozed_from == item.follow_up.due


async def test_snooze_to_a_typed_chinese_date_and_reject_nonsense(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        await pilot.press("s")
        prompt = app.screen
        prompt.query_one("#date-input").value = "whenever"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, DatePrompt)
        assert "whenever" in str(prompt.query_one("#date-error").render())
        prompt.query_one("#date-input").value = "下周一"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert FollowUp.get_by_id(item.follow_up.id).due == dt.date(2026, 11, 23)


async def test_reschedule_keeps_it_a_plan_change(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        snoozes = FollowUp.get_by_id(item.follow_up.id).snooze_count
        await pilot.press("r")
        prompt = app.screen
        prompt.query_one("#date-input").value = "+2w"  # type: ignore[attr-defined]
        await pilot.press("enter")
        follow_up = FollowUp.get_by_id(item.follow_up.id)
        assert follow_up.due == TODAY + dt.timedelta(weeks=2)
        assert follow_up.snooze_count == snoozes


async def test_no_next_step_row_gets_one_with_a_purpose(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(60):
            item = screen.current()
            if item is not None and item.section == "no_next_step":
                break
            await pilot.press("down")
        assert item is not None and item.section == "no_next_step"
        await pilot.press("r")
        prompt = app.screen
        assert isinstance(prompt, DatePrompt)
        await pilot.press("enter")  # accept the proposed date, move to the purpose
        await pilot.press(*"Send the case study", "enter")
        follow_up = open_follow_up(item.account_id)
        assert follow_up.purpose == "Send the case study" and follow_up.due >= TODAY


async def test_quick_note_saves_and_drafts_survive_closing(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = app.screen.current()
        await pilot.press("n")
        assert isinstance(app.screen, QuickNote)
        await pilot.press(*"他们要新报价")
        await pilot.pause(0.4)
        draft = NoteDraft.get(NoteDraft.account == item.account_id)
        assert draft.text == "他们要新报价"
        await pilot.press("escape")
        assert NoteDraft.get(NoteDraft.account == item.account_id).text == "他们要新报价"
        await pilot.press("n")
        assert app.screen.query_one("#note-text").text == "他们要新报价"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        last = Activity.select().order_by(Activity.id.desc()).get()
        assert (last.account_id, last.notes) == (item.account_id, "他们要新报价")
        assert not NoteDraft.select().where(NoteDraft.account == item.account_id).exists()


async def test_work_through_opens_the_next_item_after_each(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = Activity.select().count()
        await pilot.press("g")
        first = app.screen
        assert isinstance(first, CloseOut)
        await pilot.press("n", *"no answer", "enter", "enter")
        second = app.screen
        assert isinstance(second, CloseOut) and second is not first
        assert second.title_text != first.title_text
        await pilot.press("v", "enter", "enter")
        assert isinstance(app.screen, CloseOut)
        await pilot.press("escape")
        assert isinstance(app.screen, DueQueueScreen)
        assert Activity.select().count() == before + 2


async def test_plan_views_cycle_and_return(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for view in ("week", "month", "quarter", "queue"):
            await pilot.press("w")
            assert screen.view == view
        await pilot.press("w")
        assert any(kind == "plan" for kind, _ in screen.lines)


async def test_empty_database_explains_itself(settings, db_path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-empty")
        message = str(app.screen.query_one("#queue-empty").render())
        assert "followup demo" in message
        # The queue has no add key: the way it gives must work from here.
        assert "Press 2 for the account list, then a" in message
        await pilot.press("2", "a")
        assert type(app.screen).__name__ == "AccountForm"


async def test_quick_note_without_an_account_in_focus_asks_which(settings, demo_db) -> None:
    from followup_tui.screens.account_picker import AccountPicker

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"zzzz", "enter")  # a list with no account in focus
        await pilot.press("n")
        assert isinstance(app.screen, AccountPicker)
        await pilot.press(*"华为", "enter")
        assert isinstance(app.screen, QuickNote)
        assert app.screen.account_name == "华为技术"
        await pilot.press(*"预算已批", "ctrl+s")
        last = Activity.select().order_by(Activity.id.desc()).get()
        assert last.notes == "预算已批"
        assert Account.get_by_id(last.account_id).name == "华为技术"


async def test_a_large_book_builds_in_a_worker_and_then_shows(
    settings, demo_db, monkeypatch
) -> None:
    import threading

    from followup_tui.db import queue_store as queue_state

    # A fresh demo has no stored queue states yet: every one must be written first.
    monkeypatch.setattr(queue_state, "QUICK_REWRITE", 0)
    go = threading.Event()
    build = DueQueueScreen._build

    def held(self):  # type: ignore[no-untyped-def]
        assert go.wait(10), "the test never let the build go"
        return build(self)

    monkeypatch.setattr(DueQueueScreen, "_build", held)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The screen answers while the build runs in its thread.
        assert "Building" in str(app.screen.query_one("#queue-counts").render())
        go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert screen.queue is not None and screen.current() is not None
        assert "Overdue" in str(screen.query_one("#queue-counts").render())


async def test_a_quick_note_is_not_a_contact(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = app.screen.current()
        before = Account.get_by_id(item.account_id)
        await pilot.press("n", *"heard they reorganised", "ctrl+s")
        note = Activity.select().order_by(Activity.id.desc()).get()
        assert (note.kind, note.outcome) == ("note", None)
        after = Account.get_by_id(item.account_id)
        assert after.heat == before.heat
        assert after.last_contact_at == before.last_contact_at


async def test_working_a_best_action_row_does_the_action(settings, demo_db) -> None:
    from followup_tui.db.models import BestAction
    from followup_tui.screens.close_out import CloseOut as Dialog

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(40):
            item = screen.current()
            if item is not None and item.follow_up is None and item.best_action is not None:
                break
            await pilot.press("down")
        assert item is not None and item.best_action is not None
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, Dialog)
        dialog.query_one("#close-purpose").value = ""  # type: ignore[attr-defined]
        await pilot.press("r", *"asked the coach", "enter", "enter")
        assert app.screen is dialog, "a next step without a purpose is refused"
        assert "purpose" in str(dialog.query_one("#close-error").render())
        await pilot.press(*"Review the signer list", "enter")
        assert isinstance(app.screen, DueQueueScreen)
        action = BestAction.get_by_id(item.best_action.id)
        assert action.done and action.done_on == TODAY
        assert not any(
            i.best_action is not None and i.best_action.id == action.id
            for s in screen.queue.sections
            for i in s.items
        )


async def best_action_row(pilot, screen: DueQueueScreen, *, with_follow_up: bool):
    for _ in range(60):
        item = screen.current()
        if (
            item is not None
            and item.best_action is not None
            and (item.follow_up is not None) == with_follow_up
        ):
            return item
        await pilot.press("down")
    raise AssertionError("no such row")


async def test_a_voicemail_leaves_the_best_action_open(settings, demo_db) -> None:
    from followup_tui.db.models import BestAction

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await best_action_row(pilot, app.screen, with_follow_up=False)
        await pilot.press("d", "v", *"left a message", "enter")
        app.screen.query_one("#close-purpose").value = "try again"  # type: ignore[attr-defined]
        await pilot.press("enter")
        assert isinstance(app.screen, DueQueueScreen)
        assert not BestAction.get_by_id(item.best_action.id).done


async def test_done_and_snooze_take_a_row_with_both_out_of_overdue(settings, demo_db) -> None:
    """A row there for a follow-up and an overdue best action: both go, or it stays."""
    from followup_tui.db.models import BestAction

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        item = await best_action_row(pilot, screen, with_follow_up=True)
        await pilot.press("s")
        assert isinstance(app.screen, DatePrompt)
        await pilot.press("enter")  # tomorrow
        assert BestAction.get_by_id(item.best_action.id).due == TODAY + dt.timedelta(days=1)
        assert open_follow_up(item.account_id).due == TODAY + dt.timedelta(days=1)
        due_now = [*screen.queue.section("overdue").items, *screen.queue.section("today").items]
        assert item.account_id not in {i.account_id for i in due_now}


async def test_plans_hide_the_row_keys_they_cannot_use(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert {"done", "snooze"} <= {b.binding.action for b in app.active_bindings.values()}
        await pilot.press("w")
        await pilot.pause()
        assert screen.view == "week"
        active = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        assert not active & {"done", "snooze", "reschedule", "work_through"}
        before = Activity.select().count()
        await pilot.press("d", "s")
        assert app.screen is screen and Activity.select().count() == before


async def test_done_offers_back_a_follow_up_still_ahead(settings, demo_db) -> None:
    """A cooling row whose account already has a next step: d proposes that date, not cadence."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        item = None
        for _ in range(80):
            row = screen.current()
            if row is not None and row.section == "cooling" and row.follow_up is None:
                fu = FollowUp.get_or_none(
                    (FollowUp.account == row.account_id) & (FollowUp.done == False)  # noqa: E712
                )
                if fu is not None and fu.due > TODAY:
                    item = row
                    break
            await pilot.press("down")
        assert item is not None, "the demo has a cooling account with a follow-up ahead"
        await pilot.press("d")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        assert dialog.proposal.date == fu.due
        assert dialog.query_one("#close-purpose").value == fu.purpose  # type: ignore[attr-defined]


async def test_a_close_out_error_goes_when_the_rep_types_again(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await first_with_follow_up(pilot, app.screen)
        await pilot.press("d", "r", *"ok", "enter")
        dialog = app.screen
        dialog.query_one("#close-purpose").value = ""  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert "purpose" in str(dialog.query_one("#close-error").render())
        dialog.query_one("#close-purpose").focus()
        await pilot.press(*"Send the quote")
        assert str(dialog.query_one("#close-error").render()) == ""


async def test_tabbing_back_into_the_note_adds_to_it(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await first_with_follow_up(pilot, app.screen)
        await pilot.press("d", "r", *"budget freeze")
        dialog = app.screen
        await pilot.press("ctrl+o", "m", *" and a meeting")
        assert dialog.query_one("#close-note").value == "budget freeze and a meeting"  # type: ignore[attr-defined]
        await pilot.press("tab", "tab", "shift+tab", "shift+tab", *"!")
        assert dialog.query_one("#close-note").value == "budget freeze and a meeting!"  # type: ignore[attr-defined]


async def test_esc_keeps_the_close_out_note_as_a_draft(settings, demo_db) -> None:
    from followup_tui.core.base.draft_keys import note_context
    from followup_tui.db.drafts import get_draft

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await first_with_follow_up(pilot, app.screen)
        await pilot.press("d", "r", *"they want a new quote", "escape")
        assert isinstance(app.screen, DueQueueScreen)
        assert get_draft(note_context(item.account_id)) == "they want a new quote"
        await pilot.press("d")
        dialog = app.screen
        assert dialog.query_one("#close-note").value == "they want a new quote"  # type: ignore[attr-defined]
        await pilot.press("r", "enter", "enter")
        assert isinstance(app.screen, DueQueueScreen)
        assert get_draft(note_context(item.account_id)) is None
        last = Activity.select().order_by(Activity.id.desc()).get()
        assert last.notes == "they want a new quote"


async def test_the_best_action_is_ticked_in_the_dialog_and_can_be_left_open(
    settings, demo_db
) -> None:
    from textual.widgets import Checkbox

    from followup_tui.db.models import BestAction

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item = await best_action_row(pilot, app.screen, with_follow_up=False)
        await pilot.press("d", "r")
        box = app.screen.query_one("#close-action", Checkbox)
        assert box.value is True and item.best_action.what in str(box.label)
        box.value = False  # reached someone, but not the one who owes the action
        app.screen.query_one("#close-note").value = "spoke to the buyer"  # type: ignore[attr-defined]
        app.screen.query_one("#close-purpose").value = "chase the coach"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DueQueueScreen)
        assert not BestAction.get_by_id(item.best_action.id).done


async def test_enter_on_a_plan_step_prepares_that_call(settings, demo_db) -> None:
    from followup_tui.screens.call_script import CallScriptScreen

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("w")
        table = screen.query_one("#queue-table")
        step = next(
            (n, entry)
            for n, (kind, entry) in enumerate(screen.lines)
            if kind == "plan" and entry.kind == "follow_up"
        )
        table.cursor = step[0]
        await pilot.press("enter")
        assert isinstance(app.screen, CallScriptScreen)
        assert app.screen.account_id == step[1].account_id
        assert app.screen.follow_up_id == step[1].id


async def test_the_screen_makes_only_the_rows_it_shows(settings, demo_db, monkeypatch) -> None:
    """A large book queues thousands of rows; the screen builds those it draws or acts on."""
    from followup_tui.core.queue import queue_items
    from followup_tui.screens import due_queue

    monkeypatch.setattr(queue_items, "LOAD_CHUNK", 2)
    monkeypatch.setattr(due_queue, "PAGE_ROWS", 4)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 14)) as pilot:  # a short terminal: a few rows show
        await pilot.pause()
        screen = app.screen
        queue = screen.queue
        total = sum(len(s.items) for s in queue.sections)
        made = len(queue.sections[0].items.items)
        assert 0 < made < total / 2, (made, total)
        item = screen.current()
        assert item is not None and item.reasons
        await pilot.press("end")
        await pilot.pause()
        assert screen.current() is not None
        assert len(queue.sections[0].items.items) < total, "jumping to the end skipped the middle"
        # Read in full (as `followup due` does), every row is there and in order.
        assert [i.account_id for i in queue.sections[0].items] == [
            k[3] for k in queue.sections[0].items.keys
        ]


async def test_back_on_the_queue_it_shows_what_other_screens_wrote(settings, demo_db) -> None:
    from followup_tui.db.accounts import set_archived

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen.queue
        gone = queue.section("overdue").items[0]
        overdue = len(queue.section("overdue").items)
        await pilot.press("2")  # the account list; archiving there is what `x` does
        await pilot.pause()
        set_archived(gone.account_id, True)
        await pilot.press("1")
        await pilot.pause()
        queue = app.screen.queue
        assert len(queue.section("overdue").items) == overdue - 1
        assert gone.account_id not in {k[3] for s in queue.sections for k in s.items.keys}
        counts = str(app.screen.query_one("#queue-counts").render())
        assert f"Overdue {overdue - 1}" in counts


async def test_rows_written_by_another_process_are_read_again(
    settings, demo_db, monkeypatch
) -> None:
    import sqlite3

    from followup_tui.core.queue import queue_items
    from followup_tui.core.queue.queue_items import queue_to_dict
    from followup_tui.db.queue_data import queue_and_inputs
    from followup_tui.screens import due_queue

    monkeypatch.setattr(queue_items, "LOAD_CHUNK", 2)
    monkeypatch.setattr(due_queue, "PAGE_ROWS", 4)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 16)) as pilot:  # the last two sections show at the end
        await pilot.pause()
        screen = app.screen
        rows = screen.queue.section("dormant").items
        assert rows and not rows.items.get((rows.keys[-1][3], "dormant"))
        account_id = rows.keys[-1][3]  # not drawn yet
        other = sqlite3.connect(demo_db)  # another process, as far as this app knows
        other.execute("UPDATE account SET relationship = 'existing' WHERE id = ?", (account_id,))
        other.commit()
        other.close()
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        queue = screen.queue
        assert account_id not in {k[3] for k in queue.section("dormant").items.keys}
        assert not any(i.stale for s in queue.sections for i in s.items)
        assert queue_to_dict(queue) == queue_to_dict(queue_and_inputs(TODAY, settings)[1])


async def test_the_cursor_stays_on_its_account(settings, demo_db) -> None:
    from followup_tui.db.accounts import set_archived

    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(6):
            await pilot.press("down")
        here = screen.current()
        above = screen.queue.section("overdue").items[0]
        assert here is not None and above.account_id != here.account_id
        # Plans and back: on the same row.
        await pilot.press("w", "w", "w", "w")
        await pilot.pause()
        assert screen.view == "queue"
        assert (screen.current().account_id, screen.current().section) == (
            here.account_id,
            here.section,
        )
        # A row above it leaves (archived elsewhere), then f5: still on it.
        set_archived(above.account_id, True)
        await pilot.press("f5")
        await pilot.pause()
        assert (screen.current().account_id, screen.current().section) == (
            here.account_id,
            here.section,
        )


async def test_rows_on_screen_follow_another_process_writes(settings, demo_db, monkeypatch) -> None:
    import sqlite3

    from followup_tui.screens import due_queue

    monkeypatch.setattr(due_queue, "WATCH_SECONDS", 0.1)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.queue.section("overdue").items[0]  # drawn already
        other = sqlite3.connect(demo_db)  # another process, as far as this app knows
        other.execute("UPDATE follow_up SET done = 1 WHERE account_id = ?", (first.account_id,))
        other.execute(
            "UPDATE best_action SET done = 1 WHERE deal_id IN "
            "(SELECT id FROM deal WHERE account_id = ?)",
            (first.account_id,),
        )
        other.commit()
        other.close()
        await pilot.pause(0.5)
        keys = screen.queue.section("overdue").items.keys
        assert first.account_id not in {k[3] for k in keys}

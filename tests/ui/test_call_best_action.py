"""Finishing a call from the script closes the row's overdue best action, as `d` does."""

from __future__ import annotations

from textual.widgets import Checkbox

from followup_tui.db.lookup import overdue_best_action
from followup_tui.db.models import Account, BestAction
from followup_tui.db.queue_data import queue_and_inputs
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.screens.close_out import CloseOut
from followup_tui.screens.due_queue import DueQueueScreen
from tests.support import TODAY, make_app

SIZE = (150, 45)



async def to_best_action_row(pilot, app):  # type: ignore[no-untyped-def]
    """The cursor on the first queue row showing a follow-up and an overdue best action."""
    await pilot.pause()
    queue = app.screen
    assert isinstance(queue, DueQueueScreen)
    for _ in range(60):
        item = queue.current()
        if item is not None and item.best_action is not None and item.follow_up is not None:
            break
        await pilot.press("down")
    else:
        raise AssertionError("no row with a follow-up and a best action")
    return item


async def call_on_best_action_row(pilot, app) -> tuple[CallScriptScreen, BestAction]:
    """Open the call script on the first queue row showing an overdue best action."""
    item = await to_best_action_row(pilot, app)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, CallScriptScreen)
    return app.screen, BestAction.get_by_id(item.best_action.id)


async def test_finishing_a_call_closes_the_overdue_best_action(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        _, action = await call_on_best_action_row(pilot, app)
        await pilot.press(*"CFO agreed to the ROI walk-through", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        await pilot.press("m")  # meeting booked
        box = dialog.query_one("#close-action", Checkbox)
        assert box.value is True and action.what in str(box.label)
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, DueQueueScreen)
        done = BestAction.get_by_id(action.id)
        assert done.done and done.done_on == TODAY


async def test_nobody_reached_leaves_the_best_action_open(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        _, action = await call_on_best_action_row(pilot, app)
        await pilot.press(*"rang twice", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        await pilot.press("v")  # voicemail: nobody reached
        assert dialog.query_one("#close-action", Checkbox).value is False
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, DueQueueScreen)
        assert not BestAction.get_by_id(action.id).done


def test_the_lookup_finds_the_best_action_the_queue_shows(settings, demo_db) -> None:
    """For every account: the queue's due row's best action, or none when no row shows one."""
    _, queue = queue_and_inputs(TODAY, settings)
    shown = {
        item.account_id: item.best_action.id
        for section in queue.sections
        for item in section.items
        if item.best_action is not None
    }
    assert shown, "the demo has overdue best actions"
    for account in Account.select(Account.id):
        found = overdue_best_action(account.id, TODAY)
        assert (found.id if found else None) == shown.get(account.id), account.id


async def test_at_80x24_the_best_action_is_read_whole(settings, demo_db) -> None:
    """QA: at 80x24 a long best action was cut ("Send us the IT integration checklis…")."""
    long = "Send us the IT integration checklist and the names of both site engineers"
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        item = await to_best_action_row(pilot, app)
        BestAction.update(what=long).where(BestAction.id == item.best_action.id).execute()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"agreed", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, CloseOut)
        await pilot.pause()
        box = dialog.query_one("#close-action", Checkbox)
        shown = " ".join(
            "".join(seg.text for seg in box.render_line(y)).strip()
            for y in range(box.size.height)
        )
        assert "…" not in shown
        assert " ".join(shown.split()).endswith("both site engineers")

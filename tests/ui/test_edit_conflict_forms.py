"""Two writers (#18), the forms beyond the account's: a plan step, a plan's goals and
months, a talking point - each edited while another process changed it - are settled as
the rep chooses, never overwritten silently. And a new record the storage refuses is
held and written later, as an edit is."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from textual.widgets import Input, TextArea

from followup_tui import app as app_module
from followup_tui.core.call.value_offers import TalkingPoint
from followup_tui.db import action_plans as ap
from followup_tui.db.connection import db
from followup_tui.db.models import Account
from followup_tui.db.talking_points import list_points, save_point
from followup_tui.screens.account_form import AccountForm
from followup_tui.screens.edit_conflict import EditConflictDialog
from followup_tui.screens.review.board_tab import BoardTab
from followup_tui.screens.talking_point_list import TalkingPoints
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import TODAY, make_app
from tests.ui.test_review_screen import screen_first_account, settle, table_ids, type_into


def elsewhere(path, sql: str, *args: object) -> None:  # type: ignore[no-untyped-def]
    """A write by another process (the CLI, a second window) through its own connection."""
    con = sqlite3.connect(path, timeout=5)
    with con:
        con.execute(sql, args)
    con.close()


@pytest.mark.parametrize(
    ("key", "who", "how"),
    [
        ("k", "Li", "Site visit"),  # keep mine: the whole form as typed
        ("t", "Wang", "Plant tour"),  # take theirs: nothing of mine
        ("m", "Li", "Plant tour"),  # merge: my who, their how
    ],
)
async def test_a_plan_step_changed_elsewhere_is_settled_as_chosen(
    settings, demo_db, key: str, who: str, how: str
) -> None:
    con = sqlite3.connect(demo_db)
    first = screen_first_account(con)
    step = ap.add_step(first, TODAY.year, how="Site visit", when="2026-12")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        steps = app.screen.query_one("#board-steps", VirtualTable)
        steps.cursor = table_ids(steps).index(step.step_id)
        assert app.screen.query_one(BoardTab).current_step().step_id == step.step_id
        await pilot.press("e")
        await type_into(pilot, "step-who", "Li")
        elsewhere(demo_db, "UPDATE plan_step SET who = 'Wang', how = 'Plant tour' WHERE id = ?",
                  step.step_id)  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditConflictDialog)
        assert dialog.found.theirs == {"who", "how"} and dialog.found.mine == {"who"}
        await pilot.press(key)
        await settle(app, pilot)
        assert not isinstance(app.screen, EditConflictDialog)
    assert con.execute(
        "SELECT who, how FROM plan_step WHERE id = ?", (step.step_id,)
    ).fetchone() == (who, how)


async def test_a_plan_changed_elsewhere_merges_goals_and_months(settings, demo_db) -> None:
    """My goals and their month: a merge keeps both; escape settles nothing."""
    con = sqlite3.connect(demo_db)
    first = screen_first_account(con)
    ap.save_goals(first, TODAY.year, ["Win the rollout"])
    ap.save_milestones(first, TODAY.year, {3: "1000"})
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#plan-goals", TextArea).text = "Win the rollout\nMeet the CFO"
        plan_id = ap.plan_for(first, TODAY.year).plan_id
        elsewhere(demo_db, "UPDATE plan_milestone SET expected = '2500' WHERE plan_id = ? "
                  "AND month = 3", plan_id)  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditConflictDialog)
        assert dialog.found.theirs == {"month_3"} and dialog.found.mine == {"goals"}
        await pilot.press("escape")  # settles nothing: one side would be lost
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("m")
        await settle(app, pilot)
    plan = ap.plan_for(first, TODAY.year)
    assert plan.goals == ("Win the rollout", "Meet the CFO")
    assert plan.milestones[2] == Decimal("2500")


async def test_a_talking_point_changed_elsewhere_merges(settings, demo_db) -> None:
    point_id = save_point(TalkingPoint(0, "New valve line", "新阀门系列", "product")).id
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        app.push_screen(TalkingPoints())
        await pilot.pause()
        listing = list_points()
        assert listing[0].id == point_id
        await pilot.press("e")
        await pilot.pause()
        await type_into(pilot, "point-en", "New valve line, in stock")
        elsewhere(demo_db, "UPDATE talking_point SET text_zh = '新阀门系列，有现货' WHERE id = ?",
                  point_id)  # fmt: skip
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditConflictDialog)
        assert dialog.found.theirs == {"zh"} and dialog.found.mine == {"en"}
        # Each side's value is shown, not only which fields changed.
        shown = str(dialog.query_one("#conflict-text").render())
        assert "新阀门系列，有现货" in shown and "New valve line, in stock" in shown
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, TalkingPoints)
    (stored,) = [p for p in list_points() if p.id == point_id]
    assert (stored.en, stored.zh) == ("New valve line, in stock", "新阀门系列，有现货")


def test_a_talking_point_deleted_elsewhere_is_added_again(demo_db) -> None:
    """The rep's text is never dropped: saving over a point removed meanwhile adds it."""
    point = TalkingPoint(0, "Spring fair", "春季展会", "event")
    point_id = save_point(point).id
    opened = TalkingPoint(point_id, point.en, point.zh, point.kind)
    db.execute_sql("DELETE FROM talking_point WHERE id = ?", (point_id,))
    edited = TalkingPoint(point_id, "Spring fair, booth 12", point.zh, point.kind)
    made = save_point(edited, opened.fields())
    assert made.added_again
    assert [(p.id, p.en) for p in list_points()] == [(made.id, "Spring fair, booth 12")]


async def test_a_new_account_refused_by_the_storage_is_held_and_written_later(
    settings, demo_db, monkeypatch
) -> None:
    monkeypatch.setattr(app_module, "UNSAVED_RETRY_S", 3600)  # tried again below, by hand
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AccountForm)
        app.screen.query_one("#f-name", Input).value = "Held Holdings 保留"
        db.execute_sql("PRAGMA query_only = 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and len(app.unsaved) == 1
        assert "Held Holdings 保留" in app.unsaved[0].text
        assert not Account.select().where(Account.name == "Held Holdings 保留").exists()
        app._retry_unsaved()  # refused read-only: the file is opened again, then written
        if app.unsaved:
            app._retry_unsaved()
        await pilot.pause()
        assert app.unsaved == []
    assert Account.select().where(Account.name == "Held Holdings 保留").count() == 1


async def test_a_step_deleted_elsewhere_is_said_with_what_was_typed(settings, demo_db) -> None:
    """Nothing to save over: the app says so, shows the typed values, and goes on."""
    con = sqlite3.connect(demo_db)
    first = screen_first_account(con)
    step = ap.add_step(first, TODAY.year, how="Site visit", when="2026-12")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        await pilot.press("4")
        await settle(app, pilot)
        steps = app.screen.query_one("#board-steps", VirtualTable)
        steps.cursor = table_ids(steps).index(step.step_id)
        await pilot.press("e")
        await type_into(pilot, "step-who", "Li Wei 李伟")
        elsewhere(demo_db, "DELETE FROM plan_step WHERE id = ?", step.step_id)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.is_running and not isinstance(app.screen, EditConflictDialog)
        said = [str(n.message) for n in app._notifications]
        assert any("deleted elsewhere" in m and "Li Wei 李伟" in m for m in said), said


async def test_a_held_person_lands_after_the_rep_left_the_page(
    settings, demo_db, monkeypatch
) -> None:
    """QA: the retry redrew the account page the rep had left and the app stopped, the
    person written but printed as unsaved. Now it lands once, said, and the app goes on."""
    from followup_tui.db.models import Contact
    from followup_tui.screens.account_page import AccountPage
    from followup_tui.screens.contact_form import ContactForm

    monkeypatch.setattr(app_module, "UNSAVED_RETRY_S", 3600)  # tried again below, by hand
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, AccountPage)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#f-name", Input).value = "Zhao Held 赵保留"
        db.execute_sql("PRAGMA query_only = 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.unsaved) == 1
        await pilot.press("escape")  # back to the list: the page is closed
        await pilot.pause()
        assert app.screen is not page
        app._retry_unsaved()
        if app.unsaved:
            app._retry_unsaved()
        await pilot.pause()
        assert app.is_running and app.unsaved == []
    assert Contact.select().where(Contact.name == "Zhao Held 赵保留").count() == 1


async def test_a_note_to_a_file_deleted_meanwhile_is_held_not_lost(settings, demo_db) -> None:
    """QA: with the book's folder removed, a write landed in the unlinked file and
    vanished after "saved". Now it is refused as a file that cannot be opened."""
    from followup_tui.db.undo import add_account

    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        moved = demo_db.with_name("moved.db")
        demo_db.rename(moved)
        with pytest.raises(FileNotFoundError):
            add_account({"name": "Lost Ltd"})
        moved.rename(demo_db)
        account_id, _change = add_account({"name": "Kept Ltd"})
    assert Account.get_by_id(account_id).name == "Kept Ltd"


async def test_escape_with_typing_asks_before_a_point_or_a_step_is_lost(settings, demo_db) -> None:
    """QA: these dialogs threw typing away on escape; record forms ask first."""
    from followup_tui.screens.discard_changes import DiscardChanges
    from followup_tui.screens.review.plan_forms import StepForm
    from followup_tui.screens.talking_point_form import TalkingPointForm

    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40)) as pilot:
        app.push_screen(TalkingPoints())
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, TalkingPoints)
        await pilot.press("a")
        await type_into(pilot, "point-en", "Spring fair")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("n")  # back to the form, the text still there
        await pilot.pause()
        assert isinstance(app.screen, TalkingPointForm)
        assert app.screen.query_one("#point-en", Input).value == "Spring fair"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, TalkingPoints)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("4")
        await settle(app, pilot)
        await pilot.press("a")
        await type_into(pilot, "step-how", "Call the CFO")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StepForm)


async def test_a_point_deleted_while_edited_is_saved_again_and_said(settings, demo_db) -> None:
    point_id = save_point(TalkingPoint(0, "Spring fair", "春季展会", "event")).id
    app = make_app(settings, demo_db)
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        app.push_screen(TalkingPoints())
        await pilot.pause()
        await pilot.press("e")
        await type_into(pilot, "point-en", "Spring fair, booth 12")
        elsewhere(demo_db, "DELETE FROM talking_point WHERE id = ?", point_id)
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("deleted elsewhere" in m for m in said), said
    assert [p.en for p in list_points()] == ["Spring fair, booth 12"]


async def test_the_account_page_and_deals_show_another_process_writes(
    settings, demo_db, monkeypatch
) -> None:
    """QA: an open account page kept the old phone, and the deals list its old titles,
    until F5. Both now read again when another connection has written."""
    from followup_tui.screens import outside_writes
    from followup_tui.screens.account_page import AccountPage
    from followup_tui.screens.deals import DealsScreen

    monkeypatch.setattr(outside_writes, "WATCH_SECONDS", 0.05)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, AccountPage)
        elsewhere(demo_db, "UPDATE account SET phone = '+86 10 7777 0000' WHERE id = ?",
                  page.account_id)  # fmt: skip
        for _ in range(40):
            await pilot.pause(0.05)
            if page.account["phone"] == "+86 10 7777 0000":
                break
        assert page.account["phone"] == "+86 10 7777 0000"
        await pilot.press("escape")
        await pilot.press("3")
        await pilot.pause()
        deals = app.screen
        assert isinstance(deals, DealsScreen)
        deal_id = deals.rows[0].id
        elsewhere(demo_db, "UPDATE deal SET title = 'Renamed elsewhere 别处改名' WHERE id = ?",
                  deal_id)  # fmt: skip
        for _ in range(40):
            await pilot.pause(0.05)
            if any(r.title == "Renamed elsewhere 别处改名" for r in deals.rows):
                break
        assert any(r.title == "Renamed elsewhere 别处改名" for r in deals.rows)

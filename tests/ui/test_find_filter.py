"""The account list's `/` finds words in every note and record, and opens the account there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Static, TabbedContent

from followup_tui.cli.main import main
from followup_tui.db.models import Account, Activity, BestAction, Contact, Deal
from followup_tui.screens.account_page import AccountPage
from tests.support import make_app


def _cursor_key(table: DataTable) -> str:
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait out the pause before the notes' search, the search itself and its redraw."""
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_word_of_a_call_note_finds_the_account_and_opens_it_there(
    settings, demo_db: Path
) -> None:
    main(["--db", str(demo_db), "note", "华为技术", "周总要SOW草稿", "--today", "2026-11-22"])
    huawei = Account.get(Account.name == "华为技术")
    note = Activity.select().where(Activity.account == huawei).order_by(Activity.id.desc()).get()
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"sow")
        await _settle(app, pilot)
        assert [e.name for e in app.screen.rows] == ["华为技术"]
        assert "found in notes" in str(app.screen.query_one("#accounts-status", Static).render())
        await pilot.press("enter", "enter")  # back to the table, then open
        await pilot.pause()
        page = app.screen
        assert isinstance(page, AccountPage) and page.account_id == huawei.id
        assert page.query_one(TabbedContent).active == "tab-timeline"
        assert _cursor_key(page.query_one("#timeline", DataTable)) == str(note.id)


async def test_a_best_action_opens_the_deals_at_its_deal(settings, demo_db: Path) -> None:
    deal = Deal.select().order_by(Deal.id).first()
    BestAction.create(deal=deal, what="Invite Zorblax to the plant tour")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"zorblax")
        await _settle(app, pilot)
        assert [e.id for e in app.screen.rows] == [deal.account_id]
        await pilot.press("enter", "enter")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, AccountPage)
        assert page.query_one(TabbedContent).active == "tab-deals"
        assert _cursor_key(page.query_one("#deals", DataTable)) == str(deal.id)


async def test_a_key_person_by_pinyin_and_the_empty_state(settings, demo_db: Path) -> None:
    pan = Contact.get(Contact.name == "潘东")
    app = make_app(settings, demo_db, today=dt.date(2026, 11, 22))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"pandong")
        await _settle(app, pilot)
        assert [e.id for e in app.screen.rows] == [pan.account_id]
        await pilot.press(*"xq")
        await _settle(app, pilot)
        assert app.screen.rows == []
        empty = str(app.screen.query_one("#accounts-empty", Static).render())
        assert "No account, key person, note, action, landmine or bullet holds" in empty
        assert "pandongxq" in empty


async def test_notes_found_count_only_the_accounts_the_list_shows(settings, demo_db: Path) -> None:
    live, gone = Account.select().order_by(Account.id).limit(2)
    for account in (live, gone):
        Activity.create(account=account, kind="call", occurred_at=dt.datetime(2026, 11, 20),
                        notes="Zorblax pilot agreed")  # fmt: skip
    Account.update(archived=True).where(Account.id == gone.id).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"zorblax")
        await _settle(app, pilot)
        status = app.screen.query_one("#accounts-status", Static)
        assert [e.id for e in app.screen.rows] == [live.id]
        assert "1 found in notes" in str(status.render())
        await pilot.press("enter", "h")  # back to the table; the archived, the same text
        await _settle(app, pilot)
        assert [e.id for e in app.screen.rows] == [gone.id]
        assert "1 found in notes" in str(status.render())

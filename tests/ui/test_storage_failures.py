"""Full disk, read-only file (#18): the app says why, goes on, keeps the typed note in
memory and writes it when the storage takes it again; a bug is still not swallowed."""

from __future__ import annotations

import pytest

from followup_tui import app as app_module
from followup_tui.db.connection import db
from followup_tui.db.models import Account, Activity
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.quick_note import QuickNote
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import make_app


def said(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def _note_on_first_account(app, pilot, text: str) -> int:  # type: ignore[no-untyped-def]
    await pilot.press("2")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, AccountsScreen)
    screen.query_one(VirtualTable).cursor = 0
    account_id = screen.rows[0].id
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, QuickNote)
    app.screen.note.load_text(text)
    await pilot.pause(0.4)  # the draft's autosave runs (and is refused)
    await pilot.press("ctrl+s")
    await pilot.pause()
    return int(account_id)


@pytest.mark.parametrize(
    ("refuse", "allow", "reason"),
    [
        ("PRAGMA query_only = 1", "PRAGMA query_only = 0", "cannot be written"),
        # A size limit at today's size: a long note needs new pages, as on a full disk.
        ("PRAGMA max_page_count = {pages}", "PRAGMA max_page_count = 1073741823", "disk is full"),
    ],
)
async def test_a_refused_note_is_kept_and_saved_later(
    settings, demo_db, monkeypatch, refuse: str, allow: str, reason: str
) -> None:
    monkeypatch.setattr(app_module, "UNSAVED_RETRY_S", 3600)  # tried again below, by hand
    text = "客户说预算下周定。\n" + "长笔记 long note " * 600 + "完。"
    before = Activity.select().count()
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(refuse.format(pages=pages))
        account_id = await _note_on_first_account(app, pilot, text)
        assert app.is_running
        messages = said(app)
        assert any(reason in m and str(demo_db) in m for m in messages), messages
        assert Activity.select().count() == before
        assert len(app.unsaved) == 1 and app.unsaved[0].text.endswith("\n" + text)
        name = Account.get_by_id(account_id).name
        assert app.unsaved[0].text.startswith(f"{name}, 2026-11-22:")  # whose, and when
        # The rep goes on working meanwhile; q warns before leaving them unsaved.
        await pilot.press("1", "q")
        await pilot.pause()
        assert app.is_running and any("Press q again" in m for m in said(app))
        db.execute_sql(allow)
        app._retry_unsaved()  # a read-only refusal opens the file again first
        if app.unsaved:
            app._retry_unsaved()
        await pilot.pause()
        assert app.unsaved == []
        saved = Activity.select().where(Activity.account == account_id).order_by(Activity.id.desc())
        assert saved.get().notes == text
        assert any(m.startswith("Saved now") for m in said(app))
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Account.select().count() > 0


async def test_a_bug_is_not_taken_for_a_full_disk(settings, demo_db, monkeypatch) -> None:
    from followup_tui.screens import contact_flow

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("a bug, not the storage")

    monkeypatch.setattr(contact_flow, "log_contact", broken)
    app = make_app(settings, demo_db)
    with pytest.raises(ValueError, match="a bug"):
        async with app.run_test(size=(120, 40)) as pilot:
            await _note_on_first_account(app, pilot, "text")


async def test_an_account_edit_refused_is_held_and_written_later(
    settings, demo_db, monkeypatch
) -> None:
    """A record form has closed by the time its save is refused: its values are held."""
    from textual.widgets import Input

    from followup_tui.screens.account_form import AccountForm

    monkeypatch.setattr(app_module, "UNSAVED_RETRY_S", 3600)  # tried again below, by hand
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        screen.query_one(VirtualTable).cursor = 0
        account_id = screen.rows[0].id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AccountForm)
        app.screen.query_one("#f-phone", Input).value = "+86 21 6666 7777"
        db.execute_sql("PRAGMA query_only = 1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and len(app.unsaved) == 1
        assert "+86 21 6666 7777" in app.unsaved[0].text
        assert any("cannot be written" in m for m in said(app))
        app._retry_unsaved()  # refused read-only: the file is opened again, then written
        if app.unsaved:
            app._retry_unsaved()
        await pilot.pause()
        assert app.unsaved == []
    assert Account.get_by_id(account_id).phone == "+86 21 6666 7777"

"""Two writers (#18): an account edited in the form while another process changed it is
never overwritten silently: keep mine, take theirs or merge, each as the rep chose."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input

from followup_tui.core.keeping.edit_merge import clash, settled
from followup_tui.db.models import Account
from followup_tui.screens.account_form import AccountForm
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.edit_conflict import EditConflictDialog
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import make_app


def other_process(db, **values: str) -> None:  # type: ignore[no-untyped-def]
    """A write by someone else (the CLI, another window) through its own connection."""
    con = sqlite3.connect(db, timeout=5)
    with con:
        for field, value in values.items():
            con.execute(f"UPDATE account SET {field} = ? WHERE id = ?", (value, ACCOUNT[0]))
    con.close()


ACCOUNT: list[int] = []


@pytest.mark.parametrize(
    ("key", "name", "phone"),
    [
        ("m", "Renamed by me", "+86 10 5555 0000"),  # merge: my name, their phone
        ("k", "Renamed by me", "+86 10 1111 2222"),  # keep mine: my whole form
        ("t", "Theirs", "+86 10 5555 0000"),  # take theirs: nothing of mine
    ],
)
async def test_a_clash_is_settled_as_the_rep_chooses(
    settings, demo_db, key: str, name: str, phone: str
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        screen.query_one(VirtualTable).cursor = 0
        ACCOUNT[:] = [screen.rows[0].id]
        Account.update(phone="+86 10 1111 2222").where(Account.id == ACCOUNT[0]).execute()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountForm)
        form.query_one("#f-name", Input).value = "Renamed by me"
        # Meanwhile, elsewhere: the name and the phone change.
        other_process(demo_db, name="Theirs", phone="+86 10 5555 0000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, EditConflictDialog)
        assert dialog.found.theirs == {"name", "phone"} and dialog.found.both == {"name"}
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, EditConflictDialog)
    stored = Account.get_by_id(ACCOUNT[0])
    assert (stored.name, stored.phone) == (name, phone)


async def test_no_clash_saves_as_before(settings, demo_db) -> None:
    """A change elsewhere to a field the form does not hold (heat, summaries) is no clash."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        screen.query_one(VirtualTable).cursor = 0
        ACCOUNT[:] = [screen.rows[0].id]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Plain edit"
        other_process(demo_db, last_contact_at="2026-11-21 10:00:00")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EditConflictDialog)
    assert Account.get_by_id(ACCOUNT[0]).name == "Plain edit"


values = st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 3), min_size=6, max_size=6)


@given(values, values, values)
def test_merge_keeps_each_sides_changes(base, mine, theirs) -> None:  # type: ignore[no-untyped-def]
    found = clash(base, mine, theirs)
    assert (found is None) == (theirs == base)
    merged = settled("merge", base, mine, theirs)
    assert merged is not None
    for k in base:
        if mine[k] != base[k]:
            assert merged[k] == mine[k]  # mine changed: mine (also when both did)
        elif theirs[k] != base[k]:
            assert merged[k] == theirs[k]  # only they changed: theirs
        else:
            assert merged[k] == base[k]
    assert settled("mine", base, mine, theirs) == mine
    assert settled("theirs", base, mine, theirs) is None


async def test_a_person_edited_elsewhere_is_not_overwritten(settings, demo_db) -> None:
    from textual.widgets import DataTable

    from followup_tui.db.contacts import list_contacts
    from followup_tui.db.models import Contact
    from followup_tui.screens.contact_form import ContactForm
    from tests.ui.test_account_flows import open_huawei

    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        page = await open_huawei(pilot)
        await pilot.press("right", "right")
        person = list_contacts(page.account_id)[0]
        table = page.query_one("#people", DataTable)
        table.move_cursor(row=table.get_row_index(str(person["id"])))
        # First an edit with nothing changed elsewhere: saved at once.
        await pilot.press("o")
        assert isinstance(app.screen, ContactForm)
        app.screen.query_one("#f-title", Input).value = "CIO"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page and Contact.get_by_id(person["id"]).title == "CIO"
        # Then one while another process renames the person: asked, merged.
        await pilot.press("o")
        app.screen.query_one("#f-title", Input).value = "CTO"
        con = sqlite3.connect(demo_db)
        with con:
            con.execute("UPDATE contact SET name = '改名' WHERE id = ?", (person["id"],))
        con.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditConflictDialog)
        await pilot.press("m")
        await pilot.pause()
    stored = Contact.get_by_id(person["id"])
    assert (stored.name, stored.title) == ("改名", "CTO")


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_the_conflict_dialog_fits_80x24(demo_db, tmp_path, language: str) -> None:
    from followup_tui.core.keeping.edit_merge import EditClash
    from tests.ui.test_dialogs_fit import clipped, in_language

    settings = in_language(language, tmp_path)
    found = EditClash(frozenset({"name", "phone", "email"}), frozenset({"name", "address"}))
    labels = {"name": "名称", "phone": "电话", "email": "邮箱", "address": "地址"}
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        long = "上海市浦东新区张江高科技园区碧波路690号三号楼"
        mine = {"name": "华为华东", "phone": "+86 21 5555 0000", "email": "li@example.com"}
        theirs = {"name": "华为技术华东分公司", "address": long}
        name = "深圳华为技术有限公司华东区域分公司"
        app.push_screen(EditConflictDialog(name, found, labels, mine, theirs))
        await pilot.pause()
        box = app.screen.query_one("#conflict-box")
        assert clipped(box) == []
        keys = app.screen.query_one("#conflict-keys")
        assert box.region.contains_region(keys.region) and keys.region.bottom <= 24
        shown = str(app.screen.query_one("#conflict-text").render())
        assert "华为技术华东分公司" in shown and "+86 21 5555 0000" in shown


async def test_a_landmine_changed_elsewhere_is_not_saved_over(settings, db_path) -> None:
    """The blue sheet's forms too: the other writer's text is kept or merged, as chosen."""
    from followup_tui.db import sheets
    from followup_tui.db.models import Landmine
    from followup_tui.screens.sheet.sheet_mine_form import LandmineForm
    from tests.ui.test_blue_sheet_screen import SIZE, open_sheet, scratch_deal

    _account, deal_id, _people = scratch_deal()
    mine = sheets.save_landmine({"deal": deal_id, "text": "预算未批", "category": "other"})
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_sheet(app, pilot, deal_id)
        await pilot.press("m", "e")
        form = app.screen
        assert isinstance(form, LandmineForm)
        form.query_one("#f-resolved").value = True  # type: ignore[attr-defined]
        con = sqlite3.connect(db_path)
        with con:
            con.execute("UPDATE landmine SET text = '预算下月批' WHERE id = ?", (mine,))
        con.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EditConflictDialog)
        assert app.screen.found.theirs == {"text"}
        # A tick box reads as a word, not Python's True/False.
        shown = str(app.screen.query_one("#conflict-text").render())
        assert "True" not in shown and "False" not in shown and "Yes" in shown
        await pilot.press("m")
        await pilot.pause()
    stored = Landmine.get_by_id(mine)
    assert (stored.text, stored.resolved) == ("预算下月批", True)


async def test_an_account_removed_elsewhere_opens_to_a_notice_not_a_crash(
    settings, demo_db
) -> None:
    """A restore or another window removed the account under the list's cursor."""
    from followup_tui.screens.account_page import AccountPage

    app = make_app(settings, demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        screen.query_one(VirtualTable).cursor = 0
        gone = screen.rows[0].id
        con = sqlite3.connect(demo_db)
        with con:
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("DELETE FROM account WHERE id = ?", (gone,))
        con.close()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.is_running and not isinstance(app.screen, AccountPage)
        assert gone not in [r.id for r in screen.rows]
        assert any("no longer in the book" in str(n.message) for n in app._notifications)

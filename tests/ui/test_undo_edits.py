"""`u` undoes the last edits on the account list and page, several deep, and says what it undid."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import DataTable, Input, TextArea

from followup_tui.core.base.config import Settings
from followup_tui.db.models import Account, Contact
from followup_tui.screens.account_form import AccountForm
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.contact_form import ContactForm
from tests.support import make_app
from tests.ui.test_zh_ui import zh  # noqa: F401 (a fixture)

SIZE = (140, 45)


def told(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The app's notifications from now on, as text, newest last."""
    messages: list[str] = []
    app.notify = lambda message, **kw: messages.append(str(message))
    return messages


async def to_huawei(pilot) -> AccountsScreen:  # type: ignore[no-untyped-def]
    """The account list, filtered to 华为技术 with the cursor on it."""
    await pilot.press("2", "slash", "华", "为", "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AccountsScreen)
    return screen


async def fill_form(pilot, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Set fields of the open form and save it."""
    form = pilot.app.screen
    assert isinstance(form, AccountForm | ContactForm)
    for field, value in values.items():
        control = form.query_one(f"#f-{field}")
        if isinstance(control, TextArea):
            control.text = value
        else:
            assert isinstance(control, Input)
            control.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


def huawei() -> Account:
    return Account.get(Account.name.in_(["华为技术", "华为终端", "华为云"]))


async def test_a_rename_is_undone_and_redone_and_said(settings: Settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await to_huawei(pilot)
        account_id = huawei().id
        messages = told(app)
        await pilot.press("u")
        assert messages[-1] == "Nothing to undo"
        await pilot.press("e")
        await fill_form(pilot, {"name": "华为终端"})
        assert Account.get_by_id(account_id).name == "华为终端"
        await pilot.press("u")
        assert Account.get_by_id(account_id).name == "华为技术"
        assert "华为终端" not in Account.get_by_id(account_id).search_text
        assert messages[-1] == "Undid: renamed 华为技术 to 华为终端"
        await pilot.press("u")
        assert messages[-1] == "Nothing to undo"
        await pilot.press("U")
        assert Account.get_by_id(account_id).name == "华为终端"
        assert messages[-1] == "Redid: renamed 华为技术 to 华为终端"
        await pilot.press("U")
        assert messages[-1] == "Nothing to redo"


async def test_several_levels_across_the_list_and_the_page(settings: Settings, demo_db) -> None:
    """Edits on the list, then on the page: `u` walks back through all of them, in order."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await to_huawei(pilot)
        account = huawei()
        people = Contact.select().where(Contact.account == account.id).count()
        await pilot.press("e")
        await fill_form(pilot, {"name": "华为终端"})
        await pilot.press("e")
        await fill_form(pilot, {"notes": "竞争对手 SOW", "phone": "+86 755 2878 0808"})
        await pilot.press("enter")  # the account page
        page = app.screen
        assert isinstance(page, AccountPage)
        await pilot.press("p")
        await pilot.press(*"赵工")
        await fill_form(pilot, {"phone": "+86 139 0000 1111"})
        assert Contact.select().where(Contact.account == account.id).count() == people + 1
        messages = told(app)

        await pilot.press("u")
        assert messages[-1] == "Undid: added 赵工 to 华为终端 (2 more to undo with u)"
        assert Contact.select().where(Contact.account == account.id).count() == people
        await pilot.press("escape")  # back on the list: the same history
        assert isinstance(app.screen, AccountsScreen)
        await pilot.press("u")
        assert messages[-1] == "Undid: changed notes, phone of 华为终端 (1 more to undo with u)"
        back = Account.get_by_id(account.id)
        assert (back.notes, back.phone) == (account.notes, account.phone)
        assert back.name == "华为终端"
        await pilot.press("u")
        assert messages[-1] == "Undid: renamed 华为技术 to 华为终端"
        assert Account.get_by_id(account.id).name == "华为技术"
        assert app.screen.rows[0].name == "华为技术"  # type: ignore[attr-defined]
        await pilot.press("u")
        assert messages[-1] == "Nothing to undo"


async def test_key_person_add_edit_remove_and_archive_undone(settings: Settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await to_huawei(pilot)
        account_id = huawei().id
        await pilot.press("enter")
        page = app.screen
        assert isinstance(page, AccountPage)
        await pilot.press("p")
        await pilot.press(*"赵工")
        await fill_form(pilot, {"phone": "+86 139 0000 1111"})
        person = Contact.get((Contact.account == account_id) & (Contact.name == "赵工"))
        table = page.query_one("#people", DataTable)
        table.move_cursor(row=table.get_row_index(str(person.id)))
        await pilot.press("o")
        await fill_form(pilot, {"phone": "+86 139 0000 2222", "title": "总工"})
        assert Contact.get_by_id(person.id).phone == "+86 139 0000 2222"
        table.move_cursor(row=table.get_row_index(str(person.id)))
        await pilot.press("delete", "y")
        assert not Contact.select().where(Contact.id == person.id).exists()
        messages = told(app)

        await pilot.press("u")
        assert messages[-1].startswith("Undid: removed 赵工 from 华为技术")
        assert Contact.get_by_id(person.id).phone == "+86 139 0000 2222"
        await pilot.press("u")
        assert messages[-1].startswith("Undid: changed title, phone of 赵工 at 华为技术")
        back = Contact.get_by_id(person.id)
        assert (back.phone, back.title) == ("+86 139 0000 1111", "")
        await pilot.press("u")
        assert messages[-1] == "Undid: added 赵工 to 华为技术"
        assert not Contact.select().where(Contact.id == person.id).exists()
        assert "赵工" not in Account.get_by_id(account_id).search_text

        await pilot.press("escape", "x", "y")  # archive (it has open deals: asked)
        assert Account.get_by_id(account_id).archived is True
        await pilot.press("u")
        assert messages[-1] == "Undid: archived 华为技术"
        assert Account.get_by_id(account_id).archived is False


async def test_an_undo_leaves_a_change_made_elsewhere(settings: Settings, demo_db: Path) -> None:
    """Renamed here, then by another process: `u` says it cannot and changes nothing."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await to_huawei(pilot)
        account_id = huawei().id
        await pilot.press("e")
        await fill_form(pilot, {"name": "华为终端"})
        other = sqlite3.connect(demo_db)  # another process, as `followup` from a shell
        with other:
            other.execute("UPDATE account SET name = '华为云' WHERE id = ?", (account_id,))
        other.close()
        messages = told(app)
        await pilot.press("u")
        assert Account.get_by_id(account_id).name == "华为云"
        assert messages[-1] == (
            "Cannot undo (renamed 华为技术 to 华为终端): name changed elsewhere since. "
            "Left as it is."
        )
        await pilot.press("u")
        assert messages[-1] == "Nothing to undo"


async def test_undo_speaks_chinese(zh: Settings, demo_db: Path) -> None:  # noqa: F811
    app = make_app(zh, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await to_huawei(pilot)
        account_id = huawei().id
        messages = told(app)
        await pilot.press("u")
        assert messages[-1] == "没有可撤销的操作"
        await pilot.press("e")
        await fill_form(pilot, {"name": "华为终端"})
        await pilot.press("e")
        await fill_form(pilot, {"phone": "+86 755 2878 0808"})
        await pilot.press("u")
        assert messages[-1] == "已撤销：修改了华为终端的电话（还可按 u 撤销 1 步）"
        await pilot.press("u")
        assert messages[-1] == "已撤销：将华为技术改名为华为终端"
        assert Account.get_by_id(account_id).name == "华为技术"
        await pilot.press("U")
        assert messages[-1] == "已重做：将华为技术改名为华为终端"


async def test_an_added_account_is_taken_away_and_put_back(settings: Settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.press(*"杭州新客户")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AccountsScreen)
        account_id = Account.get(Account.name == "杭州新客户").id
        messages = told(app)
        await pilot.press("u")
        assert messages[-1] == "Undid: added the account 杭州新客户"
        assert not Account.select().where(Account.id == account_id).exists()
        assert account_id not in [e.id for e in screen.rows]
        await pilot.press("U")
        assert Account.get_by_id(account_id).name == "杭州新客户"
        assert account_id in [e.id for e in screen.rows]


async def test_a_list_change_undone_on_another_accounts_page(settings: Settings, demo_db) -> None:
    """The page undoes the session's last change wherever it was; the list then shows it."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_huawei(pilot)
        account_id = huawei().id
        await pilot.press("e")
        await fill_form(pilot, {"name": "华为终端"})
        await pilot.press("escape", "slash", "明", "远", "enter", "enter")
        page = app.screen
        assert isinstance(page, AccountPage) and page.account_id != account_id
        messages = told(app)
        await pilot.press("u")
        assert messages[-1] == "Undid: renamed 华为技术 to 华为终端"
        assert Account.get_by_id(account_id).name == "华为技术"
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.index.get(account_id).name == "华为技术"  # type: ignore[union-attr]


async def test_undoing_the_add_on_the_new_accounts_page_goes_back(settings: Settings, demo_db):
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.press(*"杭州新客户")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        account_id = Account.get(Account.name == "杭州新客户").id
        await pilot.press("enter")
        assert isinstance(app.screen, AccountPage) and app.screen.account_id == account_id
        await pilot.press("u")
        await pilot.pause()
        assert app.screen is screen
        assert not Account.select().where(Account.id == account_id).exists()
        assert account_id not in [e.id for e in screen.rows]  # type: ignore[attr-defined]

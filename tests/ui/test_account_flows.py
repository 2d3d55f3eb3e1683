"""Whole flows from the account list: add, edit the class, open the page, add a key person."""

from __future__ import annotations

import re

from textual.widgets import DataTable, Select, Static, TabbedContent

from followup_tui.db.accounts import list_contacts
from followup_tui.db.models import Account, Contact
from followup_tui.screens.account_form import AccountForm
from followup_tui.screens.account_list_screen import AccountsScreen
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.contact_form import ContactForm
from tests.support import make_app

SIZE = (140, 45)



async def pick(pilot, screen, field: str, *moves: str) -> None:
    screen.query_one(f"#f-{field}", Select).focus()
    await pilot.pause()
    await pilot.press("enter", *moves, "enter")
    await pilot.pause()


async def test_add_account_with_a_corrected_error_then_edit_its_class(settings, db_path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # the account list
        await pilot.pause()
        assert app.screen.has_class("-empty")
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, AccountForm)
        await pilot.press(*"杭州新客户")
        await pick(pilot, form, "willingness", "down")  # high
        await pick(pilot, form, "need", "down")  # strong
        form.query_one("#f-email").value = "not-an-email"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, AccountForm), "an invalid form must stay open"
        assert "email" in str(form.query_one("#error-email", Static).render()).lower()
        assert Account.select().count() == 0
        form.query_one("#f-email").value = "buyer@example.cn"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AccountsScreen)
        account = Account.get(Account.name == "杭州新客户")
        assert (account.quadrant, account.email) == ("A", "buyer@example.cn")
        assert [e.name for e in app.screen.rows] == ["杭州新客户"]

        await pilot.press("e")
        form = app.screen
        assert isinstance(form, AccountForm)
        await pick(pilot, form, "need", "down")  # strong -> weak
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert Account.get_by_id(account.id).quadrant == "C"
        assert app.screen.rows[0].quadrant == "C"


async def test_account_page_adds_and_removes_a_key_person_with_undo(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # the account list
        await pilot.press("slash", "华", "为", "enter", "enter")
        page = app.screen
        assert isinstance(page, AccountPage)
        account_id = page.account_id
        before = Contact.select().where(Contact.account == account_id).count()
        header = str(page.query_one("#account-header", Static).render())
        assert "class A" in header and "Tactic:" in header and "Next:" in header
        await pilot.press("p")
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press(*"赵工")
        form.query_one("#f-department").value = "设备部"  # type: ignore[attr-defined]
        form.query_one("#f-phone").value = "+86 139 0000 1111"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        person = Contact.get((Contact.account == account_id) & (Contact.name == "赵工"))
        assert person.department == "设备部"
        assert Contact.select().where(Contact.account == account_id).count() == before + 1
        assert "赵工" in Account.get_by_id(account_id).search_text

        table = page.query_one("#people", DataTable)
        row = next(i for i in range(table.row_count) if "赵工" in str(table.get_row_at(i)[1]))
        table.move_cursor(row=row)
        await pilot.press("delete", "y")
        assert not Contact.select().where(Contact.name == "赵工").exists()
        await pilot.press("u")
        assert Contact.get_by_id(person.id).name == "赵工"

        await pilot.press("escape")
        assert isinstance(app.screen, AccountsScreen)


async def open_huawei(pilot) -> AccountPage:
    await pilot.press("2")  # the account list
    await pilot.press("slash", "华", "为", "enter", "enter")
    page = pilot.app.screen
    assert isinstance(page, AccountPage)
    return page


def shown_line(table: DataTable, y: int) -> str:
    """What one line of a table shows (0 is the header)."""
    return "".join(segment.text for segment in table.render_line(y))


async def test_arrows_switch_tabs_from_key_people_and_nothing_scrolls_sideways(
    settings, demo_db
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 40)) as pilot:
        page = await open_huawei(pilot)
        tabs = page.query_one(TabbedContent)
        table = page.query_one("#people", DataTable)
        await pilot.press("right", "right")
        assert tabs.active == "tab-people" and app.focused is table
        await pilot.press("right")
        assert tabs.active == "tab-deals", "→ on Key people must move on, as on every tab"
        await pilot.press("left")
        assert tabs.active == "tab-people" and app.focused is table
        await pilot.press("v", "right", "left", "v")  # the org chart too
        assert tabs.active == "tab-people"
        await pilot.press("left")
        assert tabs.active == "tab-follow-ups"
        await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x == 0 and table.max_scroll_x == 0
        widths = sum(column.get_render_width(table) for column in table.columns.values())
        assert widths <= table.scrollable_content_region.width
        # Long cells end in … and a Chinese character is shown whole or not at all.
        people = list_contacts(page.account_id)
        assert people
        for person in people:
            y = table.get_row_index(str(person["id"])) + 1
            line = shown_line(table, y)
            for value in (person["department"], person["name"], person["title"]):
                whole = value in line
                cut = any(
                    re.search(re.escape(value[:k]) + " ?…", line) for k in range(1, len(value))
                )
                assert whole or cut, (value, line)


async def test_key_people_columns_shrink_back_after_an_edit(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_huawei(pilot)
        table = page.query_one("#people", DataTable)
        await pilot.press("right", "right")
        person = list_contacts(page.account_id)[0]
        table.move_cursor(row=table.get_row_index(str(person["id"])))

        def department_width() -> int:
            return next(iter(table.columns.values())).width

        async def set_department(value: str) -> None:
            await pilot.press("o")
            form = app.screen
            assert isinstance(form, ContactForm)
            form.query_one("#f-department").value = value  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is page
            assert Contact.get_by_id(person["id"]).department == value

        before = department_width()
        await set_department("华东区域设备维修与技术支持部")
        assert department_width() > before
        await set_department(person["department"])
        assert department_width() == before, "the column must shrink back to its content"

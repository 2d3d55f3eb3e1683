"""The deal list, the account picker and the deal form, driven by keys, checked in the database."""

from __future__ import annotations

import sys
import types
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Select, Static

from followup_tui.app import FollowupApp
from followup_tui.db.accounts import save_account, set_archived
from followup_tui.db.models import Account, Deal
from followup_tui.db.pick import search_accounts
from followup_tui.screens.account_picker import AccountPicker
from followup_tui.screens.deals import DealsScreen
from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen
from followup_tui.screens.sheet.deal_form import DealForm
from followup_tui.widgets.form_fields import FieldRow
from followup_tui.widgets.virtual_table import VirtualTable
from tests.support import TODAY, make_app

SIZE = (140, 40)



async def open_deals(app: FollowupApp, pilot: Pilot[int], account_id: int | None = None) -> None:
    """Show the deal list the way the `3` key will once it is registered."""
    await pilot.pause()
    app.push_screen(DealsScreen(account_id))
    await pilot.pause()


def titles(app: FollowupApp) -> list[str]:
    return [r.title for r in app.screen.rows]


def status_line(app: FollowupApp) -> str:
    return str(app.screen.query_one("#deals-status", Static).render())


def error(form: DealForm, field: str) -> str:
    """The inline error under a field ('' when none)."""
    row = form.query_one(f"#row-{field}", FieldRow)
    return row.error if row.has_class("-error") else ""


async def fill(pilot: Pilot[int], form: Screen[Any], field: str, value: str) -> None:
    """Focus a field and put a value in it (typing every key is slow)."""
    control = form.query_one(f"#f-{field}", Input)
    control.focus()
    control.value = value
    await pilot.pause()


async def choose(pilot: Pilot[int], form: Screen[Any], field: str, *moves: str) -> None:
    """Pick an option of a Select from the keyboard: open it, move, take it."""
    form.query_one(f"#f-{field}", Select).focus()
    await pilot.pause()
    await pilot.press("enter", *moves, "enter")
    await pilot.pause()


# -- the data-layer search behind the picker -------------------------------------------


def test_search_accounts_ranks_contained_names_then_fuzzy(db_path: Path) -> None:
    ids = {
        name: save_account({"name": name})
        for name in ("Northwind Logistics", "Nordwest Lager", "北方华创", "华为技术", "Acme 100%")
    }
    set_archived(save_account({"name": "Northwind Archive"}), True)
    names = lambda text, limit=30: [n for _i, n in search_accounts(text, limit)]  # noqa: E731
    assert names("") == sorted(names(""), key=str.casefold)
    assert "Northwind Archive" not in names("")  # archived accounts are not offered
    assert names("northwind") == ["Northwind Logistics"]
    assert names("ＮＯＲＴＨ")[0] == "Northwind Logistics"  # full-width, any case
    assert names("华") == ["华为技术", "北方华创"]  # a name that starts with it first
    assert names("华为") == ["华为技术"]
    assert names("nwl") == ["Nordwest Lager", "Northwind Logistics"]  # in order, gaps allowed
    assert names("100%") == ["Acme 100%"]  # % is a character, not a wildcard
    assert names("%") == ["Acme 100%"]
    assert names("no lo") == ["Northwind Logistics"]  # every word
    assert len(names("", 2)) == 2
    assert search_accounts("华为技术")[0] == (ids["华为技术"], "华为技术")


def test_search_accounts_puts_the_whole_name_first(db_path: Path) -> None:
    for name in ("Big Acme Trading", "Acme", "Acme Foods"):
        save_account({"name": name})
    assert [n for _i, n in search_accounts("acme")] == ["Acme", "Acme Foods", "Big Acme Trading"]


# -- the list --------------------------------------------------------------------------


async def test_filter_by_typing_english_and_chinese(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        everything = titles(app)
        assert len(everything) == Deal.select().where(Deal.outcome == "open").count()
        await pilot.press("slash", *"cold")
        assert titles(app) == ["Cold-chain temperature monitoring, 2 plants"]
        assert "“cold”" in status_line(app)
        await pilot.press("escape")  # clears, even from inside the filter line
        assert titles(app) == everything
        assert isinstance(app.focused, VirtualTable)
        await pilot.press("slash", "华", "为")  # an account name
        assert titles(app) == ["东莞工厂设备状态监测平台"]
        await pilot.press("escape", "slash", *"监测", "enter")  # part of Chinese titles
        assert titles(app) and all("监测" in t for t in titles(app))
        assert isinstance(app.focused, VirtualTable)  # enter went back to the table
        await pilot.press("slash", *"zzzqqq")
        assert app.screen.has_class("-empty")
        assert "esc" in str(app.screen.query_one("#deals-empty", Static).render())


async def test_one_key_filters_cycle(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        screen = app.screen
        assert {r.outcome for r in screen.rows} == {"open"}
        assert "won or lost (o shows them)" in status_line(app)
        await pilot.press("o")
        assert {r.outcome for r in screen.rows} == {"won"}
        assert "·  won  ·" in status_line(app)
        await pilot.press("o")
        assert titles(app) == ["Hangar tool tracking"]
        await pilot.press("o")
        assert len(titles(app)) == Deal.select().count()
        assert "all outcomes" in status_line(app)
        await pilot.press("o")  # back to open
        await pilot.press("f")  # urgent
        assert {r.status for r in screen.rows} == {"urgent"}
        assert "Urgent" in status_line(app)
        await pilot.press("f")  # in progress
        assert {r.status for r in screen.rows} == {"in_progress"}
        await pilot.press("f", "f", "f")  # getting started, later, any
        assert screen.filter.status is None
        await pilot.press("l", "l", "l")  # universe, above, in
        assert screen.rows and {r.funnel for r in screen.rows} == {"in"}
        assert "In the funnel" in status_line(app)
        await pilot.press("f")  # urgent and in the funnel: none in the demo
        assert screen.has_class("-empty")
        assert isinstance(app.focused, VirtualTable)  # keys still reach the list
        await pilot.press("escape")
        assert screen.filter.status is None and screen.filter.funnel is None
        assert screen.filter.outcome == "open" and not screen.has_class("-empty")


async def test_sort_next_and_reverse(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        screen = app.screen
        dates = [r.completion_date for r in screen.rows]
        assert dates == sorted(dates)  # soonest first by default
        assert "sorted by completion date ▲" in status_line(app)
        await pilot.press("s")  # status: urgent first
        assert screen.sort_key == "status"
        assert screen.rows[0].status == "urgent" and screen.rows[-1].status == "later"
        await pilot.press("s", "s", "s")  # funnel, position, open landmines (largest first)
        assert screen.sort_key == "open_landmines" and screen.descending
        mines = [r.open_landmines for r in screen.rows]
        assert mines == sorted(mines, reverse=True)
        header = screen.query_one(VirtualTable).columns
        assert next(c.label for c in header if c.key == "open_landmines").endswith("▼")
        await pilot.press("S")
        assert [r.open_landmines for r in screen.rows] == sorted(mines)
        await pilot.press("s", "s")  # completeness, then round to the title
        assert screen.sort_key == "title"
        await pilot.press("s", "s")  # account, amount: biggest first
        amounts = [r.amount for r in screen.rows]
        assert amounts == sorted(amounts, reverse=True)


async def test_completion_date_passed_on_an_open_deal_is_red(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        screen = app.screen
        late = next(r for r in screen.rows if r.completion_date and r.completion_date < TODAY)
        _id, cells = screen._cells(late)
        assert "red" in str(cells[3].style)
        soon = next(r for r in screen.rows if r.completion_date and r.completion_date > TODAY)
        assert "red" not in str(screen._cells(soon)[1][3].style)


async def test_empty_database_explains_how_to_add_a_deal(settings, db_path: Path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        assert app.screen.has_class("-empty")
        message = str(app.screen.query_one("#deals-empty", Static).render())
        assert "Press a to add" in message
        await pilot.press("e")  # nothing to edit: a warning, no crash
        assert isinstance(app.screen, DealsScreen)


# -- adding and editing ----------------------------------------------------------------


async def test_add_a_deal_through_the_picker_and_the_form(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    huawei = Account.get(Account.name == "华为技术")
    before = Deal.select().count()
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, AccountPicker)
        shown = picker.query_one(OptionList)
        assert shown.option_count > 1
        await pilot.press(*"华为")
        assert shown.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm) and form.account_id == huawei.id
        assert "华为技术" in str(form.query_one("#deal-customer", Static).render())
        warning = form.query_one("#control-warning", Static)
        assert warning.has_class("-out")
        assert "Out of control" in str(warning.render())

        await pilot.press(*"Edge gateways")  # the title has the focus
        await fill(pilot, form, "amount", "-300000")
        await fill(pilot, form, "completion_date", "+6w")
        assert "2027-01-03" in str(form.query_one("#date-preview", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "negative" in error(form, "amount")
        assert error(form, "title") == "" and error(form, "completion_date") == ""
        assert app.focused is form.query_one("#f-amount")

        await fill(pilot, form, "amount", "３００,０００")  # full-width digits are fine
        await choose(pilot, form, "status", "up", "up")  # getting started -> urgent
        await choose(pilot, form, "funnel", "down")  # above -> in the funnel
        evidence = {
            "customer": "王总 confirmed the budget owner",
            "product": "gateway spec v2 signed off",
            "amount": "quote accepted in principle",
            "completion_date": "plant opens in January",
            "status": "PO request filed",
        }
        for key, text in evidence.items():
            await fill(pilot, form, f"evidence_{key}", text)
        assert not warning.has_class("-out")
        assert "In control" in str(warning.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BlueSheetScreen)  # a new deal opens on its empty sheet
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DealsScreen)
        assert "Edge gateways" in titles(app)
        table = app.screen.query_one(VirtualTable)
        new = Deal.get(Deal.title == "Edge gateways")
        assert table.cursor_row_id == new.id

    assert Deal.select().count() == before + 1
    assert new.account_id == huawei.id
    assert new.amount == Decimal("300000")
    assert str(new.completion_date) == "2027-01-03"
    assert (new.status, new.funnel, new.outcome) == ("urgent", "in", "open")
    assert new.evidence_customer == "王总 confirmed the budget owner"
    assert new.evidence_status == "PO request filed"


async def test_escape_in_the_picker_adds_nothing(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    before = Deal.select().count()
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("a", *"nwl", "down", "up", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DealsScreen)
    assert Deal.select().count() == before


async def test_arrow_keys_choose_in_the_picker(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        second = search_accounts("")[1]
        await pilot.press("down", "down", "up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DealForm) and app.screen.account_id == second[0]


async def test_picker_with_no_accounts_says_what_to_do(settings, db_path: Path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AccountPicker)
        assert "No accounts yet" in str(app.screen.query_one("#picker-none", Static).render())
        await pilot.press("enter")  # nothing to take: stays open
        assert isinstance(app.screen, AccountPicker)


async def test_edit_a_deals_status(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    deal = Deal.get(Deal.title == "Cold-chain temperature monitoring, 2 plants")
    assert deal.status == "in_progress"
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("slash", *"cold", "enter", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm) and form.deal_id == deal.id
        assert form.query_one("#f-title", Input).value == deal.title
        assert form.query_one("#f-amount", Input).value == "540,000"
        await choose(pilot, form, "status", "up")  # in progress -> urgent
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DealsScreen)
        assert app.screen.rows[0].status == "urgent"
    edited = Deal.get_by_id(deal.id)
    assert edited.status == "urgent"
    # Nothing else the form showed was changed by opening and saving it.
    for field in ("title", "amount", "completion_date", "funnel", "evidence_customer"):
        assert getattr(edited, field) == getattr(deal, field)


async def test_escape_asks_before_discarding_typing(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    deal = Deal.get(Deal.title == "Hangar tool tracking")
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("o", "o", "e")  # lost deals; edit the only one
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm)
        await pilot.press("end", "space", "v", "2", "escape")
        await pilot.pause()
        assert app.screen is not form  # the discard question
        await pilot.press("escape")  # keep typing
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#f-title", Input).value.endswith(" v2")
    assert Deal.get_by_id(deal.id).title == "Hangar tool tracking"


# -- one account's deals and the blue sheet -----------------------------------------


async def test_one_accounts_deals_add_without_the_picker(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    huawei = Account.get(Account.name == "华为技术")
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot, account_id=huawei.id)
        screen = app.screen
        assert "华为技术" in screen.sub_title
        assert {r.account_id for r in screen.rows} == {huawei.id}
        assert "account" not in {c.key for c in screen.query_one(VirtualTable).columns}
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm) and form.account_id == huawei.id
        await pilot.press(*"备件服务", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BlueSheetScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "备件服务" in titles(app)
    assert Deal.get(Deal.title == "备件服务").account_id == huawei.id


class FakeSheet(Screen[None]):
    """Stands in for the blue sheet: records its deal and closes on escape."""

    BINDINGS = [("escape", "app.pop_screen", "Back")]

    def __init__(self, deal_id: int) -> None:
        super().__init__()
        self.deal_id = deal_id


async def test_enter_opens_the_sheet_and_the_row_is_fresh_after(
    settings, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("followup_tui.screens.sheet.blue_sheet")
    module.BlueSheetScreen = FakeSheet  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "followup_tui.screens.sheet.blue_sheet", module)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        first = app.screen.rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FakeSheet) and app.screen.deal_id == first.id
        # The sheet changes the deal; the list shows it on return.
        Deal.update(position=5).where(Deal.id == first.id).execute()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DealsScreen)
        assert app.screen.index.get(first.id).position == 5  # type: ignore[union-attr]


async def test_a_deal_of_an_archived_account_says_so(settings, demo_db: Path) -> None:
    """An archived account's open deal stays in the deal list, marked, not silently."""
    account = Account.get(Account.name == "Northwind Logistics")
    deal = Deal.get((Deal.account == account.id) & (Deal.outcome == "open"))
    set_archived(account.id, True)
    app = make_app(settings, demo_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DealsScreen)
        row = next(r for r in screen.rows if r.id == deal.id)
        assert row.account_archived is True
        cells = dict(zip(screen.sort_keys, screen._cells(row)[1], strict=True))
        assert str(cells["account"]) == "Northwind Logistics (archived)"
        others = [r for r in screen.rows if r.account_id != account.id]
        assert others and not any(r.account_archived for r in others)


async def test_at_100_columns_a_deal_is_known_by_its_title(settings, demo_db: Path) -> None:
    """At 100 columns the title had 14 cells ('Warehouse con…') while the deadline, status
    and position kept theirs: an optional column gives way before the title does."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_deals(app, pilot)
        table = app.screen.query_one(VirtualTable)
        assert "title" in table.shown_column_keys()
        rendered = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        assert any("Warehouse condition monit" in line for line in rendered), rendered[:4]


async def test_the_list_names_the_keys_a_keymap_moved(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"deals.filter_outcome": "O", "deals.search": "ctrl+f"})
        await open_deals(app, pilot)
        assert "won or lost (O shows them)" in status_line(app)
        hint = str(app.screen.query_one("#deals-filter", Input).placeholder)
        assert hint.startswith("^f filter") or hint.startswith("ctrl+f filter"), hint


async def test_an_empty_list_names_the_add_key_in_force(settings, db_path: Path) -> None:
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"deals.add": "A"})
        await open_deals(app, pilot)
        message = str(app.screen.query_one("#deals-empty", Static).render())
        assert message.startswith("No deals yet. Press A to add one")


async def test_the_deal_forms_choices_take_their_initial(settings, demo_db: Path) -> None:
    """A tmux pass: 'i' on Status and Funnel did nothing, the deal stayed Getting started."""
    app = make_app(settings, demo_db)
    deal = Deal.get(Deal.title == "Cold-chain temperature monitoring, 2 plants")
    async with app.run_test(size=SIZE) as pilot:
        await open_deals(app, pilot)
        await pilot.press("slash", *"cold", "enter", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DealForm)
        for field, initial in (("status", "u"), ("funnel", "b"), ("outcome", "w")):
            form.query_one(f"#f-{field}").focus()
            await pilot.press(initial)
        await pilot.press("ctrl+s")
        await pilot.pause()
    edited = Deal.get_by_id(deal.id)
    assert (edited.status, edited.funnel, edited.outcome) == ("urgent", "best_few", "won")

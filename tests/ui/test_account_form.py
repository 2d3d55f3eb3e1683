"""The account and contact forms, driven by Pilot on a real database, checked in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Select, Static, TabbedContent, TextArea

from followup_tui.core.base.config import Settings
from followup_tui.db.accounts import (
    ACCOUNT_FIELDS,
    CONTACT_FIELDS,
    get_account,
    list_contacts,
    save_account,
    save_contact,
)
from followup_tui.db.database import close_database, open_database
from followup_tui.db.models import Account, Contact
from followup_tui.screens.account_form import AccountForm
from followup_tui.screens.contact_form import ContactForm
from followup_tui.screens.discard_changes import DiscardChanges
from followup_tui.widgets.form_fields import FieldRow
from tests.support import make_app

SIZE = (100, 40)


class Host(App[None]):
    """A bare app that opens one form and keeps what it returned."""

    def __init__(self, form: ModalScreen[dict[str, Any] | None]) -> None:
        super().__init__()
        self.form = form
        self.results: list[dict[str, Any] | None] = []

    def on_mount(self) -> None:
        """Open the form at once."""
        self.push_screen(self.form, self.results.append)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    """A fresh database for the forms' checks and for the saves afterwards."""
    path = tmp_path / "t.db"
    open_database(path)
    yield path
    close_database()


def text(widget: Static) -> str:
    """What a Static shows, as plain text."""
    return str(widget.render())


def error(form: ModalScreen[Any], field: str) -> str:
    """The inline error shown under a field ('' when none or hidden)."""
    row = form.query_one(f"#row-{field}", FieldRow)
    line = form.query_one(f"#error-{field}", Static)
    return text(line) if row.has_class("-error") and line.display else ""


async def choose(pilot: Pilot[None], form: ModalScreen[Any], field: str, *moves: str) -> None:
    """Pick an option of a Select from the keyboard: open it, move up or down, take it."""
    form.query_one(f"#f-{field}", Select).focus()
    await pilot.pause()
    await pilot.press("enter", *moves, "enter")
    await pilot.pause()


async def fill(pilot: Pilot[None], form: ModalScreen[Any], field: str, value: str) -> None:
    """Focus a field and paste a value over whatever it held (typing each key is slow)."""
    control = form.query_one(f"#f-{field}")
    control.focus()
    if isinstance(control, TextArea):
        control.text = value
    else:
        control.value = value  # type: ignore[attr-defined]
    await pilot.pause()


# -- the account form ------------------------------------------------------------------


async def test_first_field_is_focused_and_every_column_has_a_field(
    settings: Settings, db: Path
) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is form.query_one("#f-name")
        fields = {row.field for row in form.query(FieldRow)}
        assert fields == set(ACCOUNT_FIELDS) - {"owner"}
        # Tab walks the state fields in order; hidden dormant fields are skipped.
        order = []
        for _ in range(5):
            await pilot.press("tab")
            assert app.focused is not None
            order.append(app.focused.id)
        assert order == ["f-relationship", "f-willingness", "f-need", "f-tier", "f-notes"]


async def test_class_panel_follows_willingness_and_need(settings: Settings, db: Path) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"华为 Acme")
        panel = form.query_one("#class-panel", Static)
        assert "Class: -" in text(panel)
        await choose(pilot, form, "willingness", "down")  # Unknown -> High
        assert "Class: -" in text(panel)  # need still unjudged
        await choose(pilot, form, "need", "down")  # Unknown -> Strong
        a = settings.classes["A"]
        assert "Class A" in text(panel)
        assert a.horizon in text(panel) and a.tactic in text(panel)
        assert panel.has_class("-class-A")
        await choose(pilot, form, "need", "down")  # Strong -> Weak
        c = settings.classes["C"]
        assert "Class C" in text(panel)
        assert c.horizon in text(panel) and c.tactic in text(panel)
        assert a.tactic not in text(panel)
        assert not panel.has_class("-class-A") and panel.has_class("-class-C")


async def test_invalid_input_stays_open_then_saves_typed_values(
    settings: Settings, db: Path
) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"华为技术")
        await choose(pilot, form, "willingness", "down")
        await choose(pilot, form, "need", "down")
        await fill(pilot, form, "email", "wang@huawei")
        await fill(pilot, form, "phone", "+86 755 2878 0808")
        tabs = form.query_one("#profile", TabbedContent)
        tabs.active = "tab-personal"
        await pilot.pause()
        await fill(pilot, form, "birthday", "1970-02-30")
        tabs.active = "tab-market"
        await pilot.pause()
        await fill(pilot, form, "total_market", "1,000,000")
        await fill(pilot, form, "channels_not_in", "250000")
        assert "750,000.00" in text(form.query_one("#potential", Static))

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [] and app.screen is form
        assert "name@example.com" in error(form, "email")
        assert "YYYY-MM-DD" in error(form, "birthday")
        assert error(form, "name") == "" and error(form, "phone") == ""
        # The first bad field gets the focus, on its own tab.
        assert tabs.active == "tab-basic"
        assert app.focused is form.query_one("#f-email")

        await pilot.press(*"wang@huawei.com")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert error(form, "email") == ""
        assert tabs.active == "tab-personal" and app.focused is form.query_one("#f-birthday")
        await pilot.press(*"1970-03-15", "ctrl+s")
        await pilot.pause()

    [values] = app.results
    assert values is not None
    assert set(values) <= set(ACCOUNT_FIELDS)
    assert values["name"] == "华为技术"
    assert values["willingness"] == "high" and values["need"] == "strong"
    assert values["relationship"] == "target" and values["tier"] is None
    assert values["birthday"] == dt.date(1970, 3, 15)
    assert values["total_market"] == Decimal("1000000")
    assert values["channels_not_in"] == Decimal("250000")
    assert values["plan_expected"] is None and values["order_to_delivery_days"] is None
    assert values["rejection_count"] == 0 and values["notes"] == ""

    account = Account.get_by_id(save_account(values))
    assert account.name == "华为技术" and account.quadrant == "A"
    assert account.email == "wang@huawei.com" and account.phone == "+86 755 2878 0808"
    assert account.birthday == dt.date(1970, 3, 15)
    assert account.total_market == Decimal("1000000.00")


async def test_duplicate_name_is_an_inline_error(settings: Settings, db: Path) -> None:
    save_account({"name": "Acme Trading"})
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"ACME trading", "ctrl+s")
        await pilot.pause()
        assert error(form, "name") == "an account named Acme Trading already exists"
        assert app.results == [] and app.focused is form.query_one("#f-name")
        await pilot.press(*"Acme Shanghai", "ctrl+s")
        await pilot.pause()
    assert app.results[0] is not None and app.results[0]["name"] == "Acme Shanghai"
    save_account(app.results[0])
    assert Account.select().count() == 2


async def test_editing_keeps_its_own_name_and_reclassifies(settings: Settings, db: Path) -> None:
    account_id = save_account(
        {"name": "Acme", "willingness": "high", "need": "strong", "notes": "keep me",
         "total_market": Decimal("500.25"), "birthday": dt.date(1960, 1, 2)}
    )  # fmt: skip
    form = AccountForm(settings, get_account(account_id), account_id)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert form.query_one("#f-name").value == "Acme"  # type: ignore[attr-defined]
        assert "Class A" in text(form.query_one("#class-panel", Static))
        assert not form.changed
        await choose(pilot, form, "need", "down")  # Strong -> Weak
        assert "Class C" in text(form.query_one("#class-panel", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
    [values] = app.results
    assert values is not None
    save_account(values, account_id)
    account = Account.get_by_id(account_id)
    assert account.quadrant == "C" and account.need == "weak"
    assert account.notes == "keep me"
    assert account.total_market == Decimal("500.25")
    assert account.birthday == dt.date(1960, 1, 2)
    assert Account.select().count() == 1


async def test_tier_warning_when_five_accounts_hold_it(settings: Settings, db: Path) -> None:
    ids = [save_account({"name": f"Big {n}", "tier": "no_business"}) for n in range(5)]
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        warning = form.query_one("#tier-warning", Static)
        assert not warning.display
        await choose(pilot, form, "tier", *["down"] * 3)  # None -> "no business yet"
        assert warning.display
        assert "already holds 5 accounts" in text(warning)
        await choose(pilot, form, "tier", "up")  # -> "some business", which has room
        assert form.query_one("#f-tier", Select).value == "some_business"
        assert not warning.display
        await pilot.press("escape", "y")
    # One of the five, edited, is not warned about its own place.
    form = AccountForm(settings, get_account(ids[0]), ids[0])
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not form.query_one("#tier-warning", Static).display


async def test_dormant_shows_rejections_and_why_they_stopped(settings: Settings, db: Path) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Old Customer")
        dormant = form.query_one("#dormant-fields")
        assert not dormant.display
        await choose(pilot, form, "relationship", "up")  # target -> dormant
        assert dormant.display
        await pilot.press("tab", *"4", "tab", *"Our two-week lead time")
        await pilot.press("tab", *"Late deliveries in 2024")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [values] = app.results
    assert values is not None
    account = Account.get_by_id(save_account(values))
    assert account.relationship == "dormant"
    assert account.rejection_count == 4
    # The post-mortem of the first cooperation: why they came, why they left.
    assert account.start_reason == "Our two-week lead time"
    assert account.stop_reason == "Late deliveries in 2024"


async def test_escape_asks_before_losing_typing(settings: Settings, db: Path) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Half typed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is form and app.results == []
        assert form.query_one("#f-name").value == "Half typed"  # type: ignore[attr-defined]
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.results == [None]
    assert Account.select().count() == 0


async def test_escape_without_changes_closes_at_once(settings: Settings, db: Path) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


# -- the contact form ------------------------------------------------------------------


async def test_contact_form_validates_and_saves(settings: Settings, db: Path) -> None:
    account_id = save_account({"name": "Acme"})
    form = ContactForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is form.query_one("#f-name")
        assert {row.field for row in form.query(FieldRow)} == set(CONTACT_FIELDS)
        await pilot.press(*"王伟", "tab", *"CTO", "tab", *"R&D")
        await choose(pilot, form, "level", *["down"] * 4)  # - -> 4
        await fill(pilot, form, "email", "wang@example.com")
        await fill(pilot, form, "time_zone", "Asia/Beijing")
        await fill(pilot, form, "call_window_start", "17:00")
        await fill(pilot, form, "call_window_end", "09:00")
        await fill(pilot, form, "pains", "Suppliers late on samples")
        form.query_one("#f-is_coach", Checkbox).focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == []
        assert "IANA" in error(form, "time_zone")
        assert error(form, "call_window_end") == "the end must be after the start"
        assert app.focused is form.query_one("#f-time_zone")
        await pilot.press(*"Asia/Shanghai")
        await fill(pilot, form, "call_window_end", "18:30")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [values] = app.results
    assert values is not None
    assert set(values) == set(CONTACT_FIELDS)
    assert values["level"] == 4 and values["is_coach"] is True
    save_contact(values, account_id)
    contact = Contact.get(Contact.account == account_id)
    assert contact.name == "王伟" and contact.title == "CTO" and contact.department == "R&D"
    assert contact.level == 4 and contact.is_coach
    assert contact.time_zone == "Asia/Shanghai"
    assert (contact.call_window_start, contact.call_window_end) == ("17:00", "18:30")
    assert contact.pains == "Suppliers late on samples"


@pytest.mark.parametrize(
    "typed", ["+86 10 1234 5678 ext 12", "+86 10 1234 5678 x12", "+86 10 1234 5678 转12"]
)
async def test_contact_form_keeps_a_number_with_its_extension(
    settings: Settings, db: Path, typed: str
) -> None:
    """QA: a number with an extension was refused."""
    account_id = save_account({"name": "Acme"})
    form = ContactForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"王伟")
        await fill(pilot, form, "phone", typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [values] = app.results  # saved, not refused
    assert values is not None
    save_contact(values, account_id)
    assert Contact.get(Contact.account == account_id).phone == typed


async def test_contact_form_edits_and_asks_before_discarding(settings: Settings, db: Path) -> None:
    account_id = save_account({"name": "Acme"})
    save_contact({"name": "Ann", "level": 3, "is_coach": True}, account_id)
    [initial] = list_contacts(account_id)
    form = ContactForm(settings, initial)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not form.changed
        assert form.query_one("#f-level", Select).value == "3"
        assert form.query_one("#f-is_coach", Checkbox).value is True
        await fill(pilot, form, "name", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "name") == "a name is required"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("y")
        await pilot.pause()
    assert app.results == [None]
    assert Contact.get(Contact.account == account_id).name == "Ann"


async def test_an_error_goes_as_soon_as_its_field_changes(settings: Settings, db: Path) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, form, "email", "wang@huawei")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "name") and error(form, "email")
        form.query_one("#f-name").focus()
        await pilot.pause()
        await pilot.press(*"华为")
        assert error(form, "name") == "", "a typed name must not still say it is required"
        assert not form.query_one("#row-name", FieldRow).has_class("-error")
        assert error(form, "email"), "an untouched field keeps its error"
        await fill(pilot, form, "email", "wang@huawei.com")
        assert error(form, "email") == ""
        # Still checked on save: clearing the name again brings its error back.
        await fill(pilot, form, "name", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "name") and app.results == []


def _background(widget: Any) -> tuple[int, int, int]:
    """The colour a control's text sits on (a Select shows it on its SelectCurrent)."""
    shown = widget.query_one("SelectCurrent") if widget.query("SelectCurrent") else widget
    color = shown.rich_style.bgcolor
    assert color is not None
    return color.get_truecolor()


def _apart(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_field_is_unmistakable(settings: Settings, db: Path, theme: str) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        await pilot.pause()
        rows = {row.field: row for row in form.query(FieldRow)}
        plain = rows["need"].query_one(".field-label").rich_style
        focused_bg: dict[str, tuple[int, int, int]] = {}
        blurred_bg: dict[str, tuple[int, int, int]] = {}
        for _ in range(6):  # name, type, willingness, need, tier, notes
            focused = app.focused
            assert focused is not None
            row = next(node for node in focused.ancestors if isinstance(node, FieldRow))
            focused_bg[row.field] = _background(row.control)
            for other in rows.values():
                if other is not row:
                    blurred_bg.setdefault(other.field, _background(other.control))
            lit = [
                r.field for r in rows.values() if r.query_one(".field-label").rich_style != plain
            ]
            # Exactly the focused row's label stands out; the one before went back to plain.
            assert lit == [row.field], (theme, lit, row.field)
            await pilot.press("tab")
            await pilot.pause()
        assert list(focused_bg) == ["name", "relationship", "willingness", "need", "tier", "notes"]
        for field, color in focused_bg.items():
            # Far more than the one-shade step (234 -> 235) the tester could not see.
            assert _apart(color, blurred_bg[field]) >= 60, (theme, field)


# -- profile tabs, live market check, birthday, archived names ---------------------------


def real_app(settings: Settings, db: Path, today: dt.date = dt.date(2026, 11, 22)) -> App[None]:
    """The whole app on the test database, with its clock at `today`."""
    return make_app(settings, db, today=today)


async def tab_to(pilot: Pilot[None], field: str) -> None:
    """Press tab until a field has the focus, as a rep would."""
    for _ in range(30):
        focused = pilot.app.focused
        if focused is not None and focused.id == f"f-{field}":
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {field}")


def shown(widget: Any) -> bool:
    """Whether a widget and every container holding it are displayed."""
    return all(node.display for node in widget.ancestors_with_self)


async def test_switching_tabs_takes_the_focus_to_the_shown_tab(
    settings: Settings, db: Path
) -> None:
    account_id = save_account({"name": "Acme", "website": "acme.com"})
    app = real_app(settings, db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # the account list
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountForm)
        tabs = form.query_one("#profile", TabbedContent)
        await tab_to(pilot, "website")
        await pilot.press("ctrl+pagedown")
        assert tabs.active == "tab-business"
        assert app.focused is form.query_one("#f-industry")
        await pilot.press(*"Robots", "tab", *"Two new lines")
        assert app.focused is form.query_one("#f-business_plans")
        await pilot.press("ctrl+pageup", "ctrl+pagedown", "tab", *" in 2027")
        assert app.focused is form.query_one("#f-business_plans")
        # Every stop of the focus chain is on screen: none on a hidden tab, none unseen.
        for widget in form.focus_chain:
            assert shown(widget) and widget.id != "form-box", widget
        await pilot.press("ctrl+s")
        await pilot.pause()
    account = Account.get_by_id(account_id)
    assert account.name == "Acme", "typing after a tab switch must never replace the name"
    assert account.website == "acme.com"
    assert account.industry == "Robots"
    assert account.business_plans == "Two new lines in 2027"


async def test_the_add_form_focuses_the_tab_shown_by_key_and_by_mouse(
    settings: Settings, db: Path
) -> None:
    app = real_app(settings, db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountForm)
        tabs = form.query_one("#profile", TabbedContent)
        await pilot.press(*"Beta Ltd")
        assert app.focused is form.query_one("#f-name"), "opening keeps the focus on the name"
        await pilot.press("ctrl+pagedown", "ctrl+pagedown")  # Basic -> Business -> Personal
        assert tabs.active == "tab-personal"
        assert app.focused is form.query_one("#f-birthday")
        await pilot.press("ctrl+pageup", "ctrl+pageup", "ctrl+pageup")  # wraps to Plan
        assert tabs.active == "tab-plan"
        assert app.focused is form.query_one("#f-plan_expected")
        await pilot.click("#--content-tab-tab-logistics")
        await pilot.pause()
        assert tabs.active == "tab-logistics"
        assert app.focused is form.query_one("#f-delivery_preferences")
        await pilot.press(*"Dock 3 only")
        tabs.query_one("ContentTabs").focus()  # the tab strip's own keys switch too
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert tabs.active == "tab-record"
        assert app.focused is form.query_one("#f-business_record")
        await pilot.press("ctrl+s")
        await pilot.pause()
    account = Account.get(Account.name == "Beta Ltd")
    assert account.delivery_preferences == "Dock 3 only"
    assert account.birthday is None and account.plan_expected is None


async def test_record_forms_have_no_focus_stop_but_their_fields(
    settings: Settings, db: Path
) -> None:
    form = ContactForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is form.query_one("#f-name")
        stops = form.focus_chain
        assert all(any(isinstance(n, FieldRow) for n in w.ancestors) for w in stops), stops
        await pilot.press("shift+tab")  # wraps to the last field, not to the scrolling box
        assert app.focused is form.query_one("#f-notes")


async def test_channels_beyond_the_market_are_an_error_as_typed(
    settings: Settings, db: Path
) -> None:
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Gamma")
        form.query_one("#profile", TabbedContent).active = "tab-market"
        await pilot.pause()
        potential = form.query_one("#potential", Static)
        await tab_to(pilot, "total_market")
        await pilot.press(*"1000000", "tab", *"5000000")
        assert error(form, "channels_not_in") == "cannot exceed the total market"
        assert "-4,000,000" not in text(potential) and "Target market potential: -" in text(
            potential
        )
        await pilot.press("shift+tab", "end", *"0")  # total 10,000,000: now it fits
        assert error(form, "channels_not_in") == ""
        assert "5,000,000.00" in text(potential)
        await pilot.press("backspace")  # back to 1,000,000
        assert error(form, "channels_not_in") == "cannot exceed the total market"
        await pilot.press("tab", "ctrl+u", *"250000")
        assert error(form, "channels_not_in") == ""
        assert "750,000.00" in text(potential)
        await pilot.press("ctrl+s")
        await pilot.pause()
    [values] = app.results
    assert values is not None
    account = Account.get_by_id(save_account(values))
    assert account.total_market == Decimal("1000000")
    assert account.channels_not_in == Decimal("250000")


async def test_a_birthday_after_the_apps_today_is_an_error(settings: Settings, db: Path) -> None:
    # The app's day, not the system's: the form must reject what is future only for the app.
    app = real_app(settings, db, today=dt.date(2024, 3, 1))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AccountForm)
        await pilot.press(*"Delta", "ctrl+pagedown", "ctrl+pagedown")
        assert app.focused is form.query_one("#f-birthday")
        await pilot.press(*"2024-03-02", "ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert error(form, "birthday") == "a birthday cannot be after today (2024-03-01)"
        assert Account.select().count() == 0
        # The error took the focus there with the date selected; today itself is fine.
        await pilot.press(*"2024-03-01", "ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    assert Account.get(Account.name == "Delta").birthday == dt.date(2024, 3, 1)


async def test_a_name_taken_in_the_archive_says_where_it_is(settings: Settings, db: Path) -> None:
    from followup_tui.db.accounts import set_archived

    set_archived(save_account({"name": "Acme Trading"}), True)
    save_account({"name": "Live Co"})
    form = AccountForm(settings)
    app = Host(form)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"acme trading", "ctrl+s")
        await pilot.pause()
        assert error(form, "name") == (
            "an account named Acme Trading already exists in the archive: "
            "h shows archived accounts, x restores it"
        )
        await fill(pilot, form, "name", "live co")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error(form, "name") == "an account named Live Co already exists"
        assert app.results == []
    assert Account.select().count() == 2


async def test_a_field_reached_by_focus_keeps_its_text_and_shows_on_a_short_screen(
    settings: Settings, db: Path
) -> None:
    """e then a key adds to the name, not replace it; at 80x24 the field a tab switch
    focuses is scrolled into sight, so what is typed is seen going there."""
    reason = "Billing errors on the last service contract; procurement froze our vendor code"
    account_id = save_account(
        {
            "name": "Woodgrove",
            "industry": "Banking",
            "relationship": "dormant",
            "rejection_count": 2,
            "stop_reason": reason,
        }
    )
    app = real_app(settings, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")
        # The form settles (its name field focused) before typing: under load a key
        # sent in the same instant as `e` can arrive before the field has the focus.
        await pilot.pause()
        await pilot.press(*" Bank")
        form = app.screen
        assert isinstance(form, AccountForm)
        await pilot.press("ctrl+pagedown")  # from Name: the tabs are below the fold
        await pilot.pause(0.3)
        industry = form.query_one("#f-industry")
        assert app.focused is industry
        box = form.query_one("#form-box")
        assert box.region.contains_region(industry.region), (box.region, industry.region)
        await pilot.press(*" and insurance", "ctrl+s")
        await pilot.pause()
    account = Account.get_by_id(account_id)
    assert account.name == "Woodgrove Bank"
    assert account.industry == "Banking and insurance"

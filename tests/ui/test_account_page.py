"""The account page's QA fixes, driven by keys: why a dormant account stopped, the timeline
at 80 and 120 columns, empty tabs, enter on the shown tab, and one coach per account."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import Checkbox, DataTable, Static, TabbedContent

from followup_tui.db.accounts import save_account, save_contact
from followup_tui.db.models import Account, Activity, Contact
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.activity_detail import ActivityDetail
from followup_tui.screens.contact_form import ContactForm
from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen
from tests.support import make_app

SIZE = (120, 40)



async def open_page(pilot, *name: str) -> AccountPage:
    """From the account list, filter to one account and open its page."""
    await pilot.press("2", "slash", *name, "enter", "enter")
    await pilot.pause()
    page = pilot.app.screen
    assert isinstance(page, AccountPage)
    return page


def rendered(page: AccountPage, selector: str) -> str:
    return str(page.query_one(selector, Static).render())


def shown_line(table: DataTable, y: int) -> str:
    """What one line of a table shows (0 is the header)."""
    return "".join(segment.text for segment in table.render_line(y))


async def test_a_dormant_account_says_why_it_stopped(settings, demo_db: Path) -> None:
    reason = Account.get(Account.name == "Woodgrove Bank").stop_reason
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"woodgrove")
        header = rendered(page, "#account-header")
        assert "Dormant (2 rejections)" in header
        assert "stopped: Billing errors" in header and "…" in header, header
        assert reason not in header, "the header has room for the start of it only"
        await pilot.press("right", "right", "right", "right")
        assert page.query_one(TabbedContent).active == "tab-profile"
        profile = rendered(page, "#profile")
        assert "why they stopped buying: " + reason in profile, profile
        assert "rejections: 2" in profile


async def test_a_chinese_reason_is_cut_at_a_whole_character(settings, demo_db: Path) -> None:
    reason = Account.get(Account.name == "青岛海辰化工").stop_reason
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "海", "辰")
        line = next(x for x in rendered(page, "#account-header").splitlines() if "stopped" in x)
        shown = line.split("stopped: ", 1)[1].split("   tier")[0]
        assert shown.endswith("…") and reason.startswith(shown[:-1]), shown
        assert cell_len(shown) <= 40
        await pilot.press("left", "left")  # wraps round to Profile
        assert reason in rendered(page, "#profile")


async def test_timeline_shows_promises_at_120_and_the_key_columns_at_80(
    settings, demo_db: Path
) -> None:
    account_id = Account.get(Account.name == "华为技术").id
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "华", "为")
        table = page.query_one("#timeline", DataTable)
        head = shown_line(table, 0)
        assert "We promised" in head and "They promised" in head, head
        assert head.index("They promised") < head.index("Notes")
        assert table.max_scroll_x == 0

    activity = (
        Activity.select()
        .where((Activity.account == account_id) & (Activity.their_commitments != ""))
        .order_by(Activity.occurred_at)
        .first()
    )
    assert activity.our_commitments and activity.notes
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 40)) as pilot:
        page = await open_page(pilot, "华", "为")
        table = page.query_one("#timeline", DataTable)
        head = shown_line(table, 0)
        assert all(word in head for word in ("When", "What", "Outcome")), head
        first = shown_line(table, 1)
        assert "2026-11-20 04:00" in first, "the date is never cut"
        # A long note takes the row's two lines and ends in … on the second.
        assert not first.rstrip().endswith("…")
        assert shown_line(table, 2).rstrip().endswith("…"), "long notes end in …"
        assert table.max_scroll_x == 0

        # Enter on a row (the timeline has the focus) shows the whole activity.
        table.move_cursor(row=table.get_row_index(str(activity.id)))
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, ActivityDetail)
        texts = [str(s.render()) for s in detail.query(".activity-text").results(Static)]
        assert texts == [activity.notes, activity.our_commitments, activity.their_commitments]
        await pilot.press("escape")
        assert app.screen is page


async def test_empty_tabs_say_what_they_hold_and_which_key_adds_one(
    settings, demo_db: Path
) -> None:
    save_account({"name": "Zephyr Empty Co"})
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"zephyr")
        expected = {
            "timeline": "No activity yet: c prepares a call and logs it",
            "follow-ups": "No follow-up yet: c logs a call and schedules the next step",
            "people": "No key person yet: p adds one",
            "deals": "No deal yet: 3 opens the deal list, where a adds one",
        }
        for n, (table, words) in enumerate(expected.items()):
            if n:
                await pilot.press("right")
            await pilot.pause()
            empty = page.query_one(f"#{table}-empty", Static)
            assert empty.visible and empty.region.height == 1, table
            assert str(empty.render()) == words
            assert not page.query_one(f"#{table}", DataTable).display, table

        # A first person replaces the line with the list.
        await pilot.press("left", "left", "p", *"Ada")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        assert not page.query_one("#people-empty").display
        assert page.query_one("#people", DataTable).row_count == 1


async def test_enter_on_deals_opens_the_blue_sheet_at_once(settings, demo_db: Path) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "华", "为")
        await pilot.press("right", "right", "right")
        assert page.query_one(TabbedContent).active == "tab-deals"
        assert app.focused is page.query_one("#deals")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BlueSheetScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is page

        # With the tab bar focused (a click on a tab), enter still opens the shown tab's row.
        page.query_one("Tabs").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BlueSheetScreen)


async def test_one_coach_per_account_the_form_warns_and_saving_moves_it(
    settings, demo_db: Path
) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, "明", "远")
        await pilot.press("right", "right")  # Key people
        table = page.query_one("#people", DataTable)
        zhang = Contact.get(Contact.name == "张伟")
        table.move_cursor(row=table.get_row_index(str(zhang.id)))
        await pilot.press("o")
        form = app.screen
        assert isinstance(form, ContactForm)
        warning = form.query_one("#coach-warning", Static)
        assert not warning.display, "no warning until Coach is ticked"
        box = form.query_one("#f-is_coach", Checkbox)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and warning.display
        assert "潘东 is the coach now" in str(warning.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is page
        coaches = Contact.select().where((Contact.account == page.account_id) & Contact.is_coach)
        assert [c.name for c in coaches] == ["张伟"], "the marker moved: 潘东 is no longer coach"

        # Editing the coach themself warns about nobody.
        await pilot.press("o")
        form = app.screen
        assert isinstance(form, ContactForm)
        assert not form.query("#coach-warning")


def test_saving_a_coach_takes_the_marker_from_the_other(demo_db: Path) -> None:
    account = Account.get(Account.name.contains("明远"))
    new = save_contact({"name": "Ana", "is_coach": True}, account.id)
    coaches = Contact.select().where((Contact.account == account.id) & Contact.is_coach)
    assert [c.id for c in coaches] == [new]
    other = Account.get(Account.name == "华为技术")
    before = [
        c.id for c in Contact.select().where((Contact.account == other.id) & Contact.is_coach)
    ]
    save_contact({"name": "Bo", "is_coach": True}, account.id)
    after = [c.id for c in Contact.select().where((Contact.account == other.id) & Contact.is_coach)]
    assert before == after, "other accounts keep their coach"


async def test_a_won_back_account_keeps_why_it_stopped_as_history(settings, demo_db: Path) -> None:
    """Dormant, then existing again: Profile no longer calls it dormant, the reason stays."""
    woodgrove = Account.get(Account.name == "Woodgrove Bank")
    Account.update(relationship="existing").where(Account.id == woodgrove.id).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"woodgrove")
        assert "Dormant" not in rendered(page, "#account-header")
        await pilot.press("right", "right", "right", "right")
        profile = rendered(page, "#profile")
        assert profile.startswith("Was dormant (won back)"), profile
        assert woodgrove.stop_reason in profile


async def test_an_unjudged_account_says_its_heat_decays_at_a_default_class(
    settings, demo_db: Path
) -> None:
    save_account({"name": "Zephyr Unjudged Co"})
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"zephyr")
        why = rendered(page, "#heat-why")
        assert "not judged yet (decays as class C)" in why, why
        assert ", class C:" not in why


async def test_profile_money_has_separators_and_never_a_negative_potential(
    settings, demo_db: Path
) -> None:
    """An import can bring channels beyond the market: Profile names the problem, no -400,000."""
    from decimal import Decimal

    account_id = save_account({"name": "Zephyr Market Co"})
    Account.update(total_market=Decimal(500000), channels_not_in=Decimal(900000)).where(
        Account.id == account_id
    ).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"zephyr")
        await pilot.press("right", "right", "right", "right")
        profile = rendered(page, "#profile")
        assert "500,000" in profile and "900,000" in profile
        assert "-400,000" not in profile
        assert "cannot exceed the total market" in profile


async def test_the_page_says_the_months_it_usually_buys_in(settings, db_path: Path) -> None:
    import datetime as dt

    from followup_tui.db.models import Purchase

    account_id = save_account({"name": "Seasonal Mills", "relationship": "existing"})
    for year in (2023, 2024, 2025):
        for month in (3, 9):
            Purchase.create(account=account_id, purchased_on=dt.date(year, month, 12))
    Purchase.create(account=account_id, purchased_on=dt.date(2025, 6, 2))  # once is no habit
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"seasonal")
        assert "usually buys in: Mar, Sep" in rendered(page, "#account-header")


async def test_a_revival_call_reads_the_post_mortem_first(settings, demo_db: Path) -> None:
    from textual.widgets import Select

    from followup_tui.screens.call_script import CallScriptScreen

    woodgrove = Account.get(Account.name == "Woodgrove Bank")
    app = make_app(settings, demo_db)
    async with app.run_test(size=(150, 45)) as pilot:
        await open_page(pilot, *"woodgrove")
        await pilot.press("c")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScriptScreen)
        script = " ".join(str(call.query_one("#script-text").render()).split())
        assert script.startswith("Revival call, attempt 3 - selling starts at the fifth rejection")
        assert "Why they came to us: " + woodgrove.start_reason in script
        assert "Why they left: " + woodgrove.stop_reason in script
        assert "A revival attempt needs a new reason to call" in script
        call.query_one("#call-value", Select).value = "new_sample"
        await pilot.pause()
        script = " ".join(str(call.query_one("#script-text").render()).split())
        assert "A new sample to send" in script
        assert "needs a new reason" not in script


async def test_the_heat_tab_says_what_the_queue_says(settings, demo_db: Path) -> None:
    # Litware's follow-up is eight days off, but a best action of its deal is due:
    # the queue lists it as overdue, not cooling, and so must its heat tab.
    from followup_tui.db.queue_data import due_queue
    from tests.support import TODAY

    queue = due_queue(TODAY, settings)
    (row,) = [i for s in queue.sections for i in s.items if i.account_name == "Litware Energy"]
    assert row.section == "overdue" and "cooling" not in row.also
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, *"litware")
        why = rendered(page, "#heat-why")
        assert "Now: " in why and "Now: cooling" not in why, why

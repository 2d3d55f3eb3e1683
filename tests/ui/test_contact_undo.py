"""Removing a key person asks first, and undo gives back their history, sheet lines and links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from playhouse.shortcuts import model_to_dict
from textual.widgets import DataTable, Static, TabbedContent

from followup_tui.core.base.config import Settings
from followup_tui.db.accounts import delete_contact, restore_contact, save_contact
from followup_tui.db.models import (
    Account,
    Activity,
    Bullet,
    Contact,
    FollowUp,
    Influence,
    Landmine,
)
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.confirm import Confirm
from tests.support import TODAY, make_app

SIZE = (140, 45)


def person_with_everything() -> Contact:
    """A demo contact with activities, an open follow-up and an influence a landmine names."""
    for contact in Contact.select().order_by(Contact.id):
        has_activity = Activity.select().where(Activity.contact == contact.id).exists()
        has_open = (
            FollowUp.select()
            .where((FollowUp.contact == contact.id) & (FollowUp.done == False))  # noqa: E712
            .exists()
        )
        has_mine = (
            Landmine.select()
            .join(Influence, on=(Landmine.influence == Influence.id))
            .where(Influence.contact == contact.id)
            .exists()
        )
        if has_activity and has_open and has_mine:
            return contact
    raise AssertionError("the demo has no contact with activities, a follow-up and a landmine")


def stamp_confirmations(contact: Contact) -> None:
    """Give the person's influences confirmation stamps, so undo must carry every column."""
    activity = Activity.select().where(Activity.contact == contact.id).first()
    stamp = dt.datetime(2026, 11, 20, 9, 30)
    Influence.update(
        mode_confirmed_at=stamp,
        mode_confirmed_by=activity.id,
        rating_confirmed_at=stamp,
        rating_confirmed_by=activity.id,
        contacted=True,
        last_contacted_on=TODAY,
    ).where(Influence.contact == contact.id).execute()


def links_of(contact_id: int) -> dict[str, Any]:
    """Everything that points at a person, directly or through their influences."""
    influences = list(
        Influence.select().where(Influence.contact == contact_id).order_by(Influence.id)
    )
    ids = [i.id for i in influences]
    return {
        "contact": model_to_dict(Contact.get_by_id(contact_id), recurse=False),
        "activities": sorted(a.id for a in Activity.select().where(Activity.contact == contact_id)),
        "follow_ups": sorted(f.id for f in FollowUp.select().where(FollowUp.contact == contact_id)),
        "influences": [model_to_dict(i, recurse=False) for i in influences],
        "landmines": sorted(
            (m.id, m.influence_id) for m in Landmine.select().where(Landmine.influence.in_(ids))
        ),
        "bullets": sorted(
            (b.id, b.influence_id) for b in Bullet.select().where(Bullet.influence.in_(ids))
        ),
    }


def summary(account_id: int) -> tuple[Any, ...]:
    account = Account.get_by_id(account_id)
    return account.search_text, account.next_follow_up, account.last_contact_at


def assert_gone(contact_id: int, before: dict[str, Any]) -> None:
    assert not Contact.select().where(Contact.id == contact_id).exists()
    assert not Influence.select().where(Influence.contact == contact_id).exists()
    for model, key in ((Activity, "activities"), (FollowUp, "follow_ups")):
        rows = model.select().where(model.id.in_(before[key]))
        assert rows.count() == len(before[key]), f"{key} must outlive the person"
        assert all(r.contact_id is None for r in rows)
    for model, key in ((Landmine, "landmines"), (Bullet, "bullets")):
        rows = model.select().where(model.id.in_([i for i, _ in before[key]]))
        assert rows.count() == len(before[key]), f"{key} must outlive the influence"
        assert all(r.influence_id is None for r in rows)


def test_restore_brings_back_every_link(demo_db: Path, settings: Settings) -> None:
    contact = person_with_everything()
    stamp_confirmations(contact)
    before = links_of(contact.id)
    assert before["activities"] and before["follow_ups"] and before["landmines"]
    assert before["influences"][0]["rating_confirmed_at"] is not None
    account_before = summary(contact.account_id)

    saved = delete_contact(contact.id)
    assert_gone(contact.id, before)
    assert summary(contact.account_id) != account_before  # name and follow-up left the summary

    restore_contact(saved)
    assert links_of(contact.id) == before
    assert summary(contact.account_id) == account_before


def test_restore_of_a_person_with_nothing_tied_to_them(demo_db: Path, settings: Settings) -> None:
    contact = Contact.create(account=Account.select().first().id, name="Nobody Yet")
    before = links_of(contact.id)
    saved = delete_contact(contact.id)
    assert not Contact.select().where(Contact.id == contact.id).exists()
    restore_contact(saved)
    assert links_of(contact.id) == before


def test_a_coach_put_back_after_another_was_made_coach_is_not_a_second_coach(
    demo_db: Path,
) -> None:
    """Remove the coach, make someone else coach, undo: one coach, the later choice."""
    account = Account.create(name="Coach Test Co")
    first = save_contact({"name": "First", "is_coach": True}, account.id)
    second = save_contact({"name": "Second"}, account.id)
    saved = delete_contact(first)
    save_contact({"name": "Second", "is_coach": True}, account.id, second)
    restore_contact(saved)
    coaches = Contact.select().where((Contact.account == account.id) & Contact.is_coach)
    assert [c.id for c in coaches] == [second]
    assert Contact.get_by_id(first).name == "First"  # back, without the marker


def test_a_coach_put_back_where_nobody_took_over_is_coach_again(demo_db: Path) -> None:
    account = Account.create(name="Coach Test Two")
    first = save_contact({"name": "First", "is_coach": True}, account.id)
    restore_contact(delete_contact(first))
    assert Contact.get_by_id(first).is_coach is True



async def open_page(pilot, app, account_name: str) -> AccountPage:  # type: ignore[no-untyped-def]
    await pilot.press("2", "slash", *account_name, "enter", "enter")
    await pilot.pause()
    page = app.screen
    assert isinstance(page, AccountPage)
    assert page.account["name"] == account_name
    return page


async def test_account_page_asks_removes_and_undoes_everything(
    settings: Settings, demo_db: Path
) -> None:
    contact = person_with_everything()
    account_name = Account.get_by_id(contact.account_id).name
    before = links_of(contact.id)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, app, account_name)
        await pilot.press("delete")  # switches to Key people and asks about the first row
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is page
        table = page.query_one("#people", DataTable)
        assert app.focused is table
        assert table.row_count == len(Contact.select().where(Contact.account == contact.account_id))

        table.move_cursor(row=table.get_row_index(str(contact.id)))
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        question = str(dialog.query_one("#confirm-question", Static).render())
        assert question == (
            f"Remove {contact.name} from {account_name}? Their history stays; u undoes."
        )
        await pilot.press("n")
        await pilot.pause()
        assert links_of(contact.id) == before, "n keeps the person"

        await pilot.press("delete", "y")
        await pilot.pause()
        assert app.screen is page
        assert_gone(contact.id, before)

        await pilot.press("u")
        await pilot.pause()
        assert links_of(contact.id) == before
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == str(
            contact.id
        )
        assert app.focused is table


async def test_key_people_tab_takes_the_arrow_keys(settings: Settings, demo_db: Path) -> None:
    contact = person_with_everything()
    account_name = Account.get_by_id(contact.account_id).name
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, app, account_name)
        tabs = page.query_one(TabbedContent)
        table = page.query_one("#people", DataTable)
        assert table.row_count > 1

        await pilot.click("#--content-tab-tab-people")  # by mouse
        await pilot.pause()
        assert tabs.active == "tab-people" and app.focused is table
        await pilot.press("down")
        assert table.cursor_row == 1

        tabs.active = "tab-timeline"
        await pilot.pause()
        page.query_one("ContentTabs").focus()  # by keyboard, from the tab strip
        await pilot.press("right", "right")
        await pilot.pause()
        assert tabs.active == "tab-people" and app.focused is table
        await pilot.press("down")
        assert table.cursor_row == 2

"""The call script a rep can make the call from (issue 14, items 1-3).

The person first (numbers in full, their time, their hours, a key that copies the
number), the value section prepared from the data and kept as a draft, a bridge
with content and a question for this person.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Input, Select

from followup_tui.core.base.config import load_settings
from followup_tui.core.call.value_offers import ValueDraft
from followup_tui.db.models import Account, Activity, Contact, NoteDraft, TalkingPoint
from followup_tui.screens.account_page import AccountPage
from followup_tui.screens.call_script import CallScriptScreen
from followup_tui.screens.due_queue import DueQueueScreen
from followup_tui.screens.talking_point_form import TalkingPointForm
from followup_tui.screens.talking_point_list import TalkingPoints
from tests.support import TODAY, make_app
from tests.ui.test_call_script import open_call
from tests.ui.test_zh_ui import screen_text

LONG_NUMBER = "+86 139 0000 1234"
SECOND_NUMBER = "+86 191 2345 6789"
# 11:00 in Shanghai: inside 潘东's hours (the demo gives him 09:00-17:30).
# A Friday: on their weekend nobody is inside their hours (see the weekend test).
MORNING_IN_CHINA = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
# 07:30 in Shanghai: before his hours.
DAWN_IN_CHINA = dt.datetime(2026, 11, 19, 23, 30, tzinfo=dt.UTC)


def pan() -> Contact:
    """The coach at 上海明远, the first call on the demo's queue."""
    return Contact.get(Contact.name == "潘东")


def give_pan_two_long_numbers() -> None:
    Contact.update(phone=f"{LONG_NUMBER} / {SECOND_NUMBER}").where(Contact.id == pan().id).execute()


def card(screen: CallScriptScreen) -> str:
    """The person card's rows of the screen as the terminal shows them (side panel included)."""
    region = screen.query_one("#call-person").region
    rows = screen_text(screen.app).splitlines()[region.y : region.y + region.height]
    return "\n".join(rows)


def script_text(screen: CallScriptScreen) -> str:
    return str(screen.query_one("#script-text").render())


def part(script: str, number: int) -> str:
    """One numbered part of the script, its heading included."""
    return script.split(f"\n{number}. " if number > 1 else "1. ", 1)[1].split(f"{number + 1}. ")[0]


# -- 1. a number to dial -------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_script_opens_with_the_person_and_every_number_in_full(
    settings, demo_db, size
) -> None:
    give_pan_two_long_numbers()
    app = make_app(settings, demo_db, now=MORNING_IN_CHINA)
    async with app.run_test(size=size) as pilot:
        screen = await open_call(pilot, app)
        text = card(screen)
        first = text.splitlines()[0]
        assert "潘东" in first and "Coach" in first and "Growth" in first
        assert LONG_NUMBER in text and SECOND_NUMBER in text, text
        assert "pan.dong@" in text
        assert "11:00 (Asia/Shanghai)" in text
        assert "inside their hours 09:00-17:30" in text
        assert "Last contact" in text
        # The card is at the top of the script, on screen without scrolling.
        person = screen.query_one("#call-person")
        assert person.region.y <= 2 and person.region.height >= 6


async def test_outside_their_hours_says_so(settings, demo_db) -> None:
    app = make_app(settings, demo_db, now=DAWN_IN_CHINA)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        assert "07:30 (Asia/Shanghai), outside their hours 09:00-17:30" in card(screen)


async def test_their_weekend_is_outside_their_hours(settings, demo_db) -> None:
    """Sunday 11:00 in Shanghai was 'inside their hours': a business line is not called then."""
    sunday_morning = dt.datetime(2026, 11, 22, 3, 0, tzinfo=dt.UTC)
    app = make_app(settings, demo_db, now=sunday_morning)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        # The card's own column, read without the script column beside it.
        said = " ".join(line.split("│")[0].strip() for line in card(screen).splitlines())
        assert "Sunday 11:00 (Asia/Shanghai), their weekend (hours 09:00-17:30" in said, said
        assert "on weekdays)" in said


async def test_the_copy_key_puts_the_number_on_the_clipboard_and_says_so(settings, demo_db) -> None:
    give_pan_two_long_numbers()
    app = make_app(settings, demo_db, now=MORNING_IN_CHINA)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_call(pilot, app)
        await pilot.press("f9")
        await pilot.pause()
        assert app.clipboard == "+8613900001234"
        said = [n.message for n in app._notifications]
        assert any("Copied +8613900001234 (潘东)" in message for message in said), said
        # In the palette, under the call's category, in either language.
        titles = [c.title for c in app.get_system_commands(screen)]
        assert any("Copy number" in title for title in titles), titles
        assert any(b.id == "call.copy_number" for b in screen._bindings.key_to_bindings["f9"])


async def test_a_number_with_an_extension_is_shown_whole_and_dialled_without_it(
    settings, demo_db
) -> None:
    """QA: '+86 10 1234 5678 ext 12': the copy key must give the line, the card all of it."""
    typed = "+86 10 1234 5678 ext 12"
    Contact.update(phone=typed).where(Contact.id == pan().id).execute()
    app = make_app(settings, demo_db, now=MORNING_IN_CHINA)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_call(pilot, app)
        assert typed in card(screen)
        await pilot.press("f9")
        await pilot.pause()
        assert app.clipboard == "+861012345678"
        said = [n.message for n in app._notifications]
        assert any("extension 12" in message for message in said), said


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        (
            "Walked through the licence comparison with procurement and the plant manager, "
            "who wants the phase 2 servers reused",
            "and the plant manager,…",  # 80 cells would end in "who w"
        ),
        (
            "潘东确认了二期服务器可以复用一期的设备，但需要IT部门的书面批准，"
            "预计下周五之前给出答复并安排现场勘查",
            "预计下周五之前…",  # 40 characters of two cells each, "IT" two of one
        ),
    ],
)
async def test_the_last_contacts_are_cut_at_a_word_with_an_ellipsis(
    settings, demo_db, note, kept
) -> None:
    """QA: the side panel cut the last contacts mid-word ("licen") and said nothing of it."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        shown_first = screen.call.history[0]
        Activity.update(notes=note).where(Activity.id == shown_first.id).execute()
        await pilot.press("escape", "enter")
        await pilot.pause()
        side = " ".join(str(app.screen.query_one("#call-side").render()).split())
        assert kept in side, side
        assert note[note.index(kept[:-1]) + len(kept) - 1 :] not in side


async def test_the_copy_key_is_remappable(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({"call.copy_number": "f12"})
        await open_call(pilot, app)
        await pilot.press("f9")  # the default no longer
        await pilot.pause()
        assert app.clipboard == ""
        await pilot.press("f12")
        await pilot.pause()
        assert app.clipboard.startswith("+86")


async def test_a_person_without_a_number_is_told_where_to_add_one(settings, demo_db) -> None:
    Contact.update(phone="").where(Contact.id == pan().id).execute()
    Account.update(phone="").where(Account.id == pan().account_id).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_call(pilot, app)
        assert "no number yet" in card(screen)
        await pilot.press("f9")
        await pilot.pause()
        assert app.clipboard == ""
        assert any("No phone number for 潘东" in n.message for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_account_page_shows_phone_numbers_in_full(settings, demo_db, size) -> None:
    for person in Contact.select().where(Contact.account == pan().account_id):
        Contact.update(phone=LONG_NUMBER).where(Contact.id == person.id).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "slash", "明", "远", "enter", "enter")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, AccountPage)
        await pilot.press("right", "right")  # Key people
        await pilot.pause()
        table = page.query_one("#people", DataTable)
        phone_column = 4
        cells = [str(table.get_row_at(row)[phone_column]) for row in range(table.row_count)]
        assert cells and all(cell == LONG_NUMBER for cell in cells), cells


# -- 2. something new, prepared and kept ---------------------------------------------------


async def test_the_value_section_offers_what_the_data_holds(settings, demo_db) -> None:
    last = (
        Activity.select()
        .where((Activity.contact == pan().id) & (Activity.kind != "note"))
        .order_by(Activity.occurred_at.desc())
        .get()
    )
    Activity.update(
        notes="Asked about the licence count.\nCan phase 2 reuse the phase 1 servers?",
        our_commitments="send the licence comparison",
        their_commitments="ask IT for the server list",
    ).where(Activity.id == last.id).execute()
    TalkingPoint.create(text_en="MES 5.2 is out: batch genealogy", text_zh="MES 5.2 发布")
    TalkingPoint.create(
        text_en="Expo in October", text_zh="十月展会", expires_on=TODAY - dt.timedelta(days=1)
    )
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        value = part(script_text(screen), 4)
        for offered in (
            "The answer we promised: send the licence comparison",
            "Left open last time: Can phase 2 reuse the phase 1 servers",
            "They were going to: ask IT for the server list",
            "Best action due",
            "Confirm the price on 产线改造 MES 授权扩容: 860,000 CNY",
            "MES 5.2 is out: batch genealogy",
        ):
            assert offered in value, value
        assert "Expo in October" not in value  # expired yesterday
        assert "f3 picks the next" in value


async def test_one_key_picks_a_value_and_it_survives_esc_and_a_restart(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        assert "Nothing new of value" in script_text(screen)
        await pilot.press("f3")
        await pilot.pause()
        picked = screen.offers[0].text
        value = part(script_text(screen), 4)
        assert f"▶ {picked}" in value and "Nothing new of value" not in script_text(screen)
        row = NoteDraft.get(NoteDraft.context == screen.value_key)
        assert ValueDraft.from_text(row.text).offer_text == picked
        await pilot.press("f3")  # the next one
        await pilot.pause()
        second = screen.offers[1].text
        assert (
            ValueDraft.from_text(
                NoteDraft.get(NoteDraft.context == screen.value_key).text
            ).offer_text
            == second
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        await pilot.press("enter")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, CallScriptScreen)
        assert f"▶ {second}" in part(script_text(again), 4)
    # A restart (or a crash: the draft is written as it is picked) brings it back too.
    restarted = make_app(settings, demo_db)
    async with restarted.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, restarted)
        assert f"▶ {second}" in part(script_text(screen), 4)
        assert second in part(script_text(screen), 4).split("\n")[1]


async def test_the_value_form_shows_the_value_picked_with_one_key(settings, demo_db) -> None:
    """QA: f3 picked a value, f2 opened the value form without it."""
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        await pilot.press("f3", "f3")
        await pilot.pause()
        picked = screen.offers[1].text
        await pilot.press("f2")
        await pilot.pause()
        assert screen.query_one("#call-value-text", Input).value == picked
        # Shown, not typed: the draft still names the offer, so f3 goes on from it.
        kept = ValueDraft.from_text(NoteDraft.get(NoteDraft.context == screen.value_key).text)
        assert (kept.offer_key, kept.typed) == (screen.offers[1].key, "")
        # Reworded in the form, the rep's words are what the call brings.
        typed = screen.query_one("#call-value-text", Input)
        typed.focus()
        await pilot.press("end", *" today")
        await pilot.pause()
        kept = ValueDraft.from_text(NoteDraft.get(NoteDraft.context == screen.value_key).text)
        assert kept.typed == f"{picked} today"
        assert f"{picked} today" in part(script_text(screen), 4)
        # Emptied, nothing is picked any more (the offer does not come back by itself).
        typed.value = ""
        await pilot.pause()
        assert not NoteDraft.select().where(NoteDraft.context == screen.value_key).exists()
    restarted = make_app(settings, demo_db)
    async with restarted.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, restarted)
        await pilot.press("f3")
        await pilot.pause()
    again = make_app(settings, demo_db)
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, again)
        # After a restart the form still shows the pick.
        assert screen.query_one("#call-value-text", Input).value == screen.offers[0].text


async def test_a_typed_value_survives_esc_and_a_restart(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        value_key = screen.value_key
        await pilot.press("f2")  # the script's inputs: purpose first
        await pilot.pause()
        typed = screen.query_one("#call-value-text", Input)
        typed.focus()
        await pilot.press(*"new torque sensor")
        await pilot.pause()
        assert "new torque sensor" in part(script_text(screen), 4)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        row = NoteDraft.get(NoteDraft.context == value_key)
        assert ValueDraft.from_text(row.text).typed == "new torque sensor"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#call-value-text", Input).value == "new torque sensor"
    restarted = make_app(settings, demo_db)
    async with restarted.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, restarted)
        assert screen.query_one("#call-value-text", Input).value == "new torque sensor"
        assert "new torque sensor" in part(script_text(screen), 4)


async def test_logging_the_call_forgets_the_value_draft(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(150, 45)) as pilot:
        screen = await open_call(pilot, app)
        value_key = screen.value_key
        await pilot.press("f3")
        await pilot.pause()
        assert NoteDraft.select().where(NoteDraft.context == value_key).exists()
        await pilot.press(*"ok", "ctrl+s")
        await pilot.pause()
        await pilot.press("m")  # meeting booked: focus goes to the next date
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DueQueueScreen)
        assert not NoteDraft.select().where(NoteDraft.context == value_key).exists()


@pytest.mark.parametrize(
    ("typed", "expires"),
    [
        ("+1m", dt.date(2026, 12, 22)),
        ("2周后", dt.date(2026, 12, 6)),
        ("下周一", dt.date(2026, 11, 23)),  # TODAY is a Sunday
        ("2027-01-31", dt.date(2027, 1, 31)),
    ],
)
async def test_a_talking_points_expiry_reads_dates_as_the_app_does(
    tmp_path, demo_db, typed, expires
) -> None:
    """QA: the expiry refused +1m and the other forms every date field takes."""
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    app = make_app(load_settings(config), demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_call(pilot, app)
        await pilot.press("f8", "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TalkingPointForm)
        form.query_one("#point-zh", Input).value = "十二月展会"
        form.query_one("#point-expires", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert TalkingPoint.get().expires_on == expires


async def test_talking_points_are_kept_in_the_app_in_both_languages(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_call(pilot, app)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, TalkingPoints)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TalkingPointForm)
        form.query_one("#point-en", Input).value = "Case: Midea cut changeover by 30%"
        form.query_one("#point-zh", Input).value = "案例：美的换线时间缩短30%"
        form.query_one("#point-expires", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # a bad day is said inline, nothing written
        said = str(form.query_one("#point-error").render())
        assert "Expires" in said and '"someday"' in said and "+1m" in said
        assert TalkingPoint.select().count() == 0
        form.query_one("#point-expires", Input).value = "+1m"  # as every date field reads it
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TalkingPoints)
        point = TalkingPoint.get()
        assert (point.text_en, point.text_zh) == (
            "Case: Midea cut changeover by 30%",
            "案例：美的换线时间缩短30%",
        )
        assert point.expires_on == dt.date(2026, 12, 22)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#point-en", Input).value = "Case: Midea, 30% faster changeover"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert TalkingPoint.get().text_en == "Case: Midea, 30% faster changeover"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "Case: Midea, 30% faster changeover" in [o.text for o in screen.offers]
        await pilot.press("f8", "d")
        await pilot.pause()
        await pilot.press("n")  # asked first: no keeps it
        await pilot.pause()
        assert TalkingPoint.select().count() == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert TalkingPoint.select().count() == 0
        assert "Case: Midea" not in part(script_text(screen), 4)


async def test_talking_points_are_offered_in_the_language_of_the_app(tmp_path, demo_db) -> None:
    config = tmp_path / "zh.yaml"
    config.write_text("language: zh\n", encoding="utf-8")
    zh = load_settings(config)
    TalkingPoint.create(text_en="MES 5.2 is out", text_zh="MES 5.2 发布了")
    TalkingPoint.create(text_en="English only", text_zh="")
    app = make_app(zh, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        texts = [offer.text for offer in screen.offers]
        assert "MES 5.2 发布了" in texts and "English only" in texts
        assert "MES 5.2 is out" not in texts


# -- 3. a bridge with content, a question for this person ---------------------------------


async def test_the_bridge_quotes_what_the_last_contact_was_about(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        bridge = part(script_text(screen), 2)
        source = screen.call.history and next(
            a for a in screen.call.history if a.contact_id == screen.contact_id
        )
        first = source.notes.splitlines()[0].rstrip("。.")
        assert "That was about: " in bridge
        assert "".join(first.split())[:20] in "".join(bridge.split()), bridge


async def test_the_opening_question_follows_the_persons_mode_and_role(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        assert (screen.call.role, screen.call.mode) == ("coach", "growth")
        question = part(script_text(screen), 6)
        expected = settings.data["questions"]["by_mode_role"]["growth"]["coach"]["en"]
        assert expected[:40] in " ".join(question.split())


async def test_what_was_chosen_last_is_what_the_call_brings(settings, demo_db) -> None:
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_call(pilot, app)
        await pilot.press("f3")
        await pilot.pause()
        screen.query_one("#call-value", Select).value = "case_study"
        await pilot.pause()
        kept = NoteDraft.get(NoteDraft.context == screen.value_key)
        draft = ValueDraft.from_text(kept.text)
        assert (draft.reason, draft.offer_key) == ("case_study", "")
        value = part(script_text(screen), 4)
        assert value.split("\n")[1].strip() == "A result from a similar customer"
        assert "▶" not in value
        # Typed text is said over both; a pick after it takes its place and clears it.
        screen.query_one("#call-value-text", Input).value = "the new torque sensor"
        await pilot.pause()
        assert part(script_text(screen), 4).split("\n")[1].strip() == "the new torque sensor"
        await pilot.press("f3")
        await pilot.pause()
        # The form shows the pick in place of the typed text, which is let go.
        assert screen.query_one("#call-value-text", Input).value == screen.offers[0].text
        kept = NoteDraft.get(NoteDraft.context == screen.value_key)
        assert ValueDraft.from_text(kept.text).typed == ""
        assert part(script_text(screen), 4).split("\n")[1].strip() == screen.offers[0].text


async def test_copying_the_switchboard_says_it_is_not_their_own(settings, demo_db) -> None:
    """QA: with no number of their own, the switchboard was copied 'as' the person's."""
    Contact.update(phone="").where(Contact.id == pan().id).execute()
    Account.update(phone="+86 21 6891 0000").where(Account.id == pan().account_id).execute()
    app = make_app(settings, demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_call(pilot, app)
        await pilot.press("f9")
        await pilot.pause()
        assert app.clipboard == "+862168910000"
        said = [n.message for n in app._notifications]
        theirs = "潘东 has no number of their own"
        assert any(theirs in m and "switchboard" in m for m in said), said

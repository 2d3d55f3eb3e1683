"""The blue sheet screen: built from scratch by keyboard, walked in review, shown to a room."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

from textual.widgets import DataTable, Input, OptionList, Select, Static

from followup_tui.core.sheet.completeness import completeness
from followup_tui.db import sheets
from followup_tui.db.accounts import save_account, save_contact
from followup_tui.db.models import (
    BestAction,
    Bullet,
    Contact,
    DealReview,
    Influence,
    Landmine,
    SignalAnswer,
)
from followup_tui.screens.deals import DealsScreen
from followup_tui.screens.help import HelpScreen
from followup_tui.screens.sheet.blue_sheet import BlueSheetScreen
from followup_tui.screens.sheet.sheet_action_form import ActionForm
from followup_tui.screens.sheet.sheet_choice import ChoicePicker
from followup_tui.screens.sheet.sheet_influence_form import InfluenceForm
from followup_tui.screens.sheet.sheet_keys import SHEET_BINDINGS
from followup_tui.screens.sheet.sheet_mine_form import BulletForm, LandmineForm
from tests.support import TODAY, make_app

SIZE = (130, 40)


async def open_sheet(app, pilot, deal_id: int, results: list[Any] | None = None) -> BlueSheetScreen:
    screen = BlueSheetScreen(deal_id)
    await app.push_screen(screen, None if results is None else results.append)
    await pilot.pause()
    return screen


async def pick(pilot, form, field: str, *moves: str) -> None:
    """Choose in a Select by keyboard: open it, move, confirm."""
    form.query_one(f"#f-{field}", Select).focus()
    await pilot.pause()
    await pilot.press("enter", *moves, "enter")
    await pilot.pause()


async def type_into(pilot, form, field: str, text: str) -> None:
    form.query_one(f"#f-{field}").focus()
    await pilot.pause()
    await pilot.press(*text)


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def table_text(screen, table_id: str) -> str:
    table = screen.query_one(table_id, DataTable)
    return "\n".join(
        " | ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)
    )


def static_text(screen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


def review_text(screen) -> str:
    return static_text(screen, "#review-body")


def scratch_deal() -> tuple[int, int, list[int]]:
    """An account with two key people and an empty deal on it."""
    account = save_account({"name": "苏州精工机械"})
    people = [
        save_contact({"name": "陈总", "title": "总经理"}, account),
        save_contact({"name": "李工", "title": "设备主管"}, account),
    ]
    deal = sheets.save_deal(
        {"account": account, "title": "设备联网一期", "status": "in_progress", "funnel": "in"}
    )
    return account, deal, people


class Keys:
    """Presses keys and counts the command keys among them (typed text is not counted)."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.commands = 0

    async def __call__(self, *keys: str) -> None:
        self.commands += len(keys)
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)
        await self.pilot.pause()


async def test_build_a_sheet_from_scratch_by_keyboard(settings, db_path) -> None:
    """The demo task: a deal, three people, a landmine linked to a bullet, a best action."""
    account, _deal, (boss, engineer) = scratch_deal()
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        press = Keys(pilot)
        await pilot.pause()
        await press("3", "a")  # the deal list, a new deal: which account?
        await press.type("苏州")
        await press("enter")
        await press.type("边缘网关")
        await press("ctrl+s")  # saved, and its empty sheet opens
        sheet = app.screen
        assert isinstance(sheet, BlueSheetScreen)
        deal_id = sheet.deal_id
        assert sheets.load_sheet(deal_id).deal.title == "边缘网关"
        assert "OUT OF CONTROL" in static_text(sheet, "#sheet-head")

        # Three influences: the account's two key people and one added on the spot.
        await press("i", "a")
        assert isinstance(app.screen, ChoicePicker)
        await press("enter")  # the cursor starts on the first person not on the sheet
        assert isinstance(app.screen, InfluenceForm)
        await press("e", "tab", "g", "tab", "tab")  # economic buyer, growth, to the rating
        await press.type("-4")  # a rating is typed, not ten arrow presses
        await press("ctrl+s")
        assert app.screen is sheet
        eb = Influence.get(Influence.deal == deal_id)
        assert (eb.role, eb.mode, eb.rating) == ("economic_buyer", "growth", -4)
        assert eb.rating_confirmed_at is not None  # evidence age starts now

        await press("a")  # the picker keeps its order: the first person is marked, not gone
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3 and options.highlighted == 1
        assert "✓" in str(options.get_option_at_index(0).prompt)
        await press("enter", "t", "tab", "tab", "tab", "tab", "tab")  # technical, to the date
        await press.type("2026-11-20")
        await press("ctrl+s")
        tech = Influence.get(Influence.deal == deal_id, Influence.role == "technical_buyer")
        assert tech.contacted and tech.last_contacted_on == dt.date(2026, 11, 20)

        await press("a")  # both key people are on the sheet: the cursor is on "new person"
        await press("enter")
        assert app.screen.__class__.__name__ == "ContactForm"
        await press.type("王芳")
        await press("ctrl+s")
        assert isinstance(app.screen, InfluenceForm)
        await press("c", "ctrl+s")  # a coach
        newcomer = Contact.get(Contact.name == "王芳")
        assert newcomer.account_id == account
        coach = Influence.get(Influence.contact == newcomer.id)
        assert coach.role == "coach" and coach.deal_id == deal_id
        assert {boss, engineer} <= {i.contact_id for i in Influence.select()}

        # A landmine and the new bullet that disarms it, in one form.
        await press("m", "a")
        assert isinstance(app.screen, LandmineForm)
        await press.type("集团可能统一采购")
        await press("tab", "tab")  # past "disarmed by" (no bullet yet) to a new bullet
        await press.type("一期数据证明停机减少三成")
        await press("ctrl+s")
        mine = Landmine.get(Landmine.deal == deal_id)
        bullet = Bullet.get(Bullet.deal == deal_id)
        assert mine.text == "集团可能统一采购" and mine.bullet_id == bullet.id
        assert bullet.text == "一期数据证明停机减少三成"
        assert "一期数据证明" in table_text(sheet, "#landmines")

        # A best action aimed at the landmine, due in three days.
        await press("b", "a")
        assert isinstance(app.screen, ActionForm)
        await press.type("请陈总确认采购方式")
        await press("tab")
        await press.type("+3d")
        await press("tab", "enter", "down", "enter")  # aimed at the landmine
        await press("ctrl+s")
        action = BestAction.get(BestAction.deal == deal_id)
        assert action.due == TODAY + dt.timedelta(days=3)
        assert action.landmine_id == mine.id and not action.done
        assert action.who == settings.rep_name

        await press("escape")
        assert press.commands < 60, press.commands
        assert isinstance(app.screen, DealsScreen)


async def test_signals_remove_and_undo_by_keyboard(settings, db_path) -> None:
    _account, deal_id, (boss, _engineer) = scratch_deal()
    sheets.save_influence({"deal": deal_id, "contact": boss, "role": "coach"})
    app = make_app(settings, db_path)
    results: list[Any] = []
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id, results)
        # A few signals, one key per answer; they read yes / no as the question does.
        await pilot.press("w", "plus", "minus", "0")
        answers = {s.signal: s.answer for s in SignalAnswer.select()}
        expected = {"many_questions": "good", "spends_time": "bad", "senior_access": "unknown"}
        assert answers == expected
        shown = table_text(sheet, "#signals").splitlines()
        assert shown[0].endswith("Yes | Yes ✓") and shown[1].endswith("Yes | No ✗")
        assert shown[2].endswith("Unknown ?")
        table = sheet.query_one("#signals", DataTable)
        table.move_cursor(row=table.row_count - 1)  # a trap: its good answer is no
        await pilot.press("plus")
        assert shown != table_text(sheet, "#signals")
        assert table_text(sheet, "#signals").splitlines()[-1].endswith("No | No ✓")
        assert "Bad" not in table_text(sheet, "#signals")

        # Remove a person and undo it.
        await pilot.press("i")
        assert sheet.section == "influences"
        await pilot.press("x")
        assert Influence.select().where(Influence.deal == deal_id).count() == 0
        await pilot.press("u")
        assert Influence.select().where(Influence.deal == deal_id).count() == 1
        await pilot.press("escape")
        await pilot.pause()
    assert results == [True]


async def test_a_bullet_of_its_own_then_linked_to_a_landmine(settings, db_path) -> None:
    _account, deal_id, (boss, _engineer) = scratch_deal()
    sheets.save_influence({"deal": deal_id, "contact": boss, "role": "economic_buyer"})
    mine = sheets.save_landmine({"deal": deal_id, "text": "集团可能统一采购", "category": "other"})
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        await pilot.press("m", "tab", "a")  # to the bullets table, add one there
        form = app.screen
        assert isinstance(form, BulletForm)
        await type_into(pilot, form, "text", "一期数据证明停机减少三成")
        await pick(pilot, form, "influence", "down")  # tie it to the first person
        await save(pilot)
        bullet = Bullet.get(Bullet.deal == deal_id)
        assert bullet.influence_id is not None
        await pilot.press("shift+tab", "k")
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("enter")
        assert Landmine.get_by_id(mine).bullet_id == bullet.id
        assert "一期数据证明" in table_text(sheet, "#landmines")


async def test_sso_position_fit_forms_and_item_keys(settings, db_path) -> None:
    _account, deal_id, _people = scratch_deal()
    mine = sheets.save_landmine({"deal": deal_id, "text": "预算未批", "category": "unknown_info"})
    act = sheets.save_action({"deal": deal_id, "what": "见财务", "due": TODAY, "target": "预算"})
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        await pilot.press("s", "e")
        form = app.screen
        for key, text in (
            ("customer", "签了保密协议"),
            ("product", "二十台设备联网"),
            ("amount", "预算表"),
            ("completion_date", "年底前上线"),
            ("status", "已做方案"),
        ):
            form.query_one(f"#f-evidence_{key}").value = text  # type: ignore[attr-defined]
        await type_into(pilot, form, "amount", "350,000")
        await save(pilot)
        deal = sheets.load_sheet(deal_id).deal
        assert deal.evidence("status") == "已做方案" and deal.amount == 350000
        assert "OUT OF CONTROL" not in static_text(sheet, "#sheet-head")

        await pilot.press("p", "e")
        await pick(pilot, app.screen, "position", "down", "down", "down", "down")  # +2
        await pick(pilot, app.screen, "alternate_position", "down", "down", "down")  # +3
        await type_into(pilot, app.screen, "position_why", "教练支持")
        await save(pilot)
        deal = sheets.load_sheet(deal_id).deal
        assert (deal.position, deal.alternate_position) == (2, 3)
        assert deal.position_confirmed_at is not None and deal.position_why == "教练支持"
        assert "Confident (+2)" in str(sheet.query_one("#position", Static).render())

        await pilot.press("f", "e")
        await pick(pilot, app.screen, "fit_credit", "up", "up")  # unknown -> good
        await save(pilot)
        assert sheets.load_sheet(deal_id).deal.fit_credit == "good"

        await pilot.press("m", "r")
        assert Landmine.get_by_id(mine).resolved
        await pilot.press("b", "d")
        done = BestAction.get_by_id(act)
        assert done.done and done.done_on == TODAY
        await pilot.press("escape", "n")  # outside review mode, n is the app's quick note
        await pilot.pause()
        assert app.screen.__class__.__name__ == "QuickNote"


async def test_review_walks_the_sheet_records_it_and_diffs_the_next(settings, demo_db) -> None:
    deal_id = sheets.find_deal("Cold-chain")
    assert sheets.last_review(deal_id) is None
    before = sheets.load_sheet(deal_id)
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        await pilot.press("v")
        assert "First review" in review_text(sheet)
        assert "REVIEW 1/9" in static_text(sheet, "#sheet-head")
        await pilot.press("n")  # SSO
        assert sheet.section == "sso"
        await pilot.press("n", "n")  # position, influences
        assert sheet.section == "influences"
        await pilot.press("p")  # back to the position, not the position tab's key
        assert sheet.section == "position" and sheet.walk.current == "position"
        await pilot.press("c", *"Why only Concerned?", "enter")
        assert sheet.walk.comments == {"position": "Why only Concerned?"}
        for _ in range(5):  # influences, landmines, fit, actions, signals
            await pilot.press("n")
        gaps = sheets.load_sheet(deal_id)
        questions = completeness(gaps, TODAY, settings).sections["signals"]
        for question in questions:
            assert question in review_text(sheet)
        await pilot.press("n")  # the score
        assert sheet.walk.last
        score = completeness(sheets.load_sheet(deal_id), TODAY, settings).score
        assert f"{score}/100" in review_text(sheet)
        reviews = DealReview.select().where(DealReview.deal == deal_id)
        assert reviews.count() == 0  # nothing recorded until the end
        await pilot.press("n")  # finish
        assert sheet.walk is None
        review = DealReview.get(DealReview.deal == deal_id)
        assert review.score == score and review.reviewed_on == TODAY
        assert "Position: Why only Concerned?" in review.comments
        stored = json.loads(review.snapshot)
        assert stored["deal"]["title"] == before.deal.title and stored["influences"]
        # The day's judgement is kept, so the next review can say it moved.
        assert stored["completeness"] == score and stored["verdict"] == sheet.view.verdict.kind
        assert stored["found"] == len(sheet.view.found)
        after = sheets.load_sheet(deal_id)
        assert replace(after, reviews=()) == replace(before, reviews=())  # the walk changed no
        assert [r.comments for r in after.reviews][-1] == review.comments  # ...but its history

        # The rep edits, and the next review opens with what changed.
        await pilot.press("w", "minus")  # first signal: good -> bad
        await pilot.press("v")
        changes = review_text(sheet)
        assert f"since the review of {TODAY}" in changes
        assert "Does the customer ask us many questions?" in changes
        await pilot.press("escape")  # leave without recording
        assert sheet.walk is None and reviews.count() == 1


async def test_what_changed_says_the_score_moved_since_a_review_that_kept_only_its_row(
    settings, demo_db
) -> None:
    """The demo's review of 明远 kept its score (42) in its row, not in its snapshot."""
    deal_id = sheets.find_deal("产线改造")
    last = sheets.last_review(deal_id)
    assert last is not None and last["score"] == 42 and "completeness" not in last["snapshot"]
    now = completeness(sheets.load_sheet(deal_id), TODAY, settings).score
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        await pilot.press("v")
        assert f"Completeness: 42 → {now}" in review_text(sheet)


async def test_comments_stay_from_one_review_to_the_next(settings, demo_db) -> None:
    deal_id = sheets.find_deal("Cold-chain")
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        assert "Never reviewed" in str(sheet.query_one("#overview").render())
        await pilot.press("v", "c")  # the first step takes a comment too
        assert isinstance(app.focused, Input)
        await pilot.press(*"Start from the EB", "enter")
        await pilot.press("n", "n", "c", *"Why only Concerned?", "enter")
        while not sheet.walk.last:
            await pilot.press("n")
        await pilot.press("c", "tab", *"Zhang Wei", "enter")  # who led it, on the last step
        await pilot.press("n")
        assert sheet.walk is None
        review = DealReview.get(DealReview.deal == deal_id)
        assert review.reviewer == "Zhang Wei" and review.verdict == sheet.view.verdict.kind
        assert review.comments.splitlines() == [
            "What changed: Start from the EB",
            "Position: Why only Concerned?",
        ]
        await pilot.press("o")
        overview = str(sheet.query_one("#overview").render())
        assert f"Last review: {TODAY}  ·  Zhang Wei" in overview
        assert "Start from the EB" in overview
        await pilot.press("l")
        found = static_text(sheet, "#found")
        assert "Review history (1)" in found and "Why only Concerned?" in found

        await pilot.press("v")  # the next review opens with what the last one said
        shown = review_text(sheet)
        assert f"What the review of {TODAY} said:" in shown
        assert "Start from the EB" in shown and "Why only Concerned?" in shown


async def test_presentation_mode_masks_every_judgement_and_keeps_the_structure(
    settings, demo_db
) -> None:
    deal_id = sheets.find_deal("Warehouse condition")
    sheet_data = sheets.load_sheet(deal_id)
    kevin = next(i for i in sheet_data.influences if i.name == "Kevin Liu")
    olivia = next(i for i in sheet_data.influences if i.name == "Olivia Brooks")
    sheets.record_review(deal_id, TODAY, "Sections: the IT manager is soft", 90, {})
    # Tied to Olivia: the link, not her name in the words, is what masks it.
    sheets.save_landmine(
        {
            "deal": deal_id,
            "text": "The ops lead may favour the incumbent",
            "category": "other",
            "influence": olivia.id,
        }
    )
    sheets.save_landmine({"deal": deal_id, "text": "Freight rates rise in Q1", "category": "other"})
    # Tied to nobody, but it names Kevin (by his first name): masked all the same.
    sheets.save_landmine(
        {"deal": deal_id, "text": "kevin wants a discount first", "category": "other"}
    )
    emma = next(i for i in sheet_data.influences if i.role == "coach")
    # The rep wrote who in Chinese: "教练" names the coach though the screen speaks English.
    sheets.save_action(
        {
            "deal": deal_id,
            "who": "教练",
            "what": "Get the org chart",
            "due": TODAY - dt.timedelta(3),
        },
        today=TODAY,
    )
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        overview = str(sheet.query_one("#overview").render())
        assert "First choice" in overview and "Comfortable" not in overview
        assert "Elated (+4)" in overview and "IT manager is soft" in overview
        await pilot.press("P")
        head = static_text(sheet, "#sheet-head")
        assert "PRESENTATION" in head and "First choice" not in head
        overview = str(sheet.query_one("#overview").render())
        for secret in ("Elated", "+3", "Even Keel", "Coach", "教练", "soft", "may favour"):
            assert secret not in overview, secret
        # The coach is left out: no row, no place in the count, no name anywhere.
        assert emma.name not in overview
        # The structure stays: the other people, their roles, the counts.
        assert "Kevin Liu" in overview and "Economic Buyer" in overview
        assert "3 people, 3 contacted" in overview and "Top landmines" in overview
        assert "Me: Run the dock-door" in overview  # the rep's own actions say who

        await pilot.press("i")
        table = sheet.query_one("#influences", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert {r[4] for r in rows} == {"••"} and {r[7] for r in rows} == {"••"}
        assert {r[2] for r in rows} == {"••"}  # modes
        assert "Coach" not in table_text(sheet, "#influences")
        assert emma.name not in table_text(sheet, "#influences") and len(rows) == 3
        assert "Economic Buyer" in table_text(sheet, "#influences")
        detail = static_text(sheet, "#influence-detail")
        for secret in (kevin.rating_evidence, kevin.personal_win, kevin.mode_evidence):
            assert secret not in detail
        await pilot.press("p")
        assert "Elated" not in static_text(sheet, "#position")
        assert sheet_data.deal.position_why not in static_text(sheet, "#position")
        await pilot.press("b")  # who does an action may be the coach, in any language
        actions = table_text(sheet, "#actions")
        assert "Coach" not in actions and "教练" not in actions and "Get the org chart" in actions
        assert "Me + GM" in actions  # the rep and ordinary people show
        await pilot.press("m")
        assert "may favour" not in table_text(sheet, "#landmines")
        assert "Freight rates rise in Q1" in table_text(sheet, "#landmines")  # tied to nobody
        assert "discount" not in table_text(sheet, "#landmines")  # names Kevin
        assert olivia.name not in table_text(sheet, "#bullets")  # whom a bullet leans on
        await pilot.press("l")
        found = static_text(sheet, "#found")
        assert f"{olivia.name} is in" not in found and "IT manager is soft" not in found
        assert "教练" not in found and "Best action overdue by 3 days: Get the org chart" in found
        assert "Review history (2)" in found and "Contender" not in found
        await pilot.press("w")
        assert "First choice" not in static_text(sheet, "#verdict")

        await pilot.press("V")  # the presenter shows the verdict to the room
        assert "First choice" in static_text(sheet, "#verdict")
        assert "First choice" in static_text(sheet, "#sheet-head")
        await pilot.press("v")  # a review while presenting: the last comments stay hidden
        assert "IT manager is soft" not in review_text(sheet)
        await pilot.press("c")
        assert not isinstance(app.focused, Input)
        await pilot.press("escape", "P")
        assert "+3" in table_text(sheet, "#influences") and "Coach" in table_text(
            sheet, "#influences"
        )
        assert "may favour" in table_text(sheet, "#landmines")
        assert "kevin wants a discount" in table_text(sheet, "#landmines")
        assert len(sheet.query_one("#influences", DataTable).rows) == 4


async def test_stale_evidence_and_overdue_actions_stand_out(settings, demo_db) -> None:
    deal_id = sheets.find_deal("MES")
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        assert "stale" in table_text(sheet, "#influences")  # a rating confirmed 75 days ago
        assert "overdue" in table_text(sheet, "#actions")
        found = static_text(sheet, "#found")
        assert "No Economic Buyer named" in found and "Completeness" in found


async def test_every_sheet_key_is_described_and_in_help(settings, demo_db) -> None:
    for binding in SHEET_BINDINGS:
        assert binding.id and binding.description and binding.tooltip
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_sheet(app, pilot, sheets.find_deal("Warehouse condition"))
        await pilot.press("i", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one(DataTable)
        described = {str(keys.get_row_at(i)[1]) for i in range(keys.row_count)}
        assert {"Add person", "Review", "Presentation", "Edit", "Best actions"} <= described


async def test_the_texts_name_the_keys_a_keymap_moved(settings, db_path) -> None:
    """Hints in the sheet's texts read the bindings in force, not the shipped keys."""
    deal_id, _, _ = scratch_deal()
    app = make_app(settings, db_path)
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap(
            {
                "sheet.review": "R",
                "sheet.review_next": "N",
                "sheet.review_comment": "C",
                "sheet.add_influence": "A",
                "sheet.section.influences": "I",
            }
        )
        sheet = await open_sheet(app, pilot, deal_id)
        overview = str(sheet.query_one("#overview").render())
        assert "Never reviewed: R starts the first review." in overview
        assert "Nobody on the sheet yet: I, then A adds a person." in overview
        await pilot.press("R")
        assert sheet.walk is not None
        assert "N next · C comment, tab the reviewer" in review_text(sheet)
        comment = sheet.query_one("#review-comment", Input)
        assert "(C)" in str(comment.placeholder)


async def test_the_reviewer_is_asked_when_the_review_starts(settings, demo_db) -> None:
    deal_id = sheets.find_deal("Cold-chain")
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        sheet = await open_sheet(app, pilot, deal_id)
        await pilot.press("v")
        who = sheet.query_one("#review-reviewer", Input)
        assert who.display  # on the first step, not only the last
        await pilot.press("c", "tab", *"Li Na", "enter")
        while not sheet.walk.last:
            await pilot.press("n")
        assert sheet.query_one("#review-reviewer", Input).value == "Li Na"
        await pilot.press("n")
        assert DealReview.get(DealReview.deal == deal_id).reviewer == "Li Na"


async def test_the_people_picker_keeps_each_person_on_one_line(settings, demo_db) -> None:
    """'on the sheet: enter edits' wrapped a person already on the sheet onto two lines."""
    deal_id = sheets.find_deal("Warehouse condition")
    app = make_app(settings, demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_sheet(app, pilot, deal_id)
        await pilot.press("i", "a")
        picker = app.screen
        assert isinstance(picker, ChoicePicker)
        options = picker.query_one(OptionList)
        assert options.option_count >= 2
        await pilot.pause()
        assert options.virtual_size.height == options.option_count  # one line each

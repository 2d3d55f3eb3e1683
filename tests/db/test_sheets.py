"""The blue-sheet data layer on the demo: loading, finding, listing and every write."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.sheet.completeness import completeness
from followup_tui.core.sheet.landmines import find_landmines, landmine_count
from followup_tui.core.sheet.position import stage_of, verdict
from followup_tui.core.sheet.review_diff import review_diff, snapshot
from followup_tui.core.sheet.sheet_records import BlueSheet, SheetInfluence
from followup_tui.db import sheets
from followup_tui.db.models import Account, Activity, Contact, Deal, Influence, Landmine
from tests.support import TODAY

NORTHWIND = "Warehouse condition monitoring, 3 DCs"


def northwind_id() -> int:
    return int(Deal.get(Deal.title == NORTHWIND).id)


def test_load_sheet_gives_plain_records(demo_db: Path, settings: Settings) -> None:
    sheet = sheets.load_sheet(northwind_id())
    assert isinstance(sheet, BlueSheet)
    assert sheet.deal.title == NORTHWIND
    assert sheet.deal.account_name == "Northwind Logistics"
    assert sheet.deal.account_id == Deal.get(Deal.title == NORTHWIND).account_id
    assert isinstance(sheet.deal.amount, Decimal)
    assert sheet.influences and all(isinstance(i, SheetInfluence) for i in sheet.influences)
    names = {i.name for i in sheet.influences}
    people = Contact.select().where(Contact.account == sheet.deal.account_id)
    assert names <= {c.name for c in people}
    assert all(i.contact_id for i in sheet.influences)
    assert {i.role for i in sheet.influences} >= {"economic_buyer", "coach"}
    assert sheet.landmines and sheet.bullets and sheet.actions and sheet.signals
    # open actions come first
    assert [a.done for a in sheet.actions] == sorted(a.done for a in sheet.actions)


def test_load_sheet_of_a_missing_deal(demo_db: Path) -> None:
    with pytest.raises(FollowupError):
        sheets.load_sheet(99_999)


def test_every_demo_sheet_goes_through_the_rules(demo_db: Path, settings: Settings) -> None:
    loaded = sheets.load_sheets()
    assert len(loaded) == Deal.select().count()
    for sheet in loaded.values():
        find_landmines(sheet, TODAY, settings)
        verdict(sheet.answers(), stage_of(sheet.deal.status, sheet.deal.funnel), settings)
        assert 0 <= completeness(sheet, TODAY, settings).score <= 100


@pytest.mark.parametrize(
    "text",
    [NORTHWIND, NORTHWIND.upper(), "  warehouse condition  ", "3 DCs"],
)
def test_find_deal_by_title(demo_db: Path, text: str) -> None:
    assert sheets.find_deal(text) == northwind_id()


def test_find_deal_by_id_and_full_width_text(demo_db: Path) -> None:
    deal_id = northwind_id()
    assert sheets.find_deal(str(deal_id)) == deal_id
    mes = Deal.get(Deal.title.contains("MES")).id
    assert sheets.find_deal("ｍｅｓ") == mes  # full-width, lower case


def test_find_deal_ambiguous_lists_candidates(demo_db: Path) -> None:
    with pytest.raises(FollowupError) as info:
        sheets.find_deal("monitoring")
    assert info.value.exit_code == 2
    assert "matches" in info.value.message
    assert NORTHWIND in info.value.message
    assert "Cold-chain temperature monitoring" in info.value.message


def test_find_deal_unknown_suggests(demo_db: Path) -> None:
    with pytest.raises(FollowupError) as info:
        sheets.find_deal("Warehous conditon monitorin")
    assert "no deal matches" in info.value.message
    assert NORTHWIND in info.value.message


def test_list_deals(demo_db: Path, settings: Settings) -> None:
    rows = sheets.list_deals()
    assert len(rows) == Deal.select().count()
    outcomes = [r.outcome != "open" for r in rows]
    assert outcomes == sorted(outcomes)  # open deals first
    row = next(r for r in rows if r.title == NORTHWIND)
    assert row.account_name == "Northwind Logistics"
    unresolved = Landmine.select().where((Landmine.deal == row.id) & (~Landmine.resolved))
    assert row.open_landmines == unresolved.count()
    assert row.completeness is None
    scored = sheets.list_deals(row.account_id, today=TODAY, settings=settings)
    assert [r.id for r in scored] == [r.id for r in rows if r.account_id == row.account_id]
    expected = completeness(sheets.load_sheet(row.id), TODAY, settings).score
    assert scored[0].completeness == expected
    assert all(r.outcome == "open" for r in sheets.list_deals(open_only=True))


def test_save_deal_stamps_position_confirmation(demo_db: Path) -> None:
    account = Account.get(Account.name == "Northwind Logistics")
    before = account.open_amount
    deal_id = sheets.save_deal(
        {"account": account.id, "title": " Spare sensors ", "amount": Decimal("50000")}
    )
    deal = Deal.get_by_id(deal_id)
    assert deal.title == "Spare sensors"
    assert deal.position_confirmed_at is None
    assert Account.get_by_id(account.id).open_amount == before + 50000  # summary kept in step
    sheets.save_deal({"position": 1}, deal_id)
    first = Deal.get_by_id(deal_id).position_confirmed_at
    assert first is not None
    # Long before any wall clock this suite runs under: a new stamp is always later.
    old = dt.datetime(2001, 1, 1)
    Deal.update(position_confirmed_at=old).where(Deal.id == deal_id).execute()
    sheets.save_deal({"position": 1, "product": "x"}, deal_id)  # unchanged: no new stamp
    assert Deal.get_by_id(deal_id).position_confirmed_at == old
    call = Activity.select().where(Activity.account == account.id).first()
    sheets.save_deal({"position": 1}, deal_id, confirmed_by=call.id)  # a call confirms it
    deal = Deal.get_by_id(deal_id)
    assert deal.position_confirmed_at > old
    assert deal.position_confirmed_by_id == call.id
    with pytest.raises(ValueError):
        sheets.save_deal({"heat": 3}, deal_id)


def build_from_scratch() -> tuple[int, dict[str, int]]:
    """A deal with three influences, a landmine linked to a bullet, and a best action."""
    account = Account.get(Account.name == "Northwind Logistics")
    people = list(Contact.select().where(Contact.account == account.id).order_by(Contact.id))
    deal_id = sheets.save_deal({"account": account.id, "title": "Dock sensors, phase 2"})
    ids = {
        "eb": sheets.save_influence(
            {"deal": deal_id, "contact": people[0].id, "role": "economic_buyer", "rating": 2}
        ),
        "tb": sheets.save_influence(
            {"deal": deal_id, "contact": people[1].id, "role": "technical_buyer", "mode": "growth"}
        ),
        "coach": sheets.save_influence(
            {"deal": deal_id, "contact": people[3].id, "role": "coach", "contacted": True}
        ),
    }
    ids["bullet"] = sheets.save_bullet(
        {"deal": deal_id, "category": "value", "text": "Phase 1 paid back", "influence": ids["eb"]}
    )
    ids["mine"] = sheets.save_landmine(
        {"deal": deal_id, "category": "competition", "text": "Rival add-on", "influence": ids["tb"]}
    )
    sheets.link_bullet(ids["mine"], ids["bullet"])
    ids["action"] = sheets.save_action(
        {
            "deal": deal_id,
            "who": "Me",
            "what": "Show phase 1 data",
            "due": TODAY,
            "landmine": ids["mine"],
        }
    )
    return deal_id, ids


def test_build_a_sheet_from_scratch(demo_db: Path, settings: Settings) -> None:
    deal_id, ids = build_from_scratch()
    sheet = sheets.load_sheet(deal_id)
    assert [i.role for i in sheet.influences] == ["economic_buyer", "technical_buyer", "coach"]
    eb = sheet.influence(ids["eb"])
    assert eb is not None and eb.rating == 2 and eb.rating_confirmed_at is not None
    assert eb.mode_confirmed_at is None
    (mine,) = sheet.landmines
    assert (mine.bullet_id, mine.influence_id) == (ids["bullet"], ids["tb"])
    (action,) = sheet.actions
    assert action.landmine_id == ids["mine"]
    rules = {f.rule for f in find_landmines(sheet, TODAY, settings)}
    assert "landmine_unanswered" not in rules and "no_best_action" not in rules
    assert "new_player" not in rules  # everyone came with the deal
    assert "never_contacted" in rules  # the TB


def test_one_person_once_per_sheet(demo_db: Path) -> None:
    deal_id, ids = build_from_scratch()
    contact = Influence.get_by_id(ids["eb"]).contact_id
    with pytest.raises(FollowupError):
        sheets.save_influence({"deal": deal_id, "contact": contact, "role": "user_buyer"})
    for bad in ({"rating": 7}, {"role": "boss"}, {"mode": "happy"}, {"degree": "huge"}):
        with pytest.raises(ValueError):
            sheets.save_influence(bad, ids["eb"])


def test_mode_and_rating_confirmation(demo_db: Path) -> None:
    _, ids = build_from_scratch()
    old = dt.datetime(2001, 1, 1)  # before any wall clock the suite runs under
    Influence.update(rating_confirmed_at=old, mode_confirmed_at=old).where(
        Influence.id == ids["tb"]
    ).execute()
    sheets.save_influence({"results": "fewer alarms"}, ids["tb"])
    inf = Influence.get_by_id(ids["tb"])
    assert (inf.mode_confirmed_at, inf.rating_confirmed_at) == (old, old)
    sheets.save_influence({"mode_evidence": "asked for a second site"}, ids["tb"])
    assert Influence.get_by_id(ids["tb"]).mode_confirmed_at > old  # new evidence confirms
    sheets.save_influence({"rating": -1}, ids["tb"])
    assert Influence.get_by_id(ids["tb"]).rating_confirmed_at > old
    sheets.save_influence({"mode": None}, ids["tb"])  # back to unknown: nothing confirmed
    assert Influence.get_by_id(ids["tb"]).mode_confirmed_at is None


def test_delete_and_restore_an_influence_keeps_its_links(demo_db: Path) -> None:
    deal_id, ids = build_from_scratch()
    saved = sheets.delete_influence(ids["tb"])
    sheet = sheets.load_sheet(deal_id)
    assert len(sheet.influences) == 2
    assert sheet.landmines[0].influence_id is None
    sheets.restore_influence(saved)
    sheet = sheets.load_sheet(deal_id)
    assert [i.id for i in sheet.influences] == [ids["eb"], ids["tb"], ids["coach"]]
    assert sheet.landmines[0].influence_id == ids["tb"]


def test_delete_and_restore_a_bullet_relinks_its_landmine(demo_db: Path) -> None:
    deal_id, ids = build_from_scratch()
    saved = sheets.delete_item("bullet", ids["bullet"])
    assert sheets.load_sheet(deal_id).landmines[0].bullet_id is None
    sheets.restore_item(saved)
    assert sheets.load_sheet(deal_id).landmines[0].bullet_id == ids["bullet"]
    saved = sheets.delete_item("landmine", ids["mine"])
    assert sheets.load_sheet(deal_id).actions[0].landmine_id is None
    sheets.restore_item(saved)
    assert sheets.load_sheet(deal_id).actions[0].landmine_id == ids["mine"]


def test_a_bullet_disarms_only_its_own_deal(demo_db: Path) -> None:
    _, ids = build_from_scratch()
    other = Landmine.select().where(Landmine.deal == northwind_id()).first()
    with pytest.raises(FollowupError):
        sheets.link_bullet(other.id, ids["bullet"])
    sheets.link_bullet(ids["mine"], None)
    assert Landmine.get_by_id(ids["mine"]).bullet_id is None


def test_done_action_stamps_its_day(demo_db: Path) -> None:
    deal_id, ids = build_from_scratch()
    sheets.save_action({"done": True, "done_on": TODAY}, ids["action"])
    assert sheets.load_sheet(deal_id).actions[0].done_on == TODAY
    sheets.save_action({"done": False}, ids["action"])
    assert sheets.load_sheet(deal_id).actions[0].done_on is None


def test_set_signal_upserts(demo_db: Path) -> None:
    deal_id, _ = build_from_scratch()
    sheets.set_signal(deal_id, "many_questions", "good")
    sheets.set_signal(deal_id, "many_questions", "bad", "only asked about price")
    (answer,) = sheets.load_sheet(deal_id).signals
    assert (answer.signal, answer.answer, answer.note) == (
        "many_questions",
        "bad",
        "only asked about price",
    )
    with pytest.raises(ValueError):
        sheets.set_signal(deal_id, "many_questions", "maybe")


def test_reviews_record_and_diff(demo_db: Path, settings: Settings) -> None:
    deal_id = northwind_id()
    demo_review = sheets.last_review(deal_id)
    assert demo_review is not None and isinstance(demo_review["snapshot"], dict)
    sheet = sheets.load_sheet(deal_id)
    assert review_diff(demo_review["snapshot"], snapshot(sheet), settings)  # the demo moved on
    score = completeness(sheet, TODAY, settings).score
    review_id = sheets.record_review(deal_id, TODAY, "EB met", score, json.dumps(snapshot(sheet)))
    latest = sheets.last_review(deal_id)
    assert latest is not None
    assert (latest["id"], latest["reviewed_on"], latest["score"]) == (review_id, TODAY, score)
    assert review_diff(latest["snapshot"], snapshot(sheet), settings) == []
    new_deal, _ = build_from_scratch()
    assert sheets.last_review(new_deal) is None


def test_review_history_keeps_reviewer_verdict_and_comments(
    demo_db: Path, settings: Settings
) -> None:
    deal_id = northwind_id()
    sheet = sheets.load_sheet(deal_id)
    (demo,) = sheet.reviews
    assert (demo.reviewer, demo.verdict, demo.score) == ("Grace Chen", "contender", 78)
    snap = snapshot(sheet, TODAY, settings)
    later = TODAY + dt.timedelta(days=7)
    sheets.record_review(
        deal_id,
        later,
        "EB met; now the ops manager",
        90,
        snap,
        reviewer="  Lin Wei ",
        verdict=str(snap["verdict"]),
    )
    history = sheets.review_history(deal_id)
    assert [(r.reviewed_on, r.reviewer) for r in history] == [
        (demo.reviewed_on, "Grace Chen"),
        (later, "Lin Wei"),
    ]
    assert history[-1].verdict == snap["verdict"] and history[-1].score == 90
    # what the next review opens with: the last review's comments
    again = sheets.load_sheet(deal_id)
    assert again.last_review() == history[-1]
    latest = sheets.last_review(deal_id)
    assert latest is not None and latest["comments"] == "EB met; now the ops manager"
    assert latest["reviewer"] == "Lin Wei"


def test_deal_list_counts_the_sheets_one_landmine_list(demo_db: Path, settings: Settings) -> None:
    rows = sheets.list_deals(today=TODAY, settings=settings)
    loaded = sheets.load_sheets()
    for row in rows:
        assert row.open_landmines == landmine_count(loaded[row.id], TODAY, settings), row.title


def test_a_schema_11_file_gains_review_history_columns(tmp_path: Path) -> None:
    import sqlite3

    from followup_tui.db.database import SCHEMA_VERSION, close_database, open_database
    from followup_tui.db.models import DealReview

    path = tmp_path / "v11.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE deal_review DROP COLUMN reviewer")
    con.execute("ALTER TABLE deal_review DROP COLUMN verdict")
    con.execute("PRAGMA user_version = 11")
    con.commit()
    con.close()
    assert open_database(path) is not None  # backed up, then migrated
    try:
        columns = {c.name for c in DealReview._meta.database.get_columns("deal_review")}
        assert {"reviewer", "verdict"} <= columns
        assert SCHEMA_VERSION >= 12
    finally:
        close_database()

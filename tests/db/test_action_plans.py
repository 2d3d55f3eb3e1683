"""Action plans and year-end verdicts in the database: writes, reads, undo and redo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.db import action_plans as ap
from followup_tui.db.accounts import save_account
from followup_tui.db.connection import db
from followup_tui.db.models import Deal, Purchase
from followup_tui.db.review_reads import year_end_review
from followup_tui.db.review_verdicts import confirm_year_end, revisits_of, year_end_verdicts
from followup_tui.db.undo import UndoConflict, redo, undo

DAY = dt.date(2026, 11, 22)


def account(name: str, tier: str | None = "big_below_potential", **more: object) -> int:
    return save_account({"name": name, "tier": tier, **more})


def count(table: str) -> int:
    return int(db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_reading_an_account_without_a_plan_writes_nothing(db_path: Path) -> None:
    a = account("Acme")
    plan = ap.plan_for(a, 2026)
    assert plan.plan_id is None and plan.steps == () and plan.goals == ()
    assert not plan.has_milestones and plan.expected is None
    assert count("action_plan") == 0


def test_goals_milestones_and_steps_are_kept_per_year(db_path: Path) -> None:
    a = account("Acme")
    ap.save_goals(a, 2026, ["Win the Q2 line  ", "", "Meet the CFO\nTrain two users"])
    ap.save_milestones(a, 2026, {3: "1,000", 4: Decimal("2500.5"), 12: 0})
    first = ap.add_step(a, 2026, who="Me", how="Demo to the plant", when="2026-03", why="w")
    second = ap.add_step(a, 2026, how="Sign the trial", when="2026-02-14", what_for="trial")
    ap.add_step(a, 2025, how="Last year's", when="2025-12")
    plan = ap.plan_for(a, 2026)
    assert plan.goals == ("Win the Q2 line", "Meet the CFO", "Train two users")
    assert plan.milestones[2] == Decimal("1000.00") and plan.milestones[3] == Decimal("2500.50")
    assert plan.milestones[11] == 0 and plan.milestones[0] is None
    assert plan.expected == Decimal("3500.50")
    # by when: February's day before March's month
    assert [s.step_id for s in plan.steps] == [second.step_id, first.step_id]
    assert first.position == 1 and second.position == 2
    assert first.who == "Me" and first.when.text == "2026-03" and first.status == "open"
    assert [s.how for s in ap.plan_for(a, 2025).steps] == ["Last year's"]
    # clearing one month keeps the others
    ap.save_milestones(a, 2026, {3: None})
    assert ap.plan_for(a, 2026).milestones[2] is None
    assert ap.plan_for(a, 2026).milestones[3] == Decimal("2500.50")


def test_bad_input_names_the_field_and_writes_nothing(db_path: Path) -> None:
    a = account("Acme")
    with pytest.raises(FollowupError, match="when"):
        ap.add_step(a, 2026, how="x", when="2026-13")
    with pytest.raises(FollowupError, match="plan's year"):
        ap.add_step(a, 2026, how="x", when="2027-01")
    with pytest.raises(FollowupError, match="how"):
        ap.add_step(a, 2026, how="  ", when="2026-01")
    with pytest.raises(FollowupError, match="month 5"):
        ap.save_milestones(a, 2026, {4: "10", 5: "ten"})
    with pytest.raises(FollowupError, match="month 13"):
        ap.save_milestones(a, 2026, {13: "10"})
    with pytest.raises(FollowupError, match="no account"):
        ap.save_goals(99, 2026, ["x"])
    assert count("action_plan") == 0 and count("plan_milestone") == 0


def test_edit_changes_only_the_fields_given(db_path: Path) -> None:
    a = account("Acme")
    s = ap.add_step(a, 2026, who="Me", how="Call", when="2026-05", why="because")
    edited = ap.edit_step(s.step_id, when="2026-06-03", who="Li")
    assert edited.when.text == "2026-06-03" and edited.who == "Li"
    assert edited.how == "Call" and edited.why == "because"
    with pytest.raises(FollowupError, match="unknown field"):
        ap.edit_step(s.step_id, colour="red")
    with pytest.raises(FollowupError, match="no plan step"):
        ap.edit_step(999, who="x")


def test_a_mark_keeps_its_day_and_undo_puts_it_back(db_path: Path) -> None:
    a = account("Acme")
    s = ap.add_step(a, 2026, how="Call", when="2026-05")
    change = ap.mark_step(s.step_id, "done", DAY)
    assert change is not None and change.action == "step_marked"
    assert change.names["name"] == "Acme" and change.names["step"] == "Call"
    marked = ap.step(s.step_id)
    assert marked.status == "done" and marked.marked_on == DAY
    assert ap.mark_step(s.step_id, "done", DAY) is None  # already so
    undo(change)
    back = ap.step(s.step_id)
    assert back.status == "open" and back.marked_on is None
    redo(change)
    assert ap.step(s.step_id).status == "done"
    missed = ap.mark_step(s.step_id, "missed", DAY + dt.timedelta(days=1))
    assert missed is not None
    assert ap.step(s.step_id).marked_on == DAY + dt.timedelta(days=1)
    with pytest.raises(FollowupError, match="status"):
        ap.mark_step(s.step_id, "skipped", DAY)


def test_undo_of_a_mark_changed_since_is_refused(db_path: Path) -> None:
    a = account("Acme")
    s = ap.add_step(a, 2026, how="Call", when="2026-05")
    first = ap.mark_step(s.step_id, "done", DAY)
    ap.mark_step(s.step_id, "missed", DAY)
    assert first is not None
    with pytest.raises(UndoConflict):
        undo(first)
    assert ap.step(s.step_id).status == "missed"


def test_a_deleted_step_comes_back_whole_with_undo(db_path: Path) -> None:
    a = account("Acme")
    s = ap.add_step(a, 2026, who="Me", how="Call", when="2026-05-02", why="y", what_for="z")
    ap.mark_step(s.step_id, "done", DAY)
    change = ap.delete_step(s.step_id)
    assert ap.plan_for(a, 2026).steps == ()
    undo(change)
    back = ap.step(s.step_id)
    assert (back.who, back.how, back.when.text, back.why, back.what_for) == (
        "Me",
        "Call",
        "2026-05-02",
        "y",
        "z",
    )
    assert back.status == "done" and back.marked_on == DAY
    redo(change)
    assert ap.plan_for(a, 2026).steps == ()


def test_a_verdict_is_kept_per_year_and_undone(db_path: Path, settings: Settings) -> None:
    a = account("Acme")
    b = account("Beta", tier=None)
    change = confirm_year_end(a, 2025, "move_up", DAY, proposal="breaking_in")
    assert change is not None
    confirm_year_end(b, 2025, "drop", DAY)
    kept = year_end_verdicts(2025)
    assert kept[a].verdict == "move_up" and kept[a].changed and kept[a].confirmed_on == DAY
    assert not kept[b].changed and year_end_verdicts(2024) == {}
    assert confirm_year_end(a, 2025, "move_up", DAY) is None
    other = confirm_year_end(a, 2025, "drop", DAY + dt.timedelta(days=1))
    assert other is not None and year_end_verdicts(2025)[a].verdict == "drop"
    undo(other)
    assert year_end_verdicts(2025)[a].verdict == "move_up"
    undo(change)
    assert a not in year_end_verdicts(2025)
    redo(change)
    assert year_end_verdicts(2025)[a].verdict == "move_up"
    with pytest.raises(FollowupError, match="verdict"):
        confirm_year_end(a, 2025, "promote", DAY)
    # next year's targets: Acme is not a regular customer yet; Beta is off the board
    targets = revisits_of(2026)
    assert [(r.name, r.verdict, r.followed) for r in targets] == [
        ("Acme", "move_up", False),
        ("Beta", "drop", True),
    ]
    Purchase.create(account=a, purchased_on=dt.date(2025, 3, 1), amount=Decimal(10))
    y = year_end_review(2025, settings)
    assert [r.verdict for r in y.rows if r.account_id == a] == ["move_up"]
    assert year_end_review(2026, settings).revisits == targets


def test_board_review_tracks_plans_and_sales(db_path: Path, settings: Settings) -> None:
    a = account("Acme")
    b = account("Beta", tier="some_business")
    account("Free", tier=None)
    ap.save_milestones(a, 2026, {m: "100" for m in range(1, 13)})
    ap.add_step(a, 2026, how="Call", when="2026-01")
    Purchase.create(account=a, purchased_on=dt.date(2026, 2, 10), amount=Decimal(300))
    # a won deal booked as a purchase too: counted once
    won = {"outcome": "won", "title": "Won"}
    Deal.create(account=a, amount=Decimal(300), completion_date=dt.date(2026, 2, 5), **won)
    Deal.create(account=b, amount=Decimal(50), completion_date=dt.date(2026, 4, 1), **won)
    board = ap.board_review(2026, DAY, settings)
    first, second, third = board.tiers
    assert [e.account.name for e in first.entries] == ["Acme"] and first.empty_slots == 4
    acme = first.entries[0]
    assert acme.track.months[1].actual == Decimal(300) and acme.track.actual == Decimal(300)
    assert len(acme.plan.steps) == 1
    assert acme.track.status == "behind"  # 300 of about 1,070 expected by 22 Nov
    assert acme.track.months[0].status == "behind" and acme.track.months[1].status == "ahead"
    assert second.entries[0].track.status == "no_plan"
    assert second.entries[0].track.months[3].actual == Decimal(50)
    assert third.entries == () and third.track.status == "no_plan"
    assert board.track.actual == Decimal(350)
    assert acme.track.months[11].status == "upcoming"


def test_undo_says_what_a_plan_change_did_in_both_languages(db_path: Path) -> None:
    from dataclasses import replace

    from followup_tui.core.accounts.undo_words import describe
    from followup_tui.core.base.config import load_settings

    a = account("华为技术")
    s = ap.add_step(a, 2026, how="Site visit", when="2026-05")
    marked = ap.mark_step(s.step_id, "missed", DAY)
    kept = confirm_year_end(a, 2025, "drop", DAY)
    deleted = ap.delete_step(s.step_id)
    assert marked is not None and kept is not None
    en = load_settings(None)
    zh = replace(en, language="zh")
    said = [describe(c.action, c.names, c.fields, en.word) for c in (marked, kept, deleted)]
    assert said == [
        'marked the step "Site visit" of 华为技术 missed',
        "kept the verdict on 华为技术 for 2025: Drop",
        'deleted the step "Site visit" of the plan of 华为技术',
    ]
    in_zh = describe(marked.action, marked.names, (), zh.word)
    assert in_zh == "将华为技术的步骤“Site visit”标为错过"
    assert describe(kept.action, kept.names, (), zh.word) == "记下了华为技术的2025年终结论：放弃"


def test_a_refused_undo_names_what_changed(db_path: Path) -> None:
    from followup_tui.core.accounts.undo_words import field_words
    from followup_tui.core.base.config import load_settings

    a = account("Acme")
    s = ap.add_step(a, 2026, how="Call", when="2026-05")
    first = ap.mark_step(s.step_id, "done", DAY)
    ap.mark_step(s.step_id, "missed", DAY + dt.timedelta(days=2))
    assert first is not None
    with pytest.raises(UndoConflict) as refused:
        undo(first)
    words = load_settings(None).word
    assert field_words(refused.value.fields, words) == "status, marked"


def plan_state(a: int) -> tuple[object, ...]:
    p = ap.plan_for(a, 2026)
    steps = tuple((s.who, s.how, s.when.text, s.why, s.what_for, s.status) for s in p.steps)
    return (p.goals, p.milestones, steps)


def test_goal_milestone_and_step_edits_undo_one_by_one_and_redo(db_path: Path) -> None:
    """Each edit of a plan is one undo: undone newest first, each back to exactly the plan
    before it; redone in order, back to the plan after the last."""
    a = account("Acme")
    states = [plan_state(a)]
    changes = []
    edits = [
        lambda: ap.edit_goals(a, 2026, ["Win the Q2 line", "Meet the CFO"]),
        lambda: ap.edit_milestones(a, 2026, {3: "1,000", 4: "2500"}),
        lambda: ap.new_step(a, 2026, who="Me", how="Demo", when="2026-03", why="w")[1],
        lambda: ap.edit_milestones(a, 2026, {3: None, 4: "3000", 5: "10"}),
        lambda: ap.edit_goals(a, 2026, ["Win the Q2 line"]),
        lambda: ap.change_step(
            ap.plan_for(a, 2026).steps[0].step_id, {"how": "Site visit", "who": "Li"}
        ),
    ]
    for edit in edits:
        change = edit()
        assert change is not None
        changes.append(change)
        states.append(plan_state(a))
    assert changes[-1].fields == ("who", "how")
    for n in range(len(changes) - 1, -1, -1):
        undo(changes[n])
        assert plan_state(a) == states[n], n
    milestones = "SELECT COUNT(*) FROM plan_milestone"
    assert db.execute_sql(milestones).fetchone()[0] == 0
    for n, change in enumerate(changes):
        redo(change)
        assert plan_state(a) == states[n + 1], n


def test_an_edit_that_changes_nothing_is_no_undo_step(db_path: Path) -> None:
    a = account("Acme")
    assert ap.edit_goals(a, 2026, []) is None
    ap.edit_goals(a, 2026, ["x"])
    assert ap.edit_goals(a, 2026, ["x", " "]) is None
    ap.edit_milestones(a, 2026, {3: "10"})
    assert ap.edit_milestones(a, 2026, {3: "10.00"}) is None
    s, _ = ap.new_step(a, 2026, how="Call", when="2026-05")
    assert ap.change_step(s.step_id, {"how": "Call"}) is None


def test_undo_of_a_step_edit_never_overwrites_a_later_mark(db_path: Path) -> None:
    a = account("Acme")
    s, added = ap.new_step(a, 2026, how="Call", when="2026-05")
    ap.mark_step(s.step_id, "done", DAY)  # not through the undo history: made elsewhere
    with pytest.raises(UndoConflict) as caught:
        undo(added)  # taking the step away would lose its mark
    assert "status" in caught.value.fields
    assert ap.step(s.step_id).status == "done"

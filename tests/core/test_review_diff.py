"""What changed since the last review: every part of the sheet a manager asks about."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.sheet.review_diff import review_changes, review_diff, snapshot
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetAction,
    SheetBullet,
    SheetLandmine,
    SignalAnswerRec,
)
from tests.core.test_completeness import full_sheet, person
from tests.support import TODAY


def judged(sheet: BlueSheet, settings: Settings) -> dict[str, object]:
    """The snapshot a review stores, through JSON as the database keeps it."""
    return dict(json.loads(json.dumps(snapshot(sheet, TODAY, settings))))


def test_a_judged_snapshot_keeps_completeness_verdict_fit_bullets_and_actions(
    settings: Settings,
) -> None:
    snap = judged(full_sheet(), settings)
    assert isinstance(snap["completeness"], int)
    assert snap["verdict"] in ("first_choice", "contender", "stand_in", "out", "unknown")
    assert set(snap["fit"]) == {"credit", "need_fit", "loyalty"}  # type: ignore[arg-type]
    assert review_diff(snap, judged(full_sheet(), settings), settings) == []


def test_the_diff_is_complete(settings: Settings) -> None:
    before = replace(
        full_sheet(),
        bullets=(SheetBullet(1, "value", "Pilot cut faults 40%"),),
        actions=(
            SheetAction(1, "Me", "Send the pilot report", TODAY + dt.timedelta(days=3)),
            SheetAction(2, "Coach", "Book the CFO", TODAY + dt.timedelta(days=5)),
            SheetAction(3, "", "Old idea", None),
        ),
    )
    after = replace(
        before,
        deal=replace(before.deal, fit_credit="bad"),
        influences=(
            replace(before.influences[0], role="coach"),
            replace(before.influences[1], degree="high", contacted=True),
            *before.influences[2:],
        ),
        bullets=(SheetBullet(2, "difference", "Only vendor with local service"),),
        actions=(
            replace(before.actions[0], done=True),
            replace(before.actions[1], due=TODAY + dt.timedelta(days=12)),
            SheetAction(4, "Me", "Meet the new director", TODAY + dt.timedelta(days=2)),
        ),
        signals=(*before.signals[:2], SignalAnswerRec("senior_access", "bad"), before.signals[3]),
    )
    was = snapshot(before, TODAY, settings)
    now = snapshot(after, TODAY, settings)
    lines = review_diff(was, now, settings)
    assert lines[0] == f"Completeness: {was['completeness']} → {now['completeness']}"
    assert "Is their credit sound?: Good → Bad" in lines
    assert "Person 1: role Economic Buyer → Coach" in lines
    assert "Person 2: influence Medium → High" in lines
    assert "Bullet added: Only vendor with local service" in lines
    assert "Bullet gone: Pilot cut faults 40%" in lines
    assert "Best action done: Me: Send the pilot report" in lines
    assert (
        "Best action replanned: Coach: Book the CFO, "
        f"due {TODAY + dt.timedelta(days=5)} → {TODAY + dt.timedelta(days=12)}"
    ) in lines
    assert "Best action added: Me: Meet the new director" in lines
    assert "Best action dropped: Old idea" in lines
    assert "Do they let us meet their senior people? Yes (good) → No (bad)" in lines


def test_the_verdict_moving_is_said(settings: Settings) -> None:
    sure = full_sheet()
    blind = replace(sure, signals=())
    lines = review_diff(snapshot(sure, TODAY, settings), snapshot(blind, TODAY, settings), settings)
    old = snapshot(sure, TODAY, settings)["verdict"]
    assert old != "unknown"
    assert any(line.startswith("Verdict: ") and line.endswith("→ Unknown") for line in lines)


def test_a_person_contacted_since(settings: Settings) -> None:
    before = replace(full_sheet(), influences=(person(7, "coach", contacted=False),))
    after = replace(before, influences=(replace(before.influences[0], contacted=True),))
    assert review_diff(snapshot(before), snapshot(after), settings) == ["Person 7: contacted since"]


def test_an_older_snapshot_without_the_new_keys_reports_no_false_changes(
    settings: Settings,
) -> None:
    new = snapshot(full_sheet(), TODAY, settings)
    old = {
        k: v
        for k, v in new.items()
        if k not in ("completeness", "verdict", "fit", "bullets", "actions")
    }
    assert review_diff(old, new, settings) == []


@pytest.mark.parametrize("language", ["zh"])
def test_the_diff_speaks_chinese_with_full_width_punctuation(language: str, tmp_path) -> None:
    user = tmp_path / "zh.yaml"
    user.write_text(f"language: {language}\n", encoding="utf-8")
    zh = load_settings(user)
    before = full_sheet()
    after = replace(before, deal=replace(before.deal, fit_credit="bad", status="urgent"))
    lines = review_diff(snapshot(before), snapshot(after), zh)
    assert lines and all(":" not in line for line in lines)
    assert "客户信用良好吗？：好 → 差" in lines


def test_what_a_shared_screen_must_not_see_is_marked_from_the_snapshot(
    settings: Settings,
) -> None:
    """Private lines come from the fields (a position, a person, a tie, who acts), never
    from looking for names in the words: a tied landmine naming nobody is private too."""
    before = replace(
        full_sheet(),
        bullets=(SheetBullet(1, "value", "Pilot cut faults 40%"),),
        actions=(SheetAction(1, "", "Send the pilot report", TODAY + dt.timedelta(days=3)),),
    )
    after = replace(
        before,
        deal=replace(before.deal, position=-2, fit_credit="bad"),
        influences=(replace(before.influences[0], rating=-3), *before.influences[1:]),
        landmines=(
            *before.landmines,
            SheetLandmine(91, "other", "The ops lead may stall", influence_id=1),
            SheetLandmine(92, "competition", "Freight rates rise"),
        ),
        bullets=(
            *before.bullets,
            SheetBullet(2, "lever", "Ops trusts our pilot", influence_id=2),
        ),
        actions=(
            *before.actions,
            SheetAction(2, "教练", "Get the org chart", TODAY + dt.timedelta(days=2)),
        ),
    )
    was, now = snapshot(before, TODAY, settings), snapshot(after, TODAY, settings)
    changes = review_changes(was, now, settings)
    private = {c.text for c in changes if c.private}
    public = {c.text for c in changes if not c.private}
    assert any(line.startswith("Position slid") for line in private)
    assert "Person 1: rating +2 → -3" in private
    assert "Landmine added: The ops lead may stall" in private  # tied to a person
    assert "Landmine added: Freight rates rise" in public
    assert "Bullet added: Ops trusts our pilot" in private
    assert "Best action added: 教练: Get the org chart" in private  # who acts may be the coach
    assert "Is their credit sound?: Good → Bad" in public
    assert any(line.startswith("Verdict: ") for line in private)
    assert any(line.startswith("Landmines found: ") for line in public)

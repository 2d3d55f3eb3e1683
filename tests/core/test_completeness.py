"""Completeness of a sheet, stale evidence, and the diff between two reviews."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import pytest

from followup_tui.core.base.config import Settings
from followup_tui.core.sheet.completeness import SECTIONS, completeness
from followup_tui.core.sheet.review_diff import review_diff, snapshot
from followup_tui.core.sheet.sheet_records import (
    BlueSheet,
    SheetAction,
    SheetBullet,
    SheetDeal,
    SheetInfluence,
    SheetLandmine,
    SignalAnswerRec,
)
from tests.support import TODAY


def at(days_ago: int) -> dt.datetime:
    """A UTC timestamp `days_ago` days before TODAY."""
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(9, 0))


def person(iid: int, role: str, **changes: object) -> SheetInfluence:
    """An influence with everything filled in and freshly confirmed."""
    base = SheetInfluence(
        id=iid,
        contact_id=100 + iid,
        name=f"Person {iid}",
        role=role,
        role_evidence="does it",
        mode="growth",
        mode_evidence="asked for more",
        mode_confirmed_at=at(5),
        rating=2,
        rating_evidence="spoke up for us",
        rating_confirmed_at=at(5),
        contacted=True,
        added_at=at(90),
    )
    return replace(base, **changes)


def full_sheet() -> BlueSheet:
    """A sheet with nothing missing (early stage: four signals to answer)."""
    deal = SheetDeal(
        id=1,
        account_id=1,
        account_name="Acme",
        title="Sensors",
        amount=Decimal("120000"),
        completion_date=TODAY + dt.timedelta(days=40),
        status="getting_started",
        funnel="above",
        position=1,
        alternate_position=3,
        position_why="new to them",
        position_move="a pilot",
        position_plan="yes",
        position_confirmed_at=at(2),
        evidence_customer="a",
        evidence_product="b",
        evidence_amount="c",
        evidence_completion_date="d",
        evidence_status="e",
        fit_credit="good",
        fit_need_fit="good",
        fit_loyalty="bad",
    )
    roles = ("economic_buyer", "coach", "user_buyer", "technical_buyer")
    signals = ("many_questions", "spends_time", "senior_access", "wide_scope")
    return BlueSheet(
        deal,
        influences=tuple(person(n, role) for n, role in enumerate(roles, 1)),
        landmines=(SheetLandmine(1, "competition", "Rival is cheaper", 3, bullet_id=1),),
        bullets=(SheetBullet(1, "value", "Pilot cut faults 40%", 3),),
        actions=(SheetAction(1, "Me", "Run the pilot", TODAY + dt.timedelta(days=3)),),
        signals=tuple(SignalAnswerRec(s, "good") for s in signals),
    )


def deal(**changes: object) -> Callable[[BlueSheet], BlueSheet]:
    return lambda s: replace(s, deal=replace(s.deal, **changes))


def one(iid: int, **changes: object) -> Callable[[BlueSheet], BlueSheet]:
    def change(s: BlueSheet) -> BlueSheet:
        people = tuple(replace(i, **changes) if i.id == iid else i for i in s.influences)
        return replace(s, influences=people)

    return change


def test_a_full_sheet_scores_100(settings: Settings) -> None:
    c = completeness(full_sheet(), TODAY, settings)
    assert (c.score, c.gaps, c.stale) == (100, [], [])
    assert list(c.sections) == list(SECTIONS)
    assert sum(SECTIONS.values()) == 100


# (case, change, the gap question it must raise, the section it belongs to)
GAPS: list[tuple[str, Callable[[BlueSheet], BlueSheet], str, str]] = [
    ("no amount evidence", deal(evidence_amount=""), "Amount: what is the evidence?", "sso"),
    (
        "no position",
        deal(position=None),
        "Where do we stand now on the position scale?",
        "position",
    ),
    (
        "no alternate",
        deal(alternate_position=None),
        "Where do we plan to be next (the alternate position)?",
        "position",
    ),
    ("why unanswered", deal(position_why=""), "Why am I at this position?", "position"),
    (
        "move unanswered",
        deal(position_move=""),
        "What would move me to the alternate position?",
        "position",
    ),
    ("plan unanswered", deal(position_plan=""), "Does the plan do that?", "position"),
    (
        "no coach",
        lambda s: replace(s, influences=tuple(i for i in s.influences if i.role != "coach")),
        "Who is the Coach?",
        "influences",
    ),
    (
        "no technical buyer",
        lambda s: replace(s, influences=s.influences[:3]),
        "Who is the Technical Buyer?",
        "influences",
    ),
    (
        "nobody",
        lambda s: replace(s, influences=()),
        "Who are the buying influences in this deal?",
        "influences",
    ),
    (
        "mode unknown",
        one(2, mode=None),
        "Person 2: which response mode, and what shows it?",
        "influences",
    ),
    (
        "mode without evidence",
        one(2, mode_evidence=""),
        "Person 2: what shows Growth mode?",
        "influences",
    ),
    (
        "rating unknown",
        one(3, rating=None),
        "Person 3: how much do they support us, and what shows it?",
        "influences",
    ),
    (
        "rating without evidence",
        one(3, rating_evidence=""),
        "Person 3: what shows a rating of +2?",
        "influences",
    ),
    ("fit unknown", deal(fit_credit="unknown"), "Is their credit sound?", "fit"),
    (
        "no open action",
        lambda s: replace(s, actions=(replace(s.actions[0], done=True),)),
        "What is the next best action: who does what by when?",
        "actions",
    ),
    (
        "signal unanswered",
        lambda s: replace(s, signals=s.signals[1:]),
        "Does the customer ask us many questions?",
        "signals",
    ),
    (
        "signal answered unknown",
        lambda s: replace(
            s, signals=(SignalAnswerRec("many_questions", "unknown"), *s.signals[1:])
        ),
        "Does the customer ask us many questions?",
        "signals",
    ),
    (
        "a later stage asks more signals",
        deal(status="in_progress"),
        "Do we set the next steps together?",
        "signals",
    ),
]


@pytest.mark.parametrize(("case", "change", "gap", "section"), GAPS, ids=[g[0] for g in GAPS])
def test_each_gap_lowers_the_score_and_asks_its_question(
    case: str,
    change: Callable[[BlueSheet], BlueSheet],
    gap: str,
    section: str,
    settings: Settings,
) -> None:
    c = completeness(change(full_sheet()), TODAY, settings)
    assert c.score < 100
    assert gap in c.gaps
    assert gap in c.sections[section]


@pytest.mark.parametrize(
    ("case", "change", "stale"),
    [
        (
            "position",
            deal(position_confirmed_at=at(61)),
            "Position Hopeful (+1): last confirmed 61 days ago",
        ),
        (
            "mode",
            one(1, mode_confirmed_at=at(90)),
            "Person 1's mode Growth: last confirmed 90 days ago",
        ),
        (
            "rating",
            one(4, rating_confirmed_at=at(75)),
            "Person 4's rating +2: last confirmed 75 days ago",
        ),
    ],
)
def test_stale_values_are_listed_and_lower_the_score(
    case: str, change: Callable[[BlueSheet], BlueSheet], stale: str, settings: Settings
) -> None:
    c = completeness(change(full_sheet()), TODAY, settings)
    assert c.stale == [stale]
    assert c.score < 100
    assert c.gaps == []  # stale is not missing


def test_exactly_stale_days_old_is_still_fresh(settings: Settings) -> None:
    days = settings.evidence_stale_days
    sheet = deal(position_confirmed_at=at(days))(one(1, rating_confirmed_at=at(days))(full_sheet()))
    assert completeness(sheet, TODAY, settings).stale == []


def test_an_undated_value_is_not_called_stale(settings: Settings) -> None:
    sheet = one(1, rating_confirmed_at=None, mode_confirmed_at=None)(full_sheet())
    assert completeness(sheet, TODAY, settings).score == 100


def test_an_empty_sheet_scores_low(settings: Settings) -> None:
    bare = BlueSheet(SheetDeal(id=9, account_id=1, account_name="Acme", title="Bare"))
    c = completeness(bare, TODAY, settings)
    assert c.score < 10
    assert len(c.gaps) > 15


# -- reviews ---------------------------------------------------------------------------


def test_snapshot_is_json(settings: Settings) -> None:
    snap = snapshot(full_sheet())
    assert json.loads(json.dumps(snap)) == snap
    assert snap["deal"]["amount"] == 120000.0
    assert snap["influences"][0] == {
        "id": 1,
        "contact_id": 101,
        "name": "Person 1",
        "role": "economic_buyer",
        "mode": "growth",
        "rating": 2,
        "degree": "medium",
        "contacted": True,
    }
    assert snap["signals"]["many_questions"] == "good"


def test_no_change_no_lines(settings: Settings) -> None:
    snap = snapshot(full_sheet())
    assert review_diff(snap, json.loads(json.dumps(snap)), settings) == []


def test_review_diff_tells_what_moved(settings: Settings) -> None:
    before = full_sheet()
    after = replace(
        before,
        deal=replace(before.deal, position=-1, status="in_progress", amount=Decimal("100000")),
        influences=(
            replace(before.influences[0], rating=-2),
            replace(before.influences[1], mode="even_keel"),
            before.influences[2],
            person(5, "user_buyer", name="New Boss"),
        ),
        landmines=(
            replace(before.landmines[0], resolved=True),
            SheetLandmine(2, "org_change", "A new plant director arrives"),
        ),
        signals=(SignalAnswerRec("many_questions", "bad"), *before.signals[1:]),
    )
    lines = review_diff(snapshot(before), snapshot(after), settings)
    assert lines == [
        "Position slid: Hopeful (+1) → Uneasy (-1)",
        "Status: Getting started → In progress",
        "Amount: 120,000 → 100,000",
        "Person 1: rating +2 → -2",
        "Person 2: mode Growth → Even Keel",
        "New on the sheet: New Boss (User Buyer)",
        "Off the sheet: Person 4",
        "Landmine cleared: Rival is cheaper",
        "Landmine added: A new plant director arrives",
        "Does the customer ask us many questions? Yes (good) → No (bad)",
    ]


def test_review_diff_position_rose_and_mine_disarmed(settings: Settings) -> None:
    before = replace(full_sheet(), landmines=(SheetLandmine(1, "competition", "Rival", None),))
    after = replace(
        before,
        deal=replace(before.deal, position=3),
        landmines=(replace(before.landmines[0], bullet_id=1),),
    )
    assert review_diff(snapshot(before), snapshot(after), settings) == [
        "Position rose: Hopeful (+1) → Comfortable (+3)",
        "Landmine answered by a bullet: Rival",
    ]


def test_review_diff_reads_older_snapshots_without_names_or_signals(settings: Settings) -> None:
    # The demo's stored reviews keep fewer keys: no names, no signals, no outcome.
    old = {
        "deal": {"title": "Sensors", "position": 0, "status": "getting_started"},
        "influences": [
            {"id": 1, "contact_id": 101, "role": "economic_buyer", "mode": "trouble", "rating": 2}
        ],
        "landmines": [],
    }
    lines = review_diff(old, snapshot(full_sheet()), settings)
    assert lines[0] == "Position rose: Unsure (0) → Hopeful (+1)"
    assert "Person 1: mode Trouble → Growth" in lines
    assert "Landmine added: Rival is cheaper" in lines
    assert not any("ask us many questions" in line for line in lines)


def test_review_diff_without_settings_uses_keys() -> None:
    before = full_sheet()
    after = one(1, mode="trouble")(before)
    assert review_diff(snapshot(before), snapshot(after)) == ["Person 1: mode growth → trouble"]

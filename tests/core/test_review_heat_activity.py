"""The heat tab, the activity tab, the board and the periods."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from followup_tui.core.accounts.heat import heat_on
from followup_tui.core.base.config import Settings
from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.kinds import OUTCOMES, TIERS
from followup_tui.core.base.records import ActivityRec
from followup_tui.core.review.activity import FollowUpDone, activity_review
from followup_tui.core.review.board import BoardAccount, board
from followup_tui.core.review.heat_review import HeatInput, heat_review, heat_rows
from followup_tui.core.review.periods import month, parse_period, period_of, quarter
from tests.support import TODAY

D = dt.date


def call(
    i: int, account: int, day: D, outcome: str | None = "reached", **kw: object
) -> ActivityRec:
    return ActivityRec(i, account, day, kw.pop("kind", "call"), outcome, **kw)  # type: ignore[arg-type]


def test_heat_now_and_before_match_the_replay(settings: Settings) -> None:
    acts = [call(1, 1, D(2026, 10, 20)), call(2, 1, D(2026, 10, 25), "meeting_booked")]
    quiet = HeatInput(1, "Quiet since October", "A", acts)
    fresh = HeatInput(2, "Called today", "B", [call(3, 2, TODAY)])
    never = HeatInput(3, "Never called", None)
    rows = heat_rows([quiet, fresh, never], TODAY, settings)
    by_id = {r.account_id: r for r in rows}
    q = by_id[1]
    assert q.now == pytest.approx(heat_on(acts, TODAY, settings, "A"))
    assert q.before == pytest.approx(heat_on(acts, TODAY - dt.timedelta(days=30), settings, "A"))
    assert q.fall > 0
    assert by_id[2].fall < 0  # it gained
    assert by_id[3].klass == "C" and by_id[3].fall == 0
    review = heat_review(rows, TODAY, settings)
    assert [r.account_id for r in review.fell] == [1]
    assert sum(sum(c) for _, c in review.bands) == 3
    assert review.days == 30


def test_activity_of_a_month() -> None:
    nov = month(2026, 11)
    acts = [
        call(1, 1, D(2026, 11, 2)),
        call(2, 1, D(2026, 11, 2), "no_answer"),
        call(3, 2, D(2026, 11, 9), "voicemail"),
        call(4, 2, D(2026, 11, 10), None),
        call(5, 2, D(2026, 11, 10), None, kind="note", deal_id=9),
        call(6, 2, D(2026, 11, 11), None, kind="note"),
        call(7, 2, D(2026, 10, 31)),  # before the month
        call(8, 2, D(2026, 11, 30)),  # after today
    ]
    fus = [
        FollowUpDone(D(2026, 11, 5), D(2026, 11, 5)),  # on time
        FollowUpDone(D(2026, 11, 5), D(2026, 11, 8)),  # late
        FollowUpDone(D(2026, 11, 10), None),  # missed
        FollowUpDone(D(2026, 11, 25), None),  # not due yet
        FollowUpDone(D(2026, 10, 1), D(2026, 10, 2)),  # done in October
    ]
    a = activity_review(nov, acts, fus, TODAY)
    assert (a.contacts, a.reached) == (4, 1)
    assert a.reach_rate == 0.25
    assert (a.notes, a.notes_in_sheets) == (2, 1)
    assert (a.on_time, a.late, a.missed) == (1, 1, 1)
    assert [(t.label, t.total) for t in a.by_day] == [
        ("2026-11-02", 2),
        ("2026-11-09", 1),
        ("2026-11-10", 1),
    ]
    assert [(t.label, t.total) for t in a.by_week] == [("2026-W45", 2), ("2026-W46", 2)]


@hsettings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.dates(D(2026, 10, 1), D(2026, 12, 31)), st.sampled_from((*OUTCOMES, None))),
        max_size=30,
    )
)
def test_activity_counts_add_up(rows: list[tuple[D, str | None]]) -> None:
    a = activity_review(
        month(2026, 11), [call(i, 1, d, o) for i, (d, o) in enumerate(rows)], [], TODAY
    )
    assert sum(t.total for t in a.by_day) == sum(t.total for t in a.by_week) == a.contacts
    assert 0 <= a.reached <= a.contacts and 0.0 <= a.reach_rate <= 1.0


def test_board_shows_empty_slots_and_over_full_tiers() -> None:
    accounts = [BoardAccount(i, f"Big {i}", "big_below_potential") for i in range(7)]
    accounts += [BoardAccount(10, "Some", "some_business"), BoardAccount(11, "Loose", "other")]
    tiers = board(accounts, 5)
    assert [t.tier for t in tiers] == list(TIERS)
    assert (len(tiers[0].accounts), tiers[0].empty_slots, tiers[0].over_by) == (7, 0, 2)
    assert (len(tiers[1].accounts), tiers[1].empty_slots, tiers[1].over_by) == (1, 4, 0)
    assert (len(tiers[2].accounts), tiers[2].empty_slots) == (0, 5)


def test_periods() -> None:
    assert parse_period("month", "2026-02").end == D(2026, 2, 28)
    assert parse_period("quarter", "2026-Q4") == quarter(2026, 4)
    assert parse_period("quarter", "2026q1").label == "2026-Q1"
    assert parse_period("year", "2025").start == D(2025, 1, 1)
    assert period_of("quarter", TODAY).before().label == "2026-Q3"
    assert quarter(2026, 1).before().label == "2025-Q4"
    for kind, bad in (("month", "2026-13"), ("quarter", "2026-Q5"), ("year", "26"), ("month", "")):
        with pytest.raises(FollowupError, match=f"--{kind}"):
            parse_period(kind, bad)

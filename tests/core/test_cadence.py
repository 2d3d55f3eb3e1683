"""Cadence: the proposed next follow-up, snooze and reschedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.accounts.cadence import next_weekday, propose_next, reschedule, snooze
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.errors import FollowupError

TODAY = dt.date(2026, 11, 22)  # a Sunday
SETTINGS = load_settings(None)


def d(month: int, day: int, year: int = 2026) -> dt.date:
    """A date, briefly."""
    return dt.date(year, month, day)


@pytest.mark.parametrize(
    ("quadrant", "expected", "reason"),
    [
        ("A", d(11, 25), "class A cadence: every 3 days"),
        ("B", d(11, 30), "class B cadence: every 7 days; moved from Sunday to Monday"),
        ("C", d(12, 7), "class C cadence: every 14 days; moved from Sunday to Monday"),
        ("D", d(12, 22), "class D cadence: every 30 days"),
        (
            None,
            d(12, 7),
            "unjudged (as class C) cadence: every 14 days; moved from Sunday to Monday",
        ),
    ],
)
def test_cadence_per_class(
    settings: Settings, quadrant: str | None, expected: dt.date, reason: str
) -> None:
    proposal = propose_next(TODAY, quadrant, settings)
    assert (proposal.date, proposal.reason, proposal.source) == (expected, reason, "cadence")


def test_weekends_can_be_kept(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("cadence:\n  skip_weekends: false\n", encoding="utf-8")
    proposal = propose_next(TODAY, "B", load_settings(config))
    assert proposal.date == d(11, 29)  # a Sunday, as configured


@pytest.mark.parametrize(
    ("today", "quadrant", "completion", "expected", "source"),
    [
        # Completion sooner than the cadence: two days before it.
        (TODAY, "D", d(11, 27), d(11, 25), "completion"),
        # ... but never before tomorrow.
        (TODAY, "A", d(11, 23), d(11, 23), "completion"),
        # A passed completion date: confirm it tomorrow.
        (TODAY, "C", d(11, 20), d(11, 23), "completion"),
        # Completion after the cadence: the cadence wins.
        (TODAY, "A", d(12, 20), d(11, 25), "cadence"),
        # Two days before lands on Sunday: move back to Friday, still before completion.
        (TODAY, "D", d(12, 1), d(11, 27), "completion"),
        # ... unless that Friday is not after today: then Monday.
        (d(11, 21), "D", d(11, 24), d(11, 23), "completion"),
    ],
)
def test_an_open_deal_completion_pulls_the_date_forward(
    settings: Settings,
    today: dt.date,
    quadrant: str,
    completion: dt.date,
    expected: dt.date,
    source: str,
) -> None:
    proposal = propose_next(today, quadrant, settings, deal_completion=completion)
    assert (proposal.date, proposal.source) == (expected, source)


def test_completion_reasons(settings: Settings) -> None:
    assert (
        propose_next(TODAY, "D", settings, deal_completion=d(11, 27)).reason
        == "2 days before the open deal completes on 2026-11-27"
    )
    assert (
        propose_next(TODAY, "C", settings, deal_completion=d(11, 20)).reason
        == "the open deal's completion date 2026-11-20 has passed: confirm it now"
    )


def test_the_customers_date_wins(settings: Settings) -> None:
    proposal = propose_next(TODAY, "A", settings, deal_completion=d(11, 27), asked_for=d(12, 5))
    assert proposal.date == d(12, 5)  # a Saturday: the customer chose it
    assert (proposal.reason, proposal.source) == ("the customer asked for 2026-12-05", "asked")


@pytest.mark.parametrize("asked", [TODAY, d(11, 1)])
def test_an_asked_for_date_not_after_today_is_ignored(settings: Settings, asked: dt.date) -> None:
    proposal = propose_next(TODAY, "A", settings, asked_for=asked)
    assert proposal.date == d(11, 25)
    assert proposal.reason.endswith(
        f"the asked-for date {asked.isoformat()} is not after today, ignored"
    )


@given(
    st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    st.sampled_from(["A", "B", "C", "D", None]),
    st.none() | st.dates(dt.date(2025, 12, 1), dt.date(2028, 3, 1)),
    st.none() | st.dates(dt.date(2025, 12, 1), dt.date(2028, 3, 1)),
)
def test_never_today_and_never_a_weekend_unless_asked(
    today: dt.date, quadrant: str | None, completion: dt.date | None, asked: dt.date | None
) -> None:
    proposal = propose_next(today, quadrant, SETTINGS, deal_completion=completion, asked_for=asked)
    assert proposal.date > today
    if proposal.source != "asked":
        assert proposal.date.weekday() < 5


@pytest.mark.parametrize(
    ("due", "until", "expected"),
    [
        (d(11, 19), None, d(11, 23)),  # overdue: tomorrow
        (TODAY, None, d(11, 23)),
        (d(11, 30), None, d(12, 1)),  # future: never pulled forward
        (d(11, 19), d(12, 3), d(12, 3)),  # a typed date
    ],
)
def test_snooze(due: dt.date, until: dt.date | None, expected: dt.date) -> None:
    assert snooze(due, TODAY, until) == expected


def test_snooze_can_skip_the_weekend() -> None:
    friday = d(11, 27)
    assert snooze(friday, friday) == d(11, 28)
    assert snooze(friday, friday, skip_weekends=True) == d(11, 30)


@pytest.mark.parametrize("until", [TODAY, d(11, 20)])
def test_snooze_rejects_today_and_the_past(until: dt.date) -> None:
    with pytest.raises(FollowupError, match=f"cannot snooze to {until.isoformat()}"):
        snooze(d(11, 19), TODAY, until)


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (TODAY, TODAY),
        (d(11, 24), d(11, 24)),
        (d(12, 24), d(12, 24)),
    ],
)
def test_reschedule_moves_either_way_from_today_on(new: dt.date, expected: dt.date) -> None:
    assert reschedule(d(12, 1), TODAY, new) == expected


def test_reschedule_rejects_the_past() -> None:
    with pytest.raises(FollowupError, match="in the past"):
        reschedule(d(12, 1), TODAY, d(11, 21))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (d(11, 20), d(11, 20)),
        (d(11, 21), d(11, 23)),
        (d(11, 22), d(11, 23)),
    ],
)
def test_next_weekday(day: dt.date, expected: dt.date) -> None:
    assert next_weekday(day) == expected

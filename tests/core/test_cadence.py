"""Cadence: the proposed next follow-up, snooze and reschedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.accounts.cadence import next_weekday, propose_next, reschedule, snooze
from followup_tui.core.base.config import Settings, load_settings
from followup_tui.core.base.errors import ConfigError, FollowupError
from followup_tui.core.base.records import ContactRec

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


# -- the quick retry after a call that reached nobody ------------------------------------

SHANGHAI_DAY = ContactRec(1, 1, "Pan", "Asia/Shanghai", "09:00", "17:30")
NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")
LOS_ANGELES = ContactRec(2, 1, "Lee", "America/Los_Angeles", "09:00", "17:00")


@pytest.mark.parametrize(
    ("today", "outcome", "expected", "reason"),
    [
        # Sunday: the next working day is Monday.
        (TODAY, "no_answer", d(11, 23), "nobody reached: retry in 1 day"),
        (TODAY, "voicemail", d(11, 23), "nobody reached: retry in 1 day"),
        # Thursday: Friday.
        (d(11, 26), "no_answer", d(11, 27), "nobody reached: retry in 1 day"),
        # Friday: not Saturday but Monday.
        (
            d(11, 27),
            "voicemail",
            d(11, 30),
            "nobody reached: retry in 1 day; moved from Saturday to Monday",
        ),
    ],
)
def test_nobody_reached_retries_the_next_working_day(
    settings: Settings, today: dt.date, outcome: str, expected: dt.date, reason: str
) -> None:
    # Class D's cadence is 30 days and the deal completes in a fortnight: the retry wins.
    proposal = propose_next(today, "D", settings, outcome=outcome, deal_completion=d(12, 11))
    assert (proposal.date, proposal.reason, proposal.source) == (expected, reason, "retry")


@pytest.mark.parametrize("outcome", ["reached", "rejected", "meeting_booked", None])
def test_a_contact_that_reached_someone_keeps_the_cadence(
    settings: Settings, outcome: str | None
) -> None:
    proposal = propose_next(TODAY, "D", settings, outcome=outcome)
    assert (proposal.date, proposal.source) == (d(12, 22), "cadence")


def test_the_customers_date_still_wins_over_a_retry(settings: Settings) -> None:
    proposal = propose_next(TODAY, "A", settings, outcome="no_answer", asked_for=d(12, 5))
    assert (proposal.date, proposal.source) == (d(12, 5), "asked")


def config(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_the_retry_is_configurable_and_can_be_turned_off(tmp_path: Path) -> None:
    later = config(tmp_path, "cadence:\n  retry_after_no_answer_days: 2\n")
    # Thursday + 2 is Saturday: Monday.
    assert propose_next(d(11, 26), "A", later, outcome="no_answer").date == d(11, 30)
    off = config(tmp_path, "cadence:\n  retry_after_no_answer_days: 0\n")
    proposal = propose_next(TODAY, "A", off, outcome="no_answer")
    assert (proposal.date, proposal.source) == (d(11, 25), "cadence")
    weekends = config(tmp_path, "cadence:\n  skip_weekends: false\n")
    assert propose_next(d(11, 27), "A", weekends, outcome="no_answer").date == d(11, 28)


def test_a_negative_retry_is_refused_naming_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"cadence\.retry_after_no_answer_days"):
        config(tmp_path, "cadence:\n  retry_after_no_answer_days: -1\n")


@pytest.mark.parametrize(
    ("today", "contact", "rep_zone", "expected", "their_day"),
    [
        # Same day in both places: Monday, their window opens at 09:00 Shanghai (01:00 UTC).
        (d(11, 27), SHANGHAI_DAY, dt.UTC, d(11, 30), "Monday"),
        # A rep in New York: Friday starts at 13:00 in Shanghai, inside their Friday window.
        (d(11, 26), SHANGHAI_DAY, NEW_YORK, d(11, 27), "Friday"),
        # A rep in Shanghai calling Los Angeles on a Friday: their Monday 09:00 is the
        # rep's Tuesday 01:00.
        (d(11, 27), LOS_ANGELES, SHANGHAI, d(12, 1), "Monday"),
        # ... and on a Thursday: their Thursday window runs into the rep's Friday.
        (d(11, 26), LOS_ANGELES, SHANGHAI, d(11, 27), "Thursday"),
    ],
)
def test_the_retry_lands_inside_the_contacts_calling_window(
    settings: Settings,
    today: dt.date,
    contact: ContactRec,
    rep_zone: dt.tzinfo,
    expected: dt.date,
    their_day: str,
) -> None:
    proposal = propose_next(
        today, "B", settings, outcome="no_answer", contact=contact, rep_zone=rep_zone
    )
    window = f"{contact.call_window_start}-{contact.call_window_end} {contact.time_zone}"
    assert proposal.date == expected
    assert proposal.reason.endswith(f"; their calling window {window}, on their {their_day}")


@pytest.mark.parametrize(
    "contact",
    [
        ContactRec(3, 1, "No zone", "", "09:00", "17:00"),
        ContactRec(4, 1, "Bad zone", "Mars/Olympus", "09:00", "17:00"),
        ContactRec(5, 1, "No window", "Asia/Shanghai", "", ""),
        None,
    ],
)
def test_an_unknown_window_leaves_the_next_working_day(
    settings: Settings, contact: ContactRec | None
) -> None:
    proposal = propose_next(d(11, 27), "B", settings, outcome="no_answer", contact=contact)
    assert proposal.date == d(11, 30) and "calling window" not in proposal.reason


def test_a_window_over_midnight_is_found(settings: Settings) -> None:
    night = ContactRec(6, 1, "Night shift", "UTC", "22:00", "02:00")
    proposal = propose_next(TODAY, "B", settings, outcome="voicemail", contact=night)
    assert proposal.date == d(11, 23)  # this machine's zone is UTC in the tests
    assert proposal.reason.endswith("on their Monday")


ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "America/Los_Angeles", "Pacific/Auckland"]


@given(
    st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)),
    st.sampled_from(["no_answer", "voicemail"]),
    st.sampled_from(ZONES),
    st.sampled_from(ZONES),
    st.integers(0, 23),
    st.integers(1, 12),
)
def test_a_retry_is_after_today_on_a_weekday_of_the_person_called(
    today: dt.date, outcome: str, rep: str, theirs: str, start: int, hours: int
) -> None:
    end = (start + hours) % 24
    contact = ContactRec(7, 1, "Any", theirs, f"{start:02d}:00", f"{end:02d}:30")
    rep_zone = ZoneInfo(rep)
    proposal = propose_next(
        today, "C", SETTINGS, outcome=outcome, contact=contact, rep_zone=rep_zone
    )
    assert proposal.source == "retry" and proposal.date > today
    assert proposal.date <= today + dt.timedelta(days=7), "within the week"
    their_day = proposal.reason.rsplit("on their ", 1)[1]
    assert their_day not in ("Saturday", "Sunday")
    # Without the window: the next weekday, in anyone's zone.
    plain = propose_next(today, "C", SETTINGS, outcome=outcome)
    assert plain.date == next_weekday(today + dt.timedelta(days=1))

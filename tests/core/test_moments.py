"""A write is always stamped on the injected day, whatever the wall clock says."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.base.moments import write_stamp


def local_day(stamp: dt.datetime) -> dt.date:
    """The local day of a naive-UTC stamp."""
    return stamp.replace(tzinfo=dt.UTC).astimezone().date()


@given(
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.none() | st.datetimes(min_value=dt.datetime(2001, 1, 1), max_value=dt.datetime(2090, 1, 1)),
)
def test_the_stamp_falls_on_the_injected_day(today: dt.date, now: dt.datetime | None) -> None:
    stamp = write_stamp(today, now.replace(tzinfo=dt.UTC) if now else None)
    assert local_day(stamp) == today
    assert stamp.tzinfo is None and stamp.microsecond == 0


def test_the_present_moment_is_kept_when_it_is_today() -> None:
    now = dt.datetime(2026, 11, 22, 9, 30, 5, tzinfo=dt.UTC)
    assert write_stamp(dt.date(2026, 11, 22), now) == dt.datetime(2026, 11, 22, 9, 30, 5)


def test_an_unknown_moment_is_noon() -> None:
    assert write_stamp(dt.date(2026, 11, 22), None) == dt.datetime(2026, 11, 22, 12, 0)

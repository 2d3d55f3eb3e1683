"""Stored UTC stamps become the rep's local days, in whole-hour and half-hour zones."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from followup_tui.core.base.local_days import LocalDays


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("name", "stamp", "day"),
    [
        ("Asia/Shanghai", "2026-11-21 15:59:59", dt.date(2026, 11, 21)),
        ("Asia/Shanghai", "2026-11-21 16:00:00", dt.date(2026, 11, 22)),
        ("America/New_York", "2026-11-22 04:59:00", dt.date(2026, 11, 21)),
        ("Asia/Kolkata", "2026-11-21 18:29:00", dt.date(2026, 11, 21)),
        ("Asia/Kolkata", "2026-11-21 18:30:00", dt.date(2026, 11, 22)),
    ],
)
def test_local_day_of_a_utc_stamp(zone, name: str, stamp: str, day: dt.date) -> None:
    zone(name)
    days = LocalDays()
    # Twice, and after another stamp of the same hour: the per-hour cache must agree.
    same_hour = stamp[:14] + "00:00"
    days(same_hour)
    assert days(stamp) == day
    assert days(stamp) == day


def test_half_hour_zone_splits_one_utc_hour_across_two_days(zone) -> None:
    zone("Asia/Kolkata")
    days = LocalDays()
    assert days("2026-11-21 18:10:00") == dt.date(2026, 11, 21)
    assert days("2026-11-21 18:40:00") == dt.date(2026, 11, 22)
    assert days("2026-11-21 18:10:00.123456") == dt.date(2026, 11, 21)

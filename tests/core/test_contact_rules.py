"""'Last contacted': past days read forwards, future days and a dateless tick refused."""

from __future__ import annotations

import datetime as dt

import pytest

from followup_tui.core.base.dates import FutureDayError, parse_past_day
from followup_tui.core.sheet.contact_rules import contact_error, contact_values
from tests.support import TODAY

YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("yesterday", YESTERDAY),
        ("-1d", YESTERDAY),
        ("昨天", YESTERDAY),
        ("3天前", TODAY - dt.timedelta(days=3)),
        ("-2w", TODAY - dt.timedelta(days=14)),
        ("today", TODAY),
        ("2026-11-01", dt.date(2026, 11, 1)),
    ],
)
def test_past_days_are_read(typed: str, day: dt.date) -> None:
    assert parse_past_day(typed, TODAY) == day
    assert contact_error(True, typed, TODAY) is None
    assert contact_values(True, typed, TODAY) == {"contacted": True, "last_contacted_on": day}


@pytest.mark.parametrize("typed", ["tomorrow", "+3d", "2026-12-24", "明天", "next mon"])
def test_future_days_are_refused_clearly(typed: str) -> None:
    with pytest.raises(FutureDayError):
        parse_past_day(typed, TODAY)
    message = contact_error(True, typed, TODAY)
    assert message is not None
    assert f'"{typed}" is ' in message or f"“{typed}”是" in message
    assert "in the future" in message or "还没有到" in message


def test_the_future_message_in_each_language() -> None:
    assert contact_error(False, "tomorrow", TODAY) == (
        '"tomorrow" is 2026-11-23, in the future: give the day it happened '
        "(today, yesterday, -1d, -2w, -1m, 昨天, 前天, 3天前, or a date)"
    )
    zh = contact_error(False, "明天", TODAY, "zh")
    assert zh is not None and zh.startswith("“明天”是2026-11-23，还没有到")
    assert "," not in zh and ":" not in zh


def test_ticked_without_a_day_is_not_saved_as_yes() -> None:
    assert contact_error(True, "", TODAY) == (
        "Contacted: on what day? e.g. today, yesterday, -3d or 2026-11-20 (untick it if not yet)"
    )
    assert contact_error(
        True,
        "  ",
        TODAY,
        "zh",
    ).startswith("已接触：是哪一天？")  # type: ignore[union-attr]


def test_not_ticked_and_no_day_is_not_contacted() -> None:
    assert contact_error(False, "", TODAY) is None
    assert contact_values(False, "", TODAY) == {"contacted": False, "last_contacted_on": None}


def test_a_day_without_the_tick_means_contacted() -> None:
    assert contact_values(False, "yesterday", TODAY) == {
        "contacted": True,
        "last_contacted_on": YESTERDAY,
    }


def test_unreadable_text_names_the_input_and_offers_only_past_days() -> None:
    message = contact_error(True, "sometime", TODAY)
    assert message is not None and 'cannot read "sometime" as a day' in message
    # A contact happened: the forms of a next step would only be refused next.
    for future in ("tomorrow", "+3d", "明天", "next mon"):
        assert future not in message
    assert "yesterday" in message and "3天前" in message
    zh = contact_error(True, "某天", TODAY, "zh")
    assert zh is not None and zh.startswith("无法把“某天”读成日期") and "明天" not in zh

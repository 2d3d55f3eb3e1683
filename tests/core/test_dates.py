"""Typed dates: ISO and short forms in English and Chinese, and clear rejections."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup_tui.core.base.dates import DateParseError, add_months, parse_when
from followup_tui.core.base.errors import FollowupError

TODAY = dt.date(2026, 11, 22)  # a Sunday
WED = dt.date(2026, 11, 18)


def d(month: int, day: int, year: int = 2026) -> dt.date:
    """A date, briefly."""
    return dt.date(year, month, day)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", d(12, 1)),
        ("2026-1-5", d(1, 5)),
        ("2026-11-01", d(11, 1)),  # the past is fine for an ISO date
        ("today", TODAY),
        ("Tomorrow", d(11, 23)),
        ("  TODAY ", TODAY),
        ("+3d", d(11, 25)),
        ("3d", d(11, 25)),
        ("+3 days", d(11, 25)),
        ("+1 day", d(11, 23)),
        ("+2w", d(12, 6)),
        ("2 weeks", d(12, 6)),
        ("+1m", d(12, 22)),
        ("3 months", d(2, 22, 2027)),
        ("mon", d(11, 23)),
        ("Monday", d(11, 23)),
        ("fri", d(11, 27)),
        ("sun", d(11, 29)),  # strictly after today, so a week on
        ("next mon", d(11, 23)),  # Monday of next calendar week
        ("next  Friday", d(11, 27)),
    ],
)
def test_english_forms_on_a_sunday(text: str, expected: dt.date) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fri", d(11, 20)),  # this week's Friday, still ahead
        ("next fri", d(11, 27)),  # next week's
        ("wed", d(11, 25)),
        ("next wed", d(11, 25)),
        ("mon", d(11, 23)),
    ],
)
def test_weekdays_from_a_wednesday(text: str, expected: dt.date) -> None:
    assert parse_when(text, WED) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天", TODAY),
        ("明天", d(11, 23)),
        ("后天", d(11, 24)),
        ("大后天", d(11, 25)),
        ("下周一", d(11, 23)),
        ("下周三", d(11, 25)),
        ("下周日", d(11, 29)),
        ("下周天", d(11, 29)),
        ("下星期五", d(11, 27)),
        ("下个礼拜二", d(11, 24)),
        ("周三", d(11, 25)),
        ("星期三", d(11, 25)),
        ("礼拜三", d(11, 25)),
        ("周日", d(11, 29)),
        ("3天后", d(11, 25)),
        ("三天后", d(11, 25)),
        ("十天后", d(12, 2)),
        ("十二天后", d(12, 4)),
        ("2周后", d(12, 6)),
        ("两周后", d(12, 6)),
        ("2个星期后", d(12, 6)),
        ("1个月后", d(12, 22)),
        ("３天后", d(11, 25)),  # full-width digits
        ("２０２６－１２－０１", d(12, 1)),
        (" 下周 一 ", d(11, 23)),
    ],
)
def test_chinese_forms_on_a_sunday(text: str, expected: dt.date) -> None:
    assert parse_when(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周五", d(11, 20)),
        ("下周五", d(11, 27)),
        ("下周一", d(11, 23)),
    ],
)
def test_chinese_weekdays_from_a_wednesday(text: str, expected: dt.date) -> None:
    assert parse_when(text, WED) == expected


def test_months_clip_to_the_end_of_the_month() -> None:
    assert parse_when("+1m", d(1, 31, 2027)) == d(2, 28, 2027)
    assert parse_when("1个月后", d(1, 31, 2028)) == d(2, 29, 2028)
    assert add_months(d(11, 30), 3) == d(2, 28, 2027)
    assert add_months(d(12, 15), 1) == d(1, 15, 2027)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("yesterday", None),
        ("昨天", None),
        ("next", None),
        ("+3x", None),
        ("3", None),
        ("monday next", None),
        ("2026/12/01", None),
        ("01-12-2026", None),
        ("周八", None),
        ("下下周一", None),
        ("-3d", None),
        ("2026-02-30", "no such date"),
        ("2026-13-01", "no such date"),
        ("+0d", "a shift must be at least 1; use today"),
        ("0w", "a shift must be at least 1; use today"),
        ("+99999d", "too far ahead"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_rejections_name_the_input_and_the_accepted_forms(text: str, problem: str | None) -> None:
    with pytest.raises(DateParseError) as info:
        parse_when(text, TODAY, "en")
    message = str(info.value)
    assert f'cannot read "{text.strip()}" as a date' in message
    assert "Use one of: 2026-12-01, today, tomorrow, +3d, +2w, +1m, mon..sun, next mon" in message
    assert "明天" in message and "下周一" in message
    if problem:
        assert f"({problem})" in message
    assert isinstance(info.value, FollowupError)


def test_chinese_input_is_rejected_in_chinese() -> None:
    with pytest.raises(DateParseError) as info:
        parse_when("明年", TODAY)
    message = str(info.value)
    assert message.startswith("无法识别日期“明年”")
    assert "可用的写法：2026-12-01、今天、明天、后天、下周一" in message


def test_the_language_hint_picks_the_message_language() -> None:
    with pytest.raises(DateParseError, match="无法识别日期“soon”"):
        parse_when("soon", TODAY, language_hint="zh")
    with pytest.raises(DateParseError, match='cannot read "0天后"'):
        parse_when("0天后", TODAY, language_hint="en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", d(11, 21)),
        ("昨天", d(11, 21)),
        ("前天", d(11, 20)),
        ("大前天", d(11, 19)),
        ("-1d", d(11, 21)),
        ("- 3 days", d(11, 19)),
        ("-2w", d(11, 8)),
        ("-1m", d(10, 22)),
        ("3天前", d(11, 19)),
        ("两周前", d(11, 8)),
        ("1个月前", d(10, 22)),
        ("tomorrow", d(11, 23)),  # the forward forms still read the same
        ("+3d", d(11, 25)),
        ("2026-01-05", d(1, 5)),
    ],
)
def test_past_forms_where_a_past_day_is_wanted(text: str, expected: dt.date) -> None:
    assert parse_when(text, TODAY, past=True) == expected


def test_past_forms_are_refused_for_a_next_step_and_listed_where_allowed() -> None:
    with pytest.raises(DateParseError) as info:
        parse_when("-1d", TODAY)
    assert "yesterday" not in str(info.value)
    with pytest.raises(DateParseError) as info:
        parse_when("-0d", TODAY, past=True)
    assert "a shift must be at least 1" in str(info.value)
    assert "yesterday, -1d, -2w, -1m, 昨天" in str(info.value)
    with pytest.raises(DateParseError, match="too far back"):
        parse_when("-99999d", TODAY, past=True)
    with pytest.raises(DateParseError, match=r"可用的写法：.*昨天、前天、3天前"):
        parse_when("很久以前", TODAY, past=True)


@given(n=st.integers(min_value=1, max_value=1000), unit=st.sampled_from(["d", "w", "m"]))
def test_back_and_forth_are_mirror_images(n: int, unit: str) -> None:
    """`-Nx` is as far behind today as `+Nx` is ahead (months clip at the month's end)."""
    ahead = parse_when(f"+{n}{unit}", TODAY, past=True)
    back = parse_when(f"-{n}{unit}", TODAY, past=True)
    if unit == "m":
        assert back == add_months(TODAY, -n) and ahead == add_months(TODAY, n)
    else:
        assert (ahead - TODAY) == (TODAY - back) == dt.timedelta(days=n * (7 if unit == "w" else 1))
    chinese = {"d": "天", "w": "周", "m": "个月"}[unit]
    assert parse_when(f"{n}{chinese}前", TODAY, past=True) == back


@given(st.integers(min_value=1, max_value=9998), st.integers(min_value=1, max_value=12))
def test_days_in_month_is_the_calendar_s(year: int, month: int) -> None:
    import calendar

    from followup_tui.core.base.dates import days_in_month

    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]

"""Typed date input: ISO dates and short forms, in English and Chinese.

Accepted (case, spacing and full-width forms do not matter: input is NFKC-folded):

| form                               | meaning                                       |
|------------------------------------|-----------------------------------------------|
| `2026-12-01`                       | that date; the only form that may be past     |
| `today` `今天`                     | today                                         |
| `tomorrow` `明天`                  | today + 1                                     |
| `后天` / `大后天`                  | today + 2 / + 3                               |
| `+3d` `3d` `+3 days`               | today + 3 days (also `w`/`weeks`, `m`/`months`)|
| `3天后` `2周后` `2个星期后` `1个月后` | the same in Chinese (digits or 一..九十九)  |
| `mon` .. `sun`, `monday` ..        | the next such day, strictly after today       |
| `周三` `星期三` `礼拜三`            | the same in Chinese (日 and 天 both Sunday)  |
| `next mon`, `下周一` `下星期一`     | that day in next calendar week (weeks start Monday) |

Months add calendar months, clipped to the month's end (Jan 31 + 1m = Feb 28).
A shift of zero (`+0d`) is rejected: it is almost always a typo, and `today` says
it plainly. `yesterday` and other past words are rejected: a next step is not
in the past; type an ISO date for a past day. Where a day may be past (the day a
command looks at, with `past=True`), these are accepted too:

| form                               | meaning                                       |
|------------------------------------|-----------------------------------------------|
| `yesterday` `昨天` `前天` `大前天` | today - 1 / - 1 / - 2 / - 3                   |
| `-3d` `-2w` `-1m`                  | today - 3 days, 2 weeks, 1 month              |
| `3天前` `2周前` `1个月前`          | the same in Chinese                           |

Everything else raises `DateParseError`, whose message names the input and the
accepted forms. A day that must already have happened (the last contact) is read
by `parse_past_day`: the past forms too, and a future day is refused
(`FutureDayError`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from followup_tui.core.base.errors import FollowupError
from followup_tui.core.base.text import whole_number

MAX_SHIFT_DAYS = 36_500  # a hundred years: anything further is a typo
WEEKDAYS_EN = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_UNITS_EN = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "month": "m",
    "months": "m",
}
_UNITS_ZH = {"天": "d", "日": "d", "周": "w", "星期": "w", "礼拜": "w", "月": "m"}
_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_WORDS = {"today": 0, "今天": 0, "tomorrow": 1, "明天": 1, "后天": 2, "大后天": 3}
_PAST_WORDS = {"yesterday": -1, "昨天": -1, "前天": -2, "大前天": -3}

# Patterns compiled at first use (`re` keeps them): most starts parse no date at all.
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_SHIFT_EN = r"\+?\s*(\d+)\s*([a-z]+)"
_WEEKDAY_EN = r"(next\s+)?([a-z]+)"
_SHIFT_ZH = r"(\d+|[一二两三四五六七八九十]+)个?(天|日|周|星期|礼拜|月)(?:之)?后"
_BACK_EN = r"-\s*(\d+)\s*([a-z]+)"
_BACK_ZH = r"(\d+|[一二两三四五六七八九十]+)个?(天|日|周|星期|礼拜|月)(?:之)?前"
_WEEKDAY_ZH = r"(下个?)?(?:周|星期|礼拜)([一二三四五六日天])"

ACCEPTED_EN = (
    "2026-12-01, today, tomorrow, +3d, +2w, +1m, mon..sun, next mon, "
    "今天, 明天, 后天, 下周一, 周三, 3天后, 2周后, 1个月后"
)
ACCEPTED_ZH = (
    "2026-12-01、今天、明天、后天、下周一、周三、星期三、3天后、2周后、1个月后、"
    "today、tomorrow、+3d、+2w、mon、next mon"
)
PAST_EN = "yesterday, -1d, -2w, -1m, 昨天, 前天, 3天前"
PAST_ZH = "昨天、前天、3天前、2周前、1个月前、yesterday、-1d、-2w"


class DateParseError(FollowupError):
    """Typed text that is not a date this parser accepts."""

    def __init__(
        self, text: str, problem: str | None = None, language: str = "en", past: bool = False
    ) -> None:
        if language == "zh":
            head = f"无法识别日期“{text}”" + (f"（{problem}）" if problem else "")
            message = f"{head}。可用的写法：{ACCEPTED_ZH}" + (f"、{PAST_ZH}" if past else "")
        else:
            head = f'cannot read "{text}" as a date' + (f" ({problem})" if problem else "")
            message = f"{head}. Use one of: {ACCEPTED_EN}" + (f", {PAST_EN}" if past else "")
        super().__init__(message)
        self.text = text
        self.problem = problem


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (leap years included).

    `calendar.monthrange` says the same, but importing `calendar` (and its locale
    machinery) is a millisecond of every start, for this alone.
    """
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - date(year, month, 1)).days


def add_months(day: date, months: int) -> date:
    """`day` plus calendar months, clipped to the end of the target month."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, days_in_month(year, month0 + 1)))


def _zh_number(text: str) -> int | None:
    """Digits or a Chinese numeral from 一 to 九十九."""
    if whole_number(text):
        return int(text)
    if "十" not in text:
        return _ZH_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = _ZH_DIGITS.get(tens) if tens else 1
    o = _ZH_DIGITS.get(ones) if ones else 0
    return None if t is None or o is None else t * 10 + o


def _shift(
    today: date, n: int, unit: str, raw: str, lang: str, sign: int = 1, past: bool = False
) -> date:
    """today + n days/weeks/months (minus with `sign` -1), rejecting zero and absurd sizes.

    `past`: the past forms are accepted, so a rejection lists them too.
    """
    if n == 0:
        zh, en = "位移必须至少为 1；今天请写“今天”", "a shift must be at least 1; use today"
        msg = zh if lang == "zh" else en
        raise DateParseError(raw, msg, lang, past)
    days = n * {"d": 1, "w": 7, "m": 31}[unit]
    if days > MAX_SHIFT_DAYS:
        far = "too far back" if sign < 0 else "too far ahead"
        raise DateParseError(raw, "太远了" if lang == "zh" else far, lang, past)
    if unit == "m":
        return add_months(today, sign * n)
    return today + timedelta(days=sign * n * (7 if unit == "w" else 1))


def _weekday(today: date, index: int, next_week: bool) -> date:
    """The next such weekday after today, or that weekday in next calendar week."""
    if next_week:
        return today + timedelta(days=7 - today.weekday() + index)
    return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)


def _has_cjk(text: str) -> bool:
    """Whether the text contains CJK ideographs (to answer in Chinese)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def parse_when(
    text: str, today: date, language_hint: str | None = None, *, past: bool = False
) -> date:
    """The date typed as `text`, relative to `today` (see the module tables).

    With `past`, the past forms are read too (`yesterday`, `-3d`, `3天前`): for
    the day a command looks at, not for a next step.
    """
    raw = text.strip()
    lang = language_hint or ("zh" if _has_cjk(raw) else "en")
    norm = " ".join(unicodedata.normalize("NFKC", raw).casefold().split())
    if not norm:
        raise DateParseError(raw, "空白" if lang == "zh" else "empty", lang, past)
    compact = norm.replace(" ", "")
    if compact in _WORDS:
        return today + timedelta(days=_WORDS[compact])
    # ISO first: the form scripts and `--date` give, and no past form looks like it
    # (so the past forms' patterns are not compiled for it).
    if m := re.fullmatch(_ISO, norm):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise DateParseError(
                raw, "日期不存在" if lang == "zh" else "no such date", lang, past
            ) from None
    if past:
        back = _past_form(today, norm, compact, raw, lang)
        if back is not None:
            return back
    if (m := re.fullmatch(_SHIFT_EN, norm)) and m[2] in _UNITS_EN:
        return _shift(today, int(m[1]), _UNITS_EN[m[2]], raw, lang, past=past)
    if (m := re.fullmatch(_WEEKDAY_EN, norm)) and m[2] in WEEKDAYS_EN:
        return _weekday(today, WEEKDAYS_EN[m[2]], bool(m[1]))
    if m := re.fullmatch(_SHIFT_ZH, compact):
        n = _zh_number(m[1])
        if n is not None:
            return _shift(today, n, _UNITS_ZH[m[2]], raw, lang, past=past)
    if m := re.fullmatch(_WEEKDAY_ZH, compact):
        return _weekday(today, WEEKDAYS_ZH[m[2]], bool(m[1]))
    raise DateParseError(raw, None, lang, past)


class FutureDayError(FollowupError):
    """A day that must have happened already (a contact, a call) typed in the future."""

    def __init__(self, text: str, day: date, language: str = "en") -> None:
        if language == "zh":
            message = (
                f"“{text}”是{day.isoformat()}，还没有到：请写已经发生的日子"
                f"（{PAST_ZH}、今天或日期）"
            )
        else:
            message = (
                f'"{text}" is {day.isoformat()}, in the future: give the day it happened '
                f"(today, {PAST_EN}, or a date)"
            )
        super().__init__(message)
        self.text = text
        self.day = day


def parse_past_day(text: str, today: date, language_hint: str | None = None) -> date:
    """A day that has already happened, typed as `text`: today, a past form or a date.

    The past forms (`yesterday`, `-1d`, `3天前`) are read; a day after `today`
    (`tomorrow`, `+3d`, a future date) raises FutureDayError; unreadable text
    raises DateParseError, as `parse_when` does.
    """
    day = parse_when(text, today, language_hint, past=True)
    if day > today:
        lang = language_hint or ("zh" if _has_cjk(text) else "en")
        raise FutureDayError(text.strip(), day, lang)
    return day


def _past_form(today: date, norm: str, compact: str, raw: str, lang: str) -> date | None:
    """The day a past form names (`yesterday`, `-3d`, `3天前`), or None for other text."""
    if compact in _PAST_WORDS:
        return today + timedelta(days=_PAST_WORDS[compact])
    if (m := re.fullmatch(_BACK_EN, norm)) and m[2] in _UNITS_EN:
        return _shift(today, int(m[1]), _UNITS_EN[m[2]], raw, lang, -1, past=True)
    if m := re.fullmatch(_BACK_ZH, compact):
        n = _zh_number(m[1])
        if n is not None:
            return _shift(today, n, _UNITS_ZH[m[2]], raw, lang, -1, past=True)
    return None

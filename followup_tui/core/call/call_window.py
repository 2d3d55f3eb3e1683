"""Callable now: is it inside a contact's preferred calling window, in their time zone?

The answer is True, False, or None when it cannot be known: no clock given, no
or an unknown time zone, or no complete window. Windows are "HH:MM" local to
the contact; the start is inclusive, the end exclusive; a window whose end is
before its start runs over midnight ("22:00"-"02:00"). Weekdays are not
considered: the window says when, not whether, they like calls.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from followup_tui.core.base.records import ContactRec
from followup_tui.core.base.text import whole_number

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo | None:
    """The time zone of an IANA name, or None if the name is empty or unknown."""
    if not name:
        return None
    # Imported on the first zone asked for: zoneinfo reads sysconfig as it loads, about
    # 2 ms of every start and `followup due`, most of which ask no contact's zone.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@lru_cache(maxsize=512)
def parse_hhmm(text: str) -> dt.time | None:
    """'09:00' -> 09:00; None for empty or malformed text."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not whole_number(hours) or not whole_number(minutes):
        return None
    h, m = int(hours), int(minutes)
    return dt.time(h, m) if 0 <= h < 24 and 0 <= m < 60 else None


def local_now(time_zone: str, now_utc: dt.datetime) -> dt.datetime | None:
    """The contact's wall-clock time at `now_utc` (naive means UTC), or None."""
    tz = zone(time_zone)
    if tz is None:
        return None
    if now_utc.tzinfo is None:
        now_utc = now_utc.replace(tzinfo=dt.UTC)
    return now_utc.astimezone(tz)


def in_window(local: dt.time, start: dt.time, end: dt.time) -> bool:
    """Whether a local time is inside [start, end), wrapping over midnight."""
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def callable_now(
    contact: ContactRec | None, now_utc: dt.datetime | None, *, weekdays_only: bool = False
) -> bool | None:
    """Whether the contact is inside their calling window now; None when unknown.

    With `weekdays_only` (the cadence's `skip_weekends`), their own Saturday and
    Sunday are outside it: a business line is not called at 11:00 on a Sunday.
    """
    if contact is None or now_utc is None:
        return None
    start, end = parse_hhmm(contact.call_window_start), parse_hhmm(contact.call_window_end)
    if start is None or end is None or start == end:
        return None
    local = local_now(contact.time_zone, now_utc)
    if local is None:
        return None
    if weekdays_only and local.weekday() >= 5:
        return False
    return in_window(local.time().replace(tzinfo=None), start, end)


def first_call_moment(
    contact: ContactRec | None, not_before: dt.datetime, *, weekdays_only: bool
) -> dt.datetime | None:
    """The first moment from `not_before` (aware) inside the contact's calling window.

    With `weekdays_only` the window counts only on the contact's own Monday to
    Friday: a retry lands on a day they work, wherever the rep is. None when the
    window or the zone is not known. The moment is in the contact's zone.
    """
    if contact is None:
        return None
    tz = zone(contact.time_zone)
    start, end = parse_hhmm(contact.call_window_start), parse_hhmm(contact.call_window_end)
    if tz is None or start is None or end is None or start == end:
        return None
    # From the day before: a window running over midnight may still be open then.
    first = not_before.astimezone(tz).date() - dt.timedelta(days=1)
    for offset in range(9):  # a week and its ends: every weekday's window is among them
        day = first + dt.timedelta(days=offset)
        if weekdays_only and day.weekday() >= 5:
            continue
        opens = dt.datetime.combine(day, start, tzinfo=tz)
        closes = dt.datetime.combine(day + dt.timedelta(days=end < start), end, tzinfo=tz)
        if closes > not_before:
            return max(opens, not_before.astimezone(tz))
    return None

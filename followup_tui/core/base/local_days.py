"""Stored UTC times -> the rep's local days, and the zone those days were read in.

Shared by the data layer's readers (accounts, heat, the queue's states); plain
Python so that no two of them need import each other for it.
"""

from __future__ import annotations

import datetime as dt
import time

_HOUR = dt.timedelta(hours=1)


class LocalDays:
    """Stored UTC text -> the rep's local day, with the zone offset looked up once an hour.

    Where the offset is whole hours (most zones) every stamp of one UTC hour
    falls on the same local day, so the day itself is kept per hour: reading
    the queue's tens of thousands of activities costs a dict lookup each.
    """

    def __init__(self) -> None:
        self._offsets: dict[str, dt.timedelta] = {}
        self._days: dict[str, dt.date] = {}

    def __call__(self, stamp: str) -> dt.date:
        hour = stamp[:13]
        day = self._days.get(hour)
        if day is not None:
            return day
        at = dt.datetime.fromisoformat(stamp[:19])
        offset = self._offsets.get(hour)
        if offset is None:
            offset = at.replace(tzinfo=dt.UTC).astimezone().utcoffset() or dt.timedelta(0)
            self._offsets[hour] = offset
        day = (at + offset).date()
        if not offset % _HOUR:
            self._days[hour] = day
        return day




def local_zone() -> tuple[object, ...]:
    """The machine's local time zone, as far as it decides which day a stored time falls on.

    Values kept from local days (stored heat, queue states) are only good in
    the zone they were computed in: a rep who travels, or a job run in UTC,
    must not read another zone's days.
    """
    return (time.tzname, time.timezone, time.altzone)

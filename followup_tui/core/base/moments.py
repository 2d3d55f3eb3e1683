"""The moment a write is stamped with, from the injected day and present moment.

Every write is stamped on the day the app or the CLI was told is today. A test
or a `--date` run pins the day while the clock on the wall moves on: stamping
the wall clock's moment would put a contact weeks away from its day, and the
heat replay would decay it.
"""

from __future__ import annotations

import datetime as dt

_NOON = dt.time(12, 0)


def write_stamp(today: dt.date, now_utc: dt.datetime | None) -> dt.datetime:
    """The naive-UTC moment to record, always on local `today`.

    The present moment when it falls on `today` in local time; otherwise its local
    time of day on `today`; with no moment known, local noon on `today`.
    """
    if now_utc is None:
        local_time = _NOON
    else:
        aware = now_utc if now_utc.tzinfo is not None else now_utc.replace(tzinfo=dt.UTC)
        local_time = aware.astimezone().time().replace(tzinfo=None)
    local = dt.datetime.combine(today, local_time).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)

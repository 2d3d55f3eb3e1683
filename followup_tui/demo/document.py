"""The export document being built: rows per table, ids in order, dates from the demo's day."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup_tui.core.base.kinds import EXPORT_TABLES

Row = dict[str, Any]

# Fixed offsets for the demo's zones, when the system has no tzdata.
_UTC_FALLBACK = {"Asia/Shanghai": 8, "Europe/London": 0, "America/New_York": -5}


class Doc:
    """The document being built: rows per table, ids handed out in order, and the clock."""

    def __init__(self, today: dt.date, seed: int) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.tables: dict[str, list[Row]] = {t: [] for t in EXPORT_TABLES}

    def add(self, table: str, **fields: Any) -> int:
        """Append a row, returning its new id."""
        rows = self.tables[table]
        row_id = len(rows) + 1
        rows.append({"id": row_id, **fields})
        return row_id

    def row(self, table: str, row_id: int) -> Row:
        """A row added earlier, to fill in fields known only later."""
        return self.tables[table][row_id - 1]

    def day(self, offset: int) -> str:
        """The ISO date `offset` days from today."""
        return (self.today + dt.timedelta(days=offset)).isoformat()

    def stamp(self, offset: int, hour: int = 9, minute: int = 0, tz: str = "UTC") -> str:
        """The UTC date-time of a local time `offset` days from today."""
        local = dt.datetime.combine(self.today + dt.timedelta(days=offset), dt.time(hour, minute))
        return to_utc(local, tz).isoformat(timespec="seconds")


class Act(NamedTuple):
    """An activity added to the history, for what refers back to it."""

    id: int
    ago: int
    at: str
    contact_id: int
    outcome: str | None


def to_utc(local: dt.datetime, tz: str) -> dt.datetime:
    """A naive local time in `tz` as naive UTC; fixed offsets when tzdata is missing."""
    try:
        aware = local.replace(tzinfo=ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return local - dt.timedelta(hours=_UTC_FALLBACK.get(tz, 0))
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def month_day(today: dt.date, months: int, day: int) -> dt.date:
    """Day `day` of the month `months` from today's month."""
    index = today.year * 12 + today.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, day)

"""Open follow-ups and best actions as a calendar file (RFC 5545), for the rep's phone.

Each entry is a whole-day to-do (VTODO) or event (VEVENT, by `export.calendar_entry`)
on its due day, with a reminder at `export.reminder_at` local time that day. Its
UID is the record's table, id and creation moment: re-exporting updates the entry
a calendar already holds instead of adding a second one, and two databases never
share one. The calendar reminds the rep with no server; done items are left out,
so importing a newer file leaves them behind in the calendar as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from icalendar import Alarm, Calendar, Event, Todo

PRODUCT = "-//followup//followup sales workbench//EN"
KINDS = ("todo", "event")


class CalendarEntry(NamedTuple):
    """One dated thing to do, from a follow-up or a best action."""

    table: str  # follow_up / best_action: part of the UID
    record_id: int
    created_at: dt.datetime | None
    due: dt.date
    summary: str
    description: str


def entry_uid(entry: CalendarEntry) -> str:
    """A UID stable across exports of one database and distinct across databases."""
    made = entry.created_at.strftime("%Y%m%dT%H%M%S") if entry.created_at else "0"
    return f"followup-{entry.table}-{entry.record_id}-{made}@followup"


def calendar_bytes(
    entries: Iterable[CalendarEntry],
    *,
    kind: str,
    reminder_at: dt.time,
    stamp: dt.datetime,
    reminder_text: str,
) -> bytes:
    """The calendar file: one entry per item, each with its reminder.

    `stamp` (UTC) is when the file was made (DTSTAMP); `kind` is one of KINDS.
    """
    if kind not in KINDS:
        raise ValueError(f"calendar entry kind must be one of {', '.join(KINDS)}: {kind!r}")
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    offset = dt.timedelta(hours=reminder_at.hour, minutes=reminder_at.minute)
    for e in entries:
        item = Todo() if kind == "todo" else Event()
        item.add("uid", entry_uid(e))
        item.add("dtstamp", stamp.astimezone(dt.UTC))
        item.add("dtstart", e.due)
        if kind == "todo":
            item.add("due", e.due)
        else:
            item.add("dtend", e.due + dt.timedelta(days=1))
        item.add("summary", e.summary)
        if e.description:
            item.add("description", e.description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", reminder_text or e.summary)
        # Relative to the whole day's start, its local midnight: the reminder's hour that day.
        alarm.add("trigger", offset, parameters={"RELATED": "START"})
        item.add_component(alarm)
        cal.add_component(item)
    return bytes(cal.to_ical())

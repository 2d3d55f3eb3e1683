"""What the rep did in a period, for the weekly report.

- **Contacts** are activities that are not notes, counted per day and per ISO week
  by outcome (`none`: logged without one).
- **Reach rate**: contacts whose outcome says someone was reached (any outcome but
  no answer and voicemail; a contact without an outcome is not counted as
  reached) over all contacts; 0 with no contacts.
- **Follow-ups** done in the period: *on time* when done on or before their due
  day, *late* after it; *missed*: still open on the period's last day (or today,
  when sooner) and due before it.
- **Notes filed into sheets**: notes tied to a deal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from followup_tui.core.base.kinds import OUTCOMES, UNREACHED_OUTCOMES
from followup_tui.core.base.records import ActivityRec
from followup_tui.core.review.periods import Period

NO_OUTCOME = "none"
OUTCOME_KEYS = (*OUTCOMES, NO_OUTCOME)


@dataclass(frozen=True, slots=True)
class FollowUpDone:
    """A follow-up's due day, and the day it was done (None: still open)."""

    due: date
    done_on: date | None


@dataclass(frozen=True, slots=True)
class Tally:
    """Contacts in a day or a week, by outcome (OUTCOME_KEYS order)."""

    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        """All contacts."""
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class ActivityReview:
    """The rep's activity in a period."""

    period: Period
    by_day: tuple[Tally, ...]  # days with contacts, in order
    by_week: tuple[Tally, ...]  # ISO weeks with contacts, in order
    contacts: int
    reached: int
    notes: int
    notes_in_sheets: int
    on_time: int
    late: int
    missed: int

    @property
    def reach_rate(self) -> float:
        """Reached over contacts, 0..1."""
        return self.reached / self.contacts if self.contacts else 0.0


class ActivityCount(NamedTuple):
    """`n` activities of one local day alike in what the review counts: a year of a
    large book is read as a few thousand of these instead of 200,000 records."""

    occurred_on: date
    kind: str
    outcome: str | None
    in_sheet: bool  # tied to a deal (what counts for notes)
    n: int = 1


def is_reached(outcome: str | None) -> bool:
    """Whether a contact's outcome says somebody was reached."""
    return outcome is not None and outcome not in UNREACHED_OUTCOMES


def week_label(day: date) -> str:
    """The ISO week of a day: '2026-W47'."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _tallies(keyed: dict[str, list[int]]) -> tuple[Tally, ...]:
    return tuple(Tally(k, tuple(v)) for k, v in sorted(keyed.items()))


def activity_review(
    period: Period,
    activities: Iterable[ActivityRec],
    follow_ups: Iterable[FollowUpDone],
    today: date,
) -> ActivityReview:
    """The activity of `period` (activities and follow-ups outside it are ignored)."""
    counts = (
        ActivityCount(a.occurred_on, a.kind, a.outcome, a.deal_id is not None) for a in activities
    )
    return counted_review(period, counts, follow_ups, today)


def counted_review(
    period: Period,
    counts: Iterable[ActivityCount],
    follow_ups: Iterable[FollowUpDone],
    today: date,
) -> ActivityReview:
    """`activity_review` of activities counted by day and kind."""
    days: dict[date, list[int]] = {}
    contacts = reached = notes = in_sheets = 0
    for a in counts:
        if not period.holds(a.occurred_on) or a.occurred_on > today:
            continue
        if a.kind == "note":
            notes += a.n
            in_sheets += a.n if a.in_sheet else 0
            continue
        i = OUTCOME_KEYS.index(a.outcome) if a.outcome in OUTCOMES else len(OUTCOMES)
        days.setdefault(a.occurred_on, [0] * len(OUTCOME_KEYS))[i] += a.n
        contacts += a.n
        reached += a.n if is_reached(a.outcome) else 0
    weeks: dict[str, list[int]] = {}
    for day, row in days.items():
        week = weeks.setdefault(week_label(day), [0] * len(OUTCOME_KEYS))
        for i, n in enumerate(row):
            week[i] += n
    last = min(period.end, today)
    on_time = late = missed = 0
    for f in follow_ups:
        if f.done_on is not None and period.holds(f.done_on) and f.done_on <= today:
            if f.done_on <= f.due:
                on_time += 1
            else:
                late += 1
        elif (f.done_on is None or f.done_on > last) and f.due < last and f.due >= period.start:
            missed += 1
    return ActivityReview(
        period,
        _tallies({d.isoformat(): v for d, v in days.items()}),
        _tallies(weeks),
        contacts,
        reached,
        notes,
        in_sheets,
        on_time,
        late,
        missed,
    )

"""The planning view: upcoming follow-ups and best actions by day or week.

Horizons, all starting today:
- `week`: today and the next six days, one bucket per day;
- `month`: up to (not including) the same day next month, one bucket per
  calendar week (Monday-Sunday, clipped to the horizon);
- `quarter`: up to the same day three months on, by calendar week.
Open follow-ups of archived accounts and best actions of closed deals are left
out; overdue ones are collected apart, so the plan starts clean at today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from followup_tui.core.base.dates import add_months
from followup_tui.core.base.records import AccountRec, BestActionRec, DealRec, FollowUpRec

HORIZONS = ("week", "month", "quarter")


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One dated step in the plan: a follow-up or a deal's best action."""

    due: date
    account_id: int
    account_name: str
    kind: str  # 'follow_up', 'best_action' or 'season' (a buying season's must-reach mark)
    id: int
    text: str  # the follow-up's purpose, or "who: what" of a best action
    # A best action's who and what apart, for a screen to join in its own language.
    who: str = ""
    what: str = ""


@dataclass(frozen=True, slots=True)
class PlanBucket:
    """A day or a week of the plan (both ends inclusive)."""

    start: date
    end: date
    label: str
    entries: tuple[PlanEntry, ...]


@dataclass(frozen=True)
class Plan:
    """Upcoming steps over a horizon, bucketed, plus the overdue ones."""

    horizon: str
    start: date
    end: date
    buckets: tuple[PlanBucket, ...]
    overdue: tuple[PlanEntry, ...]

    @property
    def total(self) -> int:
        """Entries within the horizon."""
        return sum(len(b.entries) for b in self.buckets)

    @property
    def overdue_accounts(self) -> int:
        """Accounts with an overdue step: the count the queue's Overdue section gives."""
        return len({e.account_id for e in self.overdue})


def horizon_end(today: date, horizon: str) -> date:
    """The last day (inclusive) a horizon covers."""
    if horizon == "week":
        return today + timedelta(days=6)
    if horizon == "month":
        return add_months(today, 1) - timedelta(days=1)
    if horizon == "quarter":
        return add_months(today, 3) - timedelta(days=1)
    raise ValueError(f"unknown horizon {horizon!r} (known: {', '.join(HORIZONS)})")


def _spans(today: date, end: date, by_day: bool) -> list[tuple[date, date, str]]:
    """The (start, end, label) of each bucket from today to end."""
    spans = []
    day = today
    while day <= end:
        if by_day:
            spans.append((day, day, day.strftime("%a ") + day.isoformat()))
            day += timedelta(days=1)
            continue
        last = min(end, day + timedelta(days=6 - day.weekday()))
        week = day.isocalendar()[1]
        spans.append((day, last, f"W{week:02d} {day.isoformat()}..{last.isoformat()}"))
        day = last + timedelta(days=1)
    return spans


def plan(
    today: date,
    horizon: str,
    accounts: Iterable[AccountRec],
    follow_ups: Iterable[FollowUpRec],
    *,
    best_actions: Iterable[BestActionRec] = (),
    deals: Iterable[DealRec] = (),
    season_marks: Iterable[tuple[int, date, str]] = (),
) -> Plan:
    """Group open follow-ups (and open deals' best actions) over a horizon for planning.

    `season_marks` are (account id, must-reach day, text) of buying seasons nobody
    has been contacted in yet: dated steps too, so a missed one is overdue here as
    it is in the queue.
    """
    end = horizon_end(today, horizon)
    names = {a.id: a.name for a in accounts if not a.archived}
    entries: list[PlanEntry] = []
    for f in follow_ups:
        if not f.done and f.account_id in names and f.due <= end:
            entries.append(
                PlanEntry(f.due, f.account_id, names[f.account_id], "follow_up", f.id, f.purpose)
            )
    open_deals = {d.id: d.account_id for d in deals if d.outcome == "open"}
    for b in best_actions:
        aid = open_deals.get(b.deal_id)
        if not b.done and b.due is not None and b.due <= end and aid in names:
            text = f"{b.who}: {b.what}" if b.who else b.what
            entries.append(
                PlanEntry(b.due, aid, names[aid], "best_action", b.id, text, b.who or "", b.what)
            )
    for aid, due, text in season_marks:
        if aid in names and due <= end:
            entries.append(PlanEntry(due, aid, names[aid], "season", aid, text))
    entries.sort(key=lambda e: (e.due, e.account_name.casefold(), e.kind, e.id))
    overdue = tuple(e for e in entries if e.due < today)
    upcoming = [e for e in entries if e.due >= today]
    buckets = []
    i = 0
    for start, last, label in _spans(today, end, horizon == "week"):
        j = i
        while j < len(upcoming) and upcoming[j].due <= last:
            j += 1
        buckets.append(PlanBucket(start, last, label, tuple(upcoming[i:j])))
        i = j
    return Plan(horizon, today, end, tuple(buckets), overdue)

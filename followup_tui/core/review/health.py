"""Pipeline health (seed 004): with about 100 live prospects, about 5 should enter and
about 5 convert each quarter.

What the data says, and so what the words mean here:

- A **live prospect** on a day: an account created (or entered, when an import
  created it after its history) by then, not archived by then, that has not
  bought yet (no purchase on or before the day).
- An account **entered** the pipeline on the first day the rep worked it: its
  first contact (notes are not contact) or its first deal's creation, whichever
  came first. An account never contacted and without a deal has not entered.
- An account **converted** on its first purchase ever: a prospect became a
  customer who orders. A won deal without a purchase record is not counted (its
  win has no date in the data); an account that bought before it ever entered
  converts on that purchase all the same.

Each account enters once and converts once (its first event), so no count is
negative and no account or deal is counted twice. The goal of a quarter is
`review.goal_percent` of the live prospects on its first day, rounded up, each
way. A prospect's funnel level is its best open deal's; without one, the
universe.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from followup_tui.core.base.kinds import CLASSES, FUNNEL_LEVELS
from followup_tui.core.review.periods import Period, last_quarters

UNJUDGED = "-"  # the class column of an account not yet judged
CLASS_KEYS = (*CLASSES, UNJUDGED)


@dataclass(frozen=True, slots=True)
class Prospect:
    """What health reads of one account."""

    account_id: int
    quadrant: str | None
    created_on: date
    archived_on: date | None = None
    first_contact: date | None = None
    first_deal: date | None = None  # the day its first deal was created
    first_purchase: date | None = None
    funnel: str | None = None  # its best open deal's funnel level now

    @property
    def entered_on(self) -> date | None:
        """The day it entered the pipeline (see the module doc)."""
        days = [d for d in (self.first_contact, self.first_deal) if d is not None]
        return min(days) if days else None

    def live_on(self, day: date) -> bool:
        """Whether it is a live prospect on `day`."""
        return _facts(self).live_on(day)


@dataclass(frozen=True, slots=True)
class QuarterHealth:
    """One quarter: entered and converted against the goal."""

    label: str
    live_at_start: int
    goal: int
    entered: int
    converted: int

    @property
    def entered_behind(self) -> bool:
        """Fewer entered than the goal."""
        return self.entered < self.goal

    @property
    def converted_behind(self) -> bool:
        """Fewer converted than the goal."""
        return self.converted < self.goal


@dataclass(frozen=True, slots=True)
class Health:
    """The pipeline's health on a day, and its last four quarters."""

    day: date
    live: int
    by_class: tuple[tuple[str, int], ...]  # CLASS_KEYS order
    by_funnel: tuple[tuple[str, int], ...]  # FUNNEL_LEVELS order
    quarters: tuple[QuarterHealth, ...]  # oldest first, the chosen quarter last
    entered_trend: str  # rising / falling / steady, first quarter against the last
    converted_trend: str


def goal_for(live: int, percent: float) -> int:
    """The quarter's goal each way: `percent` of the live prospects, rounded up."""
    return math.ceil(live * percent / 100 - 1e-9)


def _trend(first: int, last: int) -> str:
    return "rising" if last > first else "falling" if last < first else "steady"


class _Facts(NamedTuple):
    """One prospect's days, each worked out once for every quarter counted."""

    # Live from: an imported account is created after the history it brings, and the
    # earlier counts.
    since: date
    archived_on: date | None
    first_purchase: date | None
    entered_on: date | None

    def live_on(self, day: date) -> bool:
        """`Prospect.live_on`, from the days worked out."""
        return (
            self.since <= day
            and (self.archived_on is None or self.archived_on > day)
            and (self.first_purchase is None or self.first_purchase > day)
        )


def _facts(p: Prospect) -> _Facts:
    entered = p.entered_on
    since = p.created_on if entered is None else min(p.created_on, entered)
    return _Facts(since, p.archived_on, p.first_purchase, entered)


def _between(days: list[date], q: Period) -> int:
    """How many of the sorted `days` fall in `q`."""
    return bisect_right(days, q.end) - bisect_left(days, q.start)


def quarter_health(prospects: list[Prospect], q: Period, percent: float) -> QuarterHealth:
    """Entered and converted in one quarter against its goal."""
    return _quarters([_facts(p) for p in prospects], (q,), percent)[0]


def _quarters(
    facts: list[_Facts], quarters: Iterable[Period], percent: float
) -> tuple[QuarterHealth, ...]:
    """Each quarter's health. An account enters once and converts once: the days sorted,
    each quarter's count is where its first and last day fall among them."""
    entered = sorted(f.entered_on for f in facts if f.entered_on is not None)
    converted = sorted(f.first_purchase for f in facts if f.first_purchase is not None)
    out = []
    for q in quarters:
        live = sum(1 for f in facts if f.live_on(q.start))
        out.append(
            QuarterHealth(
                q.label,
                live,
                goal_for(live, percent),
                _between(entered, q),
                _between(converted, q),
            )
        )
    return tuple(out)


def pipeline_health(prospects: Iterable[Prospect], q: Period, day: date, percent: float) -> Health:
    """Health on `day` (live prospects) and over the four quarters ending with `q`."""
    items = list(prospects)
    facts = [_facts(p) for p in items]
    live = [p for p, f in zip(items, facts, strict=True) if f.live_on(day)]
    by_class = {k: 0 for k in CLASS_KEYS}
    by_funnel = {k: 0 for k in FUNNEL_LEVELS}
    for p in live:
        by_class[p.quadrant if p.quadrant in CLASSES else UNJUDGED] += 1
        by_funnel[p.funnel if p.funnel in FUNNEL_LEVELS else "universe"] += 1
    quarters = _quarters(facts, last_quarters(q, 4), percent)
    return Health(
        day,
        len(live),
        tuple(by_class.items()),
        tuple(by_funnel.items()),
        quarters,
        _trend(quarters[0].entered, quarters[-1].entered),
        _trend(quarters[0].converted, quarters[-1].converted),
    )

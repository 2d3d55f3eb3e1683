"""What the review screen chooses: each tab's period.

The period rules are `followup review`'s: a tab looks at the month holding the
day unless told otherwise, health always at a quarter (the one holding the
chosen period's last day, or the day when sooner) and year-end at a year.
Board, pipeline and heat are judged as of the period's last day, or the day
when sooner.
"""

from __future__ import annotations

from datetime import date, timedelta

from followup_tui.core.review.periods import KINDS, Period, period_of
from followup_tui.core.review.review_words import TABS as TABS

DEFAULT_KIND = {
    "board": "month",
    "pipeline": "month",
    "health": "quarter",
    "year-end": "year",
    "heat": "month",
    "activity": "month",
    "team": "month",  # the manager's team view (core.review.team_view)
}
FIXED_KIND = {"health": "quarter", "year-end": "year"}


def tab_period(tab: str, kind: str | None, day: date, today: date) -> Period:
    """The period `tab` shows when `kind` (None: the tab's own) is chosen around `day`."""
    chosen = period_of(kind or DEFAULT_KIND[tab], day)
    fixed = FIXED_KIND.get(tab)
    if fixed is None or fixed == chosen.kind:
        return chosen
    return period_of(fixed, min(today, chosen.end))


def as_of(period: Period, today: date) -> date:
    """The day a review of `period` is judged on: its last day, or today when sooner."""
    return min(today, period.end)


def step_period(kind: str, day: date, step: int) -> date:
    """A day in the period `step` periods of `kind` after (or before) the one holding `day`."""
    period = period_of(kind if kind in KINDS else "month", day)
    for _ in range(abs(step)):
        after = period_of(period.kind, period.end + timedelta(days=1))
        period = period.before() if step < 0 else after
    return period.start

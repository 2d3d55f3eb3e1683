"""What the review screen chooses: each tab's period, and the pipeline's sort orders.

The period rules are `followup review`'s: a tab looks at the month holding the
day unless told otherwise, health always at a quarter (the one holding the
chosen period's last day, or the day when sooner) and year-end at a year.
Board, pipeline and heat are judged as of the period's last day, or the day
when sooner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from followup_tui.core.base.text import name_sort_key
from followup_tui.core.review.periods import KINDS, Period, period_of
from followup_tui.core.review.pipeline import PipelineRow, risk_key

TABS = ("board", "pipeline", "health", "year-end", "heat", "activity")
DEFAULT_KIND = {
    "board": "month",
    "pipeline": "month",
    "health": "quarter",
    "year-end": "year",
    "heat": "month",
    "activity": "month",
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


# -- the pipeline's sort orders ------------------------------------------------------------


def _amount(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)


# Each order's key; risk is the pipeline's own. Ties fall back on risk, so an order is stable.
SORTS: dict[str, Callable[[PipelineRow], tuple[object, ...]]] = {
    "risk": risk_key,
    "weighted": lambda r: (-_amount(r.weighted), *risk_key(r)),
    "amount": lambda r: (-_amount(r.amount), *risk_key(r)),
    "completion": lambda r: (
        r.completion_date is None,
        r.completion_date or date.max,
        *risk_key(r),
    ),
    "idle": lambda r: (-(r.idle_days if r.idle_days is not None else -1), *risk_key(r)),
    "account": lambda r: (name_sort_key(r.account_name), *risk_key(r)),
}
SORT_ORDER = tuple(SORTS)


def next_sort(current: str) -> str:
    """The sort order after `current`, round again after the last."""
    return SORT_ORDER[(SORT_ORDER.index(current) + 1) % len(SORT_ORDER)]


def sort_pipeline(rows: Sequence[PipelineRow], order: str) -> list[PipelineRow]:
    """The pipeline's rows in `order` (one of SORT_ORDER)."""
    return sorted(rows, key=SORTS[order])

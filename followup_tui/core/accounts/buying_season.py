"""Buying season: predict an account's next purchase from its purchase history.

Seed 004: reach a customer *at least* two months before its usual purchase
time. The season opens `buying_season.lead_days` (about three months) before
the predicted purchase, and the account must have been contacted by the
must-reach mark, `buying_season.must_reach_days` (two months) before it
(`season_due`). Two predictions, the first that applies wins:

1. **Usual month**: a month of the year that holds at least two purchases, in
   at least two different years, and at least a third of all purchases (so a
   customer who buys every month has no "season"). The predicted day is the
   next occurrence, strictly after today, of that month on the median
   day-of-month of those purchases. With several usual months the soonest
   upcoming one is taken. A season in which the account already bought (a
   purchase from the season's contact date up to today) is skipped.
2. **Median interval**: with at least two purchases on different days, the
   last purchase plus the median gap - only when that gap is longer than the
   lead time; a shorter cycle would put the account permanently "in season",
   and such regulars are served by their cadence instead.

An account is in its buying season when `predicted - lead_days <= today < predicted`.
`usual_months` names the months an account usually buys in, by rule 1, for the
account page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import NamedTuple

from followup_tui.core.base.dates import days_in_month
from followup_tui.core.base.vocabulary import shipped_words

MONTHS_EN = ("", "January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December")  # fmt: skip


class SeasonPrediction(NamedTuple):
    """A predicted next purchase and the day to start contacting the account.

    A named tuple with its reason built on demand: the queue predicts for every
    account with purchases, and most predictions are not in season today.
    """

    predicted: date
    contact_from: date
    basis: str  # 'month' or 'interval'
    month: int = 0  # the usual month (basis 'month')
    in_month: int = 0  # purchases in that month
    purchases: int = 0  # purchases in all
    gap_days: int = 0  # the median gap (basis 'interval')

    def is_open(self, today: date) -> bool:
        """Whether today falls in the lead window before the predicted purchase."""
        return self.contact_from <= today < self.predicted

    @property
    def reason(self) -> str:
        """Why the account is in season, in English."""
        return self.reason_in("en")

    def reason_in(self, language: str) -> str:
        """Why the account is in season, for the queue row: the vocabulary's reason_season_*."""
        words = shipped_words(language, "reason_")
        start = self.contact_from.isoformat()
        if self.basis == "month":
            return words["season_month"].format(
                month=self.month,
                month_name=MONTHS_EN[self.month],
                purchases=self.purchases,
                in_month=self.in_month,
                start=start,
            )
        return words["season_interval"].format(
            gap=self.gap_days, predicted=self.predicted.isoformat(), start=start
        )


def _median_low(values: list[int]) -> int:
    """The lower median (a value that occurs), cheaper than `statistics` for short lists."""
    return sorted(values)[(len(values) - 1) // 2]


def _on_day(year: int, month: int, day: int) -> date:
    """A date with the day clipped to the month's length (Feb 30 -> Feb 28)."""
    return date(year, month, min(day, days_in_month(year, month)))


def _months(days: list[date]) -> dict[int, list[date]]:
    """The usual months of purchases on distinct `days` (rule 1), each with its purchases."""
    months: dict[int, list[date]] = {}
    for d in days:
        months.setdefault(d.month, []).append(d)
    return {
        month: hits
        for month, hits in months.items()
        if len(hits) >= 2 and len({d.year for d in hits}) >= 2 and len(hits) * 3 >= len(days)
    }


def usual_months(purchase_dates: Iterable[date]) -> list[int]:
    """The months of the year (1-12, in calendar order) the account usually buys in."""
    return sorted(_months(sorted(set(purchase_dates))))


def _usual_months(days: list[date], today: date) -> list[tuple[int, int, date]]:
    """(month, purchases in it, its next occurrence after today) for each usual month."""
    usual = []
    for month, hits in _months(days).items():
        dom = _median_low([d.day for d in hits])
        predicted = _on_day(today.year, month, dom)
        if predicted <= today:
            predicted = _on_day(today.year + 1, month, dom)
        usual.append((month, len(hits), predicted))
    return usual


def _by_month(
    days: list[date], today: date, lead: timedelta
) -> tuple[bool, SeasonPrediction | None]:
    """(has usual months, the soonest upcoming such season not yet bought in)."""
    best: SeasonPrediction | None = None
    usual = _usual_months(days, today)
    for month, in_month, predicted in usual:
        contact_from = predicted - lead
        if any(contact_from <= d <= today for d in days):
            continue  # they already bought this season
        if best is None or predicted < best.predicted:
            best = SeasonPrediction(predicted, contact_from, "month", month, in_month, len(days))
    return bool(usual), best


def predict_next_purchase(
    purchase_dates: Iterable[date], today: date, lead_days: int
) -> SeasonPrediction | None:
    """The next purchase predicted from past purchase dates (see the module rules)."""
    days = sorted({d for d in purchase_dates if d <= today})
    if len(days) < 2:
        return None
    lead = timedelta(days=lead_days)
    month_list = [d.month for d in days]
    if len(set(month_list)) < len(month_list):  # a month repeats: maybe a season
        seasonal, by_month = _by_month(days, today, lead)
        if seasonal:
            return by_month
    gap = _median_low([(b - a).days for a, b in pairwise(days)])
    if gap <= lead_days:
        return None
    predicted = days[-1] + timedelta(days=gap)
    return SeasonPrediction(
        predicted, predicted - lead, "interval", purchases=len(days), gap_days=gap
    )


def prediction_holds_until(
    purchase_dates: Iterable[date], today: date, lead_days: int
) -> date | None:
    """The first day after `today` on which `predict_next_purchase` may answer differently.

    With no new purchase, the prediction changes only when a usual month's
    next occurrence passes (it rolls to the next year, and a season skipped
    because they already bought in it ends), or when a purchase dated after
    `today` starts to count. None: it holds for every later day.
    """
    all_days = set(purchase_dates)
    later = [d for d in all_days if d > today]
    days = sorted(d for d in all_days if d <= today)
    ends = [min(later)] if later else []
    if len(days) >= 2:
        ends.extend(predicted for _, _, predicted in _usual_months(days, today))
    return min(ends) if ends else None


def season_due(
    contact_from: int, predicted: int, last_contact: int | None, must_reach_days: int, today: int
) -> int | None:
    """The day the season's contact is due, while it is open and nobody was contacted in it.

    Days are ordinals (the stored queue states compare integers). The must-reach
    mark, `must_reach_days` before the predicted purchase: on it the account is
    due today, after it overdue, until a contact is logged on or after the day
    the season opened (`contact_from`) or the predicted day comes. None otherwise.
    """
    if not contact_from <= today < predicted:
        return None
    if last_contact is not None and last_contact >= contact_from:
        return None
    return predicted - must_reach_days

"""Expected against actual by month (seed 001's one chart at the monthly sales meeting).

**Actual** of an account in a month: what it bought - its purchase records by their
day - and its won deals by their close day. A won deal is often booked as a purchase
as well (the demo does, an import may): a won deal and a purchase of the same account
for the same amount within `review.match_days` days of each other are one sale,
counted once, on the purchase's day. Each purchase matches at most one won deal (the
nearest in days; ties: the earlier purchase), so no purchase is counted twice. A
purchase without an amount counts 0.

**Expected**: the plan's milestone for each month (None: no milestone that month).

**Status** of a month (and overall: the status of the last month judged), on
cumulative figures from January - a month behind that the next one makes up is no
longer behind:

- *upcoming*: the month has not started on the day judged (`as_of`);
- *no plan*: no milestone from January to that month;
- otherwise, with E the expected and A the actual from January to the month's end -
  for the month holding `as_of`, E takes that month's milestone pro rata to the
  days gone (the day itself included) - and t = `review.plan_tolerance_percent`:
  *ahead* when A > E x (1 + t/100) (or E = 0 and A > 0); *on track* when
  A >= E x (1 - t/100); else *behind*.

A plan met every month (each month's actual at least its milestone) is never behind.
A tier's months are the sums of its accounts' months; its status follows the same
rule on those sums.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from followup_tui.core.base.dates import days_in_month
from followup_tui.core.base.records import PurchaseRec

PLAN_STATUSES = ("ahead", "on_track", "behind", "no_plan", "upcoming")
ZERO = Decimal(0)
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class WonDeal:
    """A won deal: its account, close day and amount."""

    deal_id: int
    account_id: int
    closed_on: date
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class MonthFigure:
    """One month of a plan: expected and actual, in the month and from January."""

    month: int  # 1..12
    expected: Decimal | None
    actual: Decimal
    cum_expected: Decimal | None  # None while no month so far has a milestone
    cum_actual: Decimal
    status: str  # one of PLAN_STATUSES


@dataclass(frozen=True, slots=True)
class Track:
    """A year of expected against actual: twelve months and the status to date."""

    year: int
    months: tuple[MonthFigure, ...]
    status: str  # the status of the month holding as_of (December once the year is over)
    expected: Decimal | None  # the whole year's
    actual: Decimal  # the year's so far

    @property
    def expected_to_date(self) -> Decimal | None:
        """Expected from January to the month judged (pro rata within it)."""
        judged = [m for m in self.months if m.status != "upcoming"]
        return judged[-1].cum_expected if judged else None


def sales_by_month(
    year: int,
    purchases: Iterable[PurchaseRec],
    won: Iterable[WonDeal],
    match_days: int,
) -> dict[int, list[Decimal]]:
    """Account id -> twelve monthly actual amounts of `year` (see the module doc).

    Give purchases and won deals from `match_days` before the year to as long after,
    so a sale booked across the new year is matched too.
    """
    bought: dict[int, list[PurchaseRec]] = {}
    for p in purchases:
        bought.setdefault(p.account_id, []).append(p)
    for rows in bought.values():
        rows.sort(key=lambda p: p.purchased_on)
    taken: set[tuple[int, int]] = set()  # (account, index in its sorted purchases)
    days: list[tuple[int, date, Decimal]] = []
    for d in sorted(won, key=lambda d: (d.closed_on, d.deal_id)):
        amount = d.amount if d.amount is not None else ZERO
        best: tuple[int, int] | None = None
        for i, p in enumerate(bought.get(d.account_id, ())):
            gap = abs((p.purchased_on - d.closed_on).days)
            if (d.account_id, i) in taken or gap > match_days or p.amount != d.amount:
                continue
            if best is None or gap < best[0]:
                best = (gap, i)
        if best is None:
            days.append((d.account_id, d.closed_on, amount))
        else:
            taken.add((d.account_id, best[1]))
    for account, rows in bought.items():
        days.extend((account, p.purchased_on, p.amount or ZERO) for p in rows)
    out: dict[int, list[Decimal]] = {}
    for account, day, amount in days:
        if day.year == year:
            out.setdefault(account, [ZERO] * 12)[day.month - 1] += amount
    return out


def _share(amount: Decimal, month_of: date) -> Decimal:
    """`amount` pro rata to the days gone in the month of `month_of`, the day included."""
    whole = days_in_month(month_of.year, month_of.month)
    return (amount * month_of.day / whole).quantize(_CENT)


def judge(expected: Decimal | None, actual: Decimal, tolerance_percent: float) -> str:
    """ahead / on_track / behind / no_plan for cumulative figures (see the module doc)."""
    if expected is None:
        return "no_plan"
    if expected == 0:
        return "ahead" if actual > 0 else "on_track"
    t = Decimal(str(tolerance_percent)) / 100
    if actual > expected * (1 + t):
        return "ahead"
    if actual >= expected * (1 - t):
        return "on_track"
    return "behind"


def track(
    year: int,
    milestones: Sequence[Decimal | None],
    actual: Sequence[Decimal] | None,
    as_of: date,
    tolerance_percent: float,
) -> Track:
    """Twelve months of expected against actual, judged on `as_of`."""
    got = list(actual) if actual is not None else [ZERO] * 12
    months = []
    cum_e: Decimal | None = None
    cum_a = ZERO
    for n in range(1, 13):
        e = milestones[n - 1]
        cum_a += got[n - 1]
        first = date(year, n, 1)
        judged_e = cum_e
        if e is not None:
            in_month = as_of.year == year and as_of.month == n
            judged_e = (cum_e or ZERO) + (_share(e, as_of) if in_month else e)
            cum_e = (cum_e or ZERO) + e
        status = "upcoming" if first > as_of else judge(judged_e, cum_a, tolerance_percent)
        shown_e = judged_e if status != "upcoming" else cum_e
        months.append(MonthFigure(n, e, got[n - 1], shown_e, cum_a, status))
    judged = [m for m in months if m.status != "upcoming"]
    overall = judged[-1].status if judged else "upcoming"
    total_e = cum_e
    return Track(year, tuple(months), overall, total_e, sum(got, ZERO))


def add_milestones(plans: Iterable[Sequence[Decimal | None]]) -> tuple[Decimal | None, ...]:
    """The months of several plans added: a month is None only when every plan's is."""
    out: list[Decimal | None] = [None] * 12
    for months in plans:
        for i, m in enumerate(months):
            if m is not None:
                out[i] = (out[i] or ZERO) + m
    return tuple(out)


def add_actuals(actuals: Iterable[Sequence[Decimal]]) -> tuple[Decimal, ...]:
    """Several accounts' monthly actuals added."""
    out = [ZERO] * 12
    for months in actuals:
        for i, a in enumerate(months):
            out[i] += a
    return tuple(out)


def tier_track(
    year: int,
    plans: Mapping[int, Sequence[Decimal | None]],
    actuals: Mapping[int, Sequence[Decimal]],
    as_of: date,
    tolerance_percent: float,
) -> Track:
    """A tier's (or the board's) track: its accounts' months added, then judged."""
    ids = list(plans)
    return track(
        year,
        add_milestones(plans[i] for i in ids),
        add_actuals(actuals.get(i, [ZERO] * 12) for i in ids),
        as_of,
        tolerance_percent,
    )

"""The year-end customer analysis (seed 004): each account's purchases against the year
before, its reorder rate, its usual buying months and a proposed verdict.

- **Reorder rate** of an account in a year: the share of that year's orders that
  were repeat orders - every order after the account's very first one ever. An
  account that first bought this year has one first order; one that bought
  before has only repeat orders. 0..1; 0 with no orders.
- **Usual months**: `core.accounts.buying_season.usual_months` over every purchase
  up to the year's end (the account page's and the queue's rule).
- **Proposal**, the first that applies:
  - *drop*: nothing bought in the year nor the year before, or the year's amount
    fell by `review.drop_fall_percent` or more against the year before;
  - *move up* to regular customer: at least `review.move_up_min_orders` orders in
    the year, at least `review.move_up_min_reorder` of them repeat orders, and no
    less bought than the year before;
  - otherwise *still breaking in*.
  `move_up_min_orders` is at least 1 (checked at load), so an account with no
  purchases in the year is never proposed to move up.

The book's reorder rate: of the accounts that bought in the year before, the
share that bought again in the year.

Each row also carries the verdict the rep kept for the year, if any
(`core.review.year_end_verdicts`), and the analysis the verdicts of the year
before as this year's targets (`revisits`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from followup_tui.core.accounts.buying_season import usual_months
from followup_tui.core.base.config import Settings
from followup_tui.core.base.kinds import YEAR_END_VERDICTS
from followup_tui.core.base.records import PurchaseRec
from followup_tui.core.review.periods import year
from followup_tui.core.review.review_config import ReviewConfig, review_config

if TYPE_CHECKING:
    from followup_tui.core.review.year_end_verdicts import Revisit

PROPOSALS = YEAR_END_VERDICTS


@dataclass(frozen=True, slots=True)
class YearEndRow:
    """One account's year: what it bought, against the year before, and the proposal."""

    account_id: int
    account_name: str
    orders: int
    amount: Decimal
    orders_before: int
    amount_before: Decimal
    reorder_rate: float  # 0..1
    usual_months: tuple[int, ...]
    proposal: str  # one of PROPOSALS
    reason: str  # the rule that decided, in the configured language
    verdict: str | None = None  # the rep's, kept for the year (None: not confirmed yet)


@dataclass(frozen=True, slots=True)
class YearEnd:
    """The year-end analysis of a year."""

    year: int
    rows: tuple[YearEndRow, ...]  # move up first, then breaking in, then drop; by amount
    reorder_rate: float  # the book's: accounts buying again of those that bought the year before
    amount: Decimal
    amount_before: Decimal
    revisits: tuple[Revisit, ...] = ()  # the year before's verdicts as this year's targets


def reorder_rate(orders: int, bought_before: bool) -> float:
    """The share of `orders` that are repeat orders (see the module doc)."""
    if orders <= 0:
        return 0.0
    return (orders - (0 if bought_before else 1)) / orders


def _num(value: float) -> str:
    """A configured number as people write it: 50, not 50.0."""
    return f"{value:g}"


def propose(
    orders: int,
    amount: Decimal,
    amount_before: Decimal,
    orders_before: int,
    rate: float,
    cfg: ReviewConfig,
) -> tuple[str, str, dict[str, object]]:
    """(proposal, the vocabulary key of the rule that decided, the reason's values)."""
    if orders == 0 and orders_before == 0:
        return "drop", "ye_reason_none", {}
    fall = float((amount_before - amount) / amount_before * 100) if amount_before > 0 else 0.0
    if fall >= cfg.drop_fall_percent:
        return "drop", "ye_reason_fell", {"fall": round(fall), "at": _num(cfg.drop_fall_percent)}
    values: dict[str, object] = {
        "orders": orders,
        "rate": round(rate * 100),
        "at": cfg.move_up_min_orders,
        "rate_at": _num(cfg.move_up_min_reorder * 100),
        "fall": round(fall),
    }
    if orders < cfg.move_up_min_orders:
        return "breaking_in", "ye_reason_few_orders", values
    if rate < cfg.move_up_min_reorder:
        return "breaking_in", "ye_reason_low_reorder", values
    if amount < amount_before:
        return "breaking_in", "ye_reason_less", values
    return "move_up", "ye_reason_move_up", values


def year_end(
    the_year: int,
    names: Mapping[int, str],
    purchases: Iterable[PurchaseRec],
    settings: Settings,
    verdicts: Mapping[int, str] | None = None,
    revisits: tuple[Revisit, ...] = (),
) -> YearEnd:
    """The analysis of `the_year` for every account that bought by the year's end.

    `names`: account id -> name, for the accounts to consider (archived ones left out
    by the caller); purchases of other accounts are ignored. `verdicts`: account id ->
    the verdict kept for the year; `revisits`: the year before's, as targets.
    """
    kept = verdicts or {}
    cfg = review_config(settings)
    now, before = year(the_year), year(the_year - 1)
    words = settings.words("rev_")
    days: dict[int, list[PurchaseRec]] = {}
    for p in purchases:
        if p.account_id in names and p.purchased_on <= now.end:
            days.setdefault(p.account_id, []).append(p)
    rows = []
    zero = Decimal(0)
    for account_id, bought in days.items():
        # One pass: the year's and the year before's orders and amounts (summed in the
        # purchases' order), and the first purchase.
        orders = orders_before = 0
        amount = amount_before = zero
        first = bought[0].purchased_on
        for p in bought:
            on = p.purchased_on
            if on < first:
                first = on
            if now.start <= on:  # every purchase here is on or before the year's end
                orders += 1
                amount += p.amount or zero
            elif before.start <= on:
                orders_before += 1
                amount_before += p.amount or zero
        rate = reorder_rate(orders, first < now.start)
        kind, key, values = propose(orders, amount, amount_before, orders_before, rate, cfg)
        rows.append(
            YearEndRow(
                account_id,
                names[account_id],
                orders,
                amount,
                orders_before,
                amount_before,
                rate,
                tuple(usual_months(p.purchased_on for p in bought)),
                kind,
                words[key].format(**values),
                kept.get(account_id),
            )
        )
    rows.sort(key=lambda r: (PROPOSALS.index(r.proposal), -r.amount, r.account_name, r.account_id))
    had = [r for r in rows if r.orders_before > 0]
    book = sum(1 for r in had if r.orders > 0) / len(had) if had else 0.0
    return YearEnd(
        the_year,
        tuple(rows),
        book,
        sum((r.amount for r in rows), Decimal(0)),
        sum((r.amount_before for r in rows), Decimal(0)),
        revisits,
    )

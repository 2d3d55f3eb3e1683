"""Queue priority: a score a rep can read and trust, with every point explained.

Higher comes first within a queue section. The points, added up:

| factor            | points                                                    | sections      |
|-------------------|-----------------------------------------------------------|---------------|
| overdue days      | 3 per day, up to 30 days (90)                             | overdue       |
| class             | A 40, B 30, C 20, D 10, unjudged 15                       | all           |
| heat trend        | falling 15, steady 5, rising 0 (vs `heat.trend_days` ago) | all           |
| open deal amount  | 10 x log10(1 + largest open amount / 10,000), up to 30    | all           |
| completion date   | passed 30; within 7 days 25, 30 days 15, 90 days 5        | all           |
| cold soon         | 2 x (cooling window + 1 - days until below threshold)     | cooling       |
| purchase near     | 20 x (lead - days to purchase) / (lead - must-reach days), | buying_season |
|                   | 20 from the must-reach mark on                            |               |

Why these weights: a week overdue (21) outweighs one class step (10), so a
slipping promise is not buried by class; a falling trend (15) outweighs a class
step, since cooling is what the queue must make visible; money and the deal
clock matter but never more than a month overdue. A buying season climbs to its
full 20 at the two-month mark, where missing it makes the account overdue (the
overdue section's points take over from there). Ties go by account name.
The lines are in the configured language (`followup_tui.core.queue.queue_words`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from followup_tui.core.accounts.heat import HeatFacts, fmt
from followup_tui.core.base.text import plural
from followup_tui.core.queue.queue_words import say, words

CLASS_POINTS = {"A": 40.0, "B": 30.0, "C": 20.0, "D": 10.0}
UNJUDGED_POINTS = 15.0
TREND_POINTS = {"falling": 15.0, "steady": 5.0, "rising": 0.0}
OVERDUE_PER_DAY, OVERDUE_CAP_DAYS = 3.0, 30
AMOUNT_CAP = 30.0
COMPLETION_PASSED = 30.0
COMPLETION_POINTS = ((7, 25.0), (30, 15.0), (90, 5.0))  # (within days, points)
SEASON_POINTS = 20.0


@dataclass(slots=True)
class DealFacts:
    """An account's open deals, reduced to what priority needs."""

    amount: Decimal | None = None
    amount_title: str = ""
    completion: date | None = None
    completion_title: str = ""


def base_priority(
    quadrant: str | None,
    facts: HeatFacts,
    deal: DealFacts | None,
    today: date,
    language: str = "en",
    *,
    text: bool = True,
) -> tuple[float, list[str]]:
    """The points every section shares (class, trend, deal amount, completion), explained.

    Without `text` only the points: the lines are written when a row is read.
    """
    t = words(language)
    lines: list[str] = []
    pts = CLASS_POINTS.get(quadrant, UNJUDGED_POINTS) if quadrant else UNJUDGED_POINTS
    trend = facts.trend
    tp = TREND_POINTS[trend]
    if text:
        lines.append(
            t["p_class"].format(klass=quadrant, pts=fmt(pts))
            if quadrant
            else t["p_unjudged"].format(pts=fmt(pts))
        )
        lines.append(
            t["p_trend"].format(
                trend=t[trend], before=fmt(facts.before), value=fmt(facts.value), pts=fmt(tp)
            )
        )
    total = pts + tp
    if deal is None:
        return total, lines
    if deal.amount is not None and deal.amount > 0:
        ap = amount_points(deal.amount)
        if text:
            amount = f"{deal.amount:,.0f}"
            lines.append(t["p_amount"].format(amount=amount, deal=deal.amount_title, pts=fmt(ap)))
        total += ap
    if deal.completion is not None:
        days = (deal.completion - today).days
        cp = completion_points(days)
        if days < 0:
            if text:
                lines.append(t["p_passed"].format(n=-days, days=plural(-days, "day"), pts=fmt(cp)))
        else:
            if cp and text:
                lines.append(
                    t["p_completes"].format(
                        n=days, days=plural(days, "day"), deal=deal.completion_title, pts=fmt(cp)
                    )
                )
        total += cp
    return total, lines


def amount_points(amount: Decimal | float) -> float:
    """Points for the largest open deal's amount (positive)."""
    return round(min(AMOUNT_CAP, 10 * math.log10(1 + float(amount) / 10_000)), 1)


def completion_points(days: int) -> float:
    """Points for the nearest completion date, `days` from today (negative: passed)."""
    if days < 0:
        return COMPLETION_PASSED
    return next((p for limit, p in COMPLETION_POINTS if days <= limit), 0.0)


def overdue_points(days: int, language: str = "en", text: bool = True) -> tuple[float, list[str]]:
    """Points for a follow-up `days` overdue (with its line when `text`)."""
    if days <= 0:
        return 0.0, []
    pts = min(days, OVERDUE_CAP_DAYS) * OVERDUE_PER_DAY
    if not text:
        return pts, []
    return pts, [say(language, "p_overdue", n=days, days=plural(days, "day"), pts=fmt(pts))]


def cooling_points(
    window: int, below_in: int | None, language: str = "en", text: bool = True
) -> tuple[float, list[str]]:
    """Points for heat falling below its threshold in `below_in` days (within the window)."""
    if below_in is None or not 1 <= below_in <= window:
        return 0.0, []
    pts = 2.0 * (window + 1 - below_in)
    if not text:
        return pts, []
    return pts, [say(language, "p_below", n=below_in, days=plural(below_in, "day"), pts=fmt(pts))]


def season_points(
    days_to_purchase: int,
    lead_days: int,
    must_reach_days: int = 0,
    language: str = "en",
    text: bool = True,
) -> tuple[float, list[str]]:
    """Points for a predicted purchase `days_to_purchase` away, within the lead time.

    They rise from nothing when the season opens to all `SEASON_POINTS` at the
    must-reach mark (`must_reach_days` before the purchase), and stay there.
    """
    span = lead_days - must_reach_days
    if span <= 0:
        return 0.0, []
    pts = round(SEASON_POINTS * min(1.0, (lead_days - days_to_purchase) / span), 1)
    if not text:
        return pts, []
    n = days_to_purchase
    return pts, [say(language, "p_purchase", n=n, days=plural(n, "day"), pts=fmt(pts))]

"""The review screen's choices: each tab's period and the pipeline's sort orders."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from followup_tui.core.review.pipeline import PipelineRow
from followup_tui.core.review.pipeline_sort import SORT_ORDER, next_sort, sort_pipeline
from followup_tui.core.review.review_view import step_period, tab_period

TODAY = date(2026, 11, 22)


def test_each_tab_looks_at_its_own_period_by_default() -> None:
    assert tab_period("pipeline", None, TODAY, TODAY).label == "2026-11"
    assert tab_period("health", None, TODAY, TODAY).label == "2026-Q4"
    assert tab_period("year-end", None, TODAY, TODAY).label == "2026"


def test_health_keeps_quarters_and_year_end_years() -> None:
    assert tab_period("health", "month", TODAY, TODAY).label == "2026-Q4"
    assert tab_period("health", "year", date(2025, 6, 1), TODAY).label == "2025-Q4"
    assert tab_period("year-end", "month", TODAY, TODAY).label == "2026"
    assert tab_period("activity", "quarter", TODAY, TODAY).label == "2026-Q4"


def test_stepping_periods() -> None:
    assert step_period("month", TODAY, -1) == date(2026, 10, 1)
    assert step_period("month", date(2026, 1, 15), -1) == date(2025, 12, 1)
    assert step_period("quarter", TODAY, 1) == date(2027, 1, 1)
    assert step_period("year", TODAY, -2) == date(2024, 1, 1)


def _row(n: int, verdict: str, amount: int | None, weighted: int | None, **kw) -> PipelineRow:
    base = dict(
        deal_id=n,
        account_id=n,
        account_name=kw.pop("name", f"Account {n}"),
        title=f"Deal {n}",
        verdict=verdict,
        position=None,
        funnel="in",
        amount=None if amount is None else Decimal(amount),
        weight=0.5,
        weighted=None if weighted is None else Decimal(weighted),
        completion_date=kw.pop("completion", None),
        landmines=0,
        high_landmines=0,
        last_review=None,
        last_contact=None,
        idle_days=kw.pop("idle", None),
        stalled=False,
        missing_evidence=(),
        effort_on_lost=False,
    )
    return PipelineRow(**base)  # type: ignore[arg-type]


def test_sort_orders() -> None:
    rows = [
        _row(1, "first_choice", 900, 800, name="北京", idle=3, completion=date(2027, 1, 1)),
        _row(2, "out", 100, 0, name="Acme", idle=40),
        _row(3, "contender", None, None, name="Zeta", completion=date(2026, 12, 1)),
    ]
    ids = {order: [r.deal_id for r in sort_pipeline(rows, order)] for order in SORT_ORDER}
    assert ids["risk"] == [2, 3, 1]
    assert ids["amount"] == [1, 2, 3]
    assert ids["weighted"] == [1, 2, 3]
    assert ids["completion"] == [3, 1, 2]
    assert ids["idle"] == [2, 1, 3]
    assert ids["account"][0] == 2  # Acme before 北京 (bei) and Zeta


def test_next_sort_goes_round() -> None:
    order = SORT_ORDER[0]
    seen = []
    for _ in SORT_ORDER:
        seen.append(order)
        order = next_sort(order)
    assert order == SORT_ORDER[0] and sorted(seen) == sorted(SORT_ORDER)

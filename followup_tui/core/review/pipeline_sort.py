"""The pipeline's sort orders on the review screen: risk (the pipeline's own) and others.

Every order falls back on risk for ties, so rows never swap places between redraws.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from followup_tui.core.base.text import name_sort_key
from followup_tui.core.review.pipeline import PipelineRow, risk_key


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

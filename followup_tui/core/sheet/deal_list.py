"""Filtering and sorting the deal list in memory, as the account list does.

A rep has dozens to a few thousand deals: one pass over a Python list per
keystroke is instant, so the list keeps one entry per deal with its search key
computed once, caches each sort order, and filters that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from followup_tui.core.base.kinds import DEAL_OUTCOMES, DEAL_STATUSES, FUNNEL_LEVELS
from followup_tui.core.base.text import search_key
from followup_tui.core.sheet.sheet_records import DealRow

SORT_KEYS = (
    "title",
    "account",
    "amount",
    "completion_date",
    "status",
    "funnel",
    "position",
    "open_landmines",
    "completeness",
)
DEFAULT_SORT = "completion_date"  # the soonest deadline first, as the data layer orders them
# Columns whose first useful order is largest first: the biggest deal, the riskiest one.
DESCENDING_FIRST = frozenset({"amount", "open_landmines"})
OUTCOME_FILTERS = DEAL_OUTCOMES  # cycled: open -> won -> lost -> all
# Ascending status is most pressing first (urgent .. later); ascending funnel is
# closest to signing first (best few .. universe), so both read top-down as "act here".
_STATUS_RANK = {key: i for i, key in enumerate(DEAL_STATUSES)}
_FUNNEL_RANK = {key: i for i, key in enumerate(reversed(FUNNEL_LEVELS))}


@dataclass(frozen=True)
class DealFilter:
    """What the rep narrowed the deal list to; None means 'any'."""

    text: str = ""
    status: str | None = None  # one of DEAL_STATUSES
    funnel: str | None = None  # one of FUNNEL_LEVELS
    outcome: str | None = "open"  # one of OUTCOME_FILTERS; None shows every deal

    def matcher(self, keys: dict[int, str]) -> Callable[[DealRow], bool]:
        """A fast predicate; `keys` maps deal id -> its folded title and account name."""
        words = search_key(self.text).split()
        status, funnel, outcome = self.status, self.funnel, self.outcome

        def match(row: DealRow) -> bool:
            if outcome is not None and row.outcome != outcome:
                return False
            if status is not None and row.status != status:
                return False
            if funnel is not None and row.funnel != funnel:
                return False
            text = keys.get(row.id, "")
            return all(w in text for w in words)

        return match


def _sort_value(key: str) -> Callable[[DealRow], Any]:
    """The value a row sorts by for a column (None: missing, always last)."""
    getters: dict[str, Callable[[DealRow], Any]] = {
        "title": lambda r: search_key(r.title),
        "account": lambda r: search_key(r.account_name),
        "amount": lambda r: r.amount,
        "completion_date": lambda r: r.completion_date,
        "status": lambda r: _STATUS_RANK.get(r.status),
        "funnel": lambda r: _FUNNEL_RANK.get(r.funnel),
        "position": lambda r: r.position,
        "open_landmines": lambda r: r.open_landmines,
        "completeness": lambda r: r.completeness,
    }
    return getters[key]


class DealIndex:
    """All deals' list rows, with their search keys and cached sort orders."""

    def __init__(self, rows: Iterable[DealRow]) -> None:
        self._rows = {r.id: r for r in rows}
        self._keys = {i: _search_text(r) for i, r in self._rows.items()}
        self._orders: dict[tuple[str, bool], list[DealRow]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, deal_id: int) -> DealRow | None:
        """The row of one deal."""
        return self._rows.get(deal_id)

    def upsert(self, row: DealRow) -> None:
        """Add or replace one row (after an edit); sort orders are rebuilt lazily."""
        self._rows[row.id] = row
        self._keys[row.id] = _search_text(row)
        self._orders.clear()

    def count(self, outcome: str | None) -> int:
        """How many deals have an outcome (None: all of them)."""
        return sum(1 for r in self._rows.values() if outcome is None or r.outcome == outcome)

    def sorted(self, key: str, descending: bool = False) -> list[DealRow]:
        """Every row in a column's order; missing values always last, title breaks ties."""
        cached = self._orders.get((key, descending))
        if cached is None:
            value = _sort_value(key)
            present = [r for r in self._rows.values() if value(r) is not None]
            missing = [r for r in self._rows.values() if value(r) is None]
            tie = self._tie_key
            present.sort(key=tie)
            present.sort(key=value, reverse=descending)  # stable: title order within ties
            missing.sort(key=tie)
            cached = present + missing
            self._orders[(key, descending)] = cached
        return cached

    def view(
        self, flt: DealFilter, key: str = DEFAULT_SORT, descending: bool = False
    ) -> list[DealRow]:
        """The rows that pass a filter, in a column's order."""
        match = flt.matcher(self._keys)
        return [r for r in self.sorted(key, descending) if match(r)]

    @staticmethod
    def _tie_key(row: DealRow) -> tuple[str, int]:
        return (search_key(row.title), row.id)


def _search_text(row: DealRow) -> str:
    """What the text filter looks in: the deal's title and its account's name, folded."""
    return search_key(f"{row.title}\n{row.account_name}")

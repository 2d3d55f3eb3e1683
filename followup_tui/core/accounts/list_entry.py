"""One account as the account list shows it, the filter a rep narrows the list to, and its options.

The index that sorts and searches these is `followup_tui.core.accounts.account_list`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from followup_tui.core.base.kinds import TIERS
from followup_tui.core.base.text import name_sort_key, search_key

SORT_KEYS = (
    "name",
    "class",
    "relationship",
    "tier",
    "heat",
    "last_contact",
    "next_follow_up",
    "open_amount",
)
CLASS_FILTERS = ("A", "B", "C", "D", "-")  # "-" = not judged yet
TIER_FILTERS = (*TIERS, "any", "none")
# The 5+5+5 tiers in the method's order (as `i` cycles them); no tier sorts after them.
TIER_RANK = {tier: n for n, tier in enumerate(TIERS)}


@dataclass(frozen=True, slots=True)
class AccountEntry:
    """One account as the list shows it."""

    id: int
    name: str
    quadrant: str | None
    relationship: str
    tier: str | None
    heat: float
    last_contact_at: dt.datetime | None
    next_follow_up: dt.date | None
    open_amount: Decimal | None
    archived: bool
    search_text: str
    sort_name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.sort_name:
            object.__setattr__(self, "sort_name", name_sort_key(self.name))


@dataclass(frozen=True)
class ListFilter:
    """What the rep narrowed the list to; empty fields mean 'any'."""

    text: str = ""
    quadrant: str | None = None  # one of CLASS_FILTERS
    relationship: str | None = None
    tier: str | None = None  # one of TIER_FILTERS
    archived: bool = False
    # Accounts whose activities or blue-sheet records hold the typed words (the full-text
    # index's answer, `db.find`): they pass the text as if their own search text held it.
    notes: frozenset[int] = frozenset()

    def matcher(self) -> Callable[[AccountEntry], bool]:
        """A fast predicate: every typed word must appear in the entry's search text."""
        words = search_key(self.text).split()
        quad = self.quadrant
        rel = self.relationship
        tier = self.tier
        archived = self.archived
        notes = self.notes

        def match(e: AccountEntry) -> bool:
            if e.archived != archived:
                return False
            if quad is not None and (e.quadrant or "-") != quad:
                return False
            if rel is not None and e.relationship != rel:
                return False
            if tier is not None:
                if tier == "any":
                    if e.tier is None:
                        return False
                elif tier == "none":
                    if e.tier is not None:
                        return False
                elif e.tier != tier:
                    return False
            return e.id in notes or all(w in e.search_text for w in words)

        return match


def cycle(options: tuple[str, ...], current: str | None) -> str | None:
    """The next value of a one-key filter: any -> first -> ... -> last -> any."""
    if current is None:
        return options[0]
    index = options.index(current) + 1
    return options[index] if index < len(options) else None

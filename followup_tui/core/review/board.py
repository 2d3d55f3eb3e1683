"""The 5+5+5 board (seed 001): three tiers of `review.tier_slots` (5) accounts each.

Tier 1 (`big_below_potential`): big accounts below their potential; tier 2
(`some_business`): some business, below potential; tier 3 (`no_business`): no
business yet, big potential. A tier with fewer accounts shows its empty slots,
one with more is over-full by the surplus. The action plans come later; the
board lists the accounts (the account's `tier` field, archived ones left out).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from followup_tui.core.base.kinds import TIERS
from followup_tui.core.base.text import name_sort_key


@dataclass(frozen=True, slots=True)
class BoardAccount:
    """An account on the board."""

    account_id: int
    name: str
    tier: str
    quadrant: str | None = None
    relationship: str = "target"
    plan_expected: Decimal | None = None
    plan_actual: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Tier:
    """One tier: its accounts by name, empty slots and surplus."""

    tier: str
    accounts: tuple[BoardAccount, ...]
    empty_slots: int
    over_by: int


def board(accounts: Iterable[BoardAccount], slots: int) -> tuple[Tier, ...]:
    """The three tiers in TIERS order; accounts with another tier value are left out."""
    by_tier: dict[str, list[BoardAccount]] = {t: [] for t in TIERS}
    for a in accounts:
        if a.tier in by_tier:
            by_tier[a.tier].append(a)
    out = []
    for t in TIERS:
        mine = sorted(by_tier[t], key=lambda a: (name_sort_key(a.name), a.account_id))
        out.append(Tier(t, tuple(mine), max(0, slots - len(mine)), max(0, len(mine) - slots)))
    return tuple(out)

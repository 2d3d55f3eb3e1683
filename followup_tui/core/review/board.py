"""The 5+5+5 board (seed 001): three tiers of `review.tier_slots` (5) accounts each.

Tier 1 (`big_below_potential`): big accounts below their potential; tier 2
(`some_business`): some business, below potential; tier 3 (`no_business`): no
business yet, big potential. A tier with fewer accounts shows its empty slots,
one with more is over-full by the surplus. The board lists the accounts (the
account's `tier` field, archived ones left out); `board_review` adds each account's
action plan for a year and expected against actual by month, per account and per
tier (`core.review.plan_track`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from followup_tui.core.base.kinds import TIERS
from followup_tui.core.base.text import name_sort_key
from followup_tui.core.review.action_plan import ActionPlan
from followup_tui.core.review.plan_track import Track, tier_track, track


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
    sort_key: str = ""  # the stored `name_sort_key` of the name ("" : made from the name)


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
        mine = sorted(by_tier[t], key=lambda a: (a.sort_key or name_sort_key(a.name), a.account_id))
        out.append(Tier(t, tuple(mine), max(0, slots - len(mine)), max(0, len(mine) - slots)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class BoardEntry:
    """An account on the board with its plan for the year and its track."""

    account: BoardAccount
    plan: ActionPlan
    track: Track


@dataclass(frozen=True, slots=True)
class BoardTier:
    """A tier of the board for a year: its accounts' plans and the tier's track."""

    tier: str
    entries: tuple[BoardEntry, ...]
    empty_slots: int
    over_by: int
    track: Track


@dataclass(frozen=True, slots=True)
class BoardReview:
    """The 5+5+5 board of a year, judged on `as_of`."""

    year: int
    as_of: date
    slots: int
    tiers: tuple[BoardTier, ...]
    track: Track  # the three tiers together


def board_review(
    accounts: Iterable[BoardAccount],
    plans: Mapping[int, ActionPlan],
    sales: Mapping[int, list[Decimal]],
    year: int,
    as_of: date,
    slots: int,
    tolerance_percent: float,
) -> BoardReview:
    """The board's tiers, each account with its plan (an empty one when none is saved)
    and its months; `sales` is `plan_track.sales_by_month` of the year."""
    tiers = []
    every_plan: dict[int, tuple[Decimal | None, ...]] = {}
    for t in board(accounts, slots):
        entries = []
        for a in t.accounts:
            plan = plans.get(a.account_id) or ActionPlan(a.account_id, year)
            every_plan[a.account_id] = plan.milestones
            got = sales.get(a.account_id)
            entries.append(
                BoardEntry(a, plan, track(year, plan.milestones, got, as_of, tolerance_percent))
            )
        mine = {e.account.account_id: e.plan.milestones for e in entries}
        tiers.append(
            BoardTier(
                t.tier,
                tuple(entries),
                t.empty_slots,
                t.over_by,
                tier_track(year, mine, sales, as_of, tolerance_percent),
            )
        )
    whole = tier_track(year, every_plan, sales, as_of, tolerance_percent)
    return BoardReview(year, as_of, slots, tuple(tiers), whole)

"""Where the reviews draw their lines: the `review:` block of settings.yaml.

Checked when the config loads (`config_check._check_review`): weights are shares
0..1, so a weighted amount never exceeds its amount; `move_up_min_orders` is at
least 1, so an account that bought nothing is never proposed to move up;
`plan_tolerance_percent` is 0..100 and `match_days` at least 0 (`core.review.plan_track`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from followup_tui.core.base.config import Settings

_FUNNEL = {"universe": 0.05, "above": 0.1, "in": 0.4, "best_few": 0.8}
_VERDICT = {"first_choice": 1.0, "contender": 0.6, "unknown": 0.4, "stand_in": 0.2, "out": 0.0}


@dataclass(frozen=True)
class ReviewConfig:
    """The reviews' thresholds and weights (shipped defaults for any missing key)."""

    stalled_days: int = 30
    effort_days: int = 14
    heat_fall_days: int = 30
    heat_fall_rows: int = 10
    goal_percent: float = 5.0
    tier_slots: int = 5
    funnel_weight: Mapping[str, float] = field(default_factory=lambda: MappingProxyType(_FUNNEL))
    verdict_weight: Mapping[str, float] = field(default_factory=lambda: MappingProxyType(_VERDICT))
    move_up_min_orders: int = 2
    move_up_min_reorder: float = 0.5
    drop_fall_percent: float = 50.0
    plan_tolerance_percent: float = 10.0
    match_days: int = 31


def review_config(settings: Settings) -> ReviewConfig:
    """The review lines of these settings."""
    block: Any = settings.data.get("review") or {}
    base = ReviewConfig()
    return ReviewConfig(
        stalled_days=int(block.get("stalled_days", base.stalled_days)),
        effort_days=int(block.get("effort_days", base.effort_days)),
        heat_fall_days=int(block.get("heat_fall_days", base.heat_fall_days)),
        heat_fall_rows=int(block.get("heat_fall_rows", base.heat_fall_rows)),
        goal_percent=float(block.get("goal_percent", base.goal_percent)),
        tier_slots=int(block.get("tier_slots", base.tier_slots)),
        funnel_weight=MappingProxyType(
            {**_FUNNEL, **{k: float(v) for k, v in (block.get("funnel_weight") or {}).items()}}
        ),
        verdict_weight=MappingProxyType(
            {**_VERDICT, **{k: float(v) for k, v in (block.get("verdict_weight") or {}).items()}}
        ),
        move_up_min_orders=int(block.get("move_up_min_orders", base.move_up_min_orders)),
        move_up_min_reorder=float(block.get("move_up_min_reorder", base.move_up_min_reorder)),
        drop_fall_percent=float(block.get("drop_fall_percent", base.drop_fall_percent)),
        plan_tolerance_percent=float(
            block.get("plan_tolerance_percent", base.plan_tolerance_percent)
        ),
        match_days=int(block.get("match_days", base.match_days)),
    )

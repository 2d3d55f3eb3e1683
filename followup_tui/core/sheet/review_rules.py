"""Where the deal review draws its lines: the `deal_review:` block of settings.yaml.

One frozen record read off the settings, so the verdict, the landmines and their
reasons quote the same numbers. A missing key (an older user file merged over
the shipped one never lacks it, but tests may build settings by hand) takes the
shipped default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from followup_tui.core.base.config import Settings
from followup_tui.core.base.derived import per_settings


@dataclass(frozen=True, slots=True)
class ReviewRules:
    """The thresholds of the verdict and of the landmines about people."""

    min_answered_percent: int = 50
    not_first_below: int = 0
    stand_in_at: int = -3
    contender_high_mines: int = 2
    stand_in_high_mines: int = 4
    against_high_at: int = -4
    against_high_influence_high_at: int = -2
    against_medium_at: int = -2
    against_high_influence_medium_at: int = -1
    find_first: int = 3

    def needed(self, counted: int) -> int:
        """How many of `counted` signals must be answered before we may say where we stand."""
        return -(-counted * self.min_answered_percent // 100)  # ceiling without floats

    def against_severity(self, rating: int, degree: str) -> str | None:
        """How bad a person rated `rating` is for us: high / medium / low, None when not against."""
        if rating >= 0:
            return None
        high = degree == "high"
        if rating <= self.against_high_at or (
            high and rating <= self.against_high_influence_high_at
        ):
            return "high"
        if rating <= self.against_medium_at or (
            high and rating <= self.against_high_influence_medium_at
        ):
            return "medium"
        return "low"


@per_settings
def review_rules(settings: Settings) -> ReviewRules:
    """The review thresholds of these settings (shipped defaults for any missing key)."""
    block: Any = settings.data.get("deal_review") or {}
    values = {f.name: int(block[f.name]) for f in fields(ReviewRules) if f.name in block}
    return ReviewRules(**values)

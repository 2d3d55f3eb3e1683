"""The reviews' word keys and amount format, in a module that imports nothing heavy.

The review screen names its tabs and proposals when key 4 is pressed, before any
tab's rules are imported (`review_tables` brings the year-end, pipeline and sheet
rules with it); the printed tables and the screen read the same keys from here.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

TABS = ("board", "pipeline", "health", "year-end", "heat", "activity")
# Each tab's, trend's and proposal's word in the `rev_` table.
TITLE_WORDS = {
    "board": "title_board",
    "pipeline": "title_pipeline",
    "health": "title_health",
    "year-end": "title_year_end",
    "heat": "title_heat",
    "activity": "title_activity",
    "team": "title_team",  # a manager's (core.review.team_view), not one of TABS
}
TREND_WORDS = {"rising": "trend_rising", "falling": "trend_falling", "steady": "trend_steady"}
PROPOSAL_WORDS = {
    "move_up": "proposal_move_up",
    "breaking_in": "proposal_breaking_in",
    "drop": "proposal_drop",
}


def money(value: Decimal | None) -> str:
    """An amount for people: '12,345.00'; '-' when unknown."""
    return "-" if value is None else f"{value:,.2f}"


def month_name(month: int, word: Callable[[str], str]) -> str:
    """A month (1..12) by its short name from the vocabulary: 'Mar', '3月'."""
    return word("months_short").split()[month - 1]
